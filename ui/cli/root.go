package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
	"github.com/memset-order/memset-order/ui/prompt"
)

// LeaveWait is how long the wizard waits, once it has ended, for Memset's
// answer to an order still in flight.
const LeaveWait = 5 * time.Second

// WizardOptions is what the wizard (`memset-order`) needs.
type WizardOptions struct {
	IO      *IOStreams
	Backend BackendOptions
	// JournalPath is the order journal.
	JournalPath string
	NoColor     bool
	Run         ProgramRunner
	// LeaveWait bounds the wait for an answer in flight at the end.
	LeaveWait time.Duration
	// Redact hides the active API key from the screen (nil: nothing).
	Redact *Redactor
	// Start opens the wizard on this order, part answered (`order` on a
	// terminal with answers missing).
	Start *model.Order
	// Accessible asks for the line prompts (--accessible) instead of the
	// full screen; ACCESSIBLE or TERM=dumb, read with Getenv, ask too.
	Accessible bool
	// Getenv reads the environment of the person at the keyboard (the
	// Factory's; an SSH session passes its own). Nil reads
	// Backend.Getenv.
	Getenv func(string) string
}

// NewCmdRoot is the command tree: the wizard, and its subcommands orders
// (with settle), job follow and sandbox.
func NewCmdRoot(f *Factory) *cobra.Command {
	return newCmdRoot(f, nil)
}

// newCmdRoot builds the tree; runF, when given, replaces the wizard's run
// (tests stop there, after the flags are parsed).
func newCmdRoot(f *Factory, runF func(context.Context, *WizardOptions) error) *cobra.Command {
	g := &Globals{}
	accessible := false
	root := &cobra.Command{
		Use:   "memset-order",
		Short: "Order Memset hosting services from your terminal",
		Long: `memset-order walks you through ordering a Memset service — a Miniserver,
a dedicated server, Memstore, an OpenStack project or a bandwidth top-up —
with a live dry-run price, an explicit confirmation, and the setup job
followed to the end.

With MEMSET_API_KEY (or --api-key-file) it orders for real from
api.memset.com. Without a key it runs against an embedded SANDBOX that
speaks the same protocol with sample prices, so nothing is ever bought.

Exit statuses, the same for every command:
` + statusHelp(),
		Example: `  memset-order                      # the wizard, on the sandbox unless a key is set
  MEMSET_API_KEY=… memset-order     # the wizard, for real
  memset-order --live               # for real; asks for the key (hidden) if none is set
  memset-order sandbox              # the simulator over HTTP, for curl`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			path, err := g.journal()
			if err != nil {
				return err
			}
			opts := &WizardOptions{IO: f.IO, Backend: g.backend(f), JournalPath: path, NoColor: f.noColor(), Run: f.Run, LeaveWait: LeaveWait, Redact: f.Redact,
				Accessible: accessible, Getenv: f.Getenv}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runWizard(cmd.Context(), opts)
		},
	}
	root.SetIn(f.IO.In)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError(err) })
	root.Flags().BoolVar(&accessible, "accessible", false, "plain numbered prompts for screen readers and dumb terminals; also ACCESSIBLE=1 or TERM=dumb")
	g.addGlobals(root, withJournal(backendFlags...)...)
	orderCmd, applyCmd, ordersCmd, jobCmd := newCmdOrder(f, g, nil), newCmdApply(f, g, nil), newCmdOrders(f, g, nil), newCmdJob(f, g)
	root.AddCommand(orderCmd, applyCmd, newCmdCatalogue(f, g), newCmdSandbox(f, g, nil), ordersCmd, jobCmd, newCmdServe(f, g), newCmdDoctor(f, g, nil))
	completeOrder(orderCmd, f, g)
	completePlanFiles(applyCmd)
	for _, c := range append(jobCmd.Commands(), ordersCmd.Commands()...) {
		switch c.Name() {
		case "follow":
			completeJobIDs(c, f, g)
		case "settle":
			completeEntryIDs(c, f, g)
		}
	}
	return root
}

// statusHelp is the exit-status table for --help.
func statusHelp() string {
	var b strings.Builder
	for _, s := range Statuses {
		fmt.Fprintf(&b, "  %3d  %s\n", int(s.Status), s.Meaning)
	}
	return strings.TrimRight(b.String(), "\n")
}

// noArgs is cobra.NoArgs as a usage error.
func noArgs(cmd *cobra.Command, args []string) error { return usageError(cobra.NoArgs(cmd, args)) }

// errWizardNeedsTerminal refuses to open the wizard where there is no
// terminal to draw it on, and names the command for scripts.
var errWizardNeedsTerminal = &ExitError{Status: StatusUsage, Err: errors.New(
	"the wizard needs a terminal, and there is none here: from a script, price an order with " +
		"memset-order order PRODUCT … --dry-run -o json, and place it with --yes instead of --dry-run")}

