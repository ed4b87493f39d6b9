package e2e

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// backend is a Memset sandbox served over a loopback listener, standing in
// for api.memset.com. It records every request's URL and form body so that
// a test can prove the key never travelled in either.
type backend struct {
	sb  *sandbox.Sandbox
	srv *httptest.Server
	// url is what the binary gets as --api-url.
	url string

	mu   sync.Mutex
	seen []seenRequest
	// dropOrder arms dropNextOrder.
	dropOrder bool
	// orderDelay holds every real order back (delayOrders).
	orderDelay time.Duration
	// rewriteOrder rewrites the sandbox's answer to a real order
	// (rewriteOrders).
	rewriteOrder func(t *testing.T, body []byte) []byte
	// refusal answers real orders instead of the sandbox (refuseOrders).
	refusal *cannedReply
	// dryRunAnswer answers dry runs instead of the sandbox (answerDryRuns).
	dryRunAnswer *cannedReply
	t            *testing.T
}

// cannedReply is an answer given instead of the sandbox's.
type cannedReply struct {
	status int
	body   string
}

// seenRequest is what the backend saw of one request besides its headers.
type seenRequest struct {
	uri  string
	path string
	body string
}

// newBackend serves a sandbox that accepts testKey, never pays invoices by
// itself (tests pay with sb.PayInvoice) and moves a paid job through a
// stage every 100 ms, plus opts.
func newBackend(t *testing.T, opts ...sandbox.Option) *backend {
	t.Helper()
	all := append([]sandbox.Option{
		sandbox.WithAPIKey(testKey),
		sandbox.WithAutoPay(0),
		sandbox.WithStageDuration(100 * time.Millisecond),
	}, opts...)
	b := &backend{sb: sandbox.New(all...), t: t}
	b.srv = httptest.NewServer(http.HandlerFunc(b.serve))
	b.url = b.srv.URL + "/v1/json"
	t.Cleanup(b.srv.Close)
	return b
}

// serve records the request, then hands it to the sandbox with its body
// intact (and the original ResponseWriter, which a Drop fault hijacks).
func (b *backend) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		http.Error(w, "e2e backend: reading the body: "+err.Error(), http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	b.mu.Lock()
	b.seen = append(b.seen, seenRequest{uri: r.RequestURI + " " + r.URL.String(), path: r.URL.Path, body: string(body)})
	real, dry := isRealOrder(r, body), isDryRun(r, body)
	drop := b.dropOrder && real
	if drop {
		b.dropOrder = false
	}
	delay, rewrite, refusal, dryAnswer := b.orderDelay, b.rewriteOrder, b.refusal, b.dryRunAnswer
	b.mu.Unlock()
	if real && delay > 0 {
		// As the sandbox's Delay fault does: a client that gives up first
		// has ordered nothing.
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		}
	}
	switch {
	case real && refusal != nil:
		writeCanned(w, refusal)
		return
	case dry && dryAnswer != nil:
		writeCanned(w, dryAnswer)
		return
	case real && rewrite != nil && !drop:
		rec := httptest.NewRecorder()
		b.sb.ServeHTTP(rec, r)
		w.Header().Set("Content-Type", rec.Header().Get("Content-Type"))
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rewrite(b.t, rec.Body.Bytes()))
		return
	}
	if drop {
		// As the sandbox's Drop fault does: the order is processed and
		// recorded, then the connection closes without an answer.
		b.sb.ServeHTTP(httptest.NewRecorder(), r)
		if hj, ok := w.(http.Hijacker); ok {
			if conn, _, err := hj.Hijack(); err == nil {
				conn.Close()
				return
			}
		}
		panic(http.ErrAbortHandler)
	}
	b.sb.ServeHTTP(w, r)
}

// dropNextOrder makes the next real order (a create with dry_run=0) be
// processed and recorded and its connection then closed without an
// answer. Unlike a sandbox Fault on the create method, no dry run can use
// it up first.
func (b *backend) dropNextOrder() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.dropOrder = true
}

