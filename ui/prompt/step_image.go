package prompt

import (
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// image asks for the operating system or one of the account's snapshots,
// grouped as the wizard groups them. An impossible image is listed with
// its reason; chosen, it is refused and its fix offered ("Switch to
// MSVM002 (2 GB RAM)?").
func (s *session) image() error {
	opts := ui.ImageOptions(s.facts())
	m := menu{title: "Image: choose the operating system or a snapshot", zero: "back"}
	group := ""
	for _, o := range opts {
		it := item{text: o.Label, names: []string{o.Value, o.Label}}
		if o.Group != group {
			group = o.Group
			it.heading = group + ":"
		}
		if o.Note != "" {
			it.text += " (" + o.Note + ")"
		}
		it.text += chosenMark(o.Value == s.order.OS) + notPossible(o)
		m.items = append(m.items, it)
	}
	switch {
	case s.acctErr != nil:
		m.notes = append(m.notes, "Your snapshots could not be read ("+ui.Describe(s.acctErr)+").")
	case len(s.acct.Snapshots) == 0:
		m.notes = append(m.notes, "Your snapshots: none on this account.")
	}
	return s.chooseValue(m, opts, model.ParamOS, "image")
}
