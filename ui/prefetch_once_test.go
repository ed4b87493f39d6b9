package ui_test

import (
	"context"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// latencyBackend is the sandbox behind an API that takes latency of
// virtual time to answer each dry run: a request is held until the
// latencyDriver's clock passes its due time, or until the wizard cancels
// it. Every dry run that reaches it is counted by configuration.
type latencyBackend struct {
	*apiClient
	latency time.Duration
	clock   func() time.Duration // the driver's virtual time

	mu      sync.Mutex
	sent    map[string]int // dry runs by Order.Key
	pending []*heldQuote   // requests not yet due
}

// heldQuote is one dry run waiting for its answer.
type heldQuote struct {
	ctx     context.Context
	due     time.Duration
	release chan struct{}
}

func (b *latencyBackend) Quote(ctx context.Context, o model.Order) (model.Quote, error) {
	h := &heldQuote{ctx: ctx, release: make(chan struct{})}
	b.mu.Lock()
	b.sent[o.Key()]++
	h.due = b.clock() + b.latency
	b.pending = append(b.pending, h)
	b.mu.Unlock()
	select {
	case <-h.release:
		return b.apiClient.Quote(ctx, o)
	case <-ctx.Done():
		b.mu.Lock()
		b.pending = slices.DeleteFunc(b.pending, func(p *heldQuote) bool { return p == h })
		b.mu.Unlock()
		return model.Quote{}, ctx.Err()
	}
}

// held is the number of requests waiting for their answer and not
// cancelled: the goroutines the driver need not wait for.
func (b *latencyBackend) held() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	var n int64
	for _, h := range b.pending {
		if h.ctx.Err() == nil {
			n++
		}
	}
	return n
}

// releaseDue lets every request due by now answer.
func (b *latencyBackend) releaseDue(now time.Duration) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.pending = slices.DeleteFunc(b.pending, func(h *heldQuote) bool {
		if h.due <= now {
			close(h.release)
			return true
		}
		return false
	})
}

// nextDue is the earliest due time of a pending request.
func (b *latencyBackend) nextDue() (time.Duration, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.pending) == 0 {
		return 0, false
	}
	due := b.pending[0].due
	for _, h := range b.pending[1:] {
		due = min(due, h.due)
	}
	return due, true
}

// counts returns the dry runs sent by configuration.
func (b *latencyBackend) counts() map[string]int {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make(map[string]int, len(b.sent))
	for k, n := range b.sent {
		out[k] = n
	}
	return out
}

// latencyDriver is the harness's driver with commands run concurrently, as
// the program runs them, so that a dry run can still be out when the next
// key arrives. Time stays virtual: timers and the backend's answers move
// only when the test advances the clock, and after every step the driver
// waits until every command has either delivered its message or is held in
// the backend.
type latencyDriver struct {
	t       testing.TB
	m       tea.Model
	b       *latencyBackend
	now     time.Duration
	timers  []timer
	msgs    chan tea.Msg
	running atomic.Int64
}

func newLatencyDriver(t testing.TB, cfg ui.Config, b *latencyBackend, w, h int) *latencyDriver {
	d := &latencyDriver{t: t, b: b, msgs: make(chan tea.Msg, 1024)}
	b.clock = func() time.Duration { return d.now }
	cfg.Backend = b
	cfg.Tick = func(dur time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		return func() tea.Msg { return timerMsg{d: dur, fn: fn} }
	}
	d.m = ui.New(cfg)
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.start(d.m.Init())
	d.drain()
	return d
}

// send delivers msg and starts what it returns.
func (d *latencyDriver) send(msg tea.Msg) {
	var cmd tea.Cmd
	d.m, cmd = d.m.Update(msg)
	d.start(cmd)
}

// start runs cmd in its own goroutine (batches and sequences are opened
// first); timers are kept on the virtual clock.
func (d *latencyDriver) start(cmd tea.Cmd) {
	if cmd == nil || isBlinkTimer(cmd) {
		return
	}
	d.running.Add(1)
	go func() {
		defer d.running.Add(-1)
		d.msgs <- cmd()
	}()
}

