package api_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api"
)

const (
	jobPath    = "/v1/json/job.status/"
	createPath = "/v1/json/create.monthly_miniserver/"
)

// A misbehaving server's replies.

func slow(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
	<-r.Context().Done() // answer never comes; the client gives up
}

func status(code int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) { jsonReply(w, code, body) }
}

func htmlPage(code int) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(code)
		fmt.Fprint(w, "<!DOCTYPE html>\n<html><head><title>Bad gateway</title></head><body><h1>502</h1>nginx</body></html>")
	}
}

// dropAfterReading reads the whole request, then closes the connection
// without answering: the request arrived, the answer is lost.
func dropAfterReading(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		_ = conn.Close()
	}
}

// cutOffBody promises 500 bytes and sends 20.
func cutOffBody(w http.ResponseWriter, r *http.Request) {
	_, _ = io.ReadAll(r.Body)
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return
	}
	fmt.Fprint(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"sku\": \"MSVM001\", ")
	_ = buf.Flush()
	_ = conn.Close()
}

const errBody = `{"error": "Internal error", "error_type": "ApiErrorInternal", "error_code": 1}`

const quoteBody = `{"sku": "MSVM001", "currency": "GBP", "dry_run": true, "net_setup_price": 0, "net_total": 7.50}`

// readJob and place are the two kinds of call the faults are tried on.
func readJob(ctx context.Context, c *api.Client) error {
	_, err := c.JobStatus(ctx, testJobID)
	return err
}

func place(ctx context.Context, c *api.Client) error {
	_, err := c.Place(ctx, docOrder)
	return err
}

func quote(ctx context.Context, c *api.Client) error {
	_, err := c.Quote(ctx, docOrder)
	return err
}

// faultCase is one misbehaviour and what the client must make of it.
type faultCase struct {
	name     string
	handler  http.HandlerFunc
	opts     []api.Option
	run      func(context.Context, *api.Client) error
	path     string // the path whose hits are counted
	wantHits int
	// want lists substrings of the error text.
	want  []string
	check func(t *testing.T, err error)
}

func retrying(n int) api.Option {
	return api.WithRetry(api.RetryPolicy{MaxAttempts: n, BaseDelay: 10 * time.Millisecond, MaxDelay: 40 * time.Millisecond})
}

func isOutcomeUnknown(t *testing.T, err error) {
	t.Helper()
	if !api.IsOutcomeUnknown(err) {
		t.Fatalf("error is not outcome-unknown: %v", err)
	}
	var ou *api.OutcomeUnknownError
	errors.As(err, &ou)
	if ou.Sent.Get("sku") != "MSVM001" || ou.Sent.Get("dry_run") != "0" {
		t.Errorf("OutcomeUnknownError.Sent = %v, want the order as sent", ou.Sent)
	}
}

func notOutcomeUnknown(t *testing.T, err error) {
	t.Helper()
	if api.IsOutcomeUnknown(err) {
		t.Fatalf("error is outcome-unknown, want a definite failure: %v", err)
	}
}

