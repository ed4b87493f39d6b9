package sandbox_test

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// holdLimit bounds how long a test waits for the server to end a
// connection: a hang guard, shorter than the default limits, so that a
// limit an option failed to set shows as a connection held open.
const holdLimit = 5 * time.Second

// serveOn runs sb.Serve on a loopback port with opts until the test ends and
// returns the host:port it listens on.
func serveOn(t *testing.T, sb *sandbox.Sandbox, opts ...sandbox.ServeOption) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- sb.Serve(ctx, "127.0.0.1:0", pw, opts...); pw.Close() }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve = %v", err)
		}
	})
	line, _ := bufio.NewReader(pr).ReadString('\n')
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	base, ok := strings.CutPrefix(strings.TrimSpace(line), "Memset API sandbox listening on http://")
	if !ok {
		t.Fatalf("Serve printed %q first", line)
	}
	return strings.TrimSuffix(base, "/v1/json")
}

// dial connects to addr, closing the connection when the test ends.
func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// basicAuth is the Authorization header with key as the user name.
func basicAuth(key string) string {
	req, _ := http.NewRequest(http.MethodGet, "/", nil)
	req.SetBasicAuth(key, "")
	return req.Header.Get("Authorization")
}

// lateBody is the message of the body-timeout cases of TestServeLimits.
var lateBody = map[string]string{
	"a body that stops half way":    "The request body did not arrive within 100ms of the headers.",
	"a body too large, sent slowly": "The request body is larger than 65536 bytes.",
}

// TestServeLimits: a client that sends slowly, too much, or nothing at all
// has its connection closed, answered or not, within the limits set by the
// ServeOptions.
func TestServeLimits(t *testing.T) {
	const short = 100 * time.Millisecond
	auth := "Authorization: " + basicAuth(testKey) + "\r\n"
	tests := []struct {
		name string
		opt  sandbox.ServeOption
		send string
		want []int // the statuses answered before the server closes
	}{
		{
			"a body that stops half way", sandbox.WithBodyTimeout(short),
			"POST /v1/json/server.list/ HTTP/1.1\r\nHost: sandbox\r\n" + auth +
				"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\nsku=",
			[]int{http.StatusBadRequest},
		},
		{
			"a body too large, sent slowly", sandbox.WithBodyTimeout(short),
			"POST /v1/json/server.list/ HTTP/1.1\r\nHost: sandbox\r\n" + auth +
				"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 100000\r\n\r\nsku=",
			[]int{http.StatusBadRequest},
		},
		{
			"headers that stop half way", sandbox.WithHeaderTimeout(short),
			"POST /v1/json/server.list/ HTTP/1.1\r\nHost: sandbox\r\n",
			nil,
		},
		{
			"an idle kept-alive connection", sandbox.WithIdleTimeout(short),
			"GET /v1/json/server.list/ HTTP/1.1\r\nHost: sandbox\r\n" + auth + "\r\n",
			[]int{http.StatusOK},
		},
		{
			"headers that are too large", sandbox.WithMaxHeaderBytes(1024),
			"GET /v1/json/server.list/ HTTP/1.1\r\nHost: sandbox\r\n" + auth +
				"X-Padding: " + strings.Repeat("a", 16<<10) + "\r\n\r\n",
			[]int{http.StatusRequestHeaderFieldsTooLarge},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithClock(sandbox.NewFakeClock(t0)))
			c := dial(t, serveOn(t, sb, tt.opt))
			if _, err := io.WriteString(c, tt.send); err != nil {
				t.Fatal(err)
			}
			_ = c.SetReadDeadline(time.Now().Add(holdLimit))
			got, err := io.ReadAll(c)
			if errors.Is(err, os.ErrDeadlineExceeded) {
				t.Fatalf("the connection was still open after %v (read so far: %q)", holdLimit, got)
			}
			var statuses []int
			rd := bufio.NewReader(bytes.NewReader(got))
			for {
				resp, err := http.ReadResponse(rd, nil)
				if err != nil {
					break
				}
				body, _ := io.ReadAll(resp.Body)
				statuses = append(statuses, resp.StatusCode)
				if msg, ok := lateBody[tt.name]; ok {
					decodeAnswer(t, &http.Response{StatusCode: resp.StatusCode, Header: resp.Header, Body: io.NopCloser(bytes.NewReader(body))}).
						wantError(t, http.StatusBadRequest, model.ErrorBadParameters, msg)
				}
			}
			if !slices.Equal(statuses, tt.want) {
				t.Fatalf("answered %v before closing, want %v; read %q", statuses, tt.want, got)
			}
		})
	}
}

// TestServeBodyTimeoutSparesDelays: the body deadline ends with the body;
// an answer a Delay fault holds back for longer still arrives.
func TestServeBodyTimeoutSparesDelays(t *testing.T) {
	sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithClock(sandbox.NewFakeClock(t0)))
	sb.AddFault(sandbox.Fault{Method: model.MethodServerList, Delay: 300 * time.Millisecond})
	addr := serveOn(t, sb, sandbox.WithBodyTimeout(20*time.Millisecond))
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/v1/json/server.list/", strings.NewReader("api_key="+testKey))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if a := decodeAnswer(t, resp); a.status != http.StatusOK {
		t.Fatalf("%d %s", a.status, a.raw)
	}
}

// TestServeConnectionCap: while WithMaxConns connections are open, silent
// ones included, a further one is not served; it is once one of them
// closes. (The one bounded wait of these tests: it can only pass wrongly,
// on a machine too slow to answer in time, never fail wrongly.)
func TestServeConnectionCap(t *testing.T) {
	sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithClock(sandbox.NewFakeClock(t0)))
	addr := serveOn(t, sb, sandbox.WithMaxConns(2))
	hogs := []net.Conn{dial(t, addr), dial(t, addr)}
	c := dial(t, addr)
	if _, err := io.WriteString(c, "GET /v1/json/server.list/ HTTP/1.1\r\nHost: sandbox\r\nAuthorization: "+basicAuth(testKey)+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	rd := bufio.NewReader(c)
	_ = c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	if _, err := rd.Peek(1); !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("a third connection was served while two were open (%v)", err)
	}
	hogs[0].Close()
	_ = c.SetReadDeadline(time.Now().Add(holdLimit))
	resp, err := http.ReadResponse(rd, nil)
	if err != nil {
		t.Fatalf("the third connection was not served once a slot was free: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || sb.Requests(model.MethodServerList) != 1 {
		t.Fatalf("status %d, %d requests", resp.StatusCode, sb.Requests(model.MethodServerList))
	}
}
