package ui

import (
	"strconv"

	"github.com/memset-order/memset-order/model"
)

// Putting an extra back: a choice extra with no default of its own (the
// dedicated server's disks and memory) is the plan's until one is chosen,
// so its list starts with "Plan default", which takes the parameter out
// of the order again. A choice that has a default needs no such row: that
// default is one of its options.

// canPutBack reports whether x's list gets a "Plan default" row.
func canPutBack(x model.Extra) bool {
	return x.Type == model.ExtraChoice && x.Default == "" && !x.Required && !x.Multiplier
}

// planDefaultLabel names the plan-default row with what the plan itself
// has, when the extra is about memory or disk: "Plan default (32 GB)".
func planDefaultLabel(e *env, x model.Extra) string {
	s, ok := e.prod.SKU(e.order.SKU)
	if !ok {
		return "Plan default"
	}
	for _, c := range x.Choices {
		switch {
		case c.RAMMB > 0:
			return "Plan default (" + model.FormatRAM(s.RAMMB) + ")"
		case c.DiskGB > 0:
			return "Plan default (" + formatDisk(s.DiskGB) + ")"
		}
	}
	return "Plan default"
}

// formatDisk renders a disk size as the catalogue's labels do: "960 GB",
// "1.92 TB".
func formatDisk(gb int) string {
	if gb < 1000 {
		return strconv.Itoa(gb) + " GB"
	}
	whole, frac := gb/1000, gb%1000
	if frac == 0 {
		return strconv.Itoa(whole) + " TB"
	}
	f := strconv.Itoa(1000 + frac)[1:]
	for f[len(f)-1] == '0' {
		f = f[:len(f)-1]
	}
	return strconv.Itoa(whole) + "." + f + " TB"
}

// fixRow applies the fix of the problem on the extra under the cursor of
// the extras list (an allowance unmetered bandwidth cannot have).
func (s *extrasStep) fixRow(e *env) action {
	i := s.cursor - 1
	if i < 0 || i >= len(e.prod.Extras) {
		return nil
	}
	for _, pr := range model.For(e.problems(), e.prod.Extras[i].Param) {
		if pr.Fix != nil {
			return applyFix{fix: *pr.Fix}
		}
	}
	return nil
}

// problemFixLine offers the fix of a chosen value that has become
// impossible, under its reason.
func problemFixLine(e *env, r row, param string) []string {
	if r.problem == "" || !r.hasFix {
		return nil
	}
	for _, pr := range model.For(e.problems(), param) {
		if pr.Fix != nil {
			return []string{wrap("press "+e.st.Key.Render("f")+": "+pr.Fix.Label, e.width)}
		}
	}
	return nil
}
