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
}

// seenRequest is what the backend saw of one request besides its headers.
type seenRequest struct {
	uri  string
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
	b := &backend{sb: sandbox.New(all...)}
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
	b.seen = append(b.seen, seenRequest{uri: r.RequestURI + " " + r.URL.String(), body: string(body)})
	drop := b.dropOrder && isRealOrder(r, body)
	if drop {
		b.dropOrder = false
	}
	b.mu.Unlock()
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
func isRealOrder(r *http.Request, body []byte) bool {
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return false
	}
	return strings.HasPrefix(strings.TrimPrefix(r.URL.Path, "/v1/json/"), "create.") && form.Get("dry_run") == "0"
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
	resp.Body.Close()
	return resp.StatusCode
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
