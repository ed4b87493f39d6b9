package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/model"
)

// serviceStep picks one of the six orderable things.
type serviceStep struct {
	stepDefaults
	cursor int
	// refused is set when enter was pressed on a product that cannot be
	// ordered; it says why until the cursor moves.
	refused string
}

// serviceRow is one product as the Service step shows it.
type serviceRow struct {
	prod       *model.Product
	deprecated string
	reason     string
}

func serviceRows(e *env) []serviceRow {
	var out []serviceRow
	for _, p := range e.cat.Products {
		r := serviceRow{prod: p, deprecated: p.Deprecated}
		if e.offersDone && e.offersErr == nil {
			offered := false
			for _, o := range e.offers {
				if o.Product == p.ID {
					offered = true
					if o.Deprecated && r.deprecated == "" {
						r.deprecated = "Memset marks this service as deprecated."
					}
				}
			}
			if !offered {
				r.reason = "not offered through the API to this account"
			}
		}
		out = append(out, r)
	}
	return out
}

func (s *serviceStep) enter(e *env) (action, tea.Cmd) {
	for i, r := range serviceRows(e) {
		if e.prod != nil && r.prod.ID == e.prod.ID {
			s.cursor = i
		}
	}
	s.refused = ""
	return nil, nil
}

func (s *serviceStep) update(msg tea.Msg, e *env) (action, tea.Cmd) {
	k, ok := msg.(keyMsg)
	if !ok {
		return nil, nil
	}
	rows := serviceRows(e)
	switch {
	case matches(k, e.keys.Up):
		s.cursor = max(0, s.cursor-1)
		s.refused = ""
	case matches(k, e.keys.Down):
		s.cursor = min(len(rows)-1, s.cursor+1)
		s.refused = ""
	case matches(k, e.keys.Home):
		s.cursor, s.refused = 0, ""
	case matches(k, e.keys.End):
		s.cursor, s.refused = len(rows)-1, ""
	case matches(k, e.keys.Next):
		if s.cursor < 0 || s.cursor >= len(rows) {
			return nil, nil
		}
		r := rows[s.cursor]
		if r.reason != "" {
			s.refused = r.prod.Name + " cannot be ordered: " + r.reason + "."
			return nil, nil
		}
		return chooseProduct{id: r.prod.ID}, nil
	}
	return nil, nil
}

func (s *serviceStep) keys(e *env) []key.Binding {
	k := e.keys
	return []key.Binding{k.nav(k.Up, k.Down, k.Home, k.End), with(k.Next, "choose", true)}
}

func (s *serviceStep) view(e *env) string {
	st, w := e.st, e.width
	rows := serviceRows(e)
	var b []string
	b = append(b, st.Title.Render("What would you like to order?"), "")
	nameW := 0
	for _, r := range rows {
		nameW = max(nameW, len(r.prod.Name))
	}
	for i, r := range rows {
		mark := "  "
		name := padRight(r.prod.Name, nameW)
		var tags []string
		if r.deprecated != "" {
			tags = append(tags, "deprecated")
		}
		if r.reason != "" {
			tags = append(tags, st.Glyphs.Cross+" "+r.reason)
		}
		line := name
		if len(tags) > 0 {
			line += "  " + strings.Join(tags, " · ")
		}
		line = truncate(line, w-2)
		summary := truncate("  "+r.prod.Summary, w-2)
		switch {
		case r.reason != "":
			line, summary = st.Disabled.Render(line), st.Disabled.Render(summary)
		default:
			summary = st.Subtle.Render(summary)
		}
		if i == s.cursor {
			mark = st.CursorMark.Render(st.Glyphs.Cursor)
		}
		b = append(b, mark+line, "  "+summary)
	}
	var detail []string
	if s.cursor >= 0 && s.cursor < len(rows) {
		r := rows[s.cursor]
		if r.deprecated != "" {
			detail = append(detail, st.Warning.Render(wrap("Deprecated: "+r.deprecated, w)))
		}
	}
	if s.refused != "" {
		detail = append(detail, st.Error.Render(wrap(s.refused, w)))
	}
	switch {
	case !e.offersDone:
		detail = append(detail, st.Subtle.Render(truncate(e.spinner+" asking the API which services it offers…", w)))
	case e.offersErr != nil:
		detail = append(detail, st.Warning.Render(wrap("Could not ask which services the API offers ("+describe(e.offersErr)+"); all are shown.", w)))
	}
	return withDetail(strings.Join(b, "\n"), strings.Join(detail, "\n"), e.height)
}
