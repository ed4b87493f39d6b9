package cli

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// TestJournalledOrder: the order a journal record describes, with the
// extras the Done screen needs.
func TestJournalledOrder(t *testing.T) {
	cat := model.DefaultCatalogue()
	tests := []struct {
		name    string
		product string
		params  map[string]string
		want    model.Order
	}{
		{"a server", "monthly_miniserver", map[string]string{"sku": "MSVM001", "os": "debian_trixie_64", "firewall": "basic", "dry_run": "0", "discount_code": "X"},
			model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "debian_trixie_64", Extras: map[string]string{"firewall": "basic"}}},
		{"a project", "openstack", map[string]string{"sku": "OSP-SMALL", "project_name": "web-prod", "add_to_next_bill": "1"},
			model.Order{Product: model.ProductOpenStack, SKU: "OSP-SMALL", Extras: map[string]string{"project_name": "web-prod"}}},
		{"a top-up", "bandwidth_bank", map[string]string{"name": "sandyaa1", "gb": "50"},
			model.Order{Product: model.ProductBandwidthBank, Target: "sandyaa1", Extras: map[string]string{"gb": "50"}}},
		{"an unknown product", "teleporter", map[string]string{"name": "x"},
			model.Order{Product: "teleporter", Extras: map[string]string{"name": "x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := journal.Record{Intent: journal.Intent{Product: tt.product, Params: tt.params}}
			if got := journalledOrder(r, cat); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// driveFollow is a ProgramRunner without a terminal: it runs the model's
// commands one after another, dropping those that wait (timers), until
// nothing is left, and returns the model.
func driveFollow(final *string) ProgramRunner {
	return func(ctx context.Context, m tea.Model, s *IOStreams, noColor bool) (tea.Model, error) {
		m, _ = m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		queue := []tea.Cmd{m.Init()}
		for steps := 0; len(queue) > 0 && steps < 200; steps++ {
			c := queue[0]
			queue = queue[1:]
			if c == nil {
				continue
			}
			ch := make(chan tea.Msg, 1)
			go func() { ch <- c() }()
			var msg tea.Msg
			select {
			case msg = <-ch:
			case <-time.After(300 * time.Millisecond):
				continue // a timer
			}
			if b, ok := msg.(tea.BatchMsg); ok {
				queue = append(queue, b...)
				continue
			}
			var cmd tea.Cmd
			m, cmd = m.Update(msg)
			queue = append(queue, cmd)
		}
		*final = ansi.Strip(m.View().Content)
		return m, nil
	}
}

// TestRunFollowAlreadyFailed: `job follow` of a job that had failed
// before, whose journal entry recorded the stage, ends on the Done screen
// with that stage marked ✗, and exits 6.
func TestRunFollowAlreadyFailed(t *testing.T) {
	clock := sandbox.NewFakeClock(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	acct := sandbox.DefaultAccount()
	acct.FailJobsAt = "INSTALLING-OS"
	sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithAutoPay(0), sandbox.WithClock(clock), sandbox.WithAccount(acct))
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

	path := filepath.Join(t.TempDir(), "orders.jsonl")
	j, err := journal.Open(path, journal.WithIDs(func() string { return "0123456789abcdef" }))
	if err != nil {
		t.Fatal(err)
	}
	id, err := j.Intent(model.MethodMonthlyMiniserver, debian, map[string]string{"sku": "MSVM001", "os": "debian_trixie_64"}, base)
	if err != nil {
		t.Fatal(err)
	}
	if err := j.OutcomeMismatch(id, journal.StatePlaced, &q, "", ""); err != nil {
		t.Fatal(err)
	}
	if err := j.End(id, journal.StateFailed, model.Job{ID: q.Job.ID, Type: q.Job.Type, Status: "FAILED", Error: true, Finished: true}, "INSTALLING-OS"); err != nil {
		t.Fatal(err)
	}

	var screen string
	io, out, _ := testIO()
	opts := &FollowOptions{IO: io, JournalPath: path, ID: q.Job.ID, Run: driveFollow(&screen),
		Backend: BackendOptions{Getenv: env(map[string]string{"MEMSET_API_KEY": testKey, "LANG": "C.UTF-8"})}}
	err = runFollow(context.Background(), opts)
	if StatusOf(err) != StatusJobFailed {
		t.Errorf("exit status %d (%v), want %d", StatusOf(err), err, StatusJobFailed)
	}
	for _, want := range []string{"✗ The setup job failed at INSTALLING-OS (status FAILED)", "✓ PROVISIONING", "✗ INSTALLING-OS", "· BOOTING", "Contact Memset support"} {
		if !strings.Contains(strings.Join(strings.Fields(screen), " "), want) {
			t.Errorf("the last screen lacks %q:\n%s", want, screen)
		}
	}
	if !strings.Contains(out.String(), "failed at INSTALLING-OS (status FAILED)") {
		t.Errorf("summary:\n%s", out)
	}
	var _ ui.FollowBackend = c
}