func faultCases() []faultCase {
	return []faultCase{
		{
			name: "slow read times out, retried", handler: slow, run: readJob, path: jobPath, wantHits: 3,
			opts: []api.Option{api.WithTimeout(30 * time.Millisecond), retrying(3)},
			want: []string{"job.status: no answer from", "within 30ms", "gave up after 3 attempts"},
			check: func(t *testing.T, err error) {
				var ne *api.NetworkError
				if !errors.As(err, &ne) || !ne.Timeout() {
					t.Errorf("want a *NetworkError that timed out, got %T", err)
				}
			},
		},
		{
			name: "slow real order is outcome-unknown, sent once", handler: slow, run: place, path: createPath, wantHits: 1,
			opts:  []api.Option{api.WithTimeout(30 * time.Millisecond), retrying(4)},
			want:  []string{"may or may not have been placed", "invoice.list", "within 30ms"},
			check: isOutcomeUnknown,
		},
		{
			name: "500 read retried then reported", handler: status(500, errBody), run: readJob, path: jobPath, wantHits: 4,
			opts: []api.Option{retrying(4)},
			want: []string{"Memset's server failed", "Internal error", "HTTP 500", "gave up after 4 attempts"},
			check: func(t *testing.T, err error) {
				if !api.IsServerSide(err) {
					t.Errorf("IsServerSide = false for %v", err)
				}
			},
		},
		{
			name: "502 HTML read retried then reported", handler: htmlPage(502), run: readJob, path: jobPath, wantHits: 4,
			opts: []api.Option{retrying(4)},
			want: []string{"job.status: HTTP 502 with an HTML page: <title>Bad gateway</title>…", "gave up after 4 attempts"},
			check: func(t *testing.T, err error) {
				var pe *api.ProtocolError
				if !errors.As(err, &pe) || pe.Status != 502 || !api.IsServerSide(err) {
					t.Errorf("want a server-side *ProtocolError with status 502, got %#v", err)
				}
			},
		},
		{
			name: "503 read retried then reported", handler: status(503, `{"error": "Down for maintenance", "error_type": "ApiErrorInternal", "error_code": 1}`), run: readJob, path: jobPath, wantHits: 2,
			opts: []api.Option{retrying(2)},
			want: []string{"Down for maintenance", "HTTP 503", "gave up after 2 attempts"},
		},
		{
			name: "502 on a dry run is retried", handler: htmlPage(502), run: quote, path: createPath, wantHits: 3,
			opts:  []api.Option{retrying(3)},
			want:  []string{"create.monthly_miniserver: HTTP 502 with an HTML page"},
			check: notOutcomeUnknown,
		},
		{
			name: "502 on a real order: one attempt, outcome unknown", handler: htmlPage(502), run: place, path: createPath, wantHits: 1,
			opts:  []api.Option{retrying(4)},
			want:  []string{"may or may not have been placed", "HTTP 502 with an HTML page"},
			check: isOutcomeUnknown,
		},
		{
			name: "500 with Memset's body on a real order: outcome unknown", handler: status(500, errBody), run: place, path: createPath, wantHits: 1,
			opts: []api.Option{retrying(4)},
			want: []string{"may or may not have been placed", "Internal error"},
			check: func(t *testing.T, err error) {
				isOutcomeUnknown(t, err)
				if !api.IsServerSide(err) {
					t.Errorf("IsServerSide = false for %v", err)
				}
			},
		},
		{
			name: "refusal of a real order is definite", run: place, path: createPath, wantHits: 1, opts: []api.Option{retrying(4)},
			handler: status(400, `{"error": "os: Please select a valid choice. Microsoft Windows 2012 Server R2, Standard Edition is not available for the current configuration. Windows requires at least 2 GB RAM.", "error_type": "ApiErrorBadParameters", "error_code": 2}`),
			want:    []string{"create.monthly_miniserver: os: Please select a valid choice.", "(ApiErrorBadParameters, HTTP 400)"},
			check: func(t *testing.T, err error) {
				notOutcomeUnknown(t, err)
				var e *api.Error
				if !errors.As(err, &e) || !api.IsBadParameters(err) || e.Param != "os" {
					t.Errorf("want a bad-parameters *Error naming os, got %#v", err)
				}
			},
		},
		{
			name: "connection dropped after a real order arrived: outcome unknown, sent once", handler: dropAfterReading, run: place, path: createPath, wantHits: 1,
			opts:  []api.Option{retrying(4)},
			want:  []string{"may or may not have been placed", "check your invoices (invoice.list) and the order journal before ordering again"},
			check: isOutcomeUnknown,
		},
		{
			name: "connection dropped on a read is retried", handler: dropAfterReading, run: readJob, path: jobPath, wantHits: 3,
			opts: []api.Option{retrying(3)},
			want: []string{"job.status: connection to", "failed", "gave up after 3 attempts"},
		},
		{
			name: "answer cut off on a real order: outcome unknown", handler: cutOffBody, run: place, path: createPath, wantHits: 1,
			opts:  []api.Option{retrying(4)},
			want:  []string{"may or may not have been placed", "answer cut off"},
			check: isOutcomeUnknown,
		},
		{
			name: "HTML body", handler: htmlPage(200), run: readJob, path: jobPath, wantHits: 1, opts: []api.Option{retrying(4)},
			want: []string{"job.status: HTTP 200 with an HTML page: <title>Bad gateway</title>…"},
		},
		{
			name: "empty body", handler: status(200, ""), run: readJob, path: jobPath, wantHits: 1, opts: []api.Option{retrying(4)},
			want: []string{"job.status: HTTP 200 with an empty body (expected JSON)"},
		},
		{
			name: "truncated JSON", handler: status(200, `{"id": "739c99f25ed8d13e48ba94ec6a4a0102", "status": "DO`), run: readJob, path: jobPath, wantHits: 1,
			opts: []api.Option{retrying(4)},
			want: []string{"job.status: HTTP 200 with truncated JSON (56 bytes): {\"id\": \"739c99f2"},
		},
		{
			name: "truncated JSON on a real order: outcome unknown", handler: status(200, `{"sku": "MSVM001", "currency": "GBP", "dry_run": false, "invoice_ref": 1002`), run: place, path: createPath, wantHits: 1,
			want:  []string{"may or may not have been placed", "truncated JSON", "invoice_ref"},
			check: isOutcomeUnknown,
		},
		{
			name: "body larger than the limit", run: readJob, path: jobPath, wantHits: 1,
			handler: func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = io.WriteString(w, `{"status": "`+strings.Repeat("x", api.MaxBodyBytes)+`"}`)
			},
			want: []string{"job.status: HTTP 200 with a body larger than 1024 KiB (reading stopped there)"},
		},
		{
			name: "missing required keys", handler: status(200, `{"id": "739c99f25ed8d13e48ba94ec6a4a0102", "type": "X", "colour": "blue"}`), run: readJob, path: jobPath, wantHits: 1,
			want: []string{"job.status: HTTP 200 with JSON missing required keys: status, finished, error"},
		},
		{
			name: "dry run answered as a real order", run: quote, path: createPath, wantHits: 1,
			handler: status(200, `{"sku": "MSVM001", "currency": "GBP", "dry_run": false, "invoice_ref": 7, "job": {"id": "739c99f25ed8d13e48ba94ec6a4a0102", "status": "AWAITING-PAYMENT", "finished": false, "error": false}, "net_total": 7.5}`),
			want:    []string{"REAL ORDER (invoice 7, job 739c99f25ed8d13e48ba94ec6a4a0102) although a dry run was asked for"},
		},
		{
			name: "redirect is not followed", run: readJob, path: jobPath, wantHits: 1,
			handler: func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, "https://elsewhere.example/v1/json/job.status/", http.StatusTemporaryRedirect)
			},
			want: []string{`job.status: HTTP 307 with a redirect to "https://elsewhere.example/v1/json/job.status/" (not followed: check the API URL)`},
		},
		{
			name: "unknown key answered as 403", run: readJob, path: jobPath, wantHits: 1, opts: []api.Option{retrying(4)},
			handler: status(403, `{"error": "Authentication failed: no API key was given", "error_type": "ApiErrorAuthenticationFailed", "error_code": 4}`),
			want:    []string{"job.status: the API key was refused (check MEMSET_API_KEY): Authentication failed"},
			check: func(t *testing.T, err error) {
				if !api.IsAuthentication(err) {
					t.Errorf("IsAuthentication = false for %v", err)
				}
			},
		},
	}
}

