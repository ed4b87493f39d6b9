package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	xterm "github.com/charmbracelet/x/term"

	"github.com/memset-order/memset-order/api/credentials"
)

// IOStreams are where a command reads and writes. An SSH session gives
// its own.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer
	// ReadPassword reads one line from In without echoing it; nil when In
	// is not a terminal (then no key is asked for).
	ReadPassword func() ([]byte, error)
	// ErrTTY is true when ErrOut is a terminal (errors are then styled).
	ErrTTY bool
}

// System is the process's own standard streams.
func System() *IOStreams {
	s := &IOStreams{In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr, ErrTTY: xterm.IsTerminal(os.Stderr.Fd())}
	if fd := os.Stdin.Fd(); xterm.IsTerminal(fd) {
		s.ReadPassword = func() ([]byte, error) { return xterm.ReadPassword(fd) }
	}
	return s
}

// keyIO is what asking for the key needs.
func (s *IOStreams) keyIO() KeyIO {
	return KeyIO{In: s.In, Out: s.ErrOut, ReadPassword: s.ReadPassword}
}

// ProgramRunner runs a full-screen Bubble Tea model until it ends and
// returns the final model. noColor drops colours.
type ProgramRunner func(ctx context.Context, m tea.Model, s *IOStreams, noColor bool) (tea.Model, error)

// RunProgram is the ProgramRunner of a terminal: the model runs on the
// streams' In and Out until it quits or ctx ends. On the process's own
// streams it reads keys from, and draws on, the terminal (screenIO): with
// stdout a pipe or a file the screen goes to the controlling terminal, and
// without one it fails at once with errNoTerminal.
func RunProgram(ctx context.Context, m tea.Model, s *IOStreams, noColor bool) (tea.Model, error) {
	opts := []tea.ProgramOption{tea.WithContext(ctx)}
	if s.process() {
		in, out, closeTTY, err := screenIO()
		if err != nil {
			return m, err
		}
		defer closeTTY()
		opts = append(opts, tea.WithInput(in), tea.WithOutput(out))
	} else {
		// The full screen needs the terminal itself, not the redacting
		// writer around it: the models redact every frame
		// (ui.Config.Redact).
		if s.In != os.Stdin {
			opts = append(opts, tea.WithInput(s.In))
		}
		if out := unwrapWriter(s.Out); out != os.Stdout {
			opts = append(opts, tea.WithOutput(out))
		}
	}
	if noColor {
		// Bubble Tea only honours NO_COLOR values that parse as booleans;
		// no-color.org says any non-empty value counts.
		opts = append(opts, tea.WithColorProfile(colorprofile.ASCII))
	}
	return tea.NewProgram(m, opts...).Run()
}

// errNoTerminal: a full screen was asked for and the process has no
// terminal to draw it on (no stdin, stdout or controlling terminal that is
// one: cron, a pipeline under setsid, a container without a tty).
var errNoTerminal = errors.New("no terminal to draw on")

// process reports whether s are the process's own stdin and stdout (not an
// SSH session's, nor a test's).
func (s *IOStreams) process() bool {
	return s.In == os.Stdin && unwrapWriter(s.Out) == os.Stdout
}

// plainOut reports whether Out is the process's stdout and that is not a
// terminal (a pipe, a file): commands that can then write plain lines
// there rather than open a full screen.
func (s *IOStreams) plainOut() bool {
	return unwrapWriter(s.Out) == os.Stdout && !xterm.IsTerminal(os.Stdout.Fd())
}

// hasTerminal reports whether a full screen can be drawn for s: always
// for streams other than the process's own (an SSH session, a test), and
// for the process's when screenIO finds a terminal.
func (s *IOStreams) hasTerminal() bool {
	if !s.process() {
		return true
	}
	_, _, closeTTY, err := screenIO()
	if err != nil {
		return false
	}
	closeTTY()
	return true
}

// screenIO is where the process's full screen reads keys and draws: stdin
// and stdout when they are terminals, and the controlling terminal
// (/dev/tty, opened as Bubble Tea opens it) in place of either that is
// not, so that `memset-order > file` draws on the terminal and leaves the
// file to what is printed once the screen has closed. It fails with
// errNoTerminal when a stream is not a terminal and there is no
// controlling terminal. closeTTY releases what was opened.
func screenIO() (in io.Reader, out io.Writer, closeTTY func(), err error) {
	inTTY, outTTY := xterm.IsTerminal(os.Stdin.Fd()), xterm.IsTerminal(os.Stdout.Fd())
	if inTTY && outTTY {
		return os.Stdin, os.Stdout, func() {}, nil
	}
	tty, _, err := tea.OpenTTY()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%w (%w)", errNoTerminal, err)
	}
	in, out = tty, tty
	if inTTY {
		in = os.Stdin
	}
	if outTTY {
		out = os.Stdout
	}
	return in, out, func() { _ = tty.Close() }, nil
}

// Factory is what every command is built from: the streams, the
// environment and how to run a full-screen program. Tests give their own.
type Factory struct {
	IO *IOStreams
	// Getenv reads the environment (os.Getenv).
	Getenv func(string) string
	// Version is the program's version ("" for a development build).
	Version string
	// Run runs full-screen programs (RunProgram).
	Run ProgramRunner
	// Redact hides the active API key from everything written: IO.Out and
	// IO.ErrOut go through it, and the full-screen programs redact every
	// frame and window title with it. The key from MEMSET_API_KEY is in it
	// from the start; a key read later (a key file, the prompt) is added.
	Redact *Redactor
}

// NewFactory is the Factory of the process: its standard streams, its
// environment and a terminal.
func NewFactory(version string) *Factory {
	r := NewRedactor()
	r.Add(os.Getenv(credentials.EnvVar))
	streams := System()
	streams.Out, streams.ErrOut = r.Writer(streams.Out), r.Writer(streams.ErrOut)
	return &Factory{IO: streams, Getenv: os.Getenv, Version: version, Run: RunProgram, Redact: r}
}

// noColor reports whether NO_COLOR asks for no colours (any non-empty
// value, as no-color.org says).
func (f *Factory) noColor() bool { return f.Getenv("NO_COLOR") != "" }

// userAgent is "memset-order/VERSION".
func (f *Factory) userAgent() string {
	v := f.Version
	if v == "" {
		v = "dev"
	}
	return "memset-order/" + v
}
