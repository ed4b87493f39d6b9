package ui_test

import (
	"strings"
	"testing"

	"github.com/memset-order/memset-order/ui"
)

// orderKey is the key of the order on screen as of the latest Update.
func (s *session) orderKey() string {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return s.st.order
}

// step is the step on screen as of the latest Update.
func (s *session) step() ui.Step {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return s.st.step
}

// wantKey checks the order on screen sends (or not) each param=value.
func (s *session) wantKey(has []string, hasNot []string) {
	s.t.Helper()
	k := s.orderKey()
	for _, h := range has {
		if !strings.Contains(k, h) {
			s.t.Errorf("order %s lacks %s", k, h)
		}
	}
	for _, h := range hasNot {
		if strings.Contains(k, h) {
			s.t.Errorf("order %s has %s", k, h)
		}
	}
}

// waitSaid waits for an idle screen that says every text, however it is
// wrapped.
func (s *session) waitSaid(want ...string) {
	s.t.Helper()
	s.waitFor(strings.Join(want, ", "), func(screen string, busy bool) bool {
		for _, w := range want {
			if !said(screen, w) {
				return false
			}
		}
		return !busy
	})
}

// toFullServerExtras orders FS001 with Debian 13 and stops on Extras.
func toFullServerExtras(s *session) {
	s.press("down", "down", "enter")
	s.waitIdle("› FS001")
	s.press("enter")
	s.waitIdle("Choose the operating system")
	s.press("enter")
	s.waitIdle("Extras for Dedicated server", "£89.00/month")
}

// TestFlowExtrasPlanDefault: the dedicated server's memory and disks lists
// start with the plan's own ("Plan default (32 GB)", "(960 GB)"); after
// an upgrade is chosen, choosing the plan default again takes it out of
// the order and the price drops back. At 80×24 and 100×30.
func TestFlowExtrasPlanDefault(t *testing.T) {
	atBothSizes(t, func(t *testing.T, w, h int) {
		wd := newWorld(t)
		s := start(t, fast(wd.config()), w, h)
		toFullServerExtras(s)
		s.pressN("down", 4)
		s.waitIdle("› Memory", "plan default")
		s.press("enter")
		s.waitIdle("› Plan default (32 GB)", "+£30.00")
		s.shot("memory: the plan default first")
		s.press("down", "enter")
		s.waitIdle("› Memory", "64 GB", "£119.00/month")
		s.wantKey([]string{`ram="64"`}, nil)
		s.press("enter")
		s.waitIdle("› 64 GB")
		s.press("up")
		s.waitIdle("› Plan default (32 GB)", "£89.00/month")
		s.shot("memory: back on the plan default, priced as the plan")
		s.press("enter")
		s.waitIdle("› Memory", "plan default", "£89.00/month")
		s.wantKey(nil, []string{"ram="})
		s.press("up", "enter")
		s.waitIdle("› Plan default (960 GB)", "2 × 960 GB SSD")
		s.press("down", "enter")
		s.waitIdle("› Disks", "2 × 960 GB SSD", "£109.00/month")
		s.wantKey([]string{`disk="2x960ssd"`}, nil)
		s.press("enter")
		s.waitIdle("› 2 × 960 GB SSD")
		s.press("up")
		s.waitIdle("› Plan default (960 GB)", "£89.00/month")
		s.shot("disks: back on the plan default")
		s.press("enter")
		s.waitIdle("› Disks", "plan default", "£89.00/month")
		s.shot("extras: disks and memory are the plan's again")
		s.wantKey(nil, []string{"disk=", "ram="})
		s.golden()
	})
}

