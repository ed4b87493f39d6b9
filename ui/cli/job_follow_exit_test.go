package cli

import (
	"bytes"
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/sandbox"
)

// TestJobFollowExit: `job follow`'s exit status and what it prints: ctrl+c
// on the screen is an interruption, q is not (the job goes on either way);
// without a terminal it follows in plain lines, with no escape codes, and
// exits as the job ended.
func TestJobFollowExit(t *testing.T) {
	failing := sandbox.DefaultAccount()
	failing.FailJobsAt = "INSTALLING-OS"
	for _, tc := range []struct {
		name string
		acct sandbox.Account
		run  ProgramRunner
		// signal cancels the command's context before it starts.
		signal bool
		status Status
		out    []string
	}{
		{name: "ctrl+c on the screen", acct: sandbox.DefaultAccount(), run: pressing(ctrlC), status: StatusInterrupted,
			out: []string{"was not read yet", "Resume with: memset-order job follow"}},
		{name: "q on the screen", acct: sandbox.DefaultAccount(), run: pressing(keyQ), status: StatusDone,
			out: []string{"Resume with: memset-order job follow"}},
		{name: "no terminal: a job that is done", acct: sandbox.DefaultAccount(), run: noTTY, status: StatusDone,
			out: []string{"00:00 done: the new service is sandyaa3\n", "is done: the new service is sandyaa3."}},
		{name: "no terminal: a job that failed", acct: failing, run: noTTY, status: StatusJobFailed,
			// Failed before following began, and no journal says where.
			out: []string{"00:00 failed (status FAILED). Contact Memset support", " failed (status FAILED). Contact Memset support"}},
		{name: "no terminal: a signal", acct: sandbox.DefaultAccount(), run: noTTY, signal: true, status: StatusInterrupted,
			out: []string{"was not read yet", "Resume with: memset-order job follow"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			clock := sandbox.NewFakeClock(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
			sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithAutoPay(0), sandbox.WithClock(clock), sandbox.WithAccount(tc.acct))
			srv := httptest.NewServer(sb)
			defer srv.Close()
			base := srv.URL + "/v1/json"
			c, err := api.New(api.WithBaseURL(base), api.WithAPIKey(testKey))
			if err != nil {
				t.Fatal(err)
			}
			q, err := c.Place(context.Background(), debian)
			if err != nil {
				t.Fatal(err)
			}
			if err := sb.PayInvoice(q.InvoiceRef); err != nil {
				t.Fatal(err)
			}
			clock.Advance(time.Hour)

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tc.signal {
				cancel()
			}
			io, out, _ := testIO()
			opts := &FollowOptions{IO: io, JournalPath: filepath.Join(t.TempDir(), "orders.jsonl"), ID: q.Job.ID, Run: tc.run,
				Backend: BackendOptions{APIURL: base, Getenv: env(map[string]string{"MEMSET_API_KEY": testKey})}}
			err = runFollow(ctx, opts)
			if s := StatusOf(err); s != tc.status {
				t.Errorf("exit status %d (%v), want %d; output:\n%s", s, err, tc.status, out)
			}
			for _, w := range tc.out {
				if !strings.Contains(out.String(), w) {
					t.Errorf("the output lacks %q:\n%s", w, out)
				}
			}
			if bytes.IndexByte(out.Bytes(), 0x1b) >= 0 {
				t.Errorf("the output holds an escape code: %q", out)
			}
		})
	}
}
