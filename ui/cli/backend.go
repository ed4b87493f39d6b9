package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"

	xterm "github.com/charmbracelet/x/term"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/credentials"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// BackendOptions say which backend to talk to. They are plain values, so
// that any front end (a command, an SSH session) can fill them in.
type BackendOptions struct {
	// Sandbox forces the embedded sandbox even when a key is set.
	Sandbox bool
	// Live asks for the key on the terminal when none is set.
	Live bool
	// APIURL is the endpoint; "" means api.DefaultBaseURL. A non-empty
	// APIURL without a key is an error (it would silently be the sandbox).
	APIURL string
	// APIKeyFile is a file holding the key (mode 0600).
	APIKeyFile string
	// CatalogueFile replaces the built-in catalogue.
	CatalogueFile string
	// OverridesFile corrects method names and error types (api.Overrides);
	// "" reads the default file (DefaultOverridesPath) when it exists.
	OverridesFile string
	// DebugLog appends every request and answer (the key redacted).
	DebugLog string
	// Account is the embedded sandbox's demo account preset.
	Account string
	// UserAgent is the User-Agent header.
	UserAgent string
	// Getenv reads MEMSET_API_KEY (nil: os.Getenv).
	Getenv func(string) string
	// Redact, when given, learns the key once it is read (from the
	// environment, a key file or the prompt), so that no later line shows
	// it.
	Redact *Redactor
}

// KeyIO is where the key is asked for (with Live and no key set).
type KeyIO struct {
	In  io.Reader
	Out io.Writer
	// ReadPassword reads a line without echo; nil when there is no
	// terminal to ask on.
	ReadPassword func() ([]byte, error)
}

// Backend is what a command talks to, and how to describe it.
type Backend struct {
	Client    *api.Client
	Catalogue *model.Catalogue
	// Embedded is true for the embedded sandbox: it lives in this process,
	// so its invoices and jobs end with the program.
	Embedded bool
	// Endpoint is the API base URL (sandbox.BaseURL when Embedded).
	Endpoint string
	// AccountLabel names the key by its fingerprint and source ("" for
	// the embedded sandbox).
	AccountLabel string
	// Overrides are the overrides file's corrections, and OverridesFile
	// the file they came from ("" when none was read). They are applied
	// to the real API only: the embedded sandbox answers memset-order's
	// own names, so OverridesApplied is false there.
	Overrides        api.Overrides
	OverridesFile    string
	OverridesApplied bool

	closers []func() error
}

// Close closes the debug log, if one was opened.
func (b *Backend) Close() error {
	var errs []error
	for _, c := range b.closers {
		errs = append(errs, c())
	}
	b.closers = nil
	return errors.Join(errs...)
}

// ErrAPIURLNeedsKey: an endpoint was given without a key.
var ErrAPIURLNeedsKey = errors.New("--api-url needs an API key: set MEMSET_API_KEY or use --api-key-file (without a key the embedded sandbox is used)")

// errSandboxAPIURL: --sandbox with --api-url, which would be ignored (the
// embedded sandbox has no address); refused rather than ignored.
var errSandboxAPIURL = &ExitError{Status: StatusUsage, Err: errors.New(
	"--sandbox and --api-url contradict each other: --sandbox uses the embedded sandbox, which has no address; " +
		"to talk to a sandbox served by memset-order sandbox, give its address with --api-url alone")}

// Files the person names with a flag, and how messages name them.
var (
	catalogueFile = credentials.UserFile{Label: "--catalogue", Flag: "--catalogue"}
	debugLogFile  = credentials.UserFile{Label: "--debug-log", Flag: "--debug-log"}
)

