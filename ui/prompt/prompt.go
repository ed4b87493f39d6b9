package prompt

import (
	"context"
	"io"
	"os"
	"time"

	xterm "github.com/charmbracelet/x/term"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// Config is what the line prompts need; its fields mean what ui.Config's
// of the same names mean.
type Config struct {
	In  io.Reader
	Out io.Writer
	// Backend answers every question (*api.Client satisfies it).
	Backend   ui.Backend
	Desk      *order.Desk
	Catalogue *model.Catalogue
	Sandbox   bool
	// Ephemeral: the backend's jobs end with the program.
	Ephemeral    bool
	Endpoint     string
	AccountLabel string
	// Now is the clock (time.Now); Poll bounds job.status polling.
	Now  func() time.Time
	Poll order.Backoff
	// ASCII writes every line in plain ASCII ("GBP 7.50", "-", "ok"), for
	// a locale that is not UTF-8 (ui.UTF8Locale), as ui.Config.ASCII.
	ASCII bool
	// Start, when set, is an order part answered, as ui.Config.Start.
	Start *model.Order
	// Sleep waits between job.status polls (nil: a timer); tests move a
	// fake clock with it.
	Sleep func(context.Context, time.Duration) error
	// Echo says whether each answer is written after its question.
	Echo Echo
}

// Echo says whether answers are written after their questions.
type Echo int

// The echo modes.
const (
	// EchoAuto echoes unless In is a terminal, which shows what is typed
	// itself: the transcript of a pipe or a file then keeps its answers.
	EchoAuto Echo = iota
	// EchoOn always echoes; EchoOff never does (an SSH session's pty
	// shows what is typed).
	EchoOn
	EchoOff
)

// on reports whether answers read from in are echoed.
func (e Echo) on(in io.Reader) bool {
	switch e {
	case EchoOn:
		return true
	case EchoOff:
		return false
	}
	f, ok := in.(*os.File)
	return !ok || !xterm.IsTerminal(f.Fd())
}

// Run asks for the order one numbered prompt at a time, places it once
// after the typed confirmation and follows its job, until the order ends,
// the person leaves ("q"), the input ends or ctx ends. The Result is
// filled as the wizard fills it; the error is only for output that could
// not be written.
func Run(ctx context.Context, cfg Config) (ui.Result, error) {
	s := newSession(ctx, cfg)
	res := s.run()
	return res, s.out.err
}
