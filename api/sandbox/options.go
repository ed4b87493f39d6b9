package sandbox

import (
	"time"

	"github.com/memset-order/memset-order/model"
)

// Option configures a Sandbox in New.
type Option func(*Sandbox)

// WithCatalogue makes the sandbox sell c instead of model.DefaultCatalogue().
// A nil catalogue keeps the default.
func WithCatalogue(c *model.Catalogue) Option {
	return func(s *Sandbox) {
		if c != nil {
			s.cat = c
		}
	}
}

// WithAPIKey sets the one API key the sandbox accepts (Memset keys are 32
// hex digits). Without it every request is refused as not authenticated.
func WithAPIKey(key string) Option { return func(s *Sandbox) { s.apiKey = key } }

// WithClock makes the sandbox read time from c instead of the wall clock.
// A nil clock keeps the wall clock.
func WithClock(c Clock) Option {
	return func(s *Sandbox) {
		if c != nil {
			s.clock = c
		}
	}
}

// WithAccount sets the account the sandbox answers for (default
// DefaultAccount()). The account is copied.
func WithAccount(a Account) Option { return func(s *Sandbox) { s.acct = a.clone() } }

// WithStageDuration sets how long a job spends in each stage (default 2s).
// Zero or less makes a paid job finish at once.
func WithStageDuration(d time.Duration) Option {
	return func(s *Sandbox) { s.stageDur = max(d, 0) }
}

// WithAutoPay makes invoices that await payment be paid d after they were
// raised (default 3s) when the default payment method is a card or billing
// account, which Memset charges by itself; an invoice to be paid by bank
// transfer or cheque waits for PayInvoice. Zero or less means never: tests
// then pay with PayInvoice.
func WithAutoPay(d time.Duration) Option {
	return func(s *Sandbox) { s.autoPay = max(d, 0) }
}

// WithMaxBody sets the largest request body (and query string) accepted, in
// bytes (default 64 KiB). Values below 1 keep the default.
func WithMaxBody(n int64) Option {
	return func(s *Sandbox) {
		if n > 0 {
			s.maxBody = n
		}
	}
}

// WithIDSeed sets the seed of job ids: the n-th job's id is the first 32
// hex digits of SHA-256(seed + ":" + n), so runs with the same seed give the
// same ids (default "memset-order sandbox").
func WithIDSeed(seed string) Option { return func(s *Sandbox) { s.idSeed = seed } }

// WithFirstInvoiceRef sets the reference of the first invoice the sandbox
// raises; later ones count up from it (default 100291, the documented
// example's invoice_ref). Values below 1 keep the default. A sandbox that
// lives only as long as one program gives each run its own range, so that
// an invoice number printed by one run is never another run's.
func WithFirstInvoiceRef(n int) Option {
	return func(s *Sandbox) {
		if n > 0 {
			s.nextRef = n
		}
	}
}

// ServeOption sets one of the limits of Serve's HTTP server. Each has a
// default fit for a sandbox on a shared machine; values of 0 or less keep it.
type ServeOption func(*serveConfig)

// WithHeaderTimeout sets how long a client has to send a request's line and
// headers (default 10s).
func WithHeaderTimeout(d time.Duration) ServeOption {
	return func(c *serveConfig) {
		if d > 0 {
			c.headerTimeout = d
		}
	}
}

// WithBodyTimeout sets how long a client has, after the headers, to send
// the request's body (default 10s); a body that is late is refused
// (ApiErrorBadParameters).
// It covers only the body: an answer held back by a Delay fault is not cut
// short.
func WithBodyTimeout(d time.Duration) ServeOption {
	return func(c *serveConfig) {
		if d > 0 {
			c.bodyTimeout = d
		}
	}
}

// WithIdleTimeout sets how long a kept-alive connection may wait for its
// next request (default 60s).
func WithIdleTimeout(d time.Duration) ServeOption {
	return func(c *serveConfig) {
		if d > 0 {
			c.idleTimeout = d
		}
	}
}

// WithMaxHeaderBytes sets the most bytes of request line and headers read
// (default 64 KiB; net/http allows a little more).
func WithMaxHeaderBytes(n int) ServeOption {
	return func(c *serveConfig) {
		if n > 0 {
			c.maxHeaderBytes = n
		}
	}
}

// WithMaxConns sets how many connections are served at once (default 128).
// Further connections wait, unanswered, until one of those closes.
func WithMaxConns(n int) ServeOption {
	return func(c *serveConfig) {
		if n > 0 {
			c.maxConns = n
		}
	}
}
