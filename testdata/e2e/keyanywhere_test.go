package e2e

import (
	"strings"
	"testing"
)

// TestKeyPastedAnywhere places the active key (from MEMSET_API_KEY) where
// a person might paste it by mistake — every flag's value, a job id, an
// unknown flag or command, an API URL's query — in upper and lower case,
// and runs each command: the key appears in no stdout, stderr, terminal
// transcript (window titles included) or file under the user's home and
// state directories, and `job follow KEY` stops at once instead of asking
// Memset about it (issue #9, point 1).
func TestKeyPastedAnywhere(t *testing.T) {
	t.Parallel()
	b := newBackend(t)
	for _, key := range []string{testKey, strings.ToUpper(testKey)} {
		u := newUser(t).withKey(testKey)
		api := b.url
		for _, args := range [][]string{
			{"orders", "-o", key},
			{"orders", "--since", key},
			{"orders", "--limit", key},
			{"orders", "--journal", key},
			{"job", "follow", "--latest", "--journal", key},
			{"orders", "settle", key},
			{"job", "follow", "--api-url", api, key + "x"},
			{"sandbox", "--fault", key},
			{"sandbox", "--listen", key},
			{"sandbox", "--fail-jobs-at", key, "--listen", "127.0.0.1:bad"},
			{"--sandbox-account", key},
			{"--catalogue", key},
			{"--api-key-file", key},
			{"--" + key},
			{key},
			{"job", key},
			{"--api-url", "http://127.0.0.1:9/v1/json?api_key=" + key},
			{"--api-url", "https://api.memset.com/v1/json#" + key},
		} {
			r := u.run(args...)
			noKey(t, testKey, "the output of memset-order "+strings.Join(args, " "), []byte(r.all()))
		}
		// The key where a job id goes: refused before anything is asked,
		// on a terminal, with a window title to leak into.
		s := u.startWizard("job", "follow", "--api-url", api, key)
		code := s.wait()
		if code == 0 {
			t.Errorf("job follow KEY exits 0")
		}
		noKey(t, testKey, "the terminal transcript of job follow KEY", s.transcript())
		noKey(t, testKey, "the stderr of job follow KEY", []byte(s.stderrText()))
		if !strings.Contains(squash(s.afterFullScreen()+s.stderrText()), "API key") {
			t.Errorf("job follow KEY does not say it was given the API key:\n%s\n%s", s.afterFullScreen(), s.stderrText())
		}
		noKeyUnder(t, testKey, u.home)
		noKeyUnder(t, testKey, u.state)
	}
	for _, r := range b.requests() {
		if strings.Contains(strings.ToLower(r.uri+r.body), testKey) {
			t.Errorf("a request carried the key outside its header: %s %s", r.uri, r.body)
		}
	}
}
