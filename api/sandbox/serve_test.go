package sandbox_test

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestServe starts the sandbox on a port the system picks, calls it with
// the printed URL, and stops it by cancelling the context. It prints the
// address it is bound to, the real port included; an address beyond
// loopback is warned about before the sandbox listens.
func TestServe(t *testing.T) {
	tests := []struct {
		addr        string
		wantBase    string // the printed base URL starts so
		wantLocal   string // and the curl example's so
		wantWarning bool
	}{
		{"127.0.0.1:0", "http://127.0.0.1:", "http://127.0.0.1:", false},
		{"localhost:0", "http://127.0.0.1:", "http://127.0.0.1:", false},
		{"[::1]:0", "http://[::1]:", "http://[::1]:", false},
		{"0.0.0.0:0", "http://0.0.0.0:", "http://127.0.0.1:", true},
		{"[::]:0", "http://[::]:", "http://[::1]:", true},
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
			all := strings.Join(printed, "\n")
			listening := slices.IndexFunc(printed, func(l string) bool { return strings.HasPrefix(l, "Memset API sandbox listening on ") })
			if listening < 0 {
				t.Fatalf("no line gives the base URL:\n%s", all)
			}
			base, _, _ := strings.Cut(strings.TrimPrefix(printed[listening], "Memset API sandbox listening on "), " ")
			if !strings.HasPrefix(base, tt.wantBase) || !strings.HasSuffix(base, "/v1/json") || strings.Contains(base, ":0/") {
				t.Fatalf("%q does not give the bound address as a base URL %s…/v1/json", printed[listening], tt.wantBase)
			}
			if strings.Contains(all, testKey) {
				t.Fatalf("Serve printed the key:\n%s", all)
			}
			warning := slices.IndexFunc(printed, func(l string) bool { return strings.HasPrefix(l, "Warning:") })
			if got := warning >= 0; got != tt.wantWarning {
				t.Fatalf("warning printed = %v, want %v:\n%s", got, tt.wantWarning, all)
			}
			if tt.wantWarning && warning > listening {
				t.Fatalf("the warning comes after the sandbox listens:\n%s", all)
			}
			port := base[strings.LastIndex(base, ":"):]
			local := tt.wantLocal[:len(tt.wantLocal)-1] + port
			if !strings.Contains(all, local+"/create.monthly_miniserver/") || !strings.Contains(all, "$MEMSET_API_KEY") {
				t.Fatalf("no usable curl example at %s:\n%s", local, all)
			}

			req, _ := http.NewRequest(http.MethodGet, local+"/create.monthly_miniserver/?"+form(documented("1")), nil)
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

// TestServeNamesInterfaces: the startup lines give the base URL of each of
// the three interfaces, and each answers there (issue #13 point 4); the
// command's help takes the same lines (DescribeInterfaces).
func TestServeNamesInterfaces(t *testing.T) {
	sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithClock(sandbox.NewFakeClock(t0)))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- sb.Serve(ctx, "127.0.0.1:0", pw); pw.Close() }()
	lines := bufio.NewScanner(pr)
	var printed []string
	for lines.Scan() && !strings.Contains(lines.Text(), "curl") {
		printed = append(printed, lines.Text())
	}
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	all := strings.Join(printed, "\n")
	base := strings.TrimSuffix(strings.TrimPrefix(printed[0], "Memset API sandbox listening on "), "/v1/json")
	for _, want := range []string{base + "/v1/json/<method>/", base + "/v1/xmlrpc ", base + "/v1/jsonrpc/ ", "key as user name"} {
		if !strings.Contains(all, want) {
			t.Errorf("the startup lines do not give %q:\n%s", want, all)
		}
	}
	for _, path := range []string{"/v1/xmlrpc", "/v1/jsonrpc/"} {
		req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(map[string]string{"/v1/xmlrpc": xmlListMethods, "/v1/jsonrpc/": jsonListMethods}[path]))
		req.SetBasicAuth(testKey, "")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(body), "system.listMethods") || strings.Contains(string(body), "fault") {
			t.Errorf("system.listMethods at %s%s: %d %s", base, path, resp.StatusCode, body)
		}
	}
	help := sandbox.DescribeInterfaces("")
	for _, i := range sandbox.Interfaces() {
		if !strings.Contains(help, " "+i.Path+" ") || !strings.Contains(help, i.Name) {
			t.Errorf("DescribeInterfaces lacks %s at %s:\n%s", i.Name, i.Path, help)
		}
	}
	if n := len(sandbox.Interfaces()); n != 3 {
		t.Errorf("%d interfaces, want JSON, XML-RPC and JSON-RPC", n)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Serve = %v", err)
	}
}
