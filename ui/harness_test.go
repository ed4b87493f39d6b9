package ui_test

import (
	"context"
	"net/http"
	"reflect"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// testKey is a fixed API key; no screen may ever contain it.
const testKey = "5f3a9c0e7b1d4f2a8c6e0b9d7f1a3c5e"

// t0 is the sandbox's and the wizard's starting time.
var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// world is a sandbox with a fake clock and the real api client talking to
// it through the in-memory transport.
type world struct {
	sb     *sandbox.Sandbox
	clock  *sandbox.FakeClock
	client *api.Client
}

func newWorld(t testing.TB, opts ...sandbox.Option) *world {
	t.Helper()
	clock := sandbox.NewFakeClock(t0)
	all := append([]sandbox.Option{
		sandbox.WithAPIKey(testKey),
		sandbox.WithClock(clock),
		sandbox.WithAutoPay(0),
		sandbox.WithStageDuration(10 * time.Second),
	}, opts...)
	sb := sandbox.New(all...)
	c, err := api.New(
		api.WithBaseURL(sandbox.BaseURL),
		api.WithHTTPClient(&http.Client{Transport: sb.Transport()}),
		api.WithAPIKey(testKey),
		api.WithRetry(api.NoRetry),
	)
	if err != nil {
		t.Fatalf("api.New: %v", err)
	}
	return &world{sb: sb, clock: clock, client: c}
}

// config is the wizard's configuration for this world.
func (w *world) config() ui.Config {
	return ui.Config{
		Backend:   w.client,
		Catalogue: model.DefaultCatalogue(),
		Sandbox:   true,
		Endpoint:  sandbox.BaseURL,
		Now:       w.clock.Now,
	}
}

// driver runs the wizard without a program: it calls Update, runs every
// command at once (so backend calls are answered in a fixed order) and
// keeps timers on a virtual clock that only moves when the test says so.
// Nothing depends on real time.
type driver struct {
	t      testing.TB
	m      tea.Model
	now    time.Duration
	timers []timer
	quit   bool
	views  []string
}

type timer struct {
	at time.Duration
	fn func(time.Time) tea.Msg
}

// timerMsg is what the driver's Tick returns: a timer to keep, not a message.
type timerMsg struct {
	d  time.Duration
	fn func(time.Time) tea.Msg
}

// newDriver builds the wizard from cfg with the driver's clock for timers,
// sizes it and runs Init.
func newDriver(t testing.TB, cfg ui.Config, w, h int) *driver {
	d := &driver{t: t}
	cfg.Tick = d.tick
	return d.boot(ui.New(cfg), w, h)
}

// newFollowDriver is newDriver for the job follower.
func newFollowDriver(t testing.TB, cfg ui.FollowConfig, w, h int) *driver {
	d := &driver{t: t}
	cfg.Tick = d.tick
	return d.boot(ui.NewFollow(cfg), w, h)
}

// tick is the programs' Tick: a timer for the driver to keep.
func (d *driver) tick(dur time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	return func() tea.Msg { return timerMsg{d: dur, fn: fn} }
}

// boot sizes m and runs its Init.
func (d *driver) boot(m tea.Model, w, h int) *driver {
	d.m = m
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.run(d.m.Init())
	return d
}

// send delivers msg and runs what it returns.
func (d *driver) send(msg tea.Msg) {
	var cmd tea.Cmd
	d.m, cmd = d.m.Update(msg)
	d.views = append(d.views, d.screen())
	d.run(cmd)
}

// run executes cmd and everything it leads to, except timers, which wait,
// and the embedded forms' cursor-blink timers, which are dropped.
func (d *driver) run(cmd tea.Cmd) {
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil || isBlinkTimer(c) {
			continue
		}
		msg := c()
		if seq, ok := sequence(msg); ok {
			queue = append(queue, seq...)
			continue
		}
		switch msg := msg.(type) {
		case nil:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		case timerMsg:
			d.timers = append(d.timers, timer{at: d.now + msg.d, fn: msg.fn})
		case tea.QuitMsg:
			d.quit = true
		default:
			d.send(msg)
		}
	}
}

// isBlinkTimer reports whether c is a text cursor's blink timer (the
// closure cursor.(*Model).Blink returns). It sleeps half a second of real
// time and its message is dropped by the wizard (the cursor is steady), so
// the driver, which runs commands one after another, skips it instead of
// waiting. This is the only command told apart by its function.
func isBlinkTimer(c tea.Cmd) bool {
	fn := runtime.FuncForPC(reflect.ValueOf(c).Pointer())
	return fn != nil && strings.HasPrefix(fn.Name(), "charm.land/bubbles/v2/cursor.")
}

