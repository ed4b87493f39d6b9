package ui_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// TestFollowPlain: following without a screen writes one line per change,
// each with the time since the order, in the following screen's words,
// with no escape codes, and ends where the job ended.
func TestFollowPlain(t *testing.T) {
	failing := sandbox.DefaultAccount()
	failing.FailJobsAt = "INSTALLING-OS"
	for _, tc := range []struct {
		name string
		acct sandbox.Account
		// during runs before each wait: it may pay, break or cancel.
		during func(w *world, q model.Quote, waited time.Duration, cancel context.CancelFunc)
		want   []string
		// state is how the job stands at the end; canceled whether
		// following was cut short.
		state    model.JobState
		canceled bool
	}{
		{
			name: "paid after a while, then set up",
			acct: sandbox.DefaultAccount(),
			during: func(w *world, q model.Quote, waited time.Duration, _ context.CancelFunc) {
				if waited >= 12*time.Second {
					_ = w.sb.PayInvoice(q.InvoiceRef)
				}
			},
			want: []string{
				"00:00 awaiting payment (invoice 100291)",
				"00:25 running: PROVISIONING",
				"00:37 running: INSTALLING-OS",
				"00:49 running: CONFIGURING-NETWORK",
				"00:56 running: BOOTING",
				"01:08 done: the new service is sandyaa3",
			},
			state: model.JobDone,
		},
		{
			name: "the job fails at a stage",
			acct: failing,
			during: func(w *world, q model.Quote, _ time.Duration, _ context.CancelFunc) {
				_ = w.sb.PayInvoice(q.InvoiceRef)
			},
			want: []string{
				"00:00 awaiting payment (invoice 100291)",
				"00:01 running: QUEUED",
				"00:13 running: PROVISIONING",
				"00:20 running: INSTALLING-OS",
				"00:32 failed at INSTALLING-OS (status FAILED). Contact Memset support (control panel → Support, or support@memset.com) with the job id.",
			},
			state: model.JobFailed,
		},
		{
			name: "Memset stops answering for a while, then answers again",
			acct: sandbox.DefaultAccount(),
			during: func(w *world, q model.Quote, waited time.Duration, _ context.CancelFunc) {
				switch {
				case waited == time.Second:
					w.sb.AddFault(sandbox.Fault{Method: model.MethodJobStatus, Status: http.StatusInternalServerError, Times: 6})
				case waited > 50*time.Second:
					_ = w.sb.PayInvoice(q.InvoiceRef)
				}
			},
			want: []string{
				"00:00 awaiting payment (invoice 100291)",
				"00:35 Memset last answered 34s ago · Memset is not answering properly, retrying…",
				"00:55 Memset is answering again",
				"01:05 running: PROVISIONING",
				"01:17 running: INSTALLING-OS",
				"01:29 running: CONFIGURING-NETWORK",
				"01:36 running: BOOTING",
				"01:48 done: the new service is sandyaa3",
			},
			state: model.JobDone,
		},
		{
			name: "interrupted while the job waits for payment",
			acct: sandbox.DefaultAccount(),
			during: func(_ *world, _ model.Quote, waited time.Duration, cancel context.CancelFunc) {
				if waited >= 3*time.Second {
					cancel()
				}
			},
			want:     []string{"00:00 awaiting payment (invoice 100291)"},
			state:    model.JobAwaitingPayment,
			canceled: true,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, sandbox.WithAccount(tc.acct))
			q := w.placed(t)
			desk := order.New(order.Config{Backend: w.client, Catalogue: model.DefaultCatalogue(), Now: w.clock.Now})
			p, _ := model.DefaultCatalogue().Product(model.ProductMonthlyMiniserver)
			tr := order.FromAnswer(q, p, w.clock.Now(), order.Backoff{Min: time.Second, Max: 10 * time.Second})
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			start := w.clock.Now()
			sleep := func(ctx context.Context, d time.Duration) error {
				tc.during(w, q, w.clock.Now().Sub(start), cancel)
				if err := ctx.Err(); err != nil {
					return err
				}
				w.clock.Advance(d)
				return nil
			}
			var out bytes.Buffer
			end, err := ui.FollowPlain(ctx, desk, tr, "", &out, sleep)
			if bytes.IndexByte(out.Bytes(), 0x1b) >= 0 {
				t.Errorf("the lines hold an escape code: %q", out.String())
			}
			if want := strings.Join(tc.want, "\n") + "\n"; out.String() != want {
				t.Errorf("lines:\n%s\nwant:\n%s", out.String(), want)
			}
			if got := end.Job.State(); got != tc.state {
				t.Errorf("the job ends %v, want %v", got, tc.state)
			}
			if canceled := errors.Is(err, context.Canceled); canceled != tc.canceled || (!tc.canceled && err != nil) {
				t.Errorf("following ended with %v, want cancelled %v", err, tc.canceled)
			}
		})
	}
}
