package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// noTTY is a ProgramRunner that fails as Bubble Tea does where there is no
// terminal at all (`memset-order </dev/null` under setsid, cron).
func noTTY(_ context.Context, m tea.Model, _ *IOStreams, _ bool) (tea.Model, error) {
	cause := &os.PathError{Op: "open", Path: "/dev/tty", Err: syscall.ENXIO}
	return m, fmt.Errorf("bubbletea: error opening TTY: %w", fmt.Errorf("bubbletea: could not open TTY: %w", cause))
}

// pressing is a ProgramRunner that gives the model a window, then the
// keys, and returns it as the program would once it quit.
func pressing(keys ...tea.KeyPressMsg) ProgramRunner {
	return func(_ context.Context, m tea.Model, _ *IOStreams, _ bool) (tea.Model, error) {
		m, _ = m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		for _, k := range keys {
			m, _ = m.Update(k)
		}
		return m, nil
	}
}

var (
	ctrlC = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
	keyQ  = tea.KeyPressMsg{Code: 'q', Text: "q"}
)

// TestWizardExit: the wizard's exit status and what the person reads when
// there is no terminal, and when they leave with q or ctrl+c before
// anything was ordered.
func TestWizardExit(t *testing.T) {
	for _, tc := range []struct {
		name   string
		run    ProgramRunner
		status Status
		// out is on stdout, errOut on stderr.
		out, errOut []string
	}{
		{"no terminal at all", noTTY, StatusUsage, nil,
			[]string{"the wizard needs a terminal", "memset-order order PRODUCT … --dry-run -o json", "--yes"}},
		{"q before ordering", pressing(keyQ), StatusDone, []string{"Nothing was ordered"}, nil},
		{"ctrl+c before ordering", pressing(ctrlC), StatusInterrupted, []string{"Nothing was ordered"}, []string{"interrupted"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, out, errOut := testFactory(nil)
			f.Run = tc.run
			root := NewCmdRoot(f)
			root.SetArgs([]string{"--journal", filepath.Join(t.TempDir(), "orders.jsonl")})
			if s := Execute(context.Background(), f, root); s != tc.status {
				t.Errorf("exit status %d, want %d; stdout:\n%s\nstderr:\n%s", s, tc.status, out, errOut)
			}
			for _, w := range tc.out {
				if !strings.Contains(out.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			for _, w := range tc.errOut {
				if !strings.Contains(errOut.String(), w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if tc.status != StatusDone && strings.Count(strings.TrimSpace(errOut.String()), "\n") > 0 {
				t.Errorf("stderr is more than one line:\n%s", errOut)
			}
			for _, bad := range []string{"TTY", "/dev/tty", "bubbletea", "stopped"} {
				if strings.Contains(out.String()+errOut.String(), bad) {
					t.Errorf("the output names %q, which is not the customer's language:\n%s%s", bad, out, errOut)
				}
			}
		})
	}
}

// TestWizardCtrlCRanks: ctrl+c exits 130 only when nothing was ordered and
// nothing is in doubt; an order in doubt (3) or placed (0: its job goes
// on) says so instead.
func TestWizardCtrlCRanks(t *testing.T) {
	for _, tc := range []struct {
		name   string
		res    ui.Result
		desk   leaver
		status Status
	}{
		{"nothing ordered", ui.Result{Aborted: true, Interrupted: true}, nil, StatusInterrupted},
		{"left while placing, no answer", ui.Result{Sent: true, LeftWhilePlacing: true, Interrupted: true},
			&fakeDesk{inFlight: true, leave: order.Placement{Outcome: order.Unknown, Err: order.ErrLeft, JournalID: "x"}, ok: true}, StatusUnknown},
		{"ordered, job still running", ui.Result{Sent: true, Placed: true, Placement: placed(), JobID: testJob, State: model.JobRunning, Interrupted: true}, nil, StatusDone},
	} {
		t.Run(tc.name, func(t *testing.T) {
			io, out, _ := testIO()
			// As runWizard builds it: ctrl+c counts as an interruption.
			err := summarize(context.Background(), io, wizardEnd{Result: tc.res, Desk: tc.desk, Interrupted: tc.res.Interrupted, Embedded: true})
			if s := StatusOf(err); s != tc.status {
				t.Errorf("status %d (%v), want %d; summary:\n%s", s, err, tc.status, out)
			}
		})
	}
}
