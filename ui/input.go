package ui

import (
	"charm.land/bubbles/v2/textinput"
	"github.com/charmbracelet/x/ansi"
)

// newInput makes a focused single-line text field with a steady cursor (a
// blinking one would make screens differ from one moment to the next).
func newInput(st *Styles, prompt, placeholder, value string, limit int) textinput.Model {
	in := textinput.New()
	in.Prompt = prompt
	in.Placeholder = placeholder
	in.CharLimit = limit
	in.SetStyles(st.Input)
	// A field without a width shows only the placeholder's first letter.
	in.SetWidth(max(20, ansi.StringWidth(placeholder)+1))
	in.SetValue(value)
	in.CursorEnd()
	in.Focus()
	return in
}

// restyle applies new styles to a field after a background or NO_COLOR
// change, keeping its text and focus.
func restyle(in textinput.Model, st *Styles) textinput.Model {
	in.SetStyles(st.Input)
	return in
}
