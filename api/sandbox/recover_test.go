package sandbox

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/model"
)

// TestPanicBecomesInternalError: a bug in a handler answers 500
// ApiErrorInternal as JSON, releases the lock, and the sandbox carries on.
func TestPanicBecomesInternalError(t *testing.T) {
	const key = "0123456789abcdef0123456789abcdef"
	saved := handlers[model.MethodServerList]
	handlers[model.MethodServerList] = func(*Sandbox, *call) (any, *apiError) { panic("boom with " + key) }
	defer func() { handlers[model.MethodServerList] = saved }()

	s := New(WithAPIKey(key))
	get := func(method string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/v1/json/"+method+"/", nil)
		req.SetBasicAuth(key, "")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		return rec
	}
	rec := get(string(model.MethodServerList))
	body := rec.Body.String()
	if rec.Code != 500 || rec.Header().Get("Content-Type") != "application/json" ||
		!strings.Contains(body, `"error_type":"ApiErrorInternal"`) || !strings.Contains(body, "boom") {
		t.Fatalf("panic answered %d %s", rec.Code, body)
	}
	if strings.Contains(body, key) {
		t.Fatalf("the panic message leaked the key: %s", body)
	}
	if rec := get(string(model.MethodSnapshotList)); rec.Code != 200 {
		t.Fatalf("after a panic: %d %s", rec.Code, rec.Body)
	}
}

// TestDocIP checks addresses stay in the documentation ranges.
func TestDocIP(t *testing.T) {
	tests := []struct {
		block, n int
		want     string
	}{
		{0, 0, "192.0.2.10"},
		{0, 1, "192.0.2.11"},
		{1, 0, "198.51.100.10"},
		{1, 239, "198.51.100.249"},
		{1, 240, "203.0.113.10"},
		{2, 240, "192.0.2.10"},
	}
	for _, tt := range tests {
		if got := docIP(tt.block, tt.n); got != tt.want {
			t.Errorf("docIP(%d, %d) = %s, want %s", tt.block, tt.n, got, tt.want)
		}
	}
}
