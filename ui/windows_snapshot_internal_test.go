package ui

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/memset-order/memset-order/model"
)

// TestWindowsSnapshotRows: the image list treats the account's Windows
// snapshot like a stock Windows: disabled on the hourly server (which
// offers no Windows) with the reason and no fix, disabled on 1 GB with the
// plan fix, selectable on 2 GB; a Linux snapshot stays selectable on all.
func TestWindowsSnapshotRows(t *testing.T) {
	acct := testAccount()
	for _, tc := range []struct {
		name   string
		id     model.ProductID
		sku    string
		value  string
		reason string
		fix    bool
	}{
		{"Windows snapshot on hourly 2 GB", model.ProductHourlyMiniserver, "MS0050", "win", "Windows is not offered for Miniserver VM (hourly)", true},
		{"Windows snapshot on hourly 1 GB", model.ProductHourlyMiniserver, "MS0025", "win", "Windows is not offered for Miniserver VM (hourly)", true},
		{"Windows snapshot on monthly 1 GB", model.ProductMonthlyMiniserver, "MSVM001", "win", "Windows requires at least 2 GB RAM", true},
		{"Windows snapshot on monthly 2 GB", model.ProductMonthlyMiniserver, "MSVM002", "win", "", false},
		{"Windows snapshot on the dedicated server", model.ProductMonthlyFullserver, "FS001", "win", "", false},
		{"Linux snapshot on hourly", model.ProductHourlyMiniserver, "MS0025", "lin", "", false},
	} {
		r := rowFor(t, imageRows(testEnv(t, tc.id, model.Order{SKU: tc.sku}, acct)), tc.value)
		if r.reason != tc.reason || r.hasFix != tc.fix {
			t.Errorf("%s: reason %q fix %v, want %q fix %v", tc.name, r.reason, r.hasFix, tc.reason, tc.fix)
		}
	}
}

// rowText is a rendered row's lines without styles, joined.
func rowText(ls []string) string {
	for i, l := range ls {
		ls[i] = ansi.Strip(l)
	}
	return strings.Join(ls, "\n")
}

// TestImpossibleRowKeepsItsMark: a disabled row whose name and note fill
// the line keeps its whole reason: the note and the reason go under the
// row, wrapped, never cut. Rows that fit are drawn whole, on one line.
func TestImpossibleRowKeepsItsMark(t *testing.T) {
	st := NewStyles(false, false)
	long := row{value: "w", cols: []string{"sandyaa2.2026-09-15-02-30-00"}, note: "Windows · windows build box", reason: "Windows is not offered for Miniserver VM (hourly)"}
	for _, width := range []int{40, 60, 78} {
		ls := renderRow(st, long, true, []int{28}, 0, width)
		got := rowText(ls)
		if !strings.Contains(strings.Join(strings.Fields(got), " "), "✗ Windows is not offered for Miniserver VM (hourly)") {
			t.Errorf("width %d: %q lacks its whole reason", width, got)
		}
		for _, l := range strings.Split(got, "\n") {
			if ansi.StringWidth(l) > width {
				t.Errorf("width %d: %q overflows", width, l)
			}
		}
	}
	short := row{value: "c", cols: []string{"cPanel on CentOS 7 64-bit"}, reason: "cPanel is only available on monthly servers"}
	if got := rowText(renderRow(st, short, false, []int{25}, 0, 80)); got != "  cPanel on CentOS 7 64-bit  ✗ cPanel is only available on monthly servers" {
		t.Errorf("a row that fits changed: %q", got)
	}
	terse := row{value: "x", cols: []string{"Microsoft Windows 2012 Server R2, Standard Edition"}, note: "end of life", terse: true, reason: "Windows requires at least 2 GB RAM"}
	if got := rowText(renderRow(st, terse, false, []int{50}, 0, 60)[:1]); !strings.HasSuffix(got, "  ✗") || ansi.StringWidth(got) > 60 {
		t.Errorf("terse row %q lost its mark", got)
	}
	plain := row{value: "p", cols: []string{strings.Repeat("x", 90)}}
	if got := rowText(renderRow(st, plain, false, []int{90}, 0, 60)); ansi.StringWidth(got) != 60 {
		t.Errorf("a possible row is cut at %d cells, want the full 60", ansi.StringWidth(got))
	}
}
