package api_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api"
)

// TestDebugLogBodies checks what the debug log shows of an answer: the
// start of a long body with a mark where it was cut, even when the body is
// not valid UTF-8, and bytes that could forge log lines made harmless.
func TestDebugLogBodies(t *testing.T) {
	cases := []struct {
		name, body string
		want       []string
		notWant    []string
	}{
		{"long body is cut", strings.Repeat("a", 5000), []string{strings.Repeat("a", 4096) + "… (cut at 4096 bytes)"}, []string{strings.Repeat("a", 4097)}},
		{"long body that is not UTF-8", "\xff" + strings.Repeat("b", 5000), []string{strings.Repeat("b", 4000), "(cut at 4096 bytes)"}, nil},
		{"a forged log line", "x\n<-- HTTP 200 forged", []string{"x <-- HTTP 200 forged"}, []string{"\n<-- HTTP 200 forged"}},
		{"empty body", "", []string{"body: (empty)"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(tc.body))
			})
			var log syncBuffer
			c, _ := client(t, srv.URL, api.WithDebugLog(&log), api.WithRetry(api.NoRetry))
			_, _ = c.JobStatus(t.Context(), testJobID)
			got := log.String()
			if !strings.Contains(got, "--> POST "+srv.URL+"/v1/json/job.status/ (attempt 1 of 1)") || !strings.Contains(got, "body: id="+testJobID) {
				t.Errorf("the request is not logged:\n%s", got)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("debug log lacks %.60q…:\n%.600s", w, got)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) {
					t.Errorf("debug log holds %.60q…", w)
				}
			}
		})
	}
}
