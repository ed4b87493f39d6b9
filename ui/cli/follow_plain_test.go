package cli

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// plainWorld is an embedded sandbox on a fake clock with one order placed,
// its job awaiting payment, and a desk to follow it.
type plainWorld struct {
	sb    *sandbox.Sandbox
	clock *sandbox.FakeClock
	desk  *order.Desk
	quote model.Quote
}

func newPlainWorld(t *testing.T, acct sandbox.Account) *plainWorld {
	t.Helper()
	clock := sandbox.NewFakeClock(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithClock(clock), sandbox.WithAccount(acct),
		sandbox.WithAutoPay(0), sandbox.WithStageDuration(10*time.Second))
	c, err := api.New(api.WithBaseURL(sandbox.BaseURL), api.WithHTTPClient(&http.Client{Transport: sb.Transport()}),
		api.WithAPIKey(testKey), api.WithRetry(api.NoRetry))
	if err != nil {
		t.Fatal(err)
	}
	q, err := c.Place(context.Background(), debian)
	if err != nil {
		t.Fatal(err)
	}
	desk := order.New(order.Config{Backend: c, Catalogue: model.DefaultCatalogue(), Now: clock.Now})
	return &plainWorld{sb: sb, clock: clock, desk: desk, quote: q}
}

// tracker starts following the order's job as `order --wait` does: from
// Memset's answer, with the product's stages.
func (w *plainWorld) tracker() order.Tracker {
	p, _ := model.DefaultCatalogue().Product(debian.Product)
	return order.FromAnswer(w.quote, p, w.clock.Now(), order.Backoff{Min: time.Second, Max: 10 * time.Second})
}

// TestFollowPlainStatus: the commands' plain follow is ui.FollowPlain
// (whose lines ui's TestFollowPlain checks); how it ends is the status a
// script sees.
func TestFollowPlainStatus(t *testing.T) {
	failing := sandbox.DefaultAccount()
	failing.FailJobsAt = "INSTALLING-OS"
	for _, tc := range []struct {
		name string
		acct sandbox.Account
		// during runs before each wait: it may pay or cancel.
		during func(w *plainWorld, cancel context.CancelFunc)
		last   string
		status Status
	}{
		{
			name:   "paid, then set up",
			acct:   sandbox.DefaultAccount(),
			during: func(w *plainWorld, _ context.CancelFunc) { _ = w.sb.PayInvoice(w.quote.InvoiceRef) },
			last:   "done: the new service is sandyaa3",
			status: StatusDone,
		},
		{
			name:   "the job fails at a stage",
			acct:   failing,
			during: func(w *plainWorld, _ context.CancelFunc) { _ = w.sb.PayInvoice(w.quote.InvoiceRef) },
			last:   "failed at INSTALLING-OS",
			status: StatusJobFailed,
		},
		{
			name:   "interrupted while the job waits for payment",
			acct:   sandbox.DefaultAccount(),
			during: func(_ *plainWorld, cancel context.CancelFunc) { cancel() },
			last:   "00:00 awaiting payment (invoice 100291)",
			status: StatusInterrupted,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newPlainWorld(t, tc.acct)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			sleep := func(ctx context.Context, d time.Duration) error {
				tc.during(w, cancel)
				if err := ctx.Err(); err != nil {
					return err
				}
				w.clock.Advance(d)
				return nil
			}
			var out bytes.Buffer
			tr, err := followPlain(ctx, w.desk, w.tracker(), "", &out, sleep)
			if bytes.IndexByte(out.Bytes(), 0x1b) >= 0 {
				t.Errorf("the lines hold an escape code: %q", out.String())
			}
			lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
			if last := lines[len(lines)-1]; !strings.Contains(last, tc.last) {
				t.Errorf("last line %q, want it to say %q", last, tc.last)
			}
			if s := followStatus(tr, err); s != tc.status {
				t.Errorf("status %d (%v), want %d", s, err, tc.status)
			}
		})
	}
}

// TestFollowStatus: how a plain follow's end maps to the exit status.
func TestFollowStatus(t *testing.T) {
	id := strings.Repeat("a1", 16)
	seen := func(j model.Job) order.Tracker {
		return order.ByJobID(id, 0, nil, time.Time{}, order.Backoff{}).Observe(j, nil, time.Time{})
	}
	running := seen(model.Job{ID: id, Status: "BOOTING"})
	for _, tc := range []struct {
		name string
		t    order.Tracker
		err  error
		want Status
	}{
		{"done", seen(model.Job{ID: id, Status: "DONE", Finished: true}), nil, StatusDone},
		{"done, the journal could not record it", seen(model.Job{ID: id, Finished: true}), context.DeadlineExceeded, StatusDone},
		{"failed", seen(model.Job{ID: id, Status: "FAILED", Finished: true, Error: true}), nil, StatusJobFailed},
		{"no such job", order.ByJobID(id, 0, nil, time.Time{}, order.Backoff{}).Observe(model.Job{}, &api.Error{Type: model.ErrorDoesNotExist}, time.Time{}), nil, StatusError},
		{"a signal while it runs", running, context.Canceled, StatusInterrupted},
		{"a deadline while it runs", running, context.DeadlineExceeded, StatusUnknown},
	} {
		if got := followStatus(tc.t, tc.err); got != tc.want {
			t.Errorf("%s: status %d, want %d", tc.name, got, tc.want)
		}
	}
}