// LoadCatalogue returns the built-in catalogue, or the one in path. A path
// that is not a regular file (a named pipe would block the read past
// ctrl+c) is refused before it is read.
func LoadCatalogue(path string) (*model.Catalogue, error) {
	if path == "" {
		return model.DefaultCatalogue(), nil
	}
	file, err := catalogueFile.OpenRead(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	c, err := model.LoadCatalogue(file)
	if err != nil {
		return nil, fmt.Errorf("--catalogue %s: %w", oneLine(path), err)
	}
	return c, nil
}

// ResolveKey finds the API key: the key file, then MEMSET_API_KEY, then
// (with Live, on a terminal) a hidden prompt, which gives PromptTries tries
// and leaves on ctrl+c, SIGINT or SIGTERM with an *ExitError of status
// StatusInterrupted. A zero Key means none.
func ResolveKey(o BackendOptions, kio KeyIO) (credentials.Key, error) {
	if o.APIKeyFile != "" {
		return credentials.FromFile(o.APIKeyFile)
	}
	getenv := o.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	k, err := credentials.FromEnv(getenv)
	if err != nil || !k.IsZero() || !o.Live {
		return k, err
	}
	if kio.ReadPassword == nil {
		return credentials.Key{}, errors.New("--live needs an API key: set MEMSET_API_KEY or use --api-key-file (no terminal to ask on)")
	}
	return promptKey(kio)
}

// promptKey asks for the key on the terminal until a well-formed one is
// typed, the tries run out, or ctrl+c, SIGINT or SIGTERM ends the prompt.
// The program's own signal handling only cancels a context nobody reads
// while the prompt waits, so the prompt listens for the signals itself,
// and puts the terminal back as it was (echo on) when it leaves the read
// behind.
func promptKey(kio KeyIO) (credentials.Key, error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if f, ok := kio.In.(interface{ Fd() uintptr }); ok {
		if st, err := xterm.GetState(f.Fd()); err == nil {
			defer func() { _ = xterm.Restore(f.Fd(), st) }()
		}
	}
	k, err := credentials.PromptContext(ctx, kio.In, kio.Out, kio.ReadPassword)
	if errors.Is(err, credentials.ErrInterrupted) {
		return k, &ExitError{Status: StatusInterrupted, Err: err}
	}
	return k, err
}

// OpenBackend picks the real API or the embedded sandbox (design §6): the
// real API (or APIURL) when a key is found, the embedded sandbox when none
// is or Sandbox is set. The embedded sandbox gets ids of its own on every
// call (a random job-id seed and first invoice reference), so that what one
// run prints is never another run's. Close the Backend when done.
//
// Sandbox with APIURL is refused (errSandboxAPIURL). The files named come
// next, so that a bad one is said before the key is
// asked for: the catalogue, the overrides file and the debug log. The
// overrides (method names and error types, LoadOverrides) are applied to
// the real API and to --api-url, never to the embedded sandbox, which
// answers memset-order's own names. The debug log holds what the
// account has (payment methods, servers, addresses), so it is private like
// the journal: created with mode 0600, never through a symbolic link, and
// refused when group or others can read it or it belongs to another user.
func OpenBackend(o BackendOptions, kio KeyIO) (_ *Backend, err error) {
	if o.Sandbox && o.APIURL != "" {
		return nil, errSandboxAPIURL
	}
	cat, err := LoadCatalogue(o.CatalogueFile)
	if err != nil {
		return nil, err
	}
	ua := userAgentOr(o.UserAgent)
	overridesPath := o.OverridesFile
	if overridesPath == "" {
		overridesPath = DefaultOverridesPath(o.getenv())
	}
	ov, found, err := LoadOverrides(overridesPath, o.OverridesFile != "")
	if err != nil {
		return nil, err
	}
	b := &Backend{Catalogue: cat, Overrides: ov}
	if found {
		b.OverridesFile = overridesPath
	}
	defer func() {
		if err != nil {
			b.Close()
		}
	}()
	opts := []api.Option{api.WithCatalogue(cat), api.WithUserAgent(ua)}
	if o.DebugLog != "" {
		lf, err := debugLogFile.OpenPrivate(o.DebugLog, os.O_WRONLY|os.O_APPEND|os.O_CREATE)
		if err != nil {
			return nil, err
		}
		b.closers = append(b.closers, lf.Close)
		opts = append(opts, api.WithDebugLog(lf))
	}
	var key credentials.Key
	if !o.Sandbox {
		if key, err = ResolveKey(o, kio); err != nil {
			return nil, err
		}
	}
	switch {
	case key.IsZero() && o.APIURL != "" && !o.Sandbox:
		return nil, ErrAPIURLNeedsKey
	case key.IsZero():
		acct, err := sandbox.AccountPreset(accountName(o.Account))
		if err != nil {
			return nil, fmt.Errorf("--sandbox-account: %w", err)
		}
		opts = append(opts, embeddedSandbox(cat, acct)...)
		b.Embedded, b.Endpoint = true, sandbox.BaseURL
	default:
		endpoint := o.APIURL
		if endpoint == "" {
			endpoint = api.DefaultBaseURL
		}
		o.Redact.Add(key.Secret())
		opts = append(opts, api.WithBaseURL(endpoint), api.WithAPIKey(key.Secret()), api.WithKeySource(key.Source.String()))
		opts = append(opts, ov.Options()...)
		b.Endpoint, b.OverridesApplied = endpoint, !ov.Empty()
		b.AccountLabel = fmt.Sprintf("key %s (from %s)", key, key.Source)
	}
	if b.Client, err = api.New(opts...); err != nil {
		return nil, clientError(err, o.APIURL != "")
	}
	return b, nil
}

// clientError says why the API client could not be set up, once and in
// words: api.New's errors start with its own name, and name the URL "base
// URL" where the person gave --api-url. The error underneath is kept.
func clientError(err error, flagURL bool) error {
	msg := strings.TrimPrefix(err.Error(), "api.New: ")
	if strings.HasPrefix(msg, "base URL ") {
		what := "the API URL "
		if flagURL {
			what = "--api-url "
		}
		msg = what + strings.TrimPrefix(msg, "base URL ")
	}
	return &wordedError{msg: msg, err: err}
}

// wordedError is err with a message for people.
type wordedError struct {
	msg string
	err error
}

func (e *wordedError) Error() string { return e.msg }
func (e *wordedError) Unwrap() error { return e.err }

// getenv is o.Getenv, or os.Getenv.
func (o BackendOptions) getenv() func(string) string {
	if o.Getenv != nil {
		return o.Getenv
	}
	return os.Getenv
}

// accountName is the preset name, "default" when none is given.
func accountName(n string) string {
	if n == "" {
		return "default"
	}
	return n
}

// firstInvoiceRef is where an embedded sandbox's invoice numbers start: a
// random number from 100000 to 8999999, so that two runs' numbers almost
// never meet.
func firstInvoiceRef() int { return 100_000 + mrand.IntN(8_900_000) }

// RandomKey returns 32 random hex digits (a key or seed for a sandbox).
func RandomKey() string {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("no randomness: " + err.Error())
	}
	return hex.EncodeToString(b[:])
}

