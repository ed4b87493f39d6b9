package e2e

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// TestResumeAsPrinted: the "Resume with" command the program prints,
// pasted as printed (split as a shell would, run with the same
// environment), follows the job to its end, and the end is written back
// to the journal. Once after the wizard (the journal knows the endpoint)
// and once after `job follow ID --api-url URL` of a job the journal does
// not know (the command carries the endpoint).
func TestResumeAsPrinted(t *testing.T) {
	t.Parallel()
	t.Run("after the wizard", func(t *testing.T) {
		t.Parallel()
		b, u, s := startOrdering(t)
		ref, job := placeOrder(s)
		if code := s.quit(); code != 0 {
			t.Errorf("leaving while the job waits for payment exits %d, want 0", code)
		}
		args := resumeArgs(t, s.afterFullScreen())
		b.pay(t, ref)
		f := u.startWizard(args...)
		f.waitScreen(job, strconv.Itoa(ref))
		f.waitUntil("the job done with its new service", func(scr string) bool { return jobDoneOnScreen(b, job, scr) })
		if code := f.quit(); code != 0 {
			t.Errorf("the pasted command exits %d after the job finished, want 0", code)
		}
		j, _ := b.sb.Job(job)
		if rec := oneRecord(t, u); rec.State != "done" || rec.Service != j.Service {
			t.Errorf("after following the job to its end the journal records %+v, want done with service %s", rec, j.Service)
		}
	})
	t.Run("after job follow of a job the journal does not know", func(t *testing.T) {
		t.Parallel()
		b := newBackend(t)
		ref, job := placeDirect(t, b)
		u := newUser(t).withKey(testKey)
		s := u.followJob(b, job)
		s.waitScreen(job, "AWAITING-PAYMENT")
		if code := s.quit(); code != 0 {
			t.Errorf("leaving job follow exits %d, want 0", code)
		}
		args := resumeArgs(t, s.afterFullScreen())
		if !strings.Contains(strings.Join(args, " "), "--api-url "+b.url) {
			t.Errorf("the resume command %q does not carry the endpoint, which no journal entry names", args)
		}
		b.pay(t, ref)
		f := u.startWizard(args...)
		f.waitUntil("the job done with its new service", func(scr string) bool { return jobDoneOnScreen(b, job, scr) })
		if code := f.quit(); code != 0 {
			t.Errorf("the pasted command exits %d after the job finished, want 0", code)
		}
	})
}

// resumeArgs finds the one "Resume with: …" line of a summary and returns
// its command's arguments after "memset-order", split as a shell would.
func resumeArgs(t *testing.T, summary string) []string {
	t.Helper()
	var found []string
	for _, l := range strings.Split(summary, "\n") {
		if _, cmd, ok := strings.Cut(l, "Resume with: "); ok {
			found = append(found, strings.TrimSpace(cmd))
		}
	}
	if len(found) != 1 {
		t.Fatalf("the summary has %d \"Resume with\" lines, want 1:\n%s", len(found), summary)
	}
	words, err := shellWords(found[0])
	if err != nil || len(words) < 2 || words[0] != "memset-order" {
		t.Fatalf("the resume command %q is not a memset-order command line (%v)", found[0], err)
	}
	return words[1:]
}

// shellWords splits a command line as a POSIX shell would for words with
// no expansions: blanks separate words; single quotes keep everything
// literally; double quotes keep all but \" \\ \$ and \`; a backslash
// outside quotes keeps the next character.
func shellWords(line string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	rs := []rune(line)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == ' ' || r == '\t':
			if inWord {
				words, inWord = append(words, cur.String()), false
				cur.Reset()
			}
		case r == '\'':
			inWord = true
			j := i + 1
			for j < len(rs) && rs[j] != '\'' {
				cur.WriteRune(rs[j])
				j++
			}
			if j == len(rs) {
				return nil, errUnterminated
			}
			i = j
		case r == '"':
			inWord = true
			j := i + 1
			for ; j < len(rs) && rs[j] != '"'; j++ {
				if rs[j] == '\\' && j+1 < len(rs) && strings.ContainsRune("\"\\$`", rs[j+1]) {
					j++
				}
				cur.WriteRune(rs[j])
			}
			if j == len(rs) {
				return nil, errUnterminated
			}
			i = j
		case r == '\\' && i+1 < len(rs):
			inWord = true
			i++
			cur.WriteRune(rs[i])
		default:
			inWord = true
			cur.WriteRune(r)
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// errUnterminated: a quote was opened and not closed.
var errUnterminated = errors.New("unterminated quote")
