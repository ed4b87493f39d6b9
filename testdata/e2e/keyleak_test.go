package e2e

import (
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestKeyNeverShown runs the wizard and every subcommand with a known key,
// against working and failing backends, each with --debug-log, and finds
// the key in none of their output, logs, terminal transcripts, journal,
// goldens or request URLs (issue #5, design §5.3).
func TestKeyNeverShown(t *testing.T) {
	t.Parallel()

	t.Run("wizard, full order", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		u := newUser(t).withKey(testKey)
		log := u.path("debug.log")
		s := u.startOrder(b, "--debug-log", log)
		ref, _ := placeOrder(s)
		b.pay(t, ref)
		s.waitScreen("Your new service is ready")
		if code := s.quit(); code != 0 {
			t.Errorf("exit %d", code)
		}
		scanRun(t, u, s, log, b)
	})

	t.Run("wizard, failing backend, key from a file", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		// The account cannot be read (500s), the services list comes back
		// as a proxy's HTML page, and the order's answer is lost.
		b.sb.AddFault(sandbox.Fault{Method: model.MethodPaymentMethods, Status: 500})
		b.sb.AddFault(sandbox.Fault{Method: model.MethodServicesList, Status: 502,
			Body: "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"})
		u := newUser(t)
		keyFile := u.path("memset.key")
		if err := os.WriteFile(keyFile, []byte(testKey+"\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		log := u.path("debug.log")
		s := u.startOrder(b, "--api-key-file", keyFile, "--debug-log", log)
		// Customer words: the failure is said, not its HTTP status (which
		// --debug-log keeps).
		s.waitScreen("What would you like to order?", "Memset's server failed")
		if scr := toReview(s); !containsAll(scr, []string{"your payment methods could not be read"}) {
			t.Errorf("the review does not show that the payment method could not be read:\n%s", scr)
		}
		b.dropNextOrder()
		confirm(s)
		s.waitScreen("may or may not")
		if code := s.quit(); code != 3 {
			t.Errorf("exit %d after a lost answer, want 3", code)
		}
		debug, _ := os.ReadFile(log)
		for _, want := range []string{"502", "500", string(model.MethodMonthlyMiniserver)} {
			if !bytes.Contains(debug, []byte(want)) {
				t.Errorf("the debug log does not record the failing exchanges (no %q): the scan would prove little", want)
			}
		}
		scanRun(t, u, s, log, b)
	})

	t.Run("sandbox subcommand", func(t *testing.T) {
		t.Parallel()
		u := newUser(t).withKey(testKey)
		log := u.path("debug.log")
		out := serveSandbox(t, u, "--debug-log", log)
		if !strings.Contains(out, "API key: the value of MEMSET_API_KEY ("+fingerprint(testKey)+")") {
			t.Errorf("the sandbox does not refer to the key by its fingerprint %s:\n%s", fingerprint(testKey), redact([]byte(out), testKey))
		}
		noKey(t, testKey, "the sandbox's output", []byte(out))
		scanFileIfAny(t, log)
		scanJournal(t, u)
	})

	t.Run("orders, help and version", func(t *testing.T) {
		t.Parallel()
		// A journal with a real order in it, so that orders prints a row.
		_, u, s := startOrdering(t)
		placeOrder(s)
		s.quit()
		log := u.path("debug.log")
		for _, args := range [][]string{
			{"orders"}, {"orders", "-o", "json"}, {"--help"}, {"--version"}, {"orders", "--help"}, {"sandbox", "--help"},
		} {
			r := u.run(append(args, "--debug-log", log)...)
			if r.code != 0 {
				t.Errorf("exit %d:\n%s", r.code, redact([]byte(r.String()), testKey))
			}
			noKey(t, testKey, "the output of "+strings.Join(args, " "), []byte(r.all()))
		}
		scanFileIfAny(t, log)
		scanJournal(t, u)
	})

	t.Run("job follow", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		ref, job := placeDirect(t, b)
		u := newUser(t).withKey(testKey)
		log := u.path("debug.log")
		// Working: followed to the end.
		s := u.followJob(b, job, "--debug-log", log)
		s.waitScreen("AWAITING-PAYMENT")
		b.pay(t, ref)
		s.waitUntil("the job done with its new service", func(scr string) bool { return jobDoneOnScreen(b, job, scr) })
		s.quit()
		noKey(t, testKey, "the terminal transcript of job follow", s.transcript())
		noKey(t, testKey, "the stderr of job follow", []byte(s.stderrText()))
		// Failing: every job.status answers 503, then an unknown job.
		b.sb.AddFault(sandbox.Fault{Method: model.MethodJobStatus, Status: 503, Times: 4})
		for _, id := range []string{job, strings.Repeat("0", 32)} {
			s := u.followJob(b, id, "--debug-log", log)
			s.waitScreen(id)
			s.waitUntil("an error", func(scr string) bool {
				return strings.Contains(scr, "503") || strings.Contains(strings.ToLower(scr), "no such job")
			})
			s.quit()
			noKey(t, testKey, "the terminal transcript of a failing job follow", s.transcript())
			noKey(t, testKey, "the stderr of a failing job follow", []byte(s.stderrText()))
		}
		debug, err := os.ReadFile(log)
		if err != nil || !bytes.Contains(debug, []byte(string(model.MethodJobStatus))) {
			t.Errorf("job follow's debug log records no job.status calls (%v)", err)
		}
		noKey(t, testKey, "job follow's debug log", debug)
		noKeyInRequests(t, testKey, b)
	})

	t.Run("goldens and fixtures", func(t *testing.T) {
		t.Parallel()
		n := noKeyUnder(t, testKey, filepath.Join("..", "..", "ui", "testdata"))
		n += noKeyUnder(t, testKey, "..")
		if n == 0 {
			t.Errorf("no golden or fixture files were found to scan")
		}
	})
}

