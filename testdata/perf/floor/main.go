// Command floor is the smallest Bubble Tea v2 list that does what the
// wizard's service list does: six rows, a cursor moved with ↑/↓, enter to
// choose, q to quit. The perf harness measures it as the floor: the fewest
// bytes per keystroke and the fastest start-up a Bubble Tea v2 program can
// have.
package main

import (
	"fmt"
	"os"
	"strings"

	tea "charm.land/bubbletea/v2"
)

var rows = []string{
	"Miniserver VM (monthly)",
	"Miniserver (hourly, deprecated)",
	"Dedicated server",
	"Memstore",
	"OpenStack project",
	"Bandwidth bank top-up",
}

type model struct{ cursor int }

func (m model) Init() tea.Cmd { return nil }

func (m model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "down", "j":
			m.cursor = min(m.cursor+1, len(rows)-1)
		case "up", "k":
			m.cursor = max(m.cursor-1, 0)
		case "q", "ctrl+c", "enter":
			return m, tea.Quit
		}
	}
	return m, nil
}

func (m model) View() tea.View {
	var b strings.Builder
	b.WriteString("What would you like to order?\n\n")
	for i, r := range rows {
		mark := "  "
		if i == m.cursor {
			mark = "> "
		}
		b.WriteString(mark + r + "\n")
	}
	v := tea.NewView(b.String())
	v.AltScreen = true
	return v
}

func main() {
	if _, err := tea.NewProgram(model{}).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
