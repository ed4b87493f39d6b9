package ui_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
	"github.com/memset-order/memset-order/ui"
)

// recorder wraps the wizard in a real program (teatest) and keeps, after
// every Update, the model, its screen and how many keys it has handled, so
// tests wait on state rather than on time or on the byte stream.
type recorder struct {
	tea.Model
	st *recState
}

// recState is written by the program's goroutine only inside Update, so
// that everything a test reads (screen, busy, result) belongs to one moment.
// The model itself is not shared: its maps keep changing in the program.
type recState struct {
	mu      sync.Mutex
	busy    bool
	result  ui.Result
	step    ui.Step
	order   string
	screen  string
	history []string
	keys    int
	// sized: the terminal's size has arrived. Frames before it are drawn
	// for the default 80×24: Bubble Tea reads the size as it starts (one
	// ioctl, in practice before any of Init's commands answers), while
	// teatest sends it once the program runs, after Init's commands may
	// have answered; so history, which checkFits reads, starts after it.
	sized bool
}

func (r recorder) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	n, cmd := r.Model.Update(msg)
	r.Model = n
	um := n.(ui.Model)
	s := ansi.Strip(um.View().Content)
	r.st.mu.Lock()
	r.st.busy, r.st.result, r.st.step, r.st.order, r.st.screen = um.Busy(), um.Result(), um.Step(), um.Order().Key(), s
	if _, ok := msg.(tea.WindowSizeMsg); ok {
		r.st.sized = true
	}
	if r.st.sized {
		r.st.history = append(r.st.history, s)
	}
	if _, ok := msg.(tea.KeyPressMsg); ok {
		r.st.keys++
	}
	r.st.mu.Unlock()
	return r, cmd
}

// session is one teatest program running the wizard.
type session struct {
	t    *testing.T
	tm   *teatest.TestModel
	st   *recState
	sent int
	// shots are the checkpoints of a flow golden.
	shots []string
}

// fast shortens the wizard's timers for programs that run in real time.
func fast(cfg ui.Config) ui.Config {
	cfg.QuoteDebounce = 2 * time.Millisecond
	cfg.PollMin, cfg.PollMax = 2*time.Millisecond, 16*time.Millisecond
	return cfg
}

// start runs the wizard at w×h with the colour profile and TERM pinned.
func start(t *testing.T, cfg ui.Config, w, h int) *session {
	t.Helper()
	st := &recState{busy: true}
	m := ui.New(cfg)
	tm := teatest.NewTestModel(t, recorder{Model: m, st: st},
		teatest.WithInitialTermSize(w, h),
		teatest.WithProgramOptions(
			tea.WithColorProfile(colorprofile.ASCII),
			tea.WithEnvironment([]string{"TERM=xterm-256color"}),
		))
	s := &session{t: t, tm: tm, st: st}
	t.Cleanup(func() {
		_ = tm.Quit()
		tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))
	})
	s.waitIdle()
	return s
}

// press sends keys by name (see keyPress).
func (s *session) press(keys ...string) {
	for _, k := range keys {
		s.sent++
		s.tm.Send(keyPress(k))
	}
}

// typeText types text.
func (s *session) typeText(text string) {
	for _, r := range text {
		s.sent++
		s.tm.Send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// waitFor waits until every key sent has been handled and cond holds. The
// deadline only turns a hang into a failure; nothing is timed.
func (s *session) waitFor(what string, cond func(screen string, busy bool) bool) {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s.st.mu.Lock()
		ok := s.st.keys == s.sent && cond(s.st.screen, s.st.busy)
		screen := s.st.screen
		s.st.mu.Unlock()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("waiting for %s; screen:\n%s", what, screen)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// waitIdle waits until nothing is in flight and the screen shows want.
func (s *session) waitIdle(want ...string) {
	s.t.Helper()
	s.waitFor("an idle screen with "+strings.Join(want, ", "), func(screen string, busy bool) bool {
		return !busy && containsAll(screen, want)
	})
}

// waitScreen waits until the screen shows every string.
func (s *session) waitScreen(want ...string) {
	s.t.Helper()
	s.waitFor("a screen with "+strings.Join(want, ", "), func(screen string, _ bool) bool {
		return containsAll(screen, want)
	})
}

func containsAll(s string, want []string) bool {
	for _, w := range want {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// screen is the latest screen.
func (s *session) screen() string {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return s.st.screen
}

// result is the wizard's Result as of the latest Update.
func (s *session) result() ui.Result {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return s.st.result
}

// history is every screen so far.
func (s *session) history() []string {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return append([]string(nil), s.st.history...)
}

// shot records the current screen as a checkpoint of the flow golden.
func (s *session) shot(name string) {
	s.shots = append(s.shots, "── "+name+" "+strings.Repeat("─", max(0, 60-len(name)))+"\n"+normalize(s.screen()))
}

// golden compares the checkpoints with testdata/<test name>.golden.
func (s *session) golden() {
	s.t.Helper()
	out := strings.Join(s.shots, "\n")
	checkNoKey(s.t, out)
	golden.RequireEqual(s.t, []byte(out))
}

// stepGolden compares the current screen alone with a golden file named
// after a subtest.
func (s *session) stepGolden(name string) {
	s.t.Helper()
	screen := normalize(s.screen())
	s.t.Run(name, func(t *testing.T) {
		checkNoKey(t, screen)
		golden.RequireEqual(t, []byte(screen))
	})
}

// spinnerFrames are the spinner's frames; goldens show them as "*" since
// which frame is up depends on time.
var spinnerFrames = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

// normalize makes a screen comparable: spinner frames become "*" and
// trailing spaces go (the renderer pads lines).
func normalize(screen string) string {
	for _, f := range spinnerFrames {
		screen = strings.ReplaceAll(screen, f, "*")
	}
	ls := strings.Split(screen, "\n")
	for i, l := range ls {
		ls[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(ls, "\n") + "\n"
}

// checkNoKey fails if the API key is on screen (design §5.3).
func checkNoKey(t testing.TB, s string) {
	t.Helper()
	if strings.Contains(s, testKey) || strings.Contains(s, testKey[:12]) {
		t.Fatalf("the API key appears on screen:\n%s", s)
	}
}