func TestFaults(t *testing.T) {
	for _, tc := range faultCases() {
		t.Run(tc.name, func(t *testing.T) {
			srv, count := server(t, tc.handler)
			c, _ := client(t, srv.URL, tc.opts...)
			err := tc.run(t.Context(), c)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\ndoes not contain %q", err, w)
				}
			}
			if got := count.get(tc.path); got != tc.wantHits {
				t.Errorf("server saw %d requests to %s, want %d", got, tc.path, tc.wantHits)
			}
			if tc.check != nil {
				tc.check(t, err)
			}
		})
	}
}

func TestRetryThenSuccess(t *testing.T) {
	var n atomic.Int32
	srv, count := server(t, func(w http.ResponseWriter, r *http.Request) {
		if n.Add(1) < 3 {
			htmlPage(503)(w, r)
			return
		}
		jsonReply(w, 200, quoteBody)
	})
	c, s := client(t, srv.URL, retrying(4))
	q, err := c.Quote(t.Context(), docOrder)
	if err != nil {
		t.Fatal(err)
	}
	if q.NetTotal.String() != "£7.50" {
		t.Errorf("NetTotal = %s, want £7.50", q.NetTotal)
	}
	if got := count.get(createPath); got != 3 {
		t.Errorf("attempts = %d, want 3", got)
	}
	waits := s.all()
	if len(waits) != 2 {
		t.Fatalf("waits = %v, want 2", waits)
	}
	// Full jitter: wait n is at most min(MaxDelay, BaseDelay·2^(n-1)).
	for i, limit := range []time.Duration{10 * time.Millisecond, 20 * time.Millisecond} {
		if waits[i] < 0 || waits[i] > limit {
			t.Errorf("wait %d = %s, want within [0, %s]", i+1, waits[i], limit)
		}
	}
}

