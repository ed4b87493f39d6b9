package model

import (
	"fmt"
	"strings"
)

// An exclusion is an extra that means nothing while another extra has a
// given value: an unmetered server has no monthly transfer allowance. The
// excluded extra must not be sent then, and its default is neither sent
// nor charged.
type exclusion struct {
	// Param is the excluded extra; When and Is the extra and value that
	// exclude it.
	Param, When, Is string
	// Reason is the customer's words for why.
	Reason string
	// FixLabel and FixDone say what removing the excluded extra does,
	// before and after.
	FixLabel, FixDone string
}

// exclusions apply to every product that has both extras.
var exclusions = []exclusion{{
	Param: "monthly_transfer_gb", When: "bandwidth_type", Is: "unmetered",
	Reason:   "unmetered bandwidth has no monthly transfer allowance",
	FixLabel: "Remove the monthly transfer allowance",
	FixDone:  "Removed the monthly transfer allowance: unmetered bandwidth has none",
}}

// Excluded returns the reason extra param means nothing in order o of
// product p (its default too), or "" when it applies.
func Excluded(p *Product, o Order, param string) string {
	if x, ok := exclusionOf(p, o, param); ok {
		return x.Reason
	}
	return ""
}

func exclusionOf(p *Product, o Order, param string) (exclusion, bool) {
	if p == nil {
		return exclusion{}, false
	}
	for _, x := range exclusions {
		if x.Param != param {
			continue
		}
		if _, ok := p.Extra(x.Param); !ok {
			continue
		}
		when, ok := p.Extra(x.When)
		if !ok {
			continue
		}
		v, sent := o.Extras[x.When]
		if !sent {
			v = when.Default
		}
		if v == x.Is {
			return x, true
		}
	}
	return exclusion{}, false
}

// checkExclusion is the problem of sending an excluded extra, or nil.
func checkExclusion(p *Product, o Order, param string) *Problem {
	x, ok := exclusionOf(p, o, param)
	if !ok {
		return nil
	}
	if _, sent := o.Extras[param]; !sent {
		return nil
	}
	display := o.Extras[param]
	if e, ok := p.Extra(param); ok {
		if ch, ok := e.Choice(display); ok {
			display = ch.Label
		}
	}
	return &Problem{
		Code:    ProblemUnavailable,
		Param:   param,
		Message: fmt.Sprintf("Please select a valid choice. %s is not available for the current configuration. %s%s.", display, strings.ToUpper(x.Reason[:1]), x.Reason[1:]),
		Reason:  x.Reason,
		Fix:     &Fix{Label: x.FixLabel, Done: x.FixDone, Param: param},
	}
}