// TestFlowUnmeteredNoTransfer: with unmetered bandwidth the monthly
// transfer allowance is disabled with the reason (its 1 TB default is
// neither sent nor charged); with an allowance chosen, unmetered is
// disabled with the fix that removes the allowance, and f says what it
// did. At 80×24 and 100×30.
func TestFlowUnmeteredNoTransfer(t *testing.T) {
	atBothSizes(t, func(t *testing.T, w, h int) {
		wd := newWorld(t)
		s := start(t, fast(wd.config()), w, h)
		toFullServerExtras(s)
		s.pressN("down", 6)
		s.waitIdle("› Bandwidth")
		s.press("enter", "down", "enter")
		s.waitIdle("› Bandwidth", "Unmetered", "£109.00/month")
		s.press("down", "down")
		s.waitSaid("› Monthly transfer", "none", "unmetered bandwidth has no monthly transfer allowance")
		s.shot("extras: monthly transfer disabled under unmetered, with the reason")
		s.press("enter")
		s.waitSaid("Monthly transfer cannot be set: unmetered bandwidth has no monthly transfer allowance.")
		s.shot("enter refuses it inline")
		s.wantKey([]string{`bandwidth_type="unmetered"`}, []string{"monthly_transfer_gb="})

		s.press("up", "up", "enter", "up", "enter")
		s.waitIdle("› Bandwidth", "Metered", "£89.00/month")
		s.press("down", "down", "enter", "down", "enter")
		s.waitIdle("› Monthly transfer", "5 TB", "£109.00/month")
		s.press("up", "up", "enter", "down")
		s.waitSaid("› Unmetered", "press f: Remove the monthly transfer allowance")
		s.shot("bandwidth: unmetered disabled while an allowance is chosen, with the fix")
		s.press("f")
		s.waitSaid("✓ Removed the monthly transfer allowance", "bandwidth has none", "£109.00/month")
		s.shot("f removed the allowance and chose unmetered, and says so")
		s.wantKey([]string{`bandwidth_type="unmetered"`}, []string{"monthly_transfer_gb="})
		s.press("enter")
		s.waitIdle("› Bandwidth")
		if said(s.screen(), "Removed the monthly transfer allowance") {
			t.Errorf("the notice outlived the next key:\n%s", s.screen())
		}
		s.golden()
	})
}

// TestFlowCPanelHourlyFix: cPanel on the hourly server offers the switch
// to the monthly Miniserver; f makes it, lands on the monthly server's
// Image step with cPanel chosen on the plan with the same memory, and says
// so until the next key. At 80×24 and 100×30.
func TestFlowCPanelHourlyFix(t *testing.T) {
	atBothSizes(t, func(t *testing.T, w, h int) {
		wd := newWorld(t)
		s := start(t, fast(wd.config()), w, h)
		s.press("down", "enter")
		s.waitIdle("› MS0025", "£0.0104/hour")
		s.press("enter")
		s.waitIdle("Choose the operating system")
		s.pressN("down", 10)
		s.waitSaid("› cPanel on CentOS 7", "press f: Switch to Miniserver VM (monthly), MSVM001 (1 GB RAM), answers kept")
		s.shot("image: cPanel on hourly, with the switch offered")
		s.press("f")
		s.waitSaid("Switched to Miniserver VM (monthly), MSVM001 (1 GB RAM), your answers kept: cPanel needs a monthly server", "/month")
		s.shot("f switched to the monthly Miniserver and says so")
		if st := s.step(); st != ui.StepImage {
			t.Errorf("step = %v, want Image", st)
		}
		s.wantKey([]string{"monthly_miniserver|", `sku="MSVM001"`, `os="centos7_cpanel_64"`}, nil)
		if !said(s.screen(), "› cPanel on CentOS 7") {
			t.Errorf("the cursor is not on cPanel:\n%s", s.screen())
		}
		s.press("up")
		s.waitIdle("Choose the operating system")
		if said(s.screen(), "Switched to") {
			t.Errorf("the notice outlived the next key:\n%s", s.screen())
		}
		s.golden()
	})
}

// TestFlowWindowsFixNotice: after f switches the 1 GB plan to MSVM002 for
// Windows, the Image step says what changed, until the next key. At 80×24
// and 100×30.
func TestFlowWindowsFixNotice(t *testing.T) {
	atBothSizes(t, func(t *testing.T, w, h int) {
		wd := newWorld(t)
		s := start(t, fast(wd.config()), w, h)
		s.press("enter")
		s.waitIdle("› MSVM001", "£7.50/month")
		s.press("enter")
		s.waitIdle("Choose the operating system")
		s.pressN("down", 14)
		s.waitSaid("› Microsoft Windows 2012 Server R2", "press f")
		s.press("f")
		s.waitSaid("✓ Switched to MSVM002 (2 GB RAM) so Windows fits", "£27.00/month")
		s.shot("f switched the plan and says so")
		s.wantKey([]string{`sku="MSVM002"`, `os="win2012serverstd_r2_64"`}, nil)
		s.press("up")
		s.waitIdle("› Microsoft Windows 2019 Server")
		if said(s.screen(), "Switched to") {
			t.Errorf("the notice outlived the next key:\n%s", s.screen())
		}
		s.shot("the next key takes the notice down")
		s.golden()
	})
}
