package sandbox_test

import (
	"net/http"
	"testing"

	"github.com/memset-order/memset-order/model"
)

// TestNameInPathAndParameter: name may come both as the path segment and as
// a parameter when the two agree, as a real Memstore client sends it
// (GET /v1/json/memstore.user.create/<tenant>?name=<tenant>&…&api_key=…,
// memset-api.md §6b); when they differ, the answer is ApiErrorBadParameters
// about name.
func TestNameInPathAndParameter(t *testing.T) {
	tests := []struct {
		name, verb, path, query, body string
		wantName                      string // service.info's answer; "" for the refusal
	}{
		{"same name in the query, key as api_key", http.MethodGet, "service.info/sandyaa1", "name=sandyaa1&api_key=" + testKey, "", "sandyaa1"},
		{"same name in the body", http.MethodPost, "service.info/sandyaa2/", "", "name=sandyaa2", "sandyaa2"},
		{"another name in the query", http.MethodGet, "service.info/sandyaa1/", "name=sandyaa2", "", ""},
		{"another name in the body", http.MethodPost, "service.info/sandyaa1/", "", "name=sandyaa2", ""},
		{"an empty name parameter", http.MethodPost, "service.info/sandyaa1/", "", "name=", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			path := tt.path
			if tt.query != "" {
				path += "?" + tt.query
			}
			req := e.request(t, tt.verb, path, tt.body)
			if tt.verb == http.MethodPost {
				req.SetBasicAuth(testKey, "")
			}
			a := e.do(t, req)
			if tt.wantName == "" {
				a.wantError(t, 400, model.ErrorBadParameters, "")
				if msg, _ := a.obj(t)["error"].(string); len(msg) < 6 || msg[:6] != "name: " {
					t.Fatalf("error %q does not name the parameter name", msg)
				}
				return
			}
			if a.status != http.StatusOK || a.obj(t)["name"] != tt.wantName {
				t.Fatalf("%s %s: %d %s, want service %s", tt.verb, path, a.status, a.raw, tt.wantName)
			}
		})
	}
}
