package e2e

import (
	"strconv"
	"strings"
	"testing"
)

// TestEmbeddedSandboxRuns: two runs of the wizard on the embedded sandbox
// (no key) issue different invoice numbers and job ids; each summary says
// plainly that the sandbox's jobs end with the program instead of offering
// a resume command that could not work; and `job follow` of such a job
// says the same instead of asking anything.
func TestEmbeddedSandboxRuns(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	refs, jobs := map[int]bool{}, map[string]bool{}
	var lastJob string
	for run := range 2 {
		s := u.startWizard()
		toSandboxReview(s)
		confirm(s)
		ref, job := following(s)
		if code := s.quit(); code != 0 {
			t.Errorf("run %d: leaving the embedded sandbox's job exits %d, want 0", run, code)
		}
		out := squash(s.afterFullScreen())
		for _, want := range []string{"Ordered (SANDBOX: nothing was bought): invoice " + strconv.Itoa(ref) + ", job " + job + ".", "its jobs end with the program"} {
			if !strings.Contains(out, want) {
				t.Errorf("run %d: the summary does not say %q:\n%s", run, want, out)
			}
		}
		if strings.Contains(out, "Resume with") {
			t.Errorf("run %d: the summary offers to resume a job that ended with the program:\n%s", run, out)
		}
		refs[ref], jobs[job], lastJob = true, true, job
	}
	if len(refs) != 2 || len(jobs) != 2 {
		t.Errorf("two runs of the embedded sandbox issued invoices %v and jobs %v, want each different", refs, jobs)
	}
	for _, args := range [][]string{{"job", "follow", lastJob}, {"job", "follow", "--latest"}} {
		r := u.run(args...)
		if r.code != 1 || !strings.Contains(squash(r.stderr), "the embedded sandbox's jobs ended with the program that placed them") {
			t.Errorf("%s, want exit 1 saying the embedded sandbox's jobs ended with the program:\n%s", strings.Join(args, " "), r)
		}
	}
	if table := u.run("orders"); !strings.Contains(table.stdout, "SANDBOX") || strings.Contains(table.stdout, "To follow") {
		t.Errorf("orders offers to follow jobs that ended with the program:\n%s", table)
	}
}
