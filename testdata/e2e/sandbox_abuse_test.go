package e2e

import (
	"bytes"
	"net/http"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// runningSandbox is `memset-order sandbox` serving in the background.
type runningSandbox struct {
	t      *testing.T
	mu     sync.Mutex
	out    bytes.Buffer
	exited chan struct{}
	err    error
	cmd    *exec.Cmd
}

// startSandbox runs `memset-order sandbox --listen listen` as u, waits until
// it says where it listens and returns it with the base URL it printed.
// It is stopped (SIGINT, then killed) when the test ends.
func startSandbox(t *testing.T, u *user, listen string) (*runningSandbox, string) {
	t.Helper()
	s := &runningSandbox{t: t, exited: make(chan struct{})}
	s.cmd = exec.Command(binary, "sandbox", "--listen", listen)
	s.cmd.Env, s.cmd.Dir = u.environ(), u.home
	w := lockedBuffer{&s.mu, &s.out}
	s.cmd.Stdout, s.cmd.Stderr = w, w
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.err = s.cmd.Wait(); close(s.exited) }()
	t.Cleanup(s.stop)
	deadline := time.Now().Add(screenTimeout)
	for {
		if m := listenRE.FindStringSubmatch(s.text()); m != nil {
			return s, m[1]
		}
		select {
		case <-s.exited:
			t.Fatalf("the sandbox ended before it listened (%v):\n%s", s.err, redact([]byte(s.text()), testKey))
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("the sandbox did not say where it listens:\n%s", redact([]byte(s.text()), testKey))
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// text is everything the sandbox printed so far.
func (s *runningSandbox) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.out.String()
}

// stop interrupts the sandbox and waits for it, killing it if it lingers.
func (s *runningSandbox) stop() {
	select {
	case <-s.exited:
		return
	default:
	}
	_ = s.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-s.exited:
		if s.err != nil {
			s.t.Errorf("the sandbox did not stop cleanly on SIGINT: %v", s.err)
		}
	case <-time.After(screenTimeout):
		_ = s.cmd.Process.Kill()
		<-s.exited
		s.t.Errorf("the sandbox did not stop on SIGINT")
	}
}

// TestSandboxThrottleSparesTheKey: strangers' failed logins throttle the
// strangers, not the person with the key (issue #9, point 7): before, ten
// bad keys from anyone locked the right key out for a minute.
func TestSandboxThrottleSparesTheKey(t *testing.T) {
	t.Parallel()
	u := newUser(t).withKey(testKey)
	_, base := startSandbox(t, u, "127.0.0.1:0")
	stranger := deriveKey("a stranger's guess")
	for i := range 10 {
		if code := dryRun(t, base, stranger); code != http.StatusForbidden {
			t.Fatalf("bad key %d: HTTP %d, want 403", i+1, code)
		}
	}
	// Throttled comes with 403, a status Memset's clients handle
	// (model.ErrorTypes); the body says which it is.
	if code, body := postCreateBody(t, base, stranger, "sku=MSVM001&os=debian_jessie_64&dry_run=1"); code != http.StatusForbidden || !strings.Contains(body, "ApiErrorThrottled") {
		t.Errorf("a client that keeps failing: HTTP %d %s, want 403 with ApiErrorThrottled", code, body)
	}
	if code, body := postCreateBody(t, base, testKey, "sku=MSVM001&os=debian_jessie_64&dry_run=1"); code != http.StatusOK {
		t.Errorf("the right key after ten strangers' failures: HTTP %d, want 200: %s", code, redact([]byte(body), testKey))
	}
}

// listeningRE reads the line that says where the sandbox listens: the
// bound address, and for every interface the address to use from here.
var listeningRE = regexp.MustCompile(`listening on http://(\S+)/v1/json(?: \(every interface; from this machine, (http://\S+/v1/json)\))?`)

// TestSandboxListenAddress: the sandbox says where it really listens (the
// port the system chose for :0, every interface for 0.0.0.0) and warns
// about an address beyond loopback before it listens (issue #9, point 7):
// before, `--listen 0.0.0.0:1` printed "listening on http://127.0.0.1:1",
// then the warning.
func TestSandboxListenAddress(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		listen    string
		wantBound string // the bound address starts so
		warn      bool
	}{
		{"127.0.0.1:0", "127.0.0.1:", false},
		{"0.0.0.0:0", "0.0.0.0:", true},
	} {
		t.Run(tc.listen, func(t *testing.T) {
			t.Parallel()
			u := newUser(t).withKey(testKey)
			s, _ := startSandbox(t, u, tc.listen)
			// The curl example is printed after the line that says where
			// the sandbox listens: wait for it rather than race it.
			for deadline := time.Now().Add(screenTimeout); !strings.Contains(s.text(), "curl -u") && time.Now().Before(deadline); {
				time.Sleep(10 * time.Millisecond)
			}
			out := s.text()
			m := listeningRE.FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("no line says where the sandbox listens:\n%s", out)
			}
			bound, local := m[1], m[2]
			if !strings.HasPrefix(bound, tc.wantBound) || strings.HasSuffix(bound, ":0") {
				t.Errorf("the sandbox says it listens on %s, want the bound address %s<port>:\n%s", bound, tc.wantBound, out)
			}
			warning := strings.Index(out, "Warning:")
			if got := warning >= 0; got != tc.warn {
				t.Errorf("warned = %v, want %v:\n%s", got, tc.warn, out)
			}
			if tc.warn && warning > strings.Index(out, "listening on") {
				t.Errorf("the warning comes after the sandbox listens:\n%s", out)
			}
			if local == "" {
				local = "http://" + bound + "/v1/json"
			} else if !strings.HasPrefix(local, "http://127.0.0.1:"+bound[strings.LastIndex(bound, ":")+1:]+"/") {
				t.Errorf("the address to use from this machine, %s, is not 127.0.0.1 on the bound port:\n%s", local, out)
			}
			if !strings.Contains(out, "curl -u \"$MEMSET_API_KEY:\" "+local+"/") {
				t.Errorf("the curl example does not use %s:\n%s", local, out)
			}
			if code := dryRun(t, local, testKey); code != http.StatusOK {
				t.Errorf("a dry run at %s: HTTP %d, want 200", local, code)
			}
			noKey(t, testKey, "the sandbox's output", []byte(s.text()))
		})
	}
}
