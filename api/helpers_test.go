package api_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// testKey is the fixed key every test uses; no output may contain it.
const testKey = "0123456789abcdef0123456789abcdef"

// testJobID is the documented example job id.
const testJobID = "739c99f25ed8d13e48ba94ec6a4a0102"

// docOrder is the documented example order: MSVM001 with Debian Jessie.
var docOrder = model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "debian_jessie_64"}

// sleeps records the waits between retries instead of waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// syncBuffer is a bytes.Buffer safe for the debug log's writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// hits counts the requests a test server saw, per path.
type hits struct {
	mu sync.Mutex
	n  map[string]int
}

func (h *hits) add(path string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.n == nil {
		h.n = map[string]int{}
	}
	h.n[path]++
}

func (h *hits) get(path string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.n[path]
}

// total is the number of requests to every path.
func (h *hits) total() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	n := 0
	for _, v := range h.n {
		n += v
	}
	return n
}

// server starts a loopback test server that counts requests by path.
func server(t *testing.T, h http.HandlerFunc) (*httptest.Server, *hits) {
	t.Helper()
	var count hits
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		count.add(r.URL.Path)
		h(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv, &count
}

// client builds a client for a test server with the test key and no real
// waiting between retries.
func client(t *testing.T, baseURL string, opts ...api.Option) (*api.Client, *sleeps) {
	t.Helper()
	var s sleeps
	all := append([]api.Option{
		api.WithBaseURL(baseURL + "/v1/json"),
		api.WithAPIKey(testKey),
		api.WithSleep(s.sleep),
	}, opts...)
	c, err := api.New(all...)
	if err != nil {
		t.Fatalf("api.New: %v", err)
	}
	return c, &s
}

// jsonReply writes a JSON body with a status.
func jsonReply(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}