// scanRun scans everything a wizard run left: the raw terminal transcript,
// stderr, the debug log, the journal, and the backend's request URLs and
// bodies.
func scanRun(t *testing.T, u *user, s *session, log string, b *backend) {
	t.Helper()
	noKey(t, testKey, "the terminal transcript", s.transcript())
	noKey(t, testKey, "stderr", []byte(s.stderrText()))
	debug, err := os.ReadFile(log)
	if err != nil || !bytes.Contains(debug, []byte(string(model.MethodJobStatus))) && !bytes.Contains(debug, []byte(string(model.MethodMonthlyMiniserver))) {
		t.Errorf("the debug log %s is missing or records no API calls (%v): the scan would prove nothing", log, err)
	}
	if !bytes.Contains(debug, []byte("[redacted]")) {
		t.Errorf("the debug log does not show the Authorization header as [redacted]")
	}
	noKey(t, testKey, "the debug log", debug)
	if _, err := os.Stat(u.journalPath()); err != nil {
		t.Errorf("the order left no journal to scan: %v", err)
	}
	scanJournal(t, u)
	noKeyInRequests(t, testKey, b)
}

// scanJournal scans the journal file, if there is one.
func scanJournal(t *testing.T, u *user) {
	t.Helper()
	scanFileIfAny(t, u.journalPath())
}

// scanFileIfAny scans a file a command may or may not have written.
func scanFileIfAny(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); err == nil {
		noKeyInFile(t, testKey, path)
	}
}

var listenRE = regexp.MustCompile(`listening on (http://\S+/v1/json)`)

// serveSandbox runs `memset-order sandbox --listen 127.0.0.1:0`, checks
// that it answers a dry run with the user's key and refuses another key,
// stops it with SIGINT and returns all it printed.
func serveSandbox(t *testing.T, u *user, extra ...string) string {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"sandbox", "--listen", "127.0.0.1:0"}, extra...)...)
	cmd.Env, cmd.Dir = u.environ(), u.home
	var mu sync.Mutex
	var out bytes.Buffer
	w := lockedBuffer{&mu, &out}
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	var waitErr error
	go func() { waitErr = cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		select {
		case <-exited:
		default:
			_ = cmd.Process.Kill()
			<-exited
		}
	})
	text := func() string { mu.Lock(); defer mu.Unlock(); return out.String() }
	var base string
	deadline := time.Now().Add(screenTimeout)
	for base == "" {
		if m := listenRE.FindStringSubmatch(text()); m != nil {
			base = m[1]
		} else if time.Now().After(deadline) {
			t.Fatalf("the sandbox did not say where it listens:\n%s", redact([]byte(text()), testKey))
		} else {
			time.Sleep(10 * time.Millisecond)
		}
	}
	if code := dryRun(t, base, testKey); code != http.StatusOK {
		t.Errorf("the sandbox answered a dry run with the key from MEMSET_API_KEY with HTTP %d, want 200", code)
	}
	if code := dryRun(t, base, deriveKey("not the sandbox's key")); code != http.StatusUnauthorized && code != http.StatusForbidden {
		t.Errorf("the sandbox answered a dry run with another key with HTTP %d, want a refusal", code)
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case <-exited:
		if waitErr != nil {
			t.Errorf("the sandbox did not stop cleanly on SIGINT: %v\n%s", waitErr, redact([]byte(text()), testKey))
		}
	case <-time.After(screenTimeout):
		t.Fatalf("the sandbox did not stop on SIGINT")
	}
	return text()
}

// dryRun posts the documented MSVM001 dry run with key as the Basic user
// name and returns the HTTP status.
func dryRun(t *testing.T, base, key string) int {
	t.Helper()
	return postCreate(t, base, key, "sku=MSVM001&os=debian_jessie_64&dry_run=1")
}