// handle files one command's message.
func (d *latencyDriver) handle(msg tea.Msg) {
	if seq, ok := sequence(msg); ok {
		for _, c := range seq {
			d.start(c)
		}
		return
	}
	switch msg := msg.(type) {
	case nil, tea.QuitMsg:
	case tea.BatchMsg:
		for _, c := range msg {
			d.start(c)
		}
	case timerMsg:
		d.timers = append(d.timers, timer{at: d.now + msg.d, fn: msg.fn})
	default:
		d.send(msg)
	}
}

// drain handles messages until every command still running is a dry run
// held by the backend.
func (d *latencyDriver) drain() {
	deadline := time.Now().Add(10 * time.Second)
	for {
		select {
		case msg := <-d.msgs:
			d.handle(msg)
			continue
		default:
		}
		if d.running.Load() == d.b.held() && len(d.msgs) == 0 {
			return
		}
		if time.Now().After(deadline) {
			d.t.Fatalf("commands still running after 10 s: %d running, %d held", d.running.Load(), d.b.held())
		}
		runtime.Gosched()
	}
}

// advance moves the virtual clock by dur, firing timers and answering dry
// runs in the order they fall due.
func (d *latencyDriver) advance(dur time.Duration) {
	end := d.now + dur
	for {
		slices.SortStableFunc(d.timers, func(a, b timer) int { return int(a.at - b.at) })
		next, ok := d.b.nextDue()
		timerDue := len(d.timers) > 0 && d.timers[0].at <= end
		answerDue := ok && next <= end
		switch {
		case answerDue && (!timerDue || next <= d.timers[0].at):
			d.now = next
			d.b.releaseDue(d.now)
			d.drain()
		case timerDue:
			tm := d.timers[0]
			d.timers = d.timers[1:]
			d.now = tm.at
			d.send(tm.fn(t0.Add(tm.at)))
			d.drain()
		default:
			d.now = end
			return
		}
	}
}

// press sends keys by name (see keyPress).
func (d *latencyDriver) press(keys ...string) {
	for _, k := range keys {
		d.send(keyPress(k))
		d.drain()
	}
}

// TestPrefetchSentOnce: with an API that takes 120 ms to answer, moving
// the cursor over the plan list while list prices are being fetched in the
// background sends each configuration's dry run at most once: a list-price
// request in flight when a key arrives is left to finish (its answer is
// cached by configuration), not cancelled and sent again.
func TestPrefetchSentOnce(t *testing.T) {
	w := newWorld(t)
	b := &latencyBackend{apiClient: w.client, latency: 120 * time.Millisecond, sent: map[string]int{}}
	d := newLatencyDriver(t, w.config(), b, 100, 30)
	d.advance(time.Second)
	d.press("enter") // Miniserver VM (monthly) → Plan
	// A person reading the list: pauses long enough for the idle timer
	// (three debounces) to start a list-price dry run, then moves on while
	// it is out — 30 ms into its 120.
	for range 4 {
		d.advance(630 * time.Millisecond)
		d.press("down")
	}
	d.advance(630 * time.Millisecond)
	for range 4 {
		d.press("up")
		d.advance(630 * time.Millisecond)
	}
	d.advance(30 * time.Second)

	counts := b.counts()
	if len(counts) < 5 {
		t.Fatalf("only %d configurations were priced; the scenario did not exercise the list prices: %v", len(counts), counts)
	}
	sent := 0
	for k, n := range counts {
		sent += n
		if n > 1 {
			t.Errorf("configuration %s was dry-run %d times, want once", k, n)
		}
	}
	t.Logf("%d dry runs for %d distinct configurations", sent, len(counts))
	if m, ok := d.m.(ui.Model); !ok || m.Order().SKU == "" {
		t.Fatalf("the wizard is not on a plan: %T", d.m)
	}
}
