package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	tea "charm.land/bubbletea/v2"
	"charm.land/ssh"
	bm "charm.land/wish/v2/bubbletea"
	"github.com/charmbracelet/colorprofile"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/ui"
)

// wizard runs a session's own wizard on its emulated pty (in and out are
// the session), as wish's
// bubbletea middleware runs a program (its options, its window changes),
// but keeps the final model for the summary. Everything the screen
// depends on is the session's: the size and TERM of its pty request, and
// NO_COLOR and the locale it sent. The program does not listen for the
// server's signals: SIGTERM stops the server gracefully, and must not end
// every session's wizard at once.
func (sv *server) wizard(ctx context.Context, s ssh.Session, in io.Reader, out io.Writer, env sessionEnv, b *Backend, desk *order.Desk, winch <-chan ssh.Window) (ui.Result, bool, error) {
	cfg := ui.Config{
		Backend:      b.Client,
		Catalogue:    b.Catalogue,
		Sandbox:      b.Embedded,
		Ephemeral:    b.Embedded,
		Endpoint:     b.Endpoint,
		AccountLabel: b.AccountLabel,
		Desk:         desk,
		NoColor:      env.noColor(),
		ASCII:        !env.utf8(),
		PollMin:      sv.opts.poll.Min,
		PollMax:      sv.opts.poll.Max,
	}
	if sv.opts.Redact != nil {
		cfg.Redact = sv.opts.Redact.Redact
	}
	// The session's own reader and writer (which note its activity for
	// --idle-timeout) replace MakeOptions's, which are the session too.
	opts := append(bm.MakeOptions(s), tea.WithInput(in), tea.WithOutput(out), tea.WithContext(ctx), tea.WithoutSignalHandler())
	if env.noColor() {
		// Bubble Tea only honours NO_COLOR values that parse as booleans;
		// no-color.org says any non-empty value counts.
		opts = append(opts, tea.WithColorProfile(colorprofile.ASCII))
	}
	p := tea.NewProgram(ui.New(cfg), opts...)
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go func() {
		for {
			select {
			case <-wctx.Done():
				return
			case w, ok := <-winch:
				if !ok {
					return
				}
				p.Send(tea.WindowSizeMsg{Width: w.Width, Height: w.Height})
			}
		}
	}()
	final, err := p.Run()
	m, ok := final.(ui.Model)
	if !ok {
		if err == nil {
			err = errors.New("it stopped unexpectedly")
		}
		return ui.Result{}, false, fmt.Errorf("the wizard stopped: %w", err)
	}
	res := m.Result()
	interrupted := interruptedBy(ctx, err) || res.Interrupted
	if interrupted {
		err = nil
	}
	return res, interrupted, err
}
