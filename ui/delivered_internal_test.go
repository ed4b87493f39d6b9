package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/memset-order/memset-order/model"
)

// TestReadingWhatWasDelivered: once the job is done, the follower says
// it is reading what was delivered and waits for the read before Done;
// the read's answer for another service is not taken.
func TestReadingWhatWasDelivered(t *testing.T) {
	t0 := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	id := strings.Repeat("ab", 16)
	m := NewFollow(FollowConfig{JobID: id, Product: model.ProductMonthlyMiniserver, Now: func() time.Time { return t0 },
		Tick: func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }})
	var tm tea.Model = m
	tm, _ = tm.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	tm, cmd := tm.Update(jobMsg{job: model.Job{ID: id, Type: "SETUP-NEW-MINISERVER", Status: "DONE", Service: "sandyaa3", Finished: true}})
	if cmd == nil {
		t.Fatal("no read was started when the job was done")
	}
	screen := ansi.Strip(tm.View().Content)
	if !strings.Contains(screen, "The job is done: reading what was delivered…") || strings.Contains(screen, "enter exit") {
		t.Fatalf("while reading:\n%s", screen)
	}
	tm, _ = tm.Update(deliveredMsg{service: "other", err: errors.New("x")})
	if screen := ansi.Strip(tm.View().Content); !strings.Contains(screen, "reading what was delivered…") {
		t.Fatalf("an answer about another service ended the read:\n%s", screen)
	}
	s := model.ServerInfo{Name: "sandyaa3", HostName: "sandyaa3.miniserver.com", PrimaryIP: "192.0.2.10", OS: "win2022serverstd_64"}
	tm, _ = tm.Update(deliveredMsg{service: "sandyaa3", server: s})
	screen = ansi.Strip(tm.View().Content)
	for _, want := range []string{"✓ Your new service is ready: sandyaa3", "Remote Desktop to 192.0.2.10 as Administrator", "enter exit"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("Done lacks %q:\n%s", want, screen)
		}
	}
}

// TestPlanDelivered: what is read after a job, by product.
func TestPlanDelivered(t *testing.T) {
	cat := model.DefaultCatalogue()
	prod := func(id model.ProductID) *model.Product { p, _ := cat.Product(id); return p }
	done := model.Job{Status: "DONE", Finished: true, Service: "sandyaa3"}
	tests := []struct {
		name  string
		p     *model.Product
		o     model.Order
		job   model.Job
		ok    bool
		check func(delivered) bool
	}{
		{"server", prod(model.ProductMonthlyMiniserver), model.Order{Extras: map[string]string{"pub_ssh_key": "ssh-ed25519 AAAA"}}, done, true,
			func(d delivered) bool {
				return d.kind == model.KindServer && d.service == "sandyaa3" && d.sshKey && d.reading
			}},
		{"top-up: the order's server and GB", prod(model.ProductBandwidthBank), model.Order{Target: "sandyaa1", Extras: map[string]string{"gb": "50"}},
			model.Job{Status: "DONE", Finished: true, Service: "sandyaa9"}, true,
			func(d delivered) bool { return d.kind == model.KindTopUp && d.service == "sandyaa1" && d.gb == 50 }},
		{"project name filtered", prod(model.ProductOpenStack), model.Order{Extras: map[string]string{"project_name": "a\x1b[2Jb"}}, done, true,
			func(d delivered) bool { return d.project == "a\uFFFDb" }},
		{"failed job", prod(model.ProductMonthlyMiniserver), model.Order{}, model.Job{Status: "FAILED", Error: true, Finished: true}, false, nil},
		{"unknown product", nil, model.Order{}, done, false, nil},
		{"no service name", prod(model.ProductMemstore), model.Order{}, model.Job{Status: "DONE", Finished: true}, false, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := planDelivered(tt.p, tt.o, tt.job)
			if ok != tt.ok || (ok && !tt.check(d)) {
				t.Fatalf("planDelivered = %+v, %v", d, ok)
			}
		})
	}
}

// TestLoginLines: how to log in, by OS (all inferred wording).
func TestLoginLines(t *testing.T) {
	cat := model.DefaultCatalogue()
	s := model.ServerInfo{HostName: "h.miniserver.com", PrimaryIP: "192.0.2.10"}
	cp := s
	cp.ControlPanel = "cpanel"
	tests := []struct {
		name   string
		os     string
		server model.ServerInfo
		sshKey bool
		want   string
	}{
		{"linux", "debian_bookworm_64", s, false, "ssh root@h.miniserver.com|root password"},
		{"linux with a key", "debian_bookworm_64", s, true, "ssh root@h.miniserver.com|SSH key you gave"},
		{"windows", "win2022serverstd_64", s, false, "Remote Desktop to 192.0.2.10 as Administrator"},
		{"windows not in the catalogue", "win2099serverstd_64", s, false, "Remote Desktop to 192.0.2.10"},
		{"a snapshot", "sandyaa1.2026-10-01-03-00-00", s, false, "as on the server the image was taken from"},
		{"cpanel", "centos7_cpanel_64", cp, false, "ssh root@h.miniserver.com|cPanel WHM: https://h.miniserver.com:2087/"},
		{"no host name", "debian_bookworm_64", model.ServerInfo{PrimaryIP: "192.0.2.10"}, false, "ssh root@192.0.2.10"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			os, known := osOf(cat, tt.os)
			got := strings.Join(loginLines(os, known, tt.server, tt.sshKey), "|")
			for _, w := range strings.Split(tt.want, "|") {
				if !strings.Contains(got, w) {
					t.Errorf("login %q lacks %q", got, w)
				}
			}
		})
	}
}

// TestAgoText is how long ago Memset last answered.
func TestAgoText(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "just now", 400 * time.Millisecond: "just now", 12 * time.Second: "12s ago",
		3*time.Minute + 5*time.Second: "3m 05s ago", time.Hour + 2*time.Minute: "1h 02m ago",
	} {
		if got := agoText(d); got != want {
			t.Errorf("agoText(%s) = %q, want %q", d, got, want)
		}
	}
}
