package ui_test

import (
	"testing"

	"github.com/memset-order/memset-order/model"
)

// The default sandbox account's Windows (ntfsclone) and Linux snapshots.
const (
	winSnap   = "sandyaa2.2026-09-15-02-30-00"
	linuxSnap = "sandyaa1.2026-10-01-03-00-00"
)

// TestFlowWindowsSnapshot: a Windows snapshot is priced and gated like the
// Windows it carries. On the monthly 2 GB plan it is quoted at what
// Windows 2022 costs there (a Linux snapshot costs the plan alone); on
// the hourly server, which offers no Windows, it stays listed, disabled
// with the reason, even on a 2 GB plan, and enter refuses it inline. At
// 80×24 and 100×30.
func TestFlowWindowsSnapshot(t *testing.T) {
	for _, size := range [][2]int{{80, 24}, {100, 30}} {
		t.Run(itoa(size[0])+"x"+itoa(size[1]), func(t *testing.T) {
			w := newWorld(t)
			s := start(t, fast(w.config()), size[0], size[1])
			s.press("enter")
			s.waitIdle("› MSVM001", "£7.50/month")
			s.press("down")
			s.waitIdle("› MSVM002", "£12.00/month")
			s.press("enter")
			s.waitIdle("Choose the operating system")
			s.pressN("down", 12)
			s.waitIdle("› Microsoft Windows 2022 Server", "£27.00/month")
			s.shot("image: Windows 2022 on MSVM002 is £27.00 a month")
			s.press("end", "up")
			s.waitIdle("› "+winSnap, "£27.00/month")
			s.shot("image: the Windows snapshot on MSVM002 is priced like Windows 2022")
			s.press("up")
			s.waitIdle("› "+linuxSnap, "£12.00/month")
			s.shot("image: a Linux snapshot costs the plan alone")

			s.press("esc", "esc")
			s.waitIdle("What would you like to order?")
			s.press("down", "enter")
			s.waitIdle("› MS0025", "£0.0104/hour")
			s.press("down")
			s.waitIdle("› MS0050", "£0.0208/hour")
			s.press("enter")
			s.waitIdle("Choose the operating system")
			s.press("end", "up")
			s.waitIdle("› "+winSnap, "Windows is not offered for Miniserver VM (hourly)")
			s.shot("image: the Windows snapshot is refused on the hourly 2 GB plan, with the reason")
			s.press("enter")
			s.waitIdle("cannot be chosen")
			s.shot("enter refuses it inline")
			s.golden()
			if got := s.result(); got.Placed {
				t.Fatalf("an order was placed: %+v", got)
			}
			for _, o := range w.sb.Orders() {
				t.Errorf("the sandbox recorded an order: %+v", o)
			}
			if n := w.sb.Requests(model.MethodHourlyMiniserver); n == 0 {
				t.Error("the hourly plan was never quoted")
			}
		})
	}
}
