package cli

import (
	"context"
	"os"

	"charm.land/fang/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/spf13/cobra"
)

// Execute runs the command tree under fang and returns the exit status.
//
// A command's own error (once cobra has accepted its flags and arguments)
// is printed here, with ErrorHandler, and never handed back to fang: on a
// terminal, fang's error path first asks the terminal for its background
// colour (an OSC 11 query, waiting up to two seconds per stream for the
// answer): every failing command took four seconds to exit, and a late
// answer lands in the shell as stray characters. Refused arguments are
// caught the same way; only a flag cobra cannot parse still goes through
// fang.
func Execute(ctx context.Context, f *Factory, root *cobra.Command, opts ...fang.Option) Status {
	var failed error
	captureErrors(root, &failed)
	handler := ErrorHandler(f.IO.ErrTTY)
	opts = append(opts, fang.WithErrorHandler(handler))
	// Help, --version and completion scripts go to root's out: without
	// the spaces fang pads help lines with.
	out := newTrimWriter(root.OutOrStdout())
	root.SetOut(out)
	defer func() { _ = out.Flush() }()
	if err := fang.Execute(ctx, root, opts...); err != nil {
		return StatusOf(err)
	}
	if failed == nil {
		return StatusDone
	}
	handler(colorprofile.NewWriter(f.IO.ErrOut, os.Environ()), errorStyles(), failed)
	return StatusOf(failed)
}

// captureErrors makes every command of the tree keep its arguments' and
// its run's error in *failed instead of returning it; a command whose
// arguments were refused does not run.
func captureErrors(c *cobra.Command, failed *error) {
	if check := c.Args; check != nil {
		c.Args = func(cmd *cobra.Command, args []string) error {
			if err := check(cmd, args); err != nil {
				*failed = err
			}
			return nil
		}
	}
	if run := c.RunE; run != nil {
		c.RunE = func(cmd *cobra.Command, args []string) error {
			if *failed != nil {
				return nil
			}
			if err := run(cmd, args); err != nil {
				*failed = err
			}
			return nil
		}
	}
	for _, sub := range c.Commands() {
		captureErrors(sub, failed)
	}
}

// errorStyles are fang's error styles, built without asking the terminal
// anything: the header carries its own background.
func errorStyles() fang.Styles {
	cs := fang.DefaultColorScheme(lipgloss.LightDark(true))
	return fang.Styles{
		ErrorHeader: lipgloss.NewStyle().Foreground(cs.ErrorHeader[0]).Background(cs.ErrorHeader[1]).
			Bold(true).Padding(0, 1).Margin(1).MarginLeft(2).SetString("ERROR"),
		ErrorText: lipgloss.NewStyle().MarginLeft(2),
	}
}