func TestThrottledRetryAfter(t *testing.T) {
	cases := []struct {
		name       string
		retryAfter string
		wantWaits  []time.Duration
		wantHits   int
		wantErr    string
	}{
		{"honoured", "7", []time.Duration{7 * time.Second}, 2, ""},
		{"too long: reported, not waited", "120", nil, 1, "Memset is throttling requests; wait 2m0s and try again"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var n atomic.Int32
			srv, count := server(t, func(w http.ResponseWriter, r *http.Request) {
				if n.Add(1) == 1 {
					w.Header().Set("Retry-After", tc.retryAfter)
					jsonReply(w, 429, `{"error": "Too many requests", "error_type": "ApiErrorThrottled", "error_code": 12}`)
					return
				}
				jsonReply(w, 200, `{"id": "`+testJobID+`", "status": "DONE", "finished": true, "error": false}`)
			})
			c, s := client(t, srv.URL, retrying(4))
			_, err := c.JobStatus(t.Context(), testJobID)
			if tc.wantErr == "" && err != nil {
				t.Fatal(err)
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !api.IsThrottled(err) {
					t.Fatalf("err = %v, want throttled with %q", err, tc.wantErr)
				}
			}
			if got := s.all(); fmt.Sprint(got) != fmt.Sprint(tc.wantWaits) {
				t.Errorf("waits = %v, want %v", got, tc.wantWaits)
			}
			if got := count.get(jobPath); got != tc.wantHits {
				t.Errorf("requests = %d, want %d", got, tc.wantHits)
			}
		})
	}
}

func TestConnectionRefusedOnRealOrderSaysNothingWasSent(t *testing.T) {
	srv, _ := server(t, status(200, quoteBody))
	url := srv.URL
	srv.Close() // nothing listens there any more
	c, _ := client(t, url, retrying(4))
	_, err := c.Place(t.Context(), docOrder)
	if err == nil {
		t.Fatal("no error")
	}
	notOutcomeUnknown(t, err)
	var ne *api.NetworkError
	if !errors.As(err, &ne) || !ne.NotSent {
		t.Fatalf("want a *NetworkError with NotSent, got %#v", err)
	}
	if !strings.Contains(err.Error(), "nothing was sent") {
		t.Errorf("error %q does not say nothing was sent", err)
	}
}

