package cli

import (
	xterm "github.com/charmbracelet/x/term"
)

// interactive reports whether a person sits at the command: its input and
// its output are both terminals. Scripts, pipes and CI are not, and are
// never asked anything.
func interactive(s *IOStreams) bool {
	return isTerminal(s.In) && isTerminal(unwrapWriter(s.Out))
}

// isTerminal reports whether v is a file that is a terminal.
func isTerminal(v any) bool {
	f, ok := v.(interface{ Fd() uintptr })
	return ok && xterm.IsTerminal(f.Fd())
}
