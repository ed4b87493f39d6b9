package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/memset-order/memset-order/api/order"
)

// ApplyOptions is what `memset-order apply` needs.
type ApplyOptions struct {
	IO          *IOStreams
	Backend     BackendOptions
	JournalPath string
	// Path is the plan file.
	Path string
	// AcceptNewPrice orders at a fresh price that differs from the plan's.
	AcceptNewPrice bool
	DryRun, Yes    bool
	Wait           bool
	Output         string
	MaxPrice       string
	// Interactive: a person at a terminal may confirm by typing "order".
	Interactive bool
	LeaveWait   time.Duration
	Now         func() time.Time
	// Poll bounds the job.status backoff of --wait (default 1s → 10s).
	Poll order.Backoff
}

// newCmdApply is `memset-order apply FILE`; runF, when given, replaces
// runApply.
func newCmdApply(f *Factory, g *Globals, runF func(context.Context, *ApplyOptions) error) *cobra.Command {
	opts := &ApplyOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "apply FILE",
		Short: "Place an order saved with order --plan-out, if nothing changed since",
		Long: `Place the order saved in FILE by memset-order order … --plan-out FILE.
The order is checked again against the catalogue and your account and
priced again. It is refused, with what changed and nothing sent, when:

  - the plan was priced at another endpoint (a sandbox plan never orders for
    real, and a plan for one endpoint never orders at another);
  - its configuration no longer means the same request (a plan, OS or extra
    the catalogue no longer has);
  - the fresh price differs from the plan's (--accept-new-price orders at
    the new price).

Those refusals exit 5. A real order needs --yes; on a terminal without
--yes you are asked to type "order". --dry-run only checks and prices.`,
		Example: `  memset-order order monthly_miniserver --sku MSVM001 --os debian_jessie_64 --plan-out ms.plan
  memset-order apply ms.plan --dry-run
  memset-order apply ms.plan --yes --wait`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError(errors.New("give the plan FILE to apply (made with memset-order order … --plan-out FILE)"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := g.journal()
			if err != nil {
				return err
			}
			opts.Path = args[0]
			opts.Backend, opts.JournalPath, opts.LeaveWait = g.backend(f), path, LeaveWait
			opts.Interactive = interactive(f.IO)
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runApply(cmd.Context(), opts)
		},
	}
	addScriptFlags(cmd, &scriptFlags{DryRun: &opts.DryRun, Yes: &opts.Yes, Wait: &opts.Wait, Output: &opts.Output, MaxPrice: &opts.MaxPrice})
	cmd.Flags().BoolVar(&opts.AcceptNewPrice, "accept-new-price", false, "order even when the fresh price differs from the plan's")
	g.addGlobals(cmd, withJournal(backendFlags...)...)
	return cmd
}

// changedPlan is StatusPriceGuard for a plan that no longer holds.
func changedPlan(format string, args ...any) error {
	return &ExitError{Status: StatusPriceGuard, Err: fmt.Errorf(format, args...)}
}

