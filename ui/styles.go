package ui

import (
	"image/color"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
)

// Styles is every style the wizard draws with, built once from the
// terminal's background (dark or light), whether colour is allowed and
// whether the terminal can show UTF-8, with the glyphs that go with them.
// Step files never create styles of their own.
type Styles struct {
	// Glyphs are the borders, marks and spinner the screens draw, Unicode
	// or ASCII (see Glyphs).
	Glyphs Glyphs
	// Brand is the program name in the header.
	Brand lipgloss.Style
	// Sandbox is the SANDBOX badge; Real marks a real endpoint.
	Sandbox lipgloss.Style
	Real    lipgloss.Style
	// Crumb, CrumbCurrent and CrumbDone are the breadcrumb's parts.
	Crumb        lipgloss.Style
	CrumbCurrent lipgloss.Style
	CrumbDone    lipgloss.Style
	// Rule is a horizontal separator.
	Rule lipgloss.Style
	// Title heads a step; Subtle is secondary text.
	Title  lipgloss.Style
	Subtle lipgloss.Style
	// Cursor is the entry under the cursor where a whole entry is marked
	// (Review, a followed job); CursorMark is the mark (Glyphs.Cursor) that
	// alone marks the cursor row of an option list.
	Cursor     lipgloss.Style
	CursorMark lipgloss.Style
	// Group heads a group of options (an OS family).
	Group lipgloss.Style
	// Disabled is an impossible option; Reason says why.
	Disabled lipgloss.Style
	Reason   lipgloss.Style
	// Key shows a key inside prose ("press f").
	Key lipgloss.Style
	// Error, Warning and Success colour outcomes.
	Error   lipgloss.Style
	Warning lipgloss.Style
	Success lipgloss.Style
	// Label is the left column of a summary.
	Label lipgloss.Style
	// Price is an amount from the backend; Stale is the previous price,
	// kept dimmed in the pane while the new one loads.
	Price lipgloss.Style
	Stale lipgloss.Style
	// PaneTitle is the quote pane's heading.
	PaneTitle lipgloss.Style
	// Help styles the help line.
	Help help.Styles
	// Input styles text fields.
	Input textinput.Styles
	// Form is the huh theme of the embedded forms (the free-text and number
	// fields), drawn from the same palette; see formTheme.
	Form *huh.Styles
	// Bar colours the job progress bar.
	BarFull, BarEmpty color.Color
}

// NewStyles builds the styles for a dark or light background, with the
// Unicode glyphs. With noColor (NO_COLOR set) only attributes are used:
// bold, faint, reverse, underline.
func NewStyles(isDark, noColor bool) *Styles { return newStyles(isDark, noColor, false) }