// runWizard runs the wizard and, once its screen has closed, prints what
// it did (summarize) so that it stays in the terminal's scrollback. With
// stdout a pipe or a file the screen is drawn on the controlling terminal
// and the summary goes to stdout; without any terminal it refuses at once
// (errWizardNeedsTerminal), before asking for a key or reading the
// journal. In accessible mode (--accessible, ACCESSIBLE, TERM=dumb) the
// same flow is plain numbered prompts on stdin and stdout (ui/prompt),
// which need no terminal, and ends with the same summary.
func runWizard(ctx context.Context, opts *WizardOptions) error {
	// The files and the key are checked first: what is wrong with them is
	// said whether or not there is a terminal.
	b, err := OpenBackend(opts.Backend, opts.IO.keyIO())
	if err != nil {
		return err
	}
	defer b.Close()
	getenv := opts.Getenv
	if getenv == nil {
		getenv = opts.Backend.Getenv
	}
	lines := prompt.Wanted(opts.Accessible, getenv)
	if !lines && !opts.IO.hasTerminal() {
		return errWizardNeedsTerminal
	}
	desk, j, err := b.openDesk(opts.JournalPath)
	if err != nil {
		return err
	}
	cfg := ui.Config{
		Backend:      b.Client,
		Catalogue:    b.Catalogue,
		Sandbox:      b.Embedded,
		Ephemeral:    b.Embedded,
		Endpoint:     b.Endpoint,
		AccountLabel: b.AccountLabel,
		Desk:         desk,
		NoColor:      opts.NoColor,
		ASCII:        !ui.UTF8Locale(getenv),
		Start:        opts.Start,
	}
	if opts.Redact != nil {
		cfg.Redact = opts.Redact.Redact
	}
	var res ui.Result
	var interrupted bool
	if lines {
		res, err = prompt.Run(ctx, prompt.Config{In: opts.IO.In, Out: opts.IO.Out, Backend: cfg.Backend, Desk: desk,
			Catalogue: cfg.Catalogue, Sandbox: cfg.Sandbox, Ephemeral: cfg.Ephemeral, Endpoint: cfg.Endpoint,
			AccountLabel: cfg.AccountLabel, Start: cfg.Start, ASCII: cfg.ASCII})
		interrupted = ctx.Err() != nil || res.Interrupted
		if err != nil {
			fmt.Fprintln(opts.IO.ErrOut, "the line prompts stopped:", errText(err))
		}
	} else {
		m, stopped, err := runScreen[ui.Model](ctx, opts.Run, ui.New(cfg), opts.IO, opts.NoColor, "the wizard")
		if errors.Is(err, errNoTerminal) {
			return errWizardNeedsTerminal
		}
		if err != nil {
			return err
		}
		res, interrupted = m.Result(), stopped
	}
	return summarize(ctx, opts.IO, wizardEnd{
		Result:      res,
		Desk:        desk,
		Interrupted: interrupted || res.Interrupted,
		Embedded:    b.Embedded,
		Endpoint:    b.Endpoint,
		JournalPath: j.Path(),
		Wait:        opts.LeaveWait,
	})
}

// runScreen runs a full-screen program (run, or RunProgram) and returns
// its final model. A program that stopped with an error still returns its
// model, so that the summary can say what was ordered; the error is printed
// unless it is an interruption, which interrupted reports. A program that
// could not start for want of a terminal returns errNoTerminal, for the
// caller to say what to do instead.
func runScreen[M tea.Model](ctx context.Context, run ProgramRunner, m M, s *IOStreams, noColor bool, what string) (final M, interrupted bool, err error) {
	if run == nil {
		run = RunProgram
	}
	out, err := run(ctx, m, s, noColor)
	if noTerminal(err) {
		return final, false, errNoTerminal
	}
	final, ok := out.(M)
	if !ok {
		if err != nil {
			return final, false, fmt.Errorf("%s stopped: %w", what, err)
		}
		return final, false, errors.New(what + " stopped unexpectedly")
	}
	interrupted = interruptedBy(ctx, err)
	if err != nil && !interrupted {
		fmt.Fprintln(s.ErrOut, what+" stopped:", errText(err))
	}
	return final, interrupted, nil
}

// interruptedBy reports whether a program ended because of a signal: ctx
// was cancelled (fang's signal handling) or Bubble Tea saw SIGINT.
func interruptedBy(ctx context.Context, err error) bool {
	return ctx.Err() != nil || errors.Is(err, tea.ErrInterrupted) || errors.Is(err, context.Canceled)
}

// noTerminal reports whether a program could not start for want of a
// terminal: errNoTerminal (RunProgram), or Bubble Tea's own failure to
// open /dev/tty ("could not open TTY"), which has no error value to match.
func noTerminal(err error) bool {
	return err != nil && (errors.Is(err, errNoTerminal) || strings.Contains(err.Error(), "could not open TTY"))
}