// runApply re-checks, re-prices and (with --yes) places a saved plan.
func runApply(ctx context.Context, opts *ApplyOptions) error {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if err := checkOutput(opts.Output); err != nil {
		return err
	}
	if opts.Wait && opts.DryRun {
		return usageError(errors.New("--wait follows a real order's job; --dry-run orders nothing"))
	}
	limit, err := parseMaxPrice(opts.MaxPrice)
	if err != nil {
		return usageError(err)
	}
	plan, err := loadPlan(opts.Path)
	if err != nil {
		return err
	}
	planned, _ := plan.quote()
	cat, err := LoadCatalogue(opts.Backend.CatalogueFile)
	if err != nil {
		return err
	}
	a, err := plan.answers(cat)
	if err != nil {
		return changedPlan("the plan's configuration cannot be read: %s; nothing was sent", err)
	}
	o, errs := order.Build(cat, a)
	if len(errs) > 0 {
		return changedPlan("the plan no longer fits the catalogue (%s); nothing was sent. Make a new plan", joinErrs(errs))
	}
	p, _ := cat.Product(o.Product)
	if diff := paramChanges(plan.Params, o.Params(p)); len(diff) > 0 {
		return changedPlan("the plan's configuration would now be sent differently (%s); nothing was sent. Make a new plan", strings.Join(diff, "; "))
	}
	s, err := openSession(ctx, opts.IO, opts.Backend, opts.JournalPath)
	if err != nil {
		return err
	}
	defer s.close()
	if s.b.Endpoint != plan.Endpoint {
		return changedPlan("the plan was priced at %s, but this run would order at %s; nothing was sent. Make a new plan where you mean to order", describeEndpoint(plan.Endpoint, plan.Sandbox), describeEndpoint(s.b.Endpoint, s.b.Embedded))
	}
	dc, probs, err := s.check(ctx, o)
	if err != nil {
		return err
	}
	if len(probs) > 0 {
		return changedPlan("the plan can no longer be ordered (%s); nothing was sent", joinErrs(probs))
	}
	if err := s.paymentError(o); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "Asking %s for the price again…\n", where(s.b))
	q, err := s.quote(ctx, o)
	if err != nil {
		return err
	}
	out := scriptOut{poll: opts.Poll, io: opts.IO, json: opts.Output == "json", s: s, o: o, q: q, discount: dc}
	doc := out.priced()
	if diffs := order.Differences(planned, q); len(diffs) > 0 {
		if !opts.AcceptNewPrice {
			doc.Differences = diffs
			return out.refuse(doc, "price_changed", changedPlan("the price changed since the plan: %s; nothing was ordered. --accept-new-price orders at the new price", strings.Join(diffs, "; ")))
		}
		fmt.Fprintf(opts.IO.ErrOut, "The price changed since the plan (%s); ordering at the new price (--accept-new-price).\n", strings.Join(diffs, "; "))
	}
	if err := guard(limit, q); err != nil {
		return out.refuse(doc, "over_max_price", err)
	}
	if opts.DryRun {
		doc.Outcome = "priced"
		if err := out.show(doc); err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.ErrOut, "Nothing was ordered (--dry-run). To place it: memset-order apply %s --yes\n", shellQuote(oneLine(opts.Path)))
		return nil
	}
	if !opts.Yes {
		if !opts.Interactive || opts.Output != "text" {
			return usageError(errors.New("a real order needs --yes; --dry-run checks the plan and orders nothing"))
		}
		if err := out.show(doc); err != nil {
			return err
		}
		if err := confirmTyped(ctx, opts.IO); err != nil {
			return err
		}
	}
	return out.place(ctx, doc, opts.Wait, opts.LeaveWait, opts.JournalPath, opts.Now)
}

// describeEndpoint names an endpoint for a message.
func describeEndpoint(endpoint string, sandbox bool) string {
	if sandbox {
		return "the embedded sandbox"
	}
	return oneLine(endpoint)
}

// joinErrs is answer errors on one line.
func joinErrs(errs []order.AnswerError) string {
	parts := make([]string, len(errs))
	for i, e := range errs {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "; ")
}

// confirmTyped asks, on a terminal, for the word "order": a stray enter
// cannot place anything. ctrl+c (ctx) or anything else refuses.
func confirmTyped(ctx context.Context, s *IOStreams) error {
	fmt.Fprint(s.ErrOut, "Place this order? Type order and press enter (anything else cancels): ")
	line := make(chan string, 1)
	go func() {
		r := bufio.NewReader(s.In)
		l, _ := r.ReadString('\n')
		line <- strings.TrimSpace(l)
	}()
	select {
	case <-ctx.Done():
		fmt.Fprintln(s.ErrOut)
		return &ExitError{Status: StatusInterrupted, Err: errors.New("interrupted; nothing was ordered")}
	case l := <-line:
		if l != "order" {
			return &ExitError{Status: StatusInterrupted, Err: errors.New("not confirmed; nothing was ordered")}
		}
	}
	return nil
}