// embeddedSandbox starts an embedded sandbox for one run (or one SSH
// session) and returns the client options that reach it in memory. It gets
// ids of its own (a random job-id seed and first invoice reference), so
// that what one run prints is never another run's; extra options (the
// pace of its jobs) come last.
func embeddedSandbox(cat *model.Catalogue, acct sandbox.Account, extra ...sandbox.Option) []api.Option {
	key := RandomKey()
	sb := sandbox.New(append([]sandbox.Option{sandbox.WithAPIKey(key), sandbox.WithCatalogue(cat), sandbox.WithAccount(acct),
		sandbox.WithIDSeed(RandomKey()), sandbox.WithFirstInvoiceRef(firstInvoiceRef())}, extra...)...)
	return []api.Option{api.WithBaseURL(sandbox.BaseURL), api.WithAPIKey(key), api.WithHTTPClient(&http.Client{Transport: sb.Transport()})}
}

// userAgentOr is ua, or memset-order/dev when none is given.
func userAgentOr(ua string) string {
	if ua == "" {
		return "memset-order/dev"
	}
	return ua
}

// openDesk opens the journal at path (marked as the sandbox's when b is
// the embedded one) and returns the order desk that records b's real
// orders in it: what every front end that orders needs. A journal for
// real orders is created and checked now, so that a journal that cannot
// be written is said before any answer is asked; the embedded sandbox's
// only when its first order is placed (journal.OpenLater), though what
// already exists there is checked now.
func (b *Backend) openDesk(path string) (*order.Desk, *journal.Journal, error) {
	open := journal.Open
	if b.Embedded {
		open = journal.OpenLater
	}
	j, err := open(path, journal.WithSandbox(b.Embedded))
	if err != nil {
		return nil, nil, err
	}
	return b.desk(j, journal.Origin{}), j, nil
}

// desk is the order desk for b, recording real orders in j with origin
// (who asked, for an SSH session).
func (b *Backend) desk(j *journal.Journal, origin journal.Origin) *order.Desk {
	return order.New(order.Config{Backend: b.Client, Catalogue: b.Catalogue, Endpoint: b.Endpoint,
		Journal: journal.OrderLog{Journal: j, Catalogue: b.Catalogue, Origin: origin}})
}
