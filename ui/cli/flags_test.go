package cli

import (
	"context"
	"net"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// runCLI runs memset-order with args as main does (Execute, under fang)
// and returns what it printed and its exit status.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, status Status) {
	t.Helper()
	f, out, errOut := testFactory(map[string]string{"XDG_STATE_HOME": t.TempDir(), "XDG_CONFIG_HOME": t.TempDir()})
	root := NewCmdRoot(f)
	root.SetArgs(args)
	status = Execute(context.Background(), f, root)
	return out.String(), errOut.String(), status
}

// listsFlag reports whether help lists --name.
func listsFlag(help, name string) bool {
	return regexp.MustCompile(`(?m)^\s+(-\w )?--` + regexp.QuoteMeta(name) + `\s`).MatchString(help)
}

// TestEachCommandShowsOnlyItsFlags: each command's --help lists the
// shared flags it honours and none other, and a shared flag a command
// does not take is refused as bad usage, naming it.
func TestEachCommandShowsOnlyItsFlags(t *testing.T) {
	backend := backendFlags
	all := withJournal(backendFlags...)
	for _, tc := range []struct {
		cmd   []string
		takes []string
	}{
		{nil, all},
		{[]string{"order"}, all},
		{[]string{"apply"}, all},
		{[]string{"doctor"}, backend},
		{[]string{"sandbox"}, []string{flagCatalogue, flagAccount}},
		{[]string{"orders"}, []string{flagJournal}},
		{[]string{"orders", "settle"}, all},
		{[]string{"job", "follow"}, all},
		{[]string{"catalogue"}, []string{flagCatalogue}},
		{[]string{"catalogue", "export"}, []string{flagCatalogue}},
		{[]string{"serve"}, []string{flagSandbox, flagAPIURL, flagAPIKeyFile, flagCatalogue, flagOverrides, flagDebugLog, flagAccount, flagJournal}},
	} {
		name := "memset-order " + strings.Join(tc.cmd, " ")
		help, errOut, status := runCLI(t, append(tc.cmd, "--help")...)
		if status != StatusDone {
			t.Errorf("%s --help: exit %d: %s", name, status, errOut)
			continue
		}
		for _, g := range withJournal(backendFlags...) {
			want := strings.Contains(" "+strings.Join(tc.takes, " ")+" ", " "+g+" ")
			if got := listsFlag(help, g); got != want {
				t.Errorf("%s --help lists --%s: %v, want %v:\n%s", name, g, got, want, help)
			}
		}
	}
	for _, args := range [][]string{
		{"sandbox", "--live"}, {"sandbox", "--api-key-file", "k"}, {"orders", "--sandbox"},
		{"catalogue", "--journal", "j"}, {"doctor", "--journal", "j"}, {"job", "follow", "--accessible"},
	} {
		flag := args[len(args)-1]
		if !strings.HasPrefix(flag, "--") {
			flag = args[len(args)-2]
		}
		_, errOut, status := runCLI(t, args...)
		if status != StatusUsage || !strings.Contains(errOut, "unknown flag: "+flag) {
			t.Errorf("memset-order %s: exit %d, stderr %q; want 2 naming %s", strings.Join(args, " "), status, errOut, flag)
		}
	}
	// orders takes --debug-log only to say that it is ignored.
	_, errOut, status := runCLI(t, "orders", "--debug-log", filepath.Join(t.TempDir(), "d.log"), "--journal", filepath.Join(t.TempDir(), "j"))
	if status != StatusDone || !strings.Contains(errOut, "does not use --debug-log: it is ignored") {
		t.Errorf("orders --debug-log: exit %d, stderr %q; want 0 and a note that it is ignored", status, errOut)
	}
}

// TestSandboxAccountHelp: --sandbox-account's help names the account used
// without it, and does not end the list with "(default)" as if the last
// one were the default.
func TestSandboxAccountHelp(t *testing.T) {
	help, _, _ := runCLI(t, "--help")
	var line string
	for _, l := range strings.Split(help, "\n") {
		if strings.Contains(l, "--sandbox-account") {
			line = l
		}
	}
	if !strings.Contains(line, "default (used when not given), consolidated") || strings.HasSuffix(strings.TrimSpace(line), "(default)") {
		t.Errorf("--sandbox-account's help: %q", line)
	}
}