// newStyles is NewStyles with the ASCII glyphs when ascii is set (a
// terminal whose locale is not UTF-8).
func newStyles(isDark, noColor, ascii bool) *Styles {
	ld := lipgloss.LightDark(isDark)
	c := func(light, dark string) color.Color {
		if noColor {
			return lipgloss.NoColor{}
		}
		return ld(lipgloss.Color(light), lipgloss.Color(dark))
	}
	accent := c("#1F5FBF", "#7AA2F7")
	subtle := c("#6B6F76", "#8C91A0")
	faint := c("#9A9EA6", "#5C6070")
	errC := c("#B3261E", "#F7768E")
	warn := c("#8A5A00", "#E0AF68")
	ok := c("#1E7B34", "#9ECE6A")
	border := c("#B8BCC4", "#3B4261")

	s := &Styles{Glyphs: glyphsFor(ascii)}
	base := lipgloss.NewStyle()
	s.Brand = base.Bold(true).Foreground(accent)
	s.Sandbox = base.Bold(true).Padding(0, 1).Reverse(true).Foreground(warn)
	s.Real = base.Bold(true).Padding(0, 1).Reverse(true).Foreground(errC)
	s.Crumb = base.Foreground(subtle)
	s.CrumbDone = base.Foreground(subtle)
	s.CrumbCurrent = base.Bold(true).Underline(true).Foreground(accent)
	s.Rule = base.Foreground(border)
	s.Title = base.Bold(true)
	s.Subtle = base.Foreground(subtle)
	s.Cursor = base.Bold(true).Foreground(accent)
	s.CursorMark = base.Bold(true).Foreground(accent)
	s.Group = base.Bold(true).Foreground(subtle)
	s.Disabled = base.Faint(true).Foreground(faint)
	s.Reason = base.Foreground(warn)
	s.Key = base.Bold(true).Foreground(accent)
	s.Error = base.Bold(true).Foreground(errC)
	s.Warning = base.Foreground(warn)
	s.Success = base.Bold(true).Foreground(ok)
	s.Label = base.Foreground(subtle)
	s.Price = base.Bold(true)
	s.Stale = base.Faint(true).Foreground(faint)
	s.PaneTitle = base.Bold(true).Foreground(accent)
	if noColor {
		s.Sandbox = base.Bold(true).Reverse(true).Padding(0, 1)
		s.Real = base.Bold(true).Reverse(true).Padding(0, 1)
		s.Subtle = base.Faint(true)
		s.Crumb = base.Faint(true)
		s.CrumbDone = base.Faint(true)
		s.Label = base.Faint(true)
		s.Group = base.Bold(true)
		s.Stale = base.Faint(true)
		s.Reason = base.Italic(true)
		s.Error = base.Bold(true)
		s.Warning = base.Bold(true)
	}

	h := help.DefaultStyles(isDark)
	if noColor {
		h = help.Styles{
			Ellipsis: base.Faint(true), ShortKey: base.Bold(true), ShortDesc: base,
			ShortSeparator: base.Faint(true), FullKey: base.Bold(true), FullDesc: base,
			FullSeparator: base.Faint(true),
		}
	}
	s.Help = h

	in := textinput.DefaultStyles(isDark)
	in.Cursor.Blink = false
	if noColor {
		in.Cursor.Color = nil
		in.Focused.Placeholder = base.Faint(true)
		in.Blurred.Placeholder = base.Faint(true)
		in.Focused.Prompt = base.Bold(true)
		in.Blurred.Prompt = base
		in.Focused.Text = base
		in.Blurred.Text = base
	} else {
		in.Focused.Prompt = base.Foreground(accent)
	}
	s.Input = in
	s.BarFull, s.BarEmpty = accent, border
	if noColor {
		s.BarFull, s.BarEmpty = lipgloss.NoColor{}, lipgloss.NoColor{}
	}
	s.Form = formStyles(s, accent)
	return s
}

// formStyles is huh's theme for our palette: huh's base layout (the bar
// left of the focused field, Glyphs.FormBorder) with our title, prompt,
// text, placeholder and error styles, so an embedded field looks like the
// rest of the wizard. Only the Input field is used; its error reads
// "✗ reason" (Glyphs.Cross) like every other refusal on screen.
func formStyles(s *Styles, accent color.Color) *huh.Styles {
	t := huh.ThemeBase(true)
	base := lipgloss.NewStyle()
	f := &t.Focused
	f.Base = f.Base.BorderStyle(s.Glyphs.FormBorder).BorderForeground(accent)
	f.Card = f.Card.BorderStyle(s.Glyphs.FormBorder)
	f.Title = s.Title
	f.Description = s.Subtle
	f.ErrorIndicator = s.Error.SetString(" " + s.Glyphs.Cross)
	f.ErrorMessage = s.Error.SetString(s.Glyphs.Cross)
	f.TextInput = huh.TextInputStyles{
		Cursor:      base.Foreground(accent),
		CursorText:  base,
		Placeholder: s.Input.Focused.Placeholder,
		Prompt:      s.Input.Focused.Prompt,
		Text:        s.Input.Focused.Text,
	}
	blurredBase := t.Blurred.Base
	t.Blurred = *f
	t.Blurred.Base = blurredBase
	t.Blurred.TextInput.Prompt = s.Input.Blurred.Prompt
	t.Help = s.Help
	return t
}
