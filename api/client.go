package api

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/memset-order/memset-order/model"
)

// DefaultBaseURL is the real Memset JSON API.
const DefaultBaseURL = "https://api.memset.com/v1/json"

// DefaultTimeout is the default time one attempt may take, answer included.
const DefaultTimeout = 30 * time.Second

// MaxBodyBytes is the most of an answer the client reads; a larger answer
// is a *ProtocolError.
const MaxBodyBytes = 1 << 20

// Client calls the Memset JSON API. It is safe for concurrent use. Build it
// with New.
type Client struct {
	base string
	http *http.Client
	cred *credentials // nil without a key
	// keyFrom names where the key came from, in a refused key's advice.
	keyFrom   string
	userAgent string
	timeout   time.Duration
	retry     RetryPolicy
	debug     *debugLog
	catalogue *model.Catalogue
	// overrides are the person's corrections of names (overrides.go).
	overrides overrides
	sleep     func(ctx context.Context, d time.Duration) error
	now       func() time.Time
	jitter    func(n int64) int64 // a random number in [0, n)
}

// credentials hold the key. They sit behind a pointer, so a Client value
// printed by mistake (fmt shows nested pointers as addresses) shows no key,
// and their own formatting methods hide them too.
type credentials struct {
	key  string
	auth string // the whole Authorization header value
	enc  string // the base64 part of auth
}

// String hides the credentials.
func (*credentials) String() string { return "[redacted]" }

// GoString hides the credentials.
func (*credentials) GoString() string { return "[redacted]" }

// New builds a client. With no options it talks to DefaultBaseURL without
// a key, retries reads with DefaultRetryPolicy and times out each attempt
// after DefaultTimeout. It fails on a bad base URL, on plain http:// to a
// host that is not loopback, on a base URL carrying credentials and on a key
// that is not 32 hex digits; no error repeats the key.
func New(opts ...Option) (*Client, error) {
	c := &Client{
		base:      DefaultBaseURL,
		userAgent: "memset-order/" + version(),
		timeout:   DefaultTimeout,
		retry:     DefaultRetryPolicy(),
		sleep:     sleepContext,
		now:       time.Now,
		jitter:    rand.Int64N,
	}
	hc := &http.Client{Transport: http.DefaultTransport}
	c.http = hc
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(c); err != nil {
			return nil, fmt.Errorf("api.New: %w", err)
		}
	}
	if c.catalogue == nil {
		c.catalogue = model.DefaultCatalogue()
	}
	// Never follow redirects: a redirected POST can be replayed (307/308)
	// or turned into a GET (302/303), and the answer must come from the
	// URL the order was sent to. Copy the caller's client so as not to
	// change it.
	cp := *c.http
	cp.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	c.http = &cp
	if c.debug != nil {
		c.debug.redact = c.redact
	}
	return c, nil
}

// setKey stores the key and the Authorization header built from it.
func (c *Client) setKey(key string) {
	enc := base64.StdEncoding.EncodeToString([]byte(key + ":"))
	c.cred = &credentials{key: key, auth: "Basic " + enc, enc: enc}
}

// Endpoint returns the base URL, for display. It never contains
// credentials.
func (c *Client) Endpoint() string { return c.base }

// Catalogue returns the catalogue the client maps products with.
func (c *Client) Catalogue() *model.Catalogue { return c.catalogue }

// String describes the client without its key.
func (c *Client) String() string { return "api.Client(" + c.base + ")" }

// GoString describes the client without its key.
func (c *Client) GoString() string { return c.String() }

// redact removes the key, in any letter case, and the Authorization value
// from text that came from outside or goes out to a log or an error.
func (c *Client) redact(s string) string {
	if c == nil || c.cred == nil {
		return s
	}
	s = replaceFold(s, c.cred.key, "[redacted]")
	return strings.ReplaceAll(s, c.cred.enc, "[redacted]")
}

// replaceFold replaces every ASCII-case-insensitive occurrence of old in s.
func replaceFold(s, old, repl string) string {
	if old == "" || len(s) < len(old) {
		return s
	}
	var b strings.Builder
	i, last := 0, 0
	for i+len(old) <= len(s) {
		if strings.EqualFold(s[i:i+len(old)], old) {
			b.WriteString(s[last:i])
			b.WriteString(repl)
			i += len(old)
			last = i
			continue
		}
		i++
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// sleepContext waits d or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// version is the main module's version, "dev" for a development build.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok {
		if v := bi.Main.Version; v != "" && v != "(devel)" {
			return strings.TrimPrefix(v, "v")
		}
	}
	return "dev"
}

// errNilClient is returned by methods called on a nil *Client.
var errNilClient = errors.New("api: nil *Client (build one with api.New)")

// usable checks the receiver and the context every exported method needs.
func (c *Client) usable(ctx context.Context) error {
	if c == nil {
		return errNilClient
	}
	if ctx == nil {
		return errors.New("api: nil context")
	}
	return nil
}
