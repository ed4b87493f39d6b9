package api_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/memset-order/memset-order/api"
)

// realOrderBody is the documented real order's answer.
const realOrderBody = `{"sku": "MSVM001", "currency": "GBP", "dry_run": false, "invoice_ref": 100291, "job": {"error": false, "finished": false, "id": "739c99f25ed8d13e48ba94ec6a4a0102", "status": "AWAITING-PAYMENT", "type": "SETUP-NEW-MINISERVER"}, "net_setup_price": 0, "net_total": 7.50}`

// replayingTransport does what net/http's transport does when a request
// fails on a connection and it sends the request again through GetBody: over
// HTTP/1 only when nothing was written, over HTTP/2 also after a GOAWAY,
// REFUSED_STREAM or PROTOCOL_ERROR reset, when the request had been written.
// The replay is answered with answer.
type replayingTransport struct {
	wroteFirst bool // the first try wrote the request before failing
	answer     string
	sent       atomic.Int32 // tries that wrote the request
}

func (rt *replayingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_ = req.Body.Close()
	}
	trace := httptrace.ContextClientTrace(req.Context())
	trace.GetConn(req.URL.Host)
	trace.GotConn(httptrace.GotConnInfo{Reused: true})
	if rt.wroteFirst {
		trace.WroteHeaders()
		rt.sent.Add(1)
	}
	if req.GetBody == nil {
		return nil, errors.New("stream reset; the request cannot be sent again")
	}
	body, err := req.GetBody()
	if err != nil {
		return nil, err
	}
	_ = body.Close()
	trace.WroteHeaders()
	rt.sent.Add(1)
	return &http.Response{
		StatusCode: http.StatusOK,
		Header:     http.Header{"Content-Type": {"application/json"}},
		Body:       io.NopCloser(strings.NewReader(rt.answer)),
		Request:    req,
	}, nil
}

// TestRealOrderIsNotReplayedByNetHTTP: net/http may send a request a second
// time on its own. A dry run may go again; a real order only while none of
// it was written, otherwise the failure is an outcome-unknown error and the
// order went out once.
func TestRealOrderIsNotReplayedByNetHTTP(t *testing.T) {
	cases := []struct {
		name       string
		run        func(context.Context, *api.Client) error
		answer     string
		wroteFirst bool
		wantSent   int32
		wantErr    bool
	}{
		{"real order written, then reset: not sent again", place, realOrderBody, true, 1, true},
		{"real order not written on a stale connection: sent once", place, realOrderBody, false, 1, false},
		{"dry run written, then reset: sent again", quote, quoteBody, true, 2, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rt := &replayingTransport{wroteFirst: tc.wroteFirst, answer: tc.answer}
			c, err := api.New(api.WithBaseURL(unreachableBase), api.WithAPIKey(testKey),
				api.WithHTTPClient(&http.Client{Transport: rt}), api.WithRetry(api.NoRetry))
			if err != nil {
				t.Fatal(err)
			}
			err = tc.run(t.Context(), c)
			if got := rt.sent.Load(); got != tc.wantSent {
				t.Errorf("the request was written %d times, want %d", got, tc.wantSent)
			}
			if !tc.wantErr {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			isOutcomeUnknown(t, err)
			assertErrorHasNoKey(t, err)
		})
	}
}

// unreachableBase is a base URL no test ever reaches: the transport answers.
const unreachableBase = "https://api.memset-order.invalid/v1/json"
