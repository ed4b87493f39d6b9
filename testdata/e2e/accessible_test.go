package e2e

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
)

// runWithInput runs the binary with args and input on its stdin; stdin,
// stdout and stderr are pipes, not a terminal.
func (u *user) runWithInput(input string, args ...string) result {
	u.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), commandTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env, cmd.Dir = u.environ(), u.home
	cmd.Stdin = strings.NewReader(input)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	r := result{args: args, stdout: out.String(), stderr: errOut.String()}
	var ee *exec.ExitError
	switch {
	case ctx.Err() != nil:
		u.t.Fatalf("memset-order %s did not finish within %s\n%s", strings.Join(args, " "), commandTimeout, r)
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		u.t.Fatalf("memset-order %s: %v", strings.Join(args, " "), err)
	}
	return r
}

// TestAccessibleOrder (issue #12): with TERM=dumb, or --accessible, the
// wizard is plain numbered prompts on stdin and stdout, with no terminal
// at all: a Windows OS on a 1 GB plan is refused with its reason and its
// fix taken as a number, WELCOME10 is checked, the order is confirmed by
// typing the word order and followed to Done on the embedded sandbox, the
// summary ends the run with status 0, and not one escape byte is written.
func TestAccessibleOrder(t *testing.T) {
	script := strings.Join([]string{"1", "MSVM001", "win2022serverstd_64", "1", "0", "WELCOME10", "1", "order"}, "\n") + "\n"
	for _, tc := range []struct {
		name string
		term string
		args []string
	}{
		{"TERM=dumb", "dumb", nil},
		{"--accessible", "xterm-256color", []string{"--accessible"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			u := newUser(t)
			u.env["TERM"] = tc.term
			r := u.runWithInput(script, tc.args...)
			if r.code != 0 {
				t.Fatalf("exit %d, want 0\n%s", r.code, r)
			}
			for name, s := range map[string]string{"stdout": r.stdout, "stderr": r.stderr} {
				if i := strings.IndexByte(s, 0x1b); i >= 0 {
					t.Errorf("%s holds an escape byte at %d: %q", name, i, s[max(0, i-40):min(len(s), i+40)])
				}
			}
			for _, want := range []string{
				"Microsoft Windows 2022 Server, Standard Edition — not possible: Windows requires at least 2 GB RAM",
				"Switch to MSVM002 (2 GB RAM)?",
				"Switched to MSVM002 (2 GB RAM) so Windows fits.",
				"✓ WELCOME10 is valid",
				"running: INSTALLING-OS",
				"done: the new service is ",
				"✓ Your new service is ready: ",
				"Ordered (SANDBOX: nothing was bought): invoice ",
				"Set-up finished: your new service is ",
			} {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("stdout does not say %q\n%s", want, r)
				}
			}
		})
	}
}
