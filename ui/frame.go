package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// frame is what every full-screen program of the package shares (the
// wizard and the job follower): the terminal's size, light or dark
// background and NO_COLOR, the styles built from them, the key map, and
// the screen's outline — header, body, help line, clipped to the terminal,
// or the too-small notice.
type frame struct {
	keys   KeyMap
	styles *Styles
	// cell holds the styles for the embedded forms' theme (see formTheme);
	// it is shared with the forms, so a restyle reaches them.
	cell    *styleCell
	isDark  bool
	noColor bool
	width   int
	height  int
}

// newFrame is an 80×24 dark-background frame until the terminal says
// otherwise.
func newFrame(noColor bool) frame {
	f := frame{keys: DefaultKeyMap(), isDark: true, noColor: noColor, width: 80, height: 24}
	f.styles = NewStyles(f.isDark, f.noColor)
	f.cell = &styleCell{st: f.styles}
	return f
}

// terminal takes the terminal's facts: its size, its background, and
// NO_COLOR from the environment it reports. handled says msg was one;
// restyled that the styles were rebuilt.
func (f *frame) terminal(msg tea.Msg) (handled, restyled bool) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		f.width, f.height = msg.Width, msg.Height
		return true, false
	case tea.BackgroundColorMsg:
		f.isDark = msg.IsDark()
		f.restyle()
		return true, true
	case tea.EnvMsg:
		if msg.Getenv("NO_COLOR") == "" || f.noColor {
			return true, false
		}
		f.noColor = true
		f.restyle()
		return true, true
	}
	return false, false
}

// restyle rebuilds the styles; open forms take the new theme at their next
// frame.
func (f *frame) restyle() {
	f.styles = NewStyles(f.isDark, f.noColor)
	f.cell.st = f.styles
}

// small reports whether the terminal is below the minimum size.
func (f *frame) small() bool { return f.width < minWidth || f.height < minHeight }

// screen lays out a whole screen: the header, the body, a blank line and
// the footer, every line cut to the width and the whole to the height; or
// the too-small notice.
func (f *frame) screen(header, body, footer string) string {
	if f.small() {
		return tooSmall(f.width, f.height)
	}
	return clipBlock(header+"\n"+body+"\n\n"+footer, f.width, f.height)
}

// help is the help line of the given keys.
func (f *frame) help(keys []key.Binding) string { return helpView(f.styles, f.width, keys) }
