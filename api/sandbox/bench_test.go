package sandbox_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
)

// BenchmarkDryRunTransport measures a documented dry run through the
// in-memory transport, the wizard's path for every quote.
func BenchmarkDryRunTransport(b *testing.B) {
	sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithClock(sandbox.NewFakeClock(t0)))
	client := &http.Client{Transport: sb.Transport()}
	body := form(documented("1"))
	b.ReportAllocs()
	for b.Loop() {
		req, _ := http.NewRequest(http.MethodPost, sandbox.BaseURL+"/create.monthly_miniserver/", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.SetBasicAuth(testKey, "")
		resp, err := client.Do(req)
		if err != nil || resp.StatusCode != 200 {
			b.Fatalf("%v %v", resp, err)
		}
		resp.Body.Close()
	}
}

// BenchmarkJobStatusManyJobs measures job.status with 1,000 jobs on record.
func BenchmarkJobStatusManyJobs(b *testing.B) {
	e := newEnv(b)
	var id string
	for range 1000 {
		_, id = e.order(b, "create.monthly_miniserver", documented("0"))
	}
	b.ResetTimer()
	for b.Loop() {
		e.jobStatus(b, id)
	}
}