// isRealOrder reports whether r is a create call that orders (dry_run=0).
func isRealOrder(r *http.Request, body []byte) bool { return createRun(r.URL.Path, body) == "0" }

// isDryRun reports whether r is a create call that asks a price
// (dry_run=1).
func isDryRun(r *http.Request, body []byte) bool { return createRun(r.URL.Path, body) == "1" }

// createRun is the dry_run parameter of a create call ("" for any other
// call, and for the create methods that only read, which take none).
func createRun(path string, body []byte) string {
	form, err := url.ParseQuery(string(body))
	if err != nil || !strings.HasPrefix(strings.TrimPrefix(path, "/v1/json/"), "create.") {
		return ""
	}
	return form.Get("dry_run")
}

// writeCanned writes a canned answer as JSON.
func writeCanned(w http.ResponseWriter, c *cannedReply) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(c.status)
	_, _ = io.WriteString(w, c.body)
}

// delayOrders holds every real order back for d before the sandbox sees
// it; a client that leaves first orders nothing. Dry runs are not held.
func (b *backend) delayOrders(d time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.orderDelay = d
}

// rewriteOrders lets the sandbox process every real order (it is in the
// ledger, its job runs) and answers with f applied to its answer.
func (b *backend) rewriteOrders(f func(t *testing.T, body []byte) []byte) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.rewriteOrder = f
}

// refuseOrders answers every real order with status and body instead of
// the sandbox: nothing is ordered.
func (b *backend) refuseOrders(status int, body string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refusal = &cannedReply{status, body}
}

// answerDryRuns answers every dry run with body (HTTP 200) instead of the
// sandbox.
func (b *backend) answerDryRuns(body string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.dryRunAnswer = &cannedReply{http.StatusOK, body}
}

// creates counts the create calls (dry runs and real orders) seen so far.
func (b *backend) creates() int {
	n := 0
	for _, s := range b.requests() {
		if createRun(s.path, []byte(s.body)) != "" {
			n++
		}
	}
	return n
}

// realOrders counts the real orders (dry_run=0) seen so far.
func (b *backend) realOrders() int {
	n := 0
	for _, s := range b.requests() {
		if createRun(s.path, []byte(s.body)) == "0" {
			n++
		}
	}
	return n
}

// waitRealOrder waits until a real order has reached the backend.
func (b *backend) waitRealOrder(t *testing.T) {
	t.Helper()
	deadline := time.Now().Add(screenTimeout)
	for b.realOrders() == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("no real order reached the backend within %s", screenTimeout)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// postCreateBody is postCreate returning the answer's body too.
func postCreateBody(t *testing.T, base, key, form string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/"+string(model.MethodMonthlyMiniserver)+"/", strings.NewReader(form))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(key, "x")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("posting to %s: %v", req.URL, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("reading the answer of %s: %v", req.URL, err)
	}
	return resp.StatusCode, string(body)
}

// requests returns what the backend has seen so far.
func (b *backend) requests() []seenRequest {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]seenRequest(nil), b.seen...)
}

// pay pays invoice ref at the sandbox, as the person would.
func (b *backend) pay(t *testing.T, ref int) {
	t.Helper()
	if err := b.sb.PayInvoice(ref); err != nil {
		t.Fatalf("paying invoice %d: %v", ref, err)
	}
}

// postCreate posts form to base's create.monthly_miniserver with key as
// the Basic user name, as another client would, and returns the HTTP
// status.
func postCreate(t *testing.T, base, key, form string) int {
	t.Helper()
	code, _ := postCreateBody(t, base, key, form)
	return code
}

// stop closes the listener: from now on every connection is refused.
func (b *backend) stop() { b.srv.Close() }

// waitOrders polls the ledger until it holds n orders or timeout passes,
// and returns what it holds.
func (b *backend) waitOrders(n int, timeout time.Duration) []sandbox.Order {
	deadline := time.Now().Add(timeout)
	for {
		o := b.sb.Orders()
		if len(o) >= n || time.Now().After(deadline) {
			return o
		}
		time.Sleep(time.Millisecond)
	}
}
