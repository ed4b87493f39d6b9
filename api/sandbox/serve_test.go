package sandbox_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestServe starts the sandbox on a loopback port, calls it with the
// printed URL, and stops it by cancelling the context.
func TestServe(t *testing.T) {
	tests := []struct {
		addr        string
		wantWarning bool
	}{
		{"127.0.0.1:0", false},
		{"localhost:0", false},
		{"0.0.0.0:0", true},
	}
	for _, tt := range tests {
		t.Run(tt.addr, func(t *testing.T) {
			sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithClock(sandbox.NewFakeClock(t0)))
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			pr, pw := io.Pipe()
			done := make(chan error, 1)
			go func() {
				err := sb.Serve(ctx, tt.addr, pw)
				pw.Close()
				done <- err
			}()
			lines := bufio.NewScanner(pr)
			var printed []string
			for lines.Scan() {
				printed = append(printed, lines.Text())
				if strings.Contains(lines.Text(), "curl") {
					break
				}
			}
			go func() { _, _ = io.Copy(io.Discard, pr) }()
			base, ok := strings.CutPrefix(printed[0], "Memset API sandbox listening on ")
			if !ok || !strings.HasPrefix(base, "http://127.0.0.1:") || !strings.HasSuffix(base, "/v1/json") {
				t.Fatalf("first line %q does not give the base URL", printed[0])
			}
			all := strings.Join(printed, "\n")
			if strings.Contains(all, testKey) {
				t.Fatalf("Serve printed the key:\n%s", all)
			}
			if got := strings.Contains(all, "Warning:"); got != tt.wantWarning {
				t.Fatalf("warning printed = %v, want %v:\n%s", got, tt.wantWarning, all)
			}
			if !strings.Contains(all, base+"/create.monthly_miniserver/") || !strings.Contains(all, "$MEMSET_API_KEY") {
				t.Fatalf("no usable curl example:\n%s", all)
			}

			req, _ := http.NewRequest(http.MethodGet, base+"/create.monthly_miniserver/?"+form(documented("1")), nil)
			req.SetBasicAuth(testKey, "")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			a := decodeAnswer(t, resp)
			resp.Body.Close()
			if a.status != 200 {
				t.Fatalf("%d %s", a.status, a.raw)
			}
			if sb.Requests(model.MethodMonthlyMiniserver) != 1 {
				t.Fatal("request not counted")
			}

			cancel()
			if err := <-done; err != nil {
				t.Fatalf("Serve = %v, want nil on a clean shutdown", err)
			}
			if _, err := http.DefaultClient.Do(req); err == nil {
				t.Fatal("still answering after the context was cancelled")
			}
		})
	}
}

// TestServeBadAddress reports a listen error instead of panicking.
func TestServeBadAddress(t *testing.T) {
	sb := sandbox.New()
	if err := sb.Serve(context.Background(), "256.0.0.1:http", io.Discard); err == nil || !strings.Contains(err.Error(), "256.0.0.1") {
		t.Fatalf("Serve on a bad address = %v", err)
	}
}

// TestServeShutdownDuringDelay: a request waiting in a Delay fault when the
// sandbox stops gets a JSON 503, not an empty answer, and Serve returns.
func TestServeShutdownDuringDelay(t *testing.T) {
	sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithClock(sandbox.NewFakeClock(t0)))
	sb.AddFault(sandbox.Fault{Method: model.MethodServerList, Delay: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- sb.Serve(ctx, "127.0.0.1:0", pw); pw.Close() }()
	line, _ := bufio.NewReader(pr).ReadString('\n')
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	base := strings.TrimSpace(strings.TrimPrefix(line, "Memset API sandbox listening on "))
	type result struct {
		resp *http.Response
		err  error
	}
	answered := make(chan result, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, base+"/server.list/", nil)
		req.SetBasicAuth(testKey, "")
		resp, err := http.DefaultClient.Do(req)
		answered <- result{resp, err}
	}()
	waitUntil(t, func() bool { return sb.Requests(model.MethodServerList) == 1 })
	cancel()
	r := <-answered
	if r.err != nil {
		t.Fatal(r.err)
	}
	defer r.resp.Body.Close()
	decodeAnswer(t, r.resp).wantError(t, 503, model.ErrorInternal, "The sandbox stopped before answering.")
	if err := <-done; err != nil {
		t.Fatalf("Serve = %v", err)
	}
}
