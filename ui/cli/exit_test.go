package cli

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"
)

// TestStatusOf: every error ends with the status of the one table.
func TestStatusOf(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want Status
	}{
		{"no error", nil, StatusDone},
		{"an error", errors.New("disk full"), StatusError},
		{"an exit error", &ExitError{Status: StatusUnknown, Err: errors.New("x")}, StatusUnknown},
		{"a wrapped exit error", fmt.Errorf("run: %w", &ExitError{Status: StatusJobFailed}), StatusJobFailed},
		{"a usage error", usageError(errors.New("give a job ID")), StatusUsage},
		{"cobra's unknown flag", errors.New("unknown flag: --colour"), StatusUsage},
		{"cobra's unknown command", errors.New(`unknown command "ordres" for "memset-order"`), StatusUsage},
		{"cobra's argument count", errors.New("accepts 1 arg(s), received 2"), StatusUsage},
		{"interrupted", &ExitError{Status: StatusInterrupted}, StatusInterrupted},
	} {
		if got := StatusOf(tc.err); got != tc.want {
			t.Errorf("%s: StatusOf(%v) = %d, want %d", tc.name, tc.err, got, tc.want)
		}
	}
}

// TestStatusTable: the table has each status once, in order, with a
// meaning; the README's exit-status table is the same table.
func TestStatusTable(t *testing.T) {
	want := []Status{0, 1, 2, 3, 4, 5, 6, 130}
	if len(Statuses) != len(want) {
		t.Fatalf("Statuses has %d rows, want %d", len(Statuses), len(want))
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range Statuses {
		if s.Status != want[i] || s.Meaning == "" {
			t.Errorf("row %d is %d %q, want status %d with a meaning", i, s.Status, s.Meaning, want[i])
		}
		row := fmt.Sprintf("| %d | %s |", int(s.Status), s.Meaning)
		if !bytes.Contains(readme, []byte(row)) {
			t.Errorf("the README's exit-status table lacks the row %q", row)
		}
	}
}

// TestErrorHandler: errors are printed as written, with a full stop, and
// cobra's usage errors point to --help; no styling when stderr is not a
// terminal.
func TestErrorHandler(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{errors.New(`"abc" is not a job id`), "\"abc\" is not a job id.\n"},
		{errors.New("nothing to do."), "nothing to do.\n"},
		{usageError(errors.New("unknown flag: --colour")), "unknown flag: --colour. Try --help for usage.\n"},
		{usageError(errors.New("give a job ID or --latest, not both")), "give a job ID or --latest, not both.\n"},
	} {
		var b bytes.Buffer
		ErrorHandler(false)(&b, fang.Styles{}, tc.err)
		if b.String() != tc.want {
			t.Errorf("ErrorHandler(%v) printed %q, want %q", tc.err, b.String(), tc.want)
		}
	}
}

// TestStatusHelp: --help prints the table.
func TestStatusHelp(t *testing.T) {
	h := statusHelp()
	for _, s := range Statuses {
		if !strings.Contains(h, fmt.Sprintf("%3d  %s", int(s.Status), s.Meaning)) {
			t.Errorf("the help's table lacks status %d:\n%s", s.Status, h)
		}
	}
}

// TestExecuteKeepsRunErrors: a command's own error comes back as its exit
// status and is printed by the program, not by fang (whose error path asks
// the terminal for its colours); a usage error cobra finds is still a usage
// error.
func TestExecuteKeepsRunErrors(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		want   Status
		stderr string
	}{
		{"run error", []string{"boom"}, StatusUnknown, "the order's outcome is unknown."},
		{"usage error", []string{"boom", "--nope"}, StatusUsage, "unknown flag: --nope"},
		{"done", []string{"fine"}, StatusDone, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			f := &Factory{IO: &IOStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}, Getenv: func(string) string { return "" }}
			root := &cobra.Command{Use: "memset-order"}
			root.AddCommand(
				&cobra.Command{Use: "boom", RunE: func(*cobra.Command, []string) error {
					return &ExitError{Status: StatusUnknown, Err: errors.New("the order's outcome is unknown")}
				}},
				&cobra.Command{Use: "fine", RunE: func(*cobra.Command, []string) error { return nil }},
			)
			root.SetArgs(tc.args)
			root.SetOut(&out)
			root.SetErr(&errOut)
			if got := Execute(t.Context(), f, root); got != tc.want {
				t.Fatalf("status %d, want %d (stderr %q)", got, tc.want, errOut.String())
			}
			if !strings.Contains(errOut.String(), tc.stderr) || (tc.stderr == "" && errOut.Len() != 0) {
				t.Fatalf("stderr %q, want %q", errOut.String(), tc.stderr)
			}
		})
	}
}

// TestExecuteRefusedArgumentsDoNotRun: arguments a command refuses are a
// usage error printed by the program, and the command does not run.
func TestExecuteRefusedArgumentsDoNotRun(t *testing.T) {
	var errOut bytes.Buffer
	f := &Factory{IO: &IOStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &errOut}, Getenv: func(string) string { return "" }}
	ran := false
	root := &cobra.Command{Use: "memset-order", Args: noArgs, RunE: func(*cobra.Command, []string) error { ran = true; return nil }}
	root.SetArgs([]string{"extra"})
	root.SetErr(&errOut)
	if got := Execute(t.Context(), f, root); got != StatusUsage || ran {
		t.Fatalf("status %d, ran %v; want %d and not run (stderr %q)", got, ran, StatusUsage, errOut.String())
	}
	if !strings.Contains(errOut.String(), "Try --help") {
		t.Fatalf("stderr %q lacks the usage hint", errOut.String())
	}
}
