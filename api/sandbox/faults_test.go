package sandbox_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestFaultDelayHonoursContext: a client that gives up while the answer is
// delayed gets its own error back, and the order is not placed.
func TestFaultDelayHonoursContext(t *testing.T) {
	for _, via := range []string{"listener", "transport"} {
		t.Run(via, func(t *testing.T) {
			e := newEnv(t)
			e.sb.AddFault(sandbox.Fault{Method: model.MethodMonthlyMiniserver, Delay: time.Hour})
			ctx, cancel := context.WithCancel(context.Background())
			req := e.request(t, http.MethodPost, "create.monthly_miniserver/", form(documented("0")))
			req.SetBasicAuth(testKey, "")
			req = req.WithContext(ctx)
			client := e.srv.Client()
			if via == "transport" {
				req.URL.Scheme, req.URL.Host = "https", "sandbox.memset-order.invalid"
				client = &http.Client{Transport: e.sb.Transport()}
			}
			errc := make(chan error, 1)
			go func() {
				resp, err := client.Do(req)
				if err == nil {
					resp.Body.Close()
				}
				errc <- err
			}()
			// Give up only once the request is in the sandbox, waiting.
			waitUntil(t, func() bool { return e.sb.Requests(model.MethodMonthlyMiniserver) == 1 })
			cancel()
			if err := <-errc; !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			e.srv.Close() // waits for the handler: the order must not appear afterwards
			if n := len(e.sb.Orders()); n != 0 {
				t.Fatalf("%d orders placed by a request the client gave up", n)
			}
		})
	}
}

// TestFaultDelayAnswers: a short delay still answers normally.
func TestFaultDelayAnswers(t *testing.T) {
	e := newEnv(t)
	e.sb.AddFault(sandbox.Fault{Delay: time.Millisecond})
	if a := e.call(t, model.MethodMonthlyMiniserver, documented("1")); a.status != 200 {
		t.Fatalf("%d %s", a.status, a.raw)
	}
}

// TestFaultStatusAndBody replaces answers, for the given number of times,
// for one method or all.
func TestFaultStatusAndBody(t *testing.T) {
	e := newEnv(t)
	e.sb.AddFault(sandbox.Fault{Method: model.MethodJobStatus, Status: 503, Times: 2})
	e.sb.AddFault(sandbox.Fault{Method: model.MethodServerList, Status: 502, Body: "<html><body>Bad gateway</body></html>", Times: 1})
	e.sb.AddFault(sandbox.Fault{Method: model.MethodSnapshotList, Body: `[{"name":`})

	for range 2 {
		e.call(t, model.MethodJobStatus, map[string]string{"id": "00000000000000000000000000000000"}).
			wantError(t, 503, model.ErrorInternal, "Simulated fault: the server answered 503 Service Unavailable.")
	}
	e.call(t, model.MethodJobStatus, map[string]string{"id": "00000000000000000000000000000000"}).wantError(t, 404, model.ErrorDoesNotExist, "")

	resp := rawCall(t, e, "server.list/")
	if resp.status != 502 || resp.contentType != "text/html; charset=utf-8" || !strings.Contains(resp.body, "Bad gateway") {
		t.Fatalf("HTML fault = %+v", resp)
	}
	if a := e.call(t, model.MethodServerList, nil); a.status != 200 {
		t.Fatalf("fault not spent after one hit: %d", a.status)
	}
	if resp := rawCall(t, e, "server.snapshot_list/"); resp.status != 200 || resp.body != `[{"name":` {
		t.Fatalf("truncated JSON fault = %+v", resp)
	}
	if n := e.sb.Requests(model.MethodJobStatus); n != 3 {
		t.Fatalf("Requests(job.status) = %d, want 3 (faulted requests count)", n)
	}
	e.sb.ClearFaults()
	if a := e.call(t, model.MethodSnapshotList, nil); a.status != 200 {
		t.Fatalf("after ClearFaults: %d %s", a.status, a.raw)
	}
}

type rawAnswer struct {
	status      int
	contentType string
	body        string
}

func rawCall(t *testing.T, e *env, path string) rawAnswer {
	t.Helper()
	req := e.request(t, http.MethodPost, path, "")
	req.SetBasicAuth(testKey, "")
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return rawAnswer{resp.StatusCode, resp.Header.Get("Content-Type"), string(b)}
}

// TestFaultDropOnListener: the connection closes without an answer, yet
// the order was placed, which is what the wizard must report as unknown.
func TestFaultDropOnListener(t *testing.T) {
	e := newEnv(t)
	e.sb.AddFault(sandbox.Fault{Method: model.MethodMonthlyMiniserver, Drop: true, Times: 1})
	req := e.request(t, http.MethodPost, "create.monthly_miniserver/", form(documented("0")))
	req.SetBasicAuth(testKey, "")
	resp, err := e.srv.Client().Do(req)
	if err == nil {
		resp.Body.Close()
		t.Fatalf("got an answer (%d) from a dropped connection", resp.StatusCode)
	}
	if n := len(e.sb.Orders()); n != 1 {
		t.Fatalf("%d orders recorded, want 1: the drop comes after processing", n)
	}
	if a := e.call(t, model.MethodMonthlyMiniserver, documented("1")); a.status != 200 {
		t.Fatalf("next request after the drop: %d", a.status)
	}
}
