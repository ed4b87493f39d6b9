// Command memset-order orders Memset hosting services from a terminal: a
// full-screen wizard that walks through service, plan, image, extras and
// discount to a reviewed, live-priced order, places it and follows its job to
// the end. Without an API key it runs against an embedded sandbox that speaks
// the real Memset wire protocol.
//
// This file is wiring only (design §1): the command tree, configuration, and
// picking the backend. Everything else lives in model, api and ui.
package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"syscall"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/fang/v2"
	"github.com/charmbracelet/colorprofile"
	xterm "github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/credentials"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// version is set at build time: go build -ldflags "-X main.version=v1.0.0".
var version = ""

// Exit codes beyond 0 (success) and 1 (an error).
const (
	exitOutcomeUnknown = 3 // a real create was sent and its answer lost
)

func main() {
	opts := []fang.Option{fang.WithNotifySignal(os.Interrupt, syscall.SIGTERM), fang.WithErrorHandler(errorHandler)}
	if version != "" {
		opts = append(opts, fang.WithVersion(version))
	}
	if err := fang.Execute(context.Background(), newRootCmd(), opts...); err != nil {
		var ec exitCodeError
		if errors.As(err, &ec) {
			os.Exit(ec.code)
		}
		os.Exit(1)
	}
}

// errorHandler prints a command's error like fang's default, but as
// written: fang capitalises the first letter, which would change what the
// user typed ("abc" is not a job id), and adds a full stop even after one.
func errorHandler(w io.Writer, styles fang.Styles, err error) {
	msg := err.Error()
	if !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") && !strings.HasSuffix(msg, "!") {
		msg += "."
	}
	for _, p := range []string{"unknown flag", "unknown shorthand flag", "unknown command", "flag needs an argument", "invalid argument", "accepts ", "requires "} {
		if strings.HasPrefix(msg, p) {
			msg += " Try --help for usage."
			break
		}
	}
	if !xterm.IsTerminal(os.Stderr.Fd()) {
		fmt.Fprintln(w, msg)
		return
	}
	fmt.Fprintln(w, styles.ErrorHeader.String())
	fmt.Fprintln(w, styles.ErrorText.UnsetTransform().Render(msg))
	fmt.Fprintln(w)
}

// exitCodeError carries a specific exit code through cobra.
type exitCodeError struct {
	code int
	err  error
}

func (e exitCodeError) Error() string { return e.err.Error() }
func (e exitCodeError) Unwrap() error { return e.err }

// flags are the options shared by every command that talks to Memset.
type flags struct {
	sandbox       bool
	live          bool
	apiURL        string
	apiKeyFile    string
	catalogueFile string
	journalPath   string
	debugLog      string
	account       string
}

func newRootCmd() *cobra.Command {
	f := &flags{}
	root := &cobra.Command{
		Use:   "memset-order",
		Short: "Order Memset hosting services from your terminal",
		Long: `memset-order walks you through ordering a Memset service — a Miniserver,
a dedicated server, Memstore, an OpenStack project or a bandwidth top-up —
with a live dry-run price, an explicit confirmation, and the setup job
followed to the end.

With MEMSET_API_KEY (or --api-key-file) it orders for real from
api.memset.com. Without a key it runs against an embedded SANDBOX that
speaks the same protocol with sample prices, so nothing is ever bought.`,
		Example: `  memset-order                      # the wizard, on the sandbox unless a key is set
  MEMSET_API_KEY=… memset-order     # the wizard, for real
  memset-order --live               # for real; asks for the key (hidden) if none is set
  memset-order sandbox              # the simulator over HTTP, for curl`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runWizard(cmd, f) },
	}
	pf := root.PersistentFlags()
	pf.BoolVar(&f.sandbox, "sandbox", false, "use the embedded sandbox even if an API key is set")
	pf.BoolVar(&f.live, "live", false, "use the real Memset API; ask for the key if none is set")
	pf.StringVar(&f.apiURL, "api-url", api.DefaultBaseURL, "Memset API base URL (https, or http to a loopback address)")
	pf.StringVar(&f.apiKeyFile, "api-key-file", "", "read the API key from PATH (must be readable by you only)")
	pf.StringVar(&f.catalogueFile, "catalogue", "", "load the catalogue from a JSON FILE instead of the built-in one")
	pf.StringVar(&f.journalPath, "journal", "", "order journal PATH (default $XDG_STATE_HOME/memset-order/orders.jsonl)")
	pf.StringVar(&f.debugLog, "debug-log", "", "append every API request and answer to FILE (the key is redacted)")
	pf.StringVar(&f.account, "sandbox-account", "default", "demo account of the embedded sandbox: "+presetList())
	root.MarkFlagsMutuallyExclusive("sandbox", "live")
	root.AddCommand(newSandboxCmd(f), newOrdersCmd(f), newJobCmd(f))
	return root
}