// sequence returns the commands of a tea.Sequence (whose message type is
// unexported), so the driver runs them in order like the program does.
func sequence(msg tea.Msg) ([]tea.Cmd, bool) {
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type() == reflect.TypeOf(tea.BatchMsg(nil)) ||
		v.Type().Elem() != reflect.TypeOf(tea.Cmd(nil)) {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i] = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}

// advance moves the virtual clock, firing due timers in order.
func (d *driver) advance(dur time.Duration) {
	end := d.now + dur
	for {
		slices.SortStableFunc(d.timers, func(a, b timer) int { return int(a.at - b.at) })
		if len(d.timers) == 0 || d.timers[0].at > end {
			break
		}
		tm := d.timers[0]
		d.timers = d.timers[1:]
		d.now = tm.at
		d.send(tm.fn(t0.Add(tm.at)))
	}
	d.now = end
}

// settle fires timers until none is left within a generous horizon, so
// debounced quotes and prefetches all happen; spinner ticks stop by
// themselves when nothing is busy.
func (d *driver) settle() { d.advance(30 * time.Second) }

// press sends keys by name: "enter", "down", "esc", or text to type.
func (d *driver) press(keys ...string) {
	for _, k := range keys {
		d.send(keyPress(k))
	}
}

// typeText types each rune of s.
func (d *driver) typeText(s string) {
	for _, r := range s {
		d.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// namedKeys are the keys keyPress knows by name.
var namedKeys = map[string]tea.KeyPressMsg{
	"enter":     {Code: tea.KeyEnter},
	"esc":       {Code: tea.KeyEscape},
	"up":        {Code: tea.KeyUp},
	"down":      {Code: tea.KeyDown},
	"end":       {Code: tea.KeyEnd},
	"home":      {Code: tea.KeyHome},
	"backspace": {Code: tea.KeyBackspace},
	"tab":       {Code: tea.KeyTab},
	"space":     {Code: tea.KeySpace, Text: " "},
	"ctrl+c":    {Code: 'c', Mod: tea.ModCtrl},
	"ctrl+x":    {Code: 'x', Mod: tea.ModCtrl},
}

// keyPress is the key named k (see namedKeys), or the one character k.
func keyPress(k string) tea.KeyPressMsg {
	if msg, ok := namedKeys[k]; ok {
		return msg
	}
	r := []rune(k)
	if len(r) != 1 {
		panic("keyPress: unknown key " + k)
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// model is the wizard as it stands.
func (d *driver) model() ui.Model { return d.m.(ui.Model) }

// screen is the current screen without styling.
func (d *driver) screen() string { return ansi.Strip(d.m.View().Content) }

// must fails the test unless the screen contains every string.
func (d *driver) must(want ...string) {
	d.t.Helper()
	s := d.screen()
	for _, w := range want {
		if !strings.Contains(s, w) {
			d.t.Fatalf("screen lacks %q:\n%s", w, s)
		}
	}
}

// mustSay is must for prose, which the screen may wrap anywhere: spaces
// and line breaks count as one space.
func (d *driver) mustSay(want ...string) {
	d.t.Helper()
	s := strings.Join(strings.Fields(d.screen()), " ")
	for _, w := range want {
		if !strings.Contains(s, strings.Join(strings.Fields(w), " ")) {
			d.t.Fatalf("screen does not say %q:\n%s", w, d.screen())
		}
	}
}

// sandboxAcct is the sandbox's account type.
type sandboxAcct = sandbox.Account

// sandboxAccount is the default account changed by f, as a sandbox option.
func sandboxAccount(f func(*sandboxAcct)) sandbox.Option {
	a := sandbox.DefaultAccount()
	f(&a)
	return sandbox.WithAccount(a)
}

// gatedPlace holds the real order until the test releases it, so the
// Placing screen can be looked at.
type gatedPlace struct {
	*api.Client
	release chan struct{}
}

func (g gatedPlace) Place(ctx context.Context, o model.Order) (model.Quote, error) {
	<-g.release
	return g.Client.Place(ctx, o)
}

// apiClient is the real client, embedded by fakes that override one method.
type apiClient = api.Client

// time50s is long enough for every timer the driver could be waiting on.
const time50s = 50 * time.Second

func itoa(n int) string { return strconv.Itoa(n) }