func TestCancelledBeforeSending(t *testing.T) {
	srv, count := server(t, status(200, quoteBody))
	c, _ := client(t, srv.URL)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for name, run := range map[string]func(context.Context, *api.Client) error{"quote": quote, "place": place} {
		err := run(ctx, c)
		if !errors.Is(err, context.Canceled) {
			t.Errorf("%s: err = %v, want context.Canceled", name, err)
		}
		notOutcomeUnknown(t, err)
	}
	if got := count.get(createPath); got != 0 {
		t.Errorf("server saw %d requests, want 0", got)
	}
}

func TestCancelledWhileWaitingIsNotRetried(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	srv, count := server(t, func(w http.ResponseWriter, r *http.Request) {
		cancel()
		slow(w, r)
	})
	c, _ := client(t, srv.URL, retrying(4))
	_, err := c.Quote(ctx, docOrder)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if got := count.get(createPath); got != 1 {
		t.Errorf("server saw %d requests, want 1", got)
	}
}

func TestCallRefusesRealCreates(t *testing.T) {
	srv, count := server(t, status(200, quoteBody))
	c, _ := client(t, srv.URL)
	cases := []struct {
		name   string
		method string
		params map[string][]string
		want   string
	}{
		{"no dry_run", "create.monthly_miniserver", map[string][]string{"sku": {"MSVM001"}}, "refuses to send create.monthly_miniserver without dry_run=1"},
		{"dry_run=0", "create.monthly_fullserver", map[string][]string{"dry_run": {"0"}}, "refuses"},
		{"dry_run twice", "create.memstore", map[string][]string{"dry_run": {"1", "0"}}, "refuses"},
		{"dry_run=true", "create.openstack", map[string][]string{"dry_run": {"true"}}, "refuses"},
		{"unknown create method", "create.teleporter", nil, "refuses"},
		{"api_key parameter", "job.status", map[string][]string{"api_key": {testKey}}, "must not be sent as a parameter"},
		{"bad method name", "job.status/../x", nil, "is not a Memset method name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := c.Call(t.Context(), modelMethod(tc.method), tc.params, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
			assertErrorHasNoKey(t, err)
		})
	}
	if got := count.total(); got != 0 {
		t.Errorf("server saw %d requests, want 0", got)
	}
	// The two create.* methods that order nothing go through Call.
	for _, m := range []string{"create.available_services", "create.verify_discount_code"} {
		if err := c.Call(t.Context(), modelMethod(m), nil, nil); err != nil {
			t.Errorf("Call(%s): %v", m, err)
		}
	}
}

// TestCallRetriesOnlyKnownMethods: Call retries the methods it knows to be
// reads (and dry runs); a method it does not know might change something,
// so a lost answer is not a reason to send it again.
func TestCallRetriesOnlyKnownMethods(t *testing.T) {
	cases := []struct {
		method   string
		params   map[string][]string
		wantHits int
	}{
		{"job.status", map[string][]string{"id": {testJobID}}, 3},
		{"create.teleporter", map[string][]string{"dry_run": {"1"}}, 3}, // a dry run orders nothing
		{"server.reboot", map[string][]string{"name": {"sandyaa1"}}, 1},
		{"invoice.pay", nil, 1},
	}
	for _, tc := range cases {
		t.Run(tc.method, func(t *testing.T) {
			srv, count := server(t, status(503, errBody))
			c, _ := client(t, srv.URL, retrying(3))
			err := c.Call(t.Context(), modelMethod(tc.method), tc.params, nil)
			if !api.IsServerSide(err) {
				t.Fatalf("err = %v, want the 503", err)
			}
			if got := count.total(); got != tc.wantHits {
				t.Errorf("server saw %d requests, want %d", got, tc.wantHits)
			}
		})
	}
}
