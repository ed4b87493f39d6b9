package e2e

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// placeDirect orders MSVM001 with Debian straight from the sandbox, as
// another client would, and returns the invoice and job it raised.
func placeDirect(t *testing.T, b *backend) (int, string) {
	t.Helper()
	before := len(b.sb.Orders())
	code := postCreate(t, b.url, testKey, "sku=MSVM001&os=debian_bookworm_64&dry_run=0")
	o := b.sb.Orders()
	if code != http.StatusOK || len(o) != before+1 {
		t.Fatalf("ordering from the sandbox directly: HTTP %d, %d orders", code, len(o))
	}
	return o[len(o)-1].InvoiceRef, o[len(o)-1].JobID
}

// followJob runs `memset-order job follow ID` against b in a terminal.
func (u *user) followJob(b *backend, id string, extra ...string) *session {
	u.t.Helper()
	return u.startWizard(append([]string{"job", "follow", id, "--api-url", b.url}, extra...)...)
}

// TestJobFollowToDone follows a job that waits for payment, sees it paid
// and followed through its stages to the end, and leaves with a summary
// naming the new service.
func TestJobFollowToDone(t *testing.T) {
	t.Parallel()
	b := newBackend(t)
	ref, job := placeDirect(t, b)
	u := newUser(t).withKey(testKey)
	s := u.followJob(b, job)
	s.waitScreen(job, "AWAITING-PAYMENT")
	b.pay(t, ref)
	s.waitUntil("the job done with its new service", func(scr string) bool { return jobDoneOnScreen(b, job, scr) })
	j, _ := b.sb.Job(job)
	if code := s.quit(); code != 0 {
		t.Errorf("job follow exits %d after the job finished, want 0\n%s", code, s.stderrText())
	}
	if out := s.afterFullScreen(); !strings.Contains(out, job) || !strings.Contains(out, j.Service) {
		t.Errorf("the summary does not name the job and the new service:\n%s", out)
	}
	if n := len(b.sb.Orders()); n != 1 {
		t.Errorf("following a job changed the ledger to %d orders", n)
	}
}

// jobDoneOnScreen reports whether the sandbox's job has finished and the
// screen says so, naming the new service.
func jobDoneOnScreen(b *backend, job, screen string) bool {
	j, ok := b.sb.Job(job)
	return ok && j.Finished && j.Service != "" && strings.Contains(screen, j.Service) && strings.Contains(screen, "done")
}

// TestJobFollowUnknownID: a well-formed id Memset does not know is
// reported as such, and the command fails.
func TestJobFollowUnknownID(t *testing.T) {
	t.Parallel()
	b := newBackend(t)
	u := newUser(t).withKey(testKey)
	id := strings.Repeat("0", 32)
	s := u.followJob(b, id)
	s.waitScreen(id)
	scr := s.waitUntil("a message that the job does not exist", func(scr string) bool {
		l := strings.ToLower(scr)
		return strings.Contains(l, "no such job") || strings.Contains(l, "not exist") || strings.Contains(l, "not found")
	})
	if code := s.quit(); code == 0 {
		t.Errorf("job follow of an unknown job exits 0; screen was:\n%s", scr)
	}
	if out := s.afterFullScreen() + s.stderrText(); !strings.Contains(out, id) {
		t.Errorf("after leaving, nothing names the job that could not be followed:\n%s", out)
	}
}

// TestJobFollowMalformedID: an id that is not 32 lower-case hex digits
// (nor an entry of the journal) is refused as bad usage (exit 2) with what
// a job id looks like, before anything is sent or the full screen opens.
func TestJobFollowMalformedID(t *testing.T) {
	t.Parallel()
	for _, id := range []string{"12345", strings.Repeat("g", 32), "100291", "abc\x1b[2Jdef"} {
		t.Run(strconv.Quote(id), func(t *testing.T) {
			t.Parallel()
			b := newBackend(t)
			u := newUser(t).withKey(testKey)
			r := u.run("job", "follow", id, "--api-url", b.url)
			msg := squash(r.stderr)
			if r.code != 2 || !strings.Contains(msg, "not a job id") || !strings.Contains(msg, "32 lower-case hex") {
				t.Errorf("job follow %q, want exit 2 and a message saying what a job id is:\n%s", id, r)
			}
			if strings.Contains(r.all(), "\x1b") {
				t.Errorf("job follow %q echoes a control character back to the terminal:\n%q", id, r.all())
			}
			if n := len(b.requests()); n != 0 {
				t.Errorf("job follow %q sent %d requests, want none", id, n)
			}
		})
	}
}

// TestJobFollowWithoutKey: without a key, job follow would ask the
// embedded sandbox, which knows no earlier job; it says so instead.
func TestJobFollowWithoutKey(t *testing.T) {
	t.Parallel()
	r := newUser(t).run("job", "follow", strings.Repeat("0", 32))
	if msg := squash(r.stderr); r.code != 1 || !strings.Contains(msg, "MEMSET_API_KEY") || !strings.Contains(msg, "sandbox") {
		t.Errorf("job follow without a key, want exit 1 and a message saying to set MEMSET_API_KEY:\n%s", r)
	}
}

// TestJobFollowRefusedKey: a well-formed key the backend does not know is
// reported as refused, without quoting it.
func TestJobFollowRefusedKey(t *testing.T) {
	t.Parallel()
	b := newBackend(t)
	_, job := placeDirect(t, b)
	wrong := deriveKey("a key Memset does not know")
	u := newUser(t).withKey(wrong)
	s := u.followJob(b, job)
	s.waitScreen("API key was refused")
	s.quit()
	noKey(t, wrong, "the terminal transcript", s.transcript())
	noKey(t, wrong, "stderr", []byte(s.stderrText()))
}

// TestLeaveAndResume leaves the wizard while the job waits for payment
// (design §4: following "can be left and resumed later by job id"): the
// summary says how to resume, and `job follow` then picks the job up,
// names the order from the journal, and follows it to the end.
func TestLeaveAndResume(t *testing.T) {
	t.Parallel()
	b, u, s := startOrdering(t)
	ref, job := placeOrder(s)
	if code := s.quit(); code != 0 {
		t.Errorf("leaving while the job waits exits %d, want 0", code)
	}
	out := s.afterFullScreen()
	for _, want := range []string{"invoice " + strconv.Itoa(ref), "job " + job, "awaiting payment", "job follow " + job} {
		if !strings.Contains(out, want) {
			t.Errorf("the summary after leaving does not say %q:\n%s", want, out)
		}
	}

	b.pay(t, ref)
	f := u.followJob(b, job)
	// The journal knows this job: the product and the invoice are named.
	f.waitScreen(job, "Miniserver", strconv.Itoa(ref))
	f.waitUntil("the job done with its new service", func(scr string) bool { return jobDoneOnScreen(b, job, scr) })
	if code := f.quit(); code != 0 {
		t.Errorf("job follow exits %d after the job finished, want 0", code)
	}
	oneOrder(t, b)
}
