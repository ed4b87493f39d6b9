package api

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/memset-order/memset-order/model"
)

// methodPattern is the form of a Memset method name: dotted lower_snake
// words ("job.status", "create.monthly_miniserver").
var methodPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`) })

// readOnlyCreates are the create.* methods that order nothing.
var readOnlyCreates = map[model.Method]bool{
	model.MethodServicesList: true,
	model.MethodDiscountCode: true,
}

// placesOrder reports whether a method may place an order: every create.*
// method except the services list and the discount-code check, including
// create methods this program does not know.
func placesOrder(m model.Method) bool {
	return strings.HasPrefix(string(m), "create.") && !readOnlyCreates[m]
}

// Call is the one generic path for reads and dry runs: it POSTs params to
// {base}/{method}/ and decodes the JSON answer into out (numbers as
// json.Number when out holds interfaces); out may be nil. Transient
// failures of the methods of model.Methods, all reads or dry runs, are
// retried under the retry policy; any other method is sent once, since it
// might change something. An error answer is an
// *Error; an answer that is not the protocol's is a *ProtocolError; a
// failed exchange is a *NetworkError.
//
// Call refuses to send a create method that can place an order unless
// params holds exactly dry_run=1: real orders go only through Place, which
// sends them once. It also refuses an api_key parameter: the key goes only
// in the Authorization header.
func (c *Client) Call(ctx context.Context, method model.Method, params url.Values, out any) error {
	if err := c.usable(ctx); err != nil {
		return err
	}
	if err := checkCall(method, params); err != nil {
		return err
	}
	return c.read(ctx, method, params, out)
}

// checkCall refuses what Call must never send.
func checkCall(method model.Method, params url.Values) error {
	if err := checkMethod(method); err != nil {
		return err
	}
	if err := checkParams(params); err != nil {
		return err
	}
	if placesOrder(method) {
		if v := params["dry_run"]; len(v) != 1 || v[0] != "1" {
			return fmt.Errorf("api: Call refuses to send %s without dry_run=1: a real order goes only through Place, which sends it exactly once", method)
		}
	}
	return nil
}

func checkMethod(method model.Method) error {
	if !methodPattern().MatchString(string(method)) {
		return fmt.Errorf("api: %q is not a Memset method name (such as job.status)", clip(string(method), 60))
	}
	return nil
}

func checkParams(params url.Values) error {
	for k := range params {
		switch {
		case k == "":
			return errors.New("api: a parameter has an empty name")
		case strings.EqualFold(k, "api_key"):
			return errors.New("api: the API key must not be sent as a parameter; it goes only in the Authorization header (WithAPIKey)")
		}
	}
	return nil
}

// keyInParams refuses parameters whose names or values hold the API key
// (pasted into a field by mistake): the key goes only in the Authorization
// header.
func (c *Client) keyInParams(params url.Values) error {
	if c.cred == nil {
		return nil
	}
	for k, vs := range params {
		if replaceFold(k, c.cred.key, "") != k {
			return errors.New("api: a parameter name holds the API key; nothing was sent (the key goes only in the Authorization header)")
		}
		for _, v := range vs {
			if replaceFold(v, c.cred.key, "") != v {
				return fmt.Errorf("api: parameter %q holds the API key; it was not sent (the key goes only in the Authorization header)", clip(k, 40))
			}
		}
	}
	return nil
}

// encode returns the form to send, refusing parameters that hold the key.
func (c *Client) encode(params url.Values) (string, error) {
	if err := c.keyInParams(params); err != nil {
		return "", err
	}
	return params.Encode(), nil
}

// retrySafe reports whether a call may be sent more than once: a method of
// model.Methods, each of which only reads or (Call and Quote make sure)
// prices with dry_run=1. A method this program does not know might change
// something, so Call sends it once whatever the retry policy.
func retrySafe(m model.Method) bool {
	_, known := model.LookupMethod(m)
	return known || placesOrder(m)
}

// read sends a call that cannot order anything, retrying transient
// failures.
func (c *Client) read(ctx context.Context, method model.Method, params url.Values, out any) error {
	form, err := c.encode(params)
	if err != nil {
		return err
	}
	attempts := c.retry.MaxAttempts
	if !retrySafe(method) {
		attempts = 1
	}
	for attempt := 1; ; attempt++ {
		ex, _, err := c.roundTrip(ctx, method, form, attempt, attempts, false)
		if err == nil {
			err = c.decode(method, ex, out)
		}
		if err == nil {
			return nil
		}
		if attempt >= attempts || !retryable(err) || ctx.Err() != nil {
			return gaveUp(err, attempt)
		}
		wait, ok := c.backoff(attempt, err)
		if !ok {
			c.debug.note("not retrying: the server asked for a wait longer than %s", MaxRetryAfter)
			return gaveUp(err, attempt)
		}
		c.debug.note("retrying in %s", wait)
		if serr := c.sleep(ctx, wait); serr != nil {
			return fmt.Errorf("%w; stopped retrying: %w", gaveUp(err, attempt), serr)
		}
	}
}

// gaveUp adds the number of attempts to the last error.
func gaveUp(err error, attempts int) error {
	if attempts <= 1 {
		return err
	}
	return fmt.Errorf("%w (gave up after %d attempts)", err, attempts)
}

// sendOnce sends a real order exactly once. A refusal (an error body with
// a 4xx status) is an *Error; a failure that provably sent nothing is a
// *NetworkError with NotSent; anything else after the request may have left
// — a lost connection, a timeout, a 5xx, an unreadable answer — is an
// *OutcomeUnknownError.
func (c *Client) sendOnce(ctx context.Context, method model.Method, params url.Values, out checker) error {
	form, err := c.encode(params)
	if err != nil {
		return err
	}
	ex, maySent, err := c.roundTrip(ctx, method, form, 1, 1, true)
	if err != nil {
		if maySent {
			return c.outcomeUnknown(method, params, err)
		}
		return err
	}
	if ex.status >= 200 && ex.status <= 299 {
		if err := c.decode(method, ex, out); err != nil {
			return c.outcomeUnknown(method, params, err)
		}
		return nil
	}
	err = c.decode(method, ex, nil)
	var e *Error
	if errors.As(err, &e) && e.Status >= 400 && e.Status < 500 {
		return err
	}
	return c.outcomeUnknown(method, params, err)
}

// outcomeUnknown builds the error for a real order whose answer was lost.
func (c *Client) outcomeUnknown(method model.Method, params url.Values, err error) error {
	sent := url.Values{}
	for k, vs := range params {
		for _, v := range vs {
			sent.Add(k, c.redact(v))
		}
	}
	c.debug.note("OUTCOME UNKNOWN: %s may or may not have been ordered; it will not be sent again", method)
	return &OutcomeUnknownError{Method: method, Sent: sent, Err: err}
}

// exchange is an answer as read off the wire.
type exchange struct {
	status      int
	contentType string
	header      http.Header
	body        []byte
	tooLarge    bool
	// tls is the connection's TLS state; nil without TLS (plain http to a
	// loopback address, or an in-memory transport).
	tls *tls.ConnectionState
}

// traceState records how far a request got, from httptrace hooks.
type traceState struct {
	live    atomic.Bool // the transport reports to the trace at all
	gotConn atomic.Bool // a connection was ready to write on
	wrote   atomic.Bool // request headers (or more) were written
}

func (t *traceState) trace() *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		GetConn:      func(string) { t.live.Store(true) },
		GotConn:      func(httptrace.GotConnInfo) { t.live.Store(true); t.gotConn.Store(true) },
		WroteHeaders: func() { t.wrote.Store(true) },
		WroteRequest: func(httptrace.WroteRequestInfo) { t.wrote.Store(true) },
	}
}

// errNoReplay is what net/http gets when it wants to send a real order
// again after some of it was written.
var errNoReplay = errors.New("the order was written to the connection, so it is not sent again")

// onlyUnsent is the GetBody of a real order. net/http sends a request again
// through GetBody after some failures: over HTTP/1 only when nothing was
// written on a reused connection, but over HTTP/2 also after GOAWAY,
// REFUSED_STREAM or a PROTOCOL_ERROR reset, when the request had been sent
// and may have been acted on. A real order may go out again only while none
// of it has been written; otherwise the failure stands and becomes an
// *OutcomeUnknownError. (net/http reports headers written before it flushes
// them, so a rare HTTP/1 replay that would have been safe is refused too:
// an unknown outcome is reported rather than an order risked twice.)
func (t *traceState) onlyUnsent(form string) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) {
		if t.wrote.Load() {
			return nil, errNoReplay
		}
		return io.NopCloser(strings.NewReader(form)), nil
	}
}

// methodURL is {base}/{name}/, where name is the name the client sends
// for method: its override, if the person gave one (WithMethodOverrides),
// otherwise the method itself.
func (c *Client) methodURL(method model.Method) string {
	return c.base + "/" + string(c.MethodName(method)) + "/"
}

// formType is the Content-Type of every call on the JSON interface.
const formType = "application/x-www-form-urlencoded"

// outgoing is one request as it goes on the wire: where it is POSTed, its
// Content-Type, the answer it accepts and its body.
type outgoing struct {
	url, contentType, accept, body string
}

// roundTrip makes one attempt of a call on the JSON interface: it POSTs
// the form to methodURL and reads the answer (see post).
func (c *Client) roundTrip(ctx context.Context, method model.Method, form string, attempt, of int, once bool) (ex exchange, maySent bool, err error) {
	return c.post(ctx, method, outgoing{url: c.methodURL(method), contentType: formType, accept: "application/json", body: form}, attempt, of, once)
}

// post makes one attempt: it sends out and reads the answer (at most
// MaxBodyBytes). maySent reports whether any of the request may have
// reached the server; it is false only when that is provably not so. once
// marks a real order, which net/http must not send again (see onlyUnsent).
func (c *Client) post(ctx context.Context, method model.Method, out outgoing, attempt, of int, once bool) (ex exchange, maySent bool, err error) {
	form := out.body
	if err := ctx.Err(); err != nil {
		return ex, false, &NetworkError{Method: method, Endpoint: c.base, NotSent: true, Err: fmt.Errorf("%w: %w", errCallerDone, err)}
	}
	actx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var tr traceState
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(actx, tr.trace()), http.MethodPost, out.url, strings.NewReader(form))
	if err != nil {
		return ex, false, &NetworkError{Method: method, Endpoint: c.base, NotSent: true, Err: errors.New("could not build the request")}
	}
	if once {
		req.GetBody = tr.onlyUnsent(form)
	}
	req.Header.Set("Content-Type", out.contentType)
	req.Header.Set("Accept", out.accept)
	req.Header.Set("User-Agent", c.userAgent)
	if c.cred != nil {
		req.Header.Set("Authorization", c.cred.auth)
	}
	start := c.now()
	c.logRequest(out, attempt, of)
	resp, err := c.http.Do(req)
	if err != nil {
		nerr := c.networkError(ctx, actx, method, err, &tr, start)
		c.debug.failure(nerr, c.now().Sub(start))
		return ex, !nerr.NotSent, nerr
	}
	defer resp.Body.Close()
	ex = exchange{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"), header: resp.Header, tls: resp.TLS}
	body, tooLarge, rerr := readLimited(resp.Body, MaxBodyBytes)
	if rerr != nil {
		nerr := c.networkError(ctx, actx, method, rerr, &tr, start)
		nerr.NotSent = false
		nerr.Err = fmt.Errorf("HTTP %d answer cut off: %w", resp.StatusCode, nerr.Err)
		c.debug.failure(nerr, c.now().Sub(start))
		return ex, true, nerr
	}
	ex.body, ex.tooLarge = body, tooLarge
	c.debug.response(ex.status, ex.contentType, body, c.now().Sub(start))
	return ex, true, nil
}

// logRequest writes one attempt to the debug log, as it goes on the wire.
func (c *Client) logRequest(out outgoing, attempt, of int) {
	if c.debug == nil {
		return
	}
	if out.contentType == formType {
		c.debug.request(out.url, attempt, of, c.userAgent, c.cred != nil, out.body)
		return
	}
	auth := "(none: no API key)"
	if c.cred != nil {
		auth = "[redacted]"
	}
	c.debug.write(
		fmt.Sprintf("--> POST %s (attempt %d of %d)", out.url, attempt, of),
		"    Authorization: "+auth,
		"    User-Agent: "+c.userAgent,
		"    Content-Type: "+out.contentType,
		"    body: "+c.debug.body([]byte(out.body)),
	)
}

// networkError describes a failed exchange and decides whether the request
// provably never left.
func (c *Client) networkError(ctx, actx context.Context, method model.Method, err error, tr *traceState, start time.Time) *NetworkError {
	inner := err
	var uerr *url.Error
	if errors.As(err, &uerr) {
		inner = uerr.Err // url.Error repeats the URL; the endpoint is shown once instead
	}
	if errors.Is(inner, io.EOF) || errors.Is(inner, io.ErrUnexpectedEOF) {
		inner = fmt.Errorf("the server closed the connection before answering in full (%w)", inner)
	}
	n := &NetworkError{Method: method, Endpoint: c.base, Err: inner, Waited: c.now().Sub(start)}
	switch {
	case ctx.Err() != nil:
		n.Err = fmt.Errorf("%w: %w", errCancelled, ctx.Err())
	case errors.Is(actx.Err(), context.DeadlineExceeded):
		n.TimedOut, n.Waited = true, c.timeout
	case uerr != nil && uerr.Timeout():
		n.TimedOut = true
	}
	n.NotSent = !tr.wrote.Load() && ((tr.live.Load() && !tr.gotConn.Load()) || provablyUnsent(inner))
	return n
}

// provablyUnsent reports errors that happen before any request byte can
// be written: name lookup, connecting, TLS handshake.
func provablyUnsent(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	var opErr *net.OpError
	if errors.As(err, &opErr) && (opErr.Op == "dial" || opErr.Op == "proxyconnect") {
		return true
	}
	return isTLSRefusal(err)
}

// readLimited reads at most limit bytes; tooLarge reports that more were
// there.
func readLimited(r io.Reader, limit int64) (body []byte, tooLarge bool, err error) {
	body, err = io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, false, err
	}
	if int64(len(body)) > limit {
		return body[:limit], true, nil
	}
	return body, false, nil
}
