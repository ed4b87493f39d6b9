package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/memset-order/memset-order/api/credentials"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/order"
)

// hostKeyName is the host key's file name in the state directory.
const hostKeyName = "ssh_host_ed25519_key"

// ServeOptions is what `memset-order serve` needs.
type ServeOptions struct {
	IO *IOStreams
	// Getenv is the server's own environment: only to warn that
	// MEMSET_API_KEY is ignored. A session's TERM, NO_COLOR and locale
	// come from the session.
	Getenv func(string) string
	// Listen is the address to listen on (127.0.0.1:0 picks a port).
	Listen string
	// HostKey is the ed25519 host key, created (0600) when missing; ""
	// is hostKeyName next to the journal's default.
	HostKey string
	// AuthorizedKeys lists the public keys allowed in (required).
	AuthorizedKeys string
	// MaxSessions caps the sessions served at once.
	MaxSessions int
	// IdleTimeout closes a session with nothing read or written for
	// this long (0: never).
	IdleTimeout time.Duration
	// ShutdownTimeout bounds how long running sessions are given to
	// finish once a signal asks the server to stop.
	ShutdownTimeout time.Duration
	// RealOrders lets sessions order for real, with the key in
	// Backend.APIKeyFile. Without it every session is on its own
	// embedded sandbox.
	RealOrders bool
	// StageDuration and AutoPay pace the sandbox sessions' jobs and
	// payments, as `memset-order sandbox` does.
	StageDuration, AutoPay time.Duration
	// Backend is the global flags: the key file and endpoint (with
	// RealOrders), the catalogue, the sandbox account, the debug log.
	Backend BackendOptions
	// JournalPath is the order journal, shared by every session.
	JournalPath string
	// Redact hides the API key from everything written.
	Redact *Redactor
	// LeaveWait bounds a session's wait, once it ends, for the answer to
	// an order still in flight.
	LeaveWait time.Duration

	// ready, when set, is told the address once the server listens.
	ready func(net.Addr)
	// poll, when set, bounds the sessions' job.status polling (tests).
	poll order.Backoff
}

// newCmdServe is `memset-order serve`.
func newCmdServe(f *Factory, g *Globals) *cobra.Command {
	opts := &ServeOptions{IO: f.IO, Getenv: f.Getenv, Redact: f.Redact, LeaveWait: LeaveWait}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the wizard over SSH",
		Long: `Serve the ordering wizard over SSH: each session gets a wizard of its own,
drawn for the session's terminal (its size, TERM, NO_COLOR and locale, as
the SSH client sends them). A session without a terminal (ssh -T, or a
pipe), or whose client asks for them (ACCESSIBLE=1 or TERM=dumb, e.g. ssh
-o SetEnv=ACCESSIBLE=1 -t), gets the line prompts instead. When a session
ends, what it did is written in it and in the server's log (stderr), one
line.

Only public keys get in: --authorized-keys lists them, one per line as in
~/.ssh/authorized_keys (options such as from= are not applied, so a line
with options is refused). The file is read again at every login, so a key
removed from it is refused from then on. The server will not start without
it: an SSH endpoint that lets anyone in is never what is wanted.

The host key (ed25519) is --host-key, created with mode 0600 when missing;
by default $XDG_STATE_HOME/memset-order/` + hostKeyName + `
(~/.local/state/memset-order/` + hostKeyName + `). Its fingerprint is
printed at start, for the clients' known_hosts.

Every session is on its own embedded SANDBOX, which says so on every
screen, unless --real-orders is given with --api-key-file: then sessions
order for real with that key (never with MEMSET_API_KEY alone), and the
journal records each order with the SSH user and the SHA256 fingerprint of
the key it logged in with (memset-order orders -o json shows them as
ssh_user and ssh_key). Sandbox orders are journalled the same way, marked
as sandbox orders.

At most --max-sessions sessions are served at once; one more is told so
and closed. A session with no key typed and nothing new on its screen for
--idle-timeout is closed, and told why (a job being followed keeps it
open).
SIGINT or SIGTERM stops the server gracefully: it stops accepting
connections and gives the running sessions --shutdown-timeout to finish
(a second signal closes them at once), then exits 0.`,
		Example: `  memset-order serve --authorized-keys ~/.ssh/authorized_keys
  ssh -p 2222 -t localhost
  memset-order serve --listen 0.0.0.0:2222 --authorized-keys team.keys \
    --real-orders --api-key-file ~/.config/memset-order/key`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.check(g); err != nil {
				return usageError(err)
			}
			opts.Backend = g.backend(f)
			// The key is never taken from the environment: only from
			// --api-key-file, with --real-orders.
			opts.Backend.Getenv = func(string) string { return "" }
			path, err := g.journal()
			if err != nil {
				return err
			}
			opts.JournalPath = path
			if opts.HostKey == "" {
				if opts.HostKey, err = defaultHostKey(); err != nil {
					return err
				}
			}
			return runServe(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Listen, "listen", "127.0.0.1:2222", "address to listen on")
	fl.StringVar(&opts.HostKey, "host-key", "", "host key PATH, created (ed25519, mode 0600) if missing (default $XDG_STATE_HOME/memset-order/"+hostKeyName+")")
	fl.StringVar(&opts.AuthorizedKeys, "authorized-keys", "", "the public keys allowed in: a file as ~/.ssh/authorized_keys is (required)")
	fl.IntVar(&opts.MaxSessions, "max-sessions", 16, "sessions served at once; one more is told so and closed")
	fl.DurationVar(&opts.IdleTimeout, "idle-timeout", 15*time.Minute, "close a session with no keys and no screen change for this long (0: never)")
	fl.DurationVar(&opts.ShutdownTimeout, "shutdown-timeout", 30*time.Second, "on SIGINT or SIGTERM, how long running sessions get to finish")
	fl.BoolVar(&opts.RealOrders, "real-orders", false, "let sessions order for real with the key in --api-key-file (default: each session on its own sandbox)")
	fl.DurationVar(&opts.StageDuration, "stage-duration", 2*time.Second, "sandbox sessions: time each job stage takes")
	fl.DurationVar(&opts.AutoPay, "autopay", 3*time.Second, "sandbox sessions: pay card and billing-account invoices this long after the order (0: never)")
	// --live is refused with a reason (check): taken, but not listed.
	g.addGlobals(cmd, withJournal(backendFlags...)...)
	_ = fl.MarkHidden(flagLive)
	return cmd
}