func presetList() string {
	s := ""
	for i, n := range sandbox.AccountPresetNames() {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}

// backend is what a command talks to, with how to describe it.
type backend struct {
	client       *api.Client
	catalogue    *model.Catalogue
	sandbox      bool
	endpoint     string
	accountLabel string
	closeLog     func()
}

// loadCatalogue returns the built-in catalogue or the one in --catalogue.
func loadCatalogue(f *flags) (*model.Catalogue, error) {
	if f.catalogueFile == "" {
		return model.DefaultCatalogue(), nil
	}
	file, err := os.Open(f.catalogueFile)
	if err != nil {
		return nil, fmt.Errorf("--catalogue: %w", err)
	}
	defer file.Close()
	c, err := model.LoadCatalogue(file)
	if err != nil {
		return nil, fmt.Errorf("--catalogue %s: %w", f.catalogueFile, err)
	}
	return c, nil
}

// resolveKey finds the API key: --api-key-file, then MEMSET_API_KEY, then
// (with --live, on a terminal) a masked prompt.
func resolveKey(cmd *cobra.Command, f *flags) (credentials.Key, error) {
	if f.apiKeyFile != "" {
		return credentials.FromFile(f.apiKeyFile)
	}
	k, err := credentials.FromEnv(os.Getenv)
	if err != nil || !k.IsZero() || !f.live {
		return k, err
	}
	fd := os.Stdin.Fd()
	if !xterm.IsTerminal(fd) {
		return credentials.Key{}, errors.New("--live needs an API key: set MEMSET_API_KEY or use --api-key-file (no terminal to ask on)")
	}
	return credentials.Prompt(cmd.InOrStdin(), cmd.ErrOrStderr(), func() ([]byte, error) { return xterm.ReadPassword(fd) })
}

// openBackend picks the real API or the embedded sandbox (design §6).
func openBackend(cmd *cobra.Command, f *flags) (*backend, error) {
	cat, err := loadCatalogue(f)
	if err != nil {
		return nil, err
	}
	b := &backend{catalogue: cat, closeLog: func() {}}
	opts := []api.Option{api.WithCatalogue(cat), api.WithUserAgent(userAgent())}
	if f.debugLog != "" {
		lf, err := os.OpenFile(f.debugLog, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
		if err != nil {
			return nil, fmt.Errorf("--debug-log: %w", err)
		}
		b.closeLog = func() { lf.Close() }
		opts = append(opts, api.WithDebugLog(lf))
	}
	var key credentials.Key
	if !f.sandbox {
		if key, err = resolveKey(cmd, f); err != nil {
			return nil, err
		}
	}
	if key.IsZero() && cmd.Flags().Changed("api-url") && !f.sandbox {
		b.closeLog()
		return nil, errors.New("--api-url needs an API key: set MEMSET_API_KEY or use --api-key-file (without a key the embedded sandbox is used)")
	}
	if key.IsZero() {
		acct, err := sandbox.AccountPreset(f.account)
		if err != nil {
			return nil, fmt.Errorf("--sandbox-account: %w", err)
		}
		sbKey := randomKey()
		sb := sandbox.New(sandbox.WithAPIKey(sbKey), sandbox.WithCatalogue(cat), sandbox.WithAccount(acct))
		opts = append(opts,
			api.WithBaseURL(sandbox.BaseURL),
			api.WithAPIKey(sbKey),
			api.WithHTTPClient(&http.Client{Transport: sb.Transport()}))
		b.sandbox, b.endpoint = true, sandbox.BaseURL
	} else {
		opts = append(opts, api.WithBaseURL(f.apiURL), api.WithAPIKey(key.Secret()))
		b.endpoint = f.apiURL
		b.accountLabel = fmt.Sprintf("key %s (from %s)", key, key.Source)
	}
	if b.client, err = api.New(opts...); err != nil {
		b.closeLog()
		return nil, err
	}
	return b, nil
}

func userAgent() string {
	v := version
	if v == "" {
		v = "dev"
	}
	return "memset-order/" + v
}

// openJournal opens the order journal at --journal or the default path.
func openJournal(f *flags, sandboxed bool) (*journal.Journal, error) {
	path, err := journalPath(f)
	if err != nil {
		return nil, err
	}
	return journal.Open(path, journal.WithSandbox(sandboxed))
}

func runWizard(cmd *cobra.Command, f *flags) error {
	b, err := openBackend(cmd, f)
	if err != nil {
		return err
	}
	defer b.closeLog()
	j, err := openJournal(f, b.sandbox)
	if err != nil {
		return err
	}
	noColor := os.Getenv("NO_COLOR") != ""
	cfg := ui.Config{
		Backend:      b.client,
		Catalogue:    b.catalogue,
		Sandbox:      b.sandbox,
		Endpoint:     b.endpoint,
		AccountLabel: b.accountLabel,
		Journal:      journal.OrderLog{Journal: j, Catalogue: b.catalogue},
		NoColor:      noColor,
	}
	final, err := tea.NewProgram(ui.New(cfg), programOptions(cmd.Context(), noColor)...).Run()
	m, ok := final.(ui.Model)
	if !ok {
		if err != nil {
			return fmt.Errorf("the wizard stopped: %w", err)
		}
		return errors.New("the wizard stopped unexpectedly")
	}
	if err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, context.Canceled) {
		// The summary below still says what was ordered, if anything.
		fmt.Fprintln(cmd.ErrOrStderr(), "the wizard stopped:", err)
	}
	return summarize(cmd.OutOrStdout(), m.Result(), b.sandbox, j.Path())
}

// summarize prints what the wizard did, so that the invoice reference and
// job id stay in the terminal's scrollback after the full screen closes.
func summarize(w io.Writer, r ui.Result, sandboxed bool, journalPath string) error {
	where := ""
	if sandboxed {
		where = " (SANDBOX: nothing was bought)"
	}
	switch {
	case r.Err != nil && api.IsOutcomeUnknown(r.Err):
		fmt.Fprintf(w, "The order may or may not have been placed%s: its answer was lost.\n%v\n", where, r.Err)
		if len(r.Candidates) > 0 {
			fmt.Fprintf(w, "Invoices that may be this order: %s.\n", joinInts(r.Candidates))
		}
		fmt.Fprintf(w, "Do not order again before checking your invoices; the attempt is in %s.\n", journalPath)
		return exitCodeError{exitOutcomeUnknown, errors.New("order outcome unknown")}
	case r.Err != nil && !r.Placed:
		return fmt.Errorf("nothing was ordered%s: %w", where, r.Err)
	case !r.Placed:
		fmt.Fprintln(w, "Nothing was ordered.")
		return nil
	}
	fmt.Fprintf(w, "Ordered%s: invoice %d, job %s.\n", where, r.InvoiceRef, r.JobID)
	switch r.State {
	case model.JobDone:
		fmt.Fprintf(w, "Set-up finished: your new service is %s.\n", r.Service)
	case model.JobFailed:
		fmt.Fprintf(w, "The set-up job failed. Quote job %s to Memset support.\n", r.JobID)
		return exitCodeError{1, errors.New("set-up job failed")}
	default:
		fmt.Fprintf(w, "The set-up job is %s.\n%s\n", r.State, ui.ResumeHint(r.JobID))
	}
	return nil
}

// journalPath is --journal or the default journal path.
func journalPath(f *flags) (string, error) {
	if f.journalPath != "" {
		return f.journalPath, nil
	}
	return journal.DefaultPath()
}

func newOrdersCmd(f *flags) *cobra.Command {
	var output string
	cmd := &cobra.Command{
		Use:   "orders",
		Short: "List the orders in the local journal, newest first",
		Long: `List every real order this machine placed, newest first, from the local
journal: what was ordered, where, and its invoice reference and job id.
An order whose answer was lost is shown as OUTCOME UNKNOWN: check your
invoices before ordering it again.`,
		Example: `  memset-order orders
  memset-order orders -o json | jq '.[0].job_id'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if output != "table" && output != "json" {
				return fmt.Errorf("output format %q is not known: use table or json", output)
			}
			path, err := journalPath(f)
			if err != nil {
				return err
			}
			res, err := journal.Read(path)
			if err != nil {
				return err
			}
			if res.Damaged > 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "warning: %d damaged line(s) in %s were skipped\n", res.Damaged, path)
			}
			if output == "json" {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				recs := res.Records
				if recs == nil {
					recs = []journal.Record{}
				}
				return enc.Encode(recs)
			}
			return ui.WriteOrders(cmd.OutOrStdout(), res.Records)
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "table", "output format: table or json")
	return cmd
}

func newJobCmd(f *flags) *cobra.Command {
	job := &cobra.Command{
		Use:   "job",
		Short: "Work with Memset jobs",
		Args:  cobra.NoArgs,
	}
	follow := &cobra.Command{
		Use:   "follow ID",
		Short: "Follow a job to the end, with the wizard's stages view",
		Long: `Follow a Memset job (32 hex digits) until it finishes, showing its stages
and how long each took. q or ctrl+c leaves at once: the job goes on at
Memset, and the command to resume is printed. Job ids are in the output of
the wizard and of 'memset-order orders'.`,
		Example: `  memset-order job follow 739c99f25ed8d13e48ba94ec6a4a0102`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runFollow(cmd, f, args[0])
		},
	}
	job.AddCommand(follow)
	return job
}

func runFollow(cmd *cobra.Command, f *flags, id string) error {
	if !model.ValidJobID(id) {
		return fmt.Errorf("%q is not a job id: a job id is 32 lower-case hexadecimal digits", clip(id, 40))
	}
	b, err := openBackend(cmd, f)
	if err != nil {
		return err
	}
	defer b.closeLog()
	if b.sandbox {
		return errors.New("the embedded sandbox starts empty on every run, so it knows no earlier job; " +
			"follow real jobs with MEMSET_API_KEY set, or a sandbox server's jobs with --api-url and its key")
	}
	cfg := ui.FollowConfig{Backend: b.client, Catalogue: b.catalogue, JobID: id, NoColor: os.Getenv("NO_COLOR") != ""}
	// The journal, when it has this job, names its product and invoice.
	if path, err := journalPath(f); err == nil {
		if res, err := journal.Read(path); err == nil {
			for _, r := range res.Records {
				if r.JobID == id {
					cfg.Product, cfg.InvoiceRef = model.ProductID(r.Product), r.InvoiceRef
					break
				}
			}
		}
	}
	final, err := tea.NewProgram(ui.NewFollow(cfg), programOptions(cmd.Context(), cfg.NoColor)...).Run()
	m, ok := final.(ui.FollowModel)
	if !ok {
		if err != nil {
			return fmt.Errorf("following stopped: %w", err)
		}
		return errors.New("following stopped unexpectedly")
	}
	r := m.Result()
	fmt.Fprintln(cmd.OutOrStdout(), r.Summary())
	switch {
	case r.Err != nil:
		return exitCodeError{1, r.Err}
	case r.State == model.JobFailed:
		return exitCodeError{1, errors.New("the job failed")}
	}
	return nil
}

// programOptions are the Bubble Tea options every full-screen command uses.
func programOptions(ctx context.Context, noColor bool) []tea.ProgramOption {
	opts := []tea.ProgramOption{tea.WithContext(ctx)}
	if noColor {
		// Bubble Tea only honours NO_COLOR values that parse as booleans;
		// no-color.org says any non-empty value counts.
		opts = append(opts, tea.WithColorProfile(colorprofile.ASCII))
	}
	return opts
}

// joinInts lists numbers for people: "100291, 100292".
func joinInts(ns []int) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = fmt.Sprint(n)
	}
	return strings.Join(parts, ", ")
}

// clip shortens s for an error message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func newSandboxCmd(f *flags) *cobra.Command {
	var (
		listen  string
		stage   time.Duration
		autopay time.Duration
		faults  []string
		failAt  string
	)
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: "Serve the Memset API simulator over HTTP",
		Long: `Serve the embedded Memset sandbox over HTTP, for curl or any Memset client.

It accepts the key in MEMSET_API_KEY, or generates one and prints it. Jobs
move through their stages every --stage-duration; invoices are paid by the
default card or billing account --autopay after the order (0: never; bank
transfers always wait). Prices are samples.`,
		Example: `  memset-order sandbox --listen 127.0.0.1:8080
  curl -u KEY: -d sku=MSVM001 -d os=debian_jessie_64 -d dry_run=1 \
    http://127.0.0.1:8080/v1/json/create.monthly_miniserver/`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cat, err := loadCatalogue(f)
			if err != nil {
				return err
			}
			acct, err := sandbox.AccountPreset(f.account)
			if err != nil {
				return fmt.Errorf("--sandbox-account: %w", err)
			}
			acct.FailJobsAt = failAt
			var parsed []sandbox.Fault
			for _, spec := range faults {
				ft, err := sandbox.ParseFault(spec)
				if err != nil {
					return fmt.Errorf("--fault %q: %w", spec, err)
				}
				parsed = append(parsed, ft)
			}
			out := cmd.OutOrStdout()
			key, err := credentials.FromEnv(os.Getenv)
			if err != nil {
				return err
			}
			secret := key.Secret()
			if key.IsZero() {
				secret = randomKey()
				fmt.Fprintf(out, "API key: %s (generated; set MEMSET_API_KEY to choose it)\n", secret)
			} else {
				// Never print a key the user supplied: it may be a real one.
				fmt.Fprintf(out, "API key: the value of %s (%s)\n", credentials.EnvVar, key)
			}
			sb := sandbox.New(
				sandbox.WithAPIKey(secret), sandbox.WithCatalogue(cat), sandbox.WithAccount(acct),
				sandbox.WithStageDuration(stage), sandbox.WithAutoPay(autopay))
			for _, ft := range parsed {
				sb.AddFault(ft)
			}
			return sb.Serve(cmd.Context(), listen, out)
		},
	}
	cmd.Flags().StringVar(&listen, "listen", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().DurationVar(&stage, "stage-duration", 2*time.Second, "time each job stage takes")
	cmd.Flags().DurationVar(&autopay, "autopay", 3*time.Second, "pay card and billing-account invoices this long after the order (0: never)")
	cmd.Flags().StringArrayVar(&faults, "fault", nil, "inject a fault, e.g. method=job.status,status=503,times=2 (fields: method, times, delay, status, drop, body); repeatable")
	cmd.Flags().StringVar(&failAt, "fail-jobs-at", "", "make every new job fail when it reaches this stage, e.g. INSTALLING-OS")
	return cmd
}

// randomKey returns a fresh 32-hex key for a sandbox.
func randomKey() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("no randomness: " + err.Error())
	}
	return hex.EncodeToString(b[:])
}
