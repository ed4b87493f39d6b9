package cli

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"
)

// testFactory is a Factory on buffers, with no terminal and an
// environment of its own.
func testFactory(kv map[string]string) (*Factory, *bytes.Buffer, *bytes.Buffer) {
	io, out, errOut := testIO()
	f := &Factory{IO: io, Getenv: env(kv), Version: "test",
		Run: func(context.Context, tea.Model, *IOStreams, bool) (tea.Model, error) {
			panic("no full-screen program in these tests")
		}}
	return f, out, errOut
}

// execute runs cmd with args as cobra would, and returns its error.
func execute(cmd *cobra.Command, args ...string) error {
	cmd.SetArgs(args)
	cmd.SetOut(&bytes.Buffer{})
	cmd.SetErr(&bytes.Buffer{})
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	return cmd.ExecuteContext(context.Background())
}

// TestNewCmdRoot: the root's flags reach the wizard's options; --sandbox
// and --live exclude each other; no arguments are taken.
func TestNewCmdRoot(t *testing.T) {
	f, _, _ := testFactory(map[string]string{"NO_COLOR": "1", "XDG_STATE_HOME": "/nowhere"})
	var got *WizardOptions
	root := newCmdRoot(f, func(_ context.Context, o *WizardOptions) error { got = o; return nil })
	err := execute(root, "--api-url", "http://127.0.0.1:8080/v1/json", "--journal", "/tmp/j.jsonl", "--debug-log", "/tmp/d.log", "--sandbox-account", "paypal", "--live")
	if err != nil {
		t.Fatal(err)
	}
	b := got.Backend
	if b.APIURL != "http://127.0.0.1:8080/v1/json" || !b.Live || b.DebugLog != "/tmp/d.log" || b.Account != "paypal" || got.JournalPath != "/tmp/j.jsonl" ||
		!got.NoColor || got.LeaveWait != 5*time.Second || b.UserAgent != "memset-order/test" {
		t.Errorf("options %+v, backend %+v", got, b)
	}
	for _, args := range [][]string{{"--sandbox", "--live"}, {"extra"}, {"--colour"}} {
		root := newCmdRoot(f, func(context.Context, *WizardOptions) error { return nil })
		if err := execute(root, args...); StatusOf(err) != StatusUsage {
			t.Errorf("memset-order %s: %v (status %d), want bad usage", strings.Join(args, " "), err, StatusOf(err))
		}
	}
}

// TestNewCmdJobFollow: an ID or --latest, never both, never neither.
func TestNewCmdJobFollow(t *testing.T) {
	f, _, _ := testFactory(nil)
	job := strings.Repeat("ab", 16)
	for _, tc := range []struct {
		args   []string
		id     string
		latest bool
		status Status
	}{
		{[]string{job}, job, false, StatusDone},
		{[]string{"--latest"}, "", true, StatusDone},
		{[]string{job, "--latest"}, "", false, StatusUsage},
		{nil, "", false, StatusUsage},
		{[]string{job, job}, "", false, StatusUsage},
	} {
		var got *FollowOptions
		cmd := newCmdJobFollow(f, &Globals{JournalPath: "/tmp/j"}, func(_ context.Context, o *FollowOptions) error { got = o; return nil })
		err := execute(cmd, tc.args...)
		if StatusOf(err) != tc.status {
			t.Errorf("job follow %v: %v, want status %d", tc.args, err, tc.status)
			continue
		}
		if err == nil && (got.ID != tc.id || got.Latest != tc.latest || got.JournalPath != "/tmp/j") {
			t.Errorf("job follow %v: options %+v", tc.args, got)
		}
	}
}

// TestNewCmdOrders: -o takes table or json; anything else is bad usage.
func TestNewCmdOrders(t *testing.T) {
	f, _, _ := testFactory(nil)
	for _, tc := range []struct {
		args   []string
		output string
		status Status
	}{
		{nil, "table", StatusDone},
		{[]string{"-o", "json"}, "json", StatusDone},
		{[]string{"-o", "yaml"}, "", StatusUsage},
		{[]string{"extra"}, "", StatusUsage},
	} {
		var got *OrdersOptions
		cmd := newCmdOrders(f, &Globals{JournalPath: "/tmp/j"}, func(o *OrdersOptions) error { got = o; return nil })
		err := execute(cmd, tc.args...)
		if StatusOf(err) != tc.status || (err == nil && got.Output != tc.output) {
			t.Errorf("orders %v: %v (options %+v), want status %d output %q", tc.args, err, got, tc.status, tc.output)
		}
	}
}

// TestNewCmdOrdersSettle: exactly one ID.
func TestNewCmdOrdersSettle(t *testing.T) {
	f, _, _ := testFactory(nil)
	var got *SettleOptions
	cmd := newCmdOrdersSettle(f, &Globals{JournalPath: "/tmp/j", APIURL: "http://127.0.0.1:1/v1/json"}, func(_ context.Context, o *SettleOptions) error { got = o; return nil })
	if err := execute(cmd, "5f0c"); err != nil || got.ID != "5f0c" || got.Backend.APIURL != "http://127.0.0.1:1/v1/json" || got.Timeout != time.Minute {
		t.Errorf("orders settle 5f0c: %v, options %+v", err, got)
	}
	for _, args := range [][]string{nil, {"a", "b"}} {
		cmd := newCmdOrdersSettle(f, &Globals{}, func(context.Context, *SettleOptions) error { return nil })
		if err := execute(cmd, args...); StatusOf(err) != StatusUsage {
			t.Errorf("orders settle %v: %v, want bad usage", args, err)
		}
	}
}

// TestNewCmdSandbox: the server's flags; a bad fault is bad usage.
func TestNewCmdSandbox(t *testing.T) {
	f, _, _ := testFactory(nil)
	var got *SandboxOptions
	cmd := newCmdSandbox(f, &Globals{Account: "paypal"}, func(_ context.Context, o *SandboxOptions) error { got = o; return nil })
	err := execute(cmd, "--listen", "127.0.0.1:0", "--stage-duration", "1s", "--autopay", "0", "--fault", "method=job.status,status=503", "--fail-jobs-at", "QUEUED")
	if err != nil || got.Listen != "127.0.0.1:0" || got.StageDuration != time.Second || got.AutoPay != 0 ||
		len(got.Faults) != 1 || got.FailJobsAt != "QUEUED" || got.Account != "paypal" {
		t.Errorf("sandbox flags: %v, options %+v", err, got)
	}
	io, _, _ := testIO()
	if err := runSandbox(context.Background(), &SandboxOptions{IO: io, Getenv: env(nil), Faults: []string{"colour=red"}}); StatusOf(err) != StatusUsage {
		t.Errorf("a fault that cannot be read: %v, want bad usage", err)
	}
}
