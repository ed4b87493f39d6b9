package cli

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/memset-order/memset-order/api/credentials"
	"github.com/memset-order/memset-order/api/sandbox"
)

// SandboxOptions is what `memset-order sandbox` needs.
type SandboxOptions struct {
	IO            *IOStreams
	Getenv        func(string) string
	Listen        string
	StageDuration time.Duration
	AutoPay       time.Duration
	// Faults are --fault specs, parsed by runSandbox.
	Faults []string
	// FailJobsAt makes every new job fail at this stage.
	FailJobsAt    string
	CatalogueFile string
	Account       string
	// MethodNames are --method-name specs (CANONICAL=SERVED), parsed by
	// runSandbox.
	MethodNames []string
}

// newCmdSandbox is `memset-order sandbox`; runF, when given, replaces
// runSandbox.
func newCmdSandbox(f *Factory, g *Globals, runF func(context.Context, *SandboxOptions) error) *cobra.Command {
	opts := &SandboxOptions{IO: f.IO, Getenv: f.Getenv}
	cmd := &cobra.Command{
		Use:   "sandbox",
		Short: "Serve the Memset API simulator over HTTP",
		Long: `Serve the embedded Memset sandbox over HTTP, for curl or any Memset client.

It serves the same methods through three interfaces, as Memset does, all
with HTTP Basic auth (the API key as user name, any password):

` + sandbox.DescribeInterfaces("") + `
On each, system.listMethods lists the methods it answers.

It accepts the key in MEMSET_API_KEY, or generates one and prints it. Jobs
move through their stages every --stage-duration; invoices are paid by the
default card or billing account --autopay after the order (0: never; bank
transfers always wait). Prices are samples. Its ids are the documented
example's (invoice 100291 first), the same on every run. It serves until
interrupted (ctrl+c), which is its normal end: the exit status is then 0.

It prints the address it is bound to (with the port the system chose for
:0). An address beyond loopback (0.0.0.0, a network address) is warned
about before it listens: anyone who can reach it can use the sandbox. A
client has 10s to send a request's headers and 10s more for its body, an
idle connection is closed after a minute, and at most 128 connections are
served at once. A client (IP address) with ten failed logins within a
minute is refused for a minute, except with the right key. --method-name
serves a method under another name (as a Memset whose real name for an
inferred method differs would), for trying memset-order doctor.`,
		Example: `  memset-order sandbox --listen 127.0.0.1:8080
  curl -u KEY: -d sku=MSVM001 -d os=debian_jessie_64 -d dry_run=1 \
    http://127.0.0.1:8080/v1/json/create.monthly_miniserver/
  curl -u KEY: -d '{"method": "system.listMethods", "id": 1}' \
    http://127.0.0.1:8080/v1/jsonrpc/
  python3 -c 'import xmlrpc.client as x; print(x.ServerProxy("http://KEY:@127.0.0.1:8080/v1/xmlrpc").system.listMethods())'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			opts.CatalogueFile, opts.Account = g.CatalogueFile, g.Account
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runSandbox(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Listen, "listen", "127.0.0.1:8080", "address to listen on")
	cmd.Flags().DurationVar(&opts.StageDuration, "stage-duration", 2*time.Second, "time each job stage takes")
	cmd.Flags().DurationVar(&opts.AutoPay, "autopay", 3*time.Second, "pay card and billing-account invoices this long after the order (0: never)")
	cmd.Flags().StringArrayVar(&opts.Faults, "fault", nil, "inject a fault, e.g. method=job.status,status=503,times=2 (fields: method, times, delay, status, drop, body); repeatable")
	cmd.Flags().StringVar(&opts.FailJobsAt, "fail-jobs-at", "", "make every new job fail in this stage (it is seen there for one stage duration, then FAILED), e.g. INSTALLING-OS")
	cmd.Flags().StringArrayVar(&opts.MethodNames, "method-name", nil, "serve a method under another name, CANONICAL=SERVED, e.g. create.openstack=create.openstack_project; repeatable")
	g.addGlobals(cmd, flagCatalogue, flagAccount)
	g.tolerate(cmd, f, flagDebugLog)
	return cmd
}

// runSandbox serves the sandbox until ctx ends. Its flags and the address
// are checked before the key is printed.
func runSandbox(ctx context.Context, opts *SandboxOptions) error {
	cat, err := LoadCatalogue(opts.CatalogueFile)
	if err != nil {
		return err
	}
	acct, err := sandbox.AccountPreset(accountName(opts.Account))
	if err != nil {
		return usageError(fmt.Errorf("--sandbox-account: %w", err))
	}
	if err := checkSandbox(opts, cat); err != nil {
		return err
	}
	acct.FailJobsAt = opts.FailJobsAt
	var parsed []sandbox.Fault
	for _, spec := range opts.Faults {
		ft, err := sandbox.ParseFault(spec)
		if err != nil {
			return usageError(fmt.Errorf("--fault %s: %w", quoteArg(spec), err))
		}
		parsed = append(parsed, ft)
	}
	sbOpts := []sandbox.Option{
		sandbox.WithCatalogue(cat), sandbox.WithAccount(acct),
		sandbox.WithStageDuration(opts.StageDuration), sandbox.WithAutoPay(opts.AutoPay),
	}
	for _, spec := range opts.MethodNames {
		canonical, served, err := sandbox.ParseMethodName(spec)
		if err != nil {
			return usageError(fmt.Errorf("--method-name: %w", err))
		}
		sbOpts = append(sbOpts, sandbox.WithMethodName(canonical, served))
	}
	out := opts.IO.Out
	getenv := opts.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	key, err := credentials.FromEnv(getenv)
	if err != nil {
		return err
	}
	if err := checkListen(opts.Listen); err != nil {
		return err
	}
	secret := key.Secret()
	if key.IsZero() {
		secret = RandomKey()
		fmt.Fprintf(out, "API key: %s (generated; set MEMSET_API_KEY to choose it)\n", secret)
	} else {
		// Never print a key the person supplied: it may be a real one.
		fmt.Fprintf(out, "API key: the value of %s (%s)\n", credentials.EnvVar, key)
	}
	sb := sandbox.New(append(sbOpts, sandbox.WithAPIKey(secret))...)
	for _, ft := range parsed {
		sb.AddFault(ft)
	}
	return sb.Serve(ctx, opts.Listen, out)
}