// TestSandboxWithAPIURLRefused: --sandbox with --api-url is refused as bad
// usage, saying why, rather than the URL being ignored.
func TestSandboxWithAPIURLRefused(t *testing.T) {
	_, errOut, status := runCLI(t, "--sandbox", "--api-url", "http://127.0.0.1:1/v1/json")
	if status != StatusUsage || !strings.Contains(errOut, "--sandbox and --api-url contradict each other") {
		t.Errorf("exit %d, stderr %q; want 2 and why", status, errOut)
	}
}

// TestSandboxRefusesBadFlags: a --fail-jobs-at stage no product has (the
// known stages are listed) and negative durations are bad usage naming
// the flag, before anything is printed.
func TestSandboxRefusesBadFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"--fail-jobs-at", "NOPE"}, []string{`--fail-jobs-at "NOPE"`, "QUEUED", "INSTALLING-OS", "DONE"}},
		{[]string{"--stage-duration", "-1s"}, []string{"--stage-duration -1s"}},
		{[]string{"--autopay", "-1s"}, []string{"--autopay -1s"}},
	} {
		out, errOut, status := runCLI(t, append([]string{"sandbox", "--listen", "127.0.0.1:0"}, tc.args...)...)
		if status != StatusUsage || out != "" {
			t.Errorf("sandbox %v: exit %d, stdout %q; want 2 and nothing printed", tc.args, status, out)
		}
		for _, w := range tc.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("sandbox %v: stderr lacks %q: %s", tc.args, w, errOut)
			}
		}
	}
}

// TestSandboxBusyPort: the sandbox says its port is taken before it
// prints a key.
func TestSandboxBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	out, errOut, status := runCLI(t, "sandbox", "--listen", ln.Addr().String())
	if status != StatusError || strings.Contains(out, "API key") || !strings.Contains(errOut, "--listen") || !strings.Contains(errOut, "in use") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 1, no key, the address in use", status, out, errOut)
	}
}

// TestUpperCaseIDs: a job id or journal entry id typed in upper case is
// read as the lower-case id Memset and the journal write; what is not hex
// is left as typed, for the error to quote.
func TestUpperCaseIDs(t *testing.T) {
	f, _, _ := testFactory(nil)
	const upper, lower = "739C99F25ED8D13E48BA94EC6A4A0102", "739c99f25ed8d13e48ba94ec6a4a0102"
	var follow *FollowOptions
	cmd := newCmdJobFollow(f, &Globals{}, func(_ context.Context, o *FollowOptions) error { follow = o; return nil })
	if err := execute(cmd, upper); err != nil || follow.ID != lower {
		t.Errorf("job follow %s: %v, follows %q", upper, err, follow.ID)
	}
	var settle *SettleOptions
	cmd = newCmdOrdersSettle(f, &Globals{}, func(_ context.Context, o *SettleOptions) error { settle = o; return nil })
	if err := execute(cmd, "5F0C"); err != nil || settle.ID != "5f0c" {
		t.Errorf("orders settle 5F0C: %v, settles %q", err, settle.ID)
	}
	if got := userID("ABC-X"); got != "ABC-X" {
		t.Errorf("userID(ABC-X) = %q, want it as typed", got)
	}
}

// TestHelpHasNoTrailingSpaces: help piped to a file has no line ending in
// spaces (fang pads its lines to the terminal's width), and text split
// across writes keeps its inner spaces.
func TestHelpHasNoTrailingSpaces(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"order", "--help"}, {"sandbox", "--help"}} {
		out, _, _ := runCLI(t, args...)
		for i, l := range strings.Split(out, "\n") {
			if strings.HasSuffix(l, " ") {
				t.Errorf("%v: line %d ends in spaces: %q", args, i+1, l)
			}
		}
	}
	var b strings.Builder
	w := newTrimWriter(&b)
	for _, s := range []string{"a  ", " b   ", "\n   \nc ", "d  "} {
		if n, err := w.Write([]byte(s)); n != len(s) || err != nil {
			t.Fatalf("Write(%q) = %d, %v", s, n, err)
		}
	}
	_ = w.Flush()
	if b.String() != "a   b\n\nc d  " {
		t.Errorf("written %q", b.String())
	}
}