// check refuses flags that do not make sense together, before anything
// is opened: an exit status of 2.
func (o *ServeOptions) check(g *Globals) error {
	switch {
	case o.AuthorizedKeys == "":
		return errors.New("serve needs --authorized-keys PATH, the public keys allowed in (as in ~/.ssh/authorized_keys): " +
			"an SSH endpoint that lets anyone in is never what is wanted")
	case o.RealOrders && g.APIKeyFile == "":
		return errors.New("--real-orders needs --api-key-file PATH: the server never takes the key from MEMSET_API_KEY alone")
	case o.RealOrders && g.Sandbox:
		return errors.New("--real-orders and --sandbox contradict each other")
	case g.Live:
		return errors.New("serve does not take --live (it would ask for the key on this terminal): use --real-orders with --api-key-file")
	case !o.RealOrders && g.APIKeyFile != "":
		return errors.New("--api-key-file on serve needs --real-orders; without it every session is on its own embedded sandbox")
	case !o.RealOrders && g.APIURL != "":
		return errors.New("--api-url on serve needs --real-orders and --api-key-file; without them every session is on its own embedded sandbox")
	case !o.RealOrders && g.DebugLog != "":
		return errors.New("--debug-log on serve records the real API's traffic: it needs --real-orders")
	case o.MaxSessions < 1:
		return fmt.Errorf("--max-sessions %d: give at least 1", o.MaxSessions)
	case o.IdleTimeout < 0 || o.ShutdownTimeout < 0 || o.StageDuration < 0 || o.AutoPay < 0:
		return errors.New("--idle-timeout, --shutdown-timeout, --stage-duration and --autopay cannot be negative")
	}
	return nil
}

// defaultHostKey is hostKeyName in the directory of the journal's default
// path (the state directory).
func defaultHostKey() (string, error) {
	p, err := journal.DefaultPath()
	if err != nil {
		return "", err
	}
	return filepath.Join(filepath.Dir(p), hostKeyName), nil
}

// runServe serves the wizard over SSH until ctx ends, then stops as
// (*server).stop says.
func runServe(ctx context.Context, opts *ServeOptions) error {
	if !opts.RealOrders && opts.Getenv != nil && opts.Getenv(credentials.EnvVar) != "" {
		fmt.Fprintf(opts.IO.ErrOut, "note: %s is set and ignored: every session is on its own embedded sandbox (real orders need --real-orders and --api-key-file)\n", credentials.EnvVar)
	}
	sv, err := newServer(opts)
	if err != nil {
		return err
	}
	defer sv.close()
	ln, err := net.Listen("tcp", opts.Listen)
	if err != nil {
		return fmt.Errorf("--listen %s: %w", oneLine(opts.Listen), err)
	}
	sv.announce(ln.Addr())
	if opts.ready != nil {
		opts.ready(ln.Addr())
	}
	served := make(chan error, 1)
	go func() { served <- sv.srv.Serve(ln) }()
	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	sv.stop(opts.ShutdownTimeout)
	<-served
	return nil
}
