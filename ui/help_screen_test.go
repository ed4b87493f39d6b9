package ui_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/memset-order/memset-order/ui"
)

// helpSizes are the sizes the help screen and quit question goldens are
// kept at.
var helpSizes = []struct {
	name string
	w, h int
}{{"80x24", 80, 24}, {"100x30", 100, 30}, {"200x60", 200, 60}}

// keyMsgs are key presses the harness's keyPress does not name.
var keyMsgs = map[string]tea.KeyPressMsg{
	"pgup":      {Code: tea.KeyPgUp},
	"pgdown":    {Code: tea.KeyPgDown},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift},
}

// pressOf is the key press named k, as key.Matches sees it.
func pressOf(t *testing.T, k string) tea.KeyPressMsg {
	t.Helper()
	msg, ok := keyMsgs[k]
	if !ok {
		msg = keyPress(k)
	}
	if msg.String() != k {
		t.Fatalf("the press for %q reads as %q", k, msg.String())
	}
	return msg
}

// allKeys is every key of every binding of the KeyMap, in field order.
func allKeys() []string {
	km := reflect.ValueOf(ui.DefaultKeyMap())
	var out []string
	for i := range km.NumField() {
		b, ok := km.Field(i).Interface().(key.Binding)
		if !ok {
			continue
		}
		for _, k := range b.Keys() {
			if !slices.Contains(out, k) {
				out = append(out, k)
			}
		}
	}
	return out
}

// state is what a key may change: the screen, the step, the order, the
// help screen, the quit question, the program's end.
type state struct {
	screen, order string
	step          ui.Step
	help, ask     bool
	quit          bool
}

func stateOf(d *driver) state {
	m := d.model()
	return state{screen: d.screen(), order: m.Order().Key(), step: m.Step(), help: m.HelpOpen(), ask: m.QuitAsked(), quit: d.quit}
}

// checkpoint is a point of the scripted walk: the keys from the start.
type checkpoint struct {
	name string
	keys []string
	// pages: pgup/pgdown must move something here.
	pages bool
}

var walk = []checkpoint{
	{name: "Service"},
	{name: "Plan", keys: []string{"enter"}, pages: true},
	{name: "Image", keys: []string{"enter", "enter"}, pages: true},
	{name: "Extras", keys: []string{"enter", "enter", "enter"}},
	{name: "Extras, a choice open", keys: []string{"enter", "enter", "enter", "down", "enter"}, pages: true},
	{name: "Discount", keys: []string{"enter", "enter", "enter", "enter"}},
	{name: "Review", keys: []string{"enter", "enter", "enter", "enter", "enter"}, pages: true},
	{name: "Review, confirming", keys: []string{"enter", "enter", "enter", "enter", "enter", "p"}},
}

// replay walks a fresh wizard (and sandbox) through keys: a copy of the
// wizard at the checkpoint that no earlier press has touched.
func replay(t *testing.T, keys []string) *driver {
	t.Helper()
	return replayIn(t, newWorld(t), keys)
}

// replayIn is replay in the sandbox world w.
func replayIn(t *testing.T, w *world, keys []string) *driver {
	t.Helper()
	d := newDriver(t, w.config(), 100, 30)
	d.settle()
	for _, k := range keys {
		d.send(pressOf(t, k))
		d.settle()
	}
	return d
}

// pressed is the state before and after pressing k at cp.
func pressed(t *testing.T, cp checkpoint, k string) (before, after state) {
	t.Helper()
	d := replay(t, cp.keys)
	before = stateOf(d)
	d.send(pressOf(t, k))
	d.settle()
	return before, stateOf(d)
}

// listed reports whether k is a key of one of bs.
func listed(bs []key.Binding, k string) bool {
	for _, b := range bs {
		if slices.Contains(b.Keys(), k) {
			return true
		}
	}
	return false
}

// TestEveryHelpKeyWorks is the help's acceptance test. On every step of a
// scripted walk (Service → Plan → Image → Extras, with a choice list open
// → Discount → Review → the confirmation) each key of the help line does
// something, pressed in a copy of the wizard at that point (esc goes back
// or closes, q asks, ? opens the help screen), and every key of the
// KeyMap that does something there is on the help screen.
func TestEveryHelpKeyWorks(t *testing.T) {
	keys := allKeys()
	for _, cp := range walk {
		t.Run(cp.name, func(t *testing.T) {
			t.Parallel()
			at := replay(t, cp.keys).model()
			line, screen := at.HelpLineKeys(), at.HelpScreenKeys()
			changed := map[string]bool{}
			effect := map[string][2]state{}
			for _, k := range keys {
				b, a := pressed(t, cp, k)
				changed[k] = a != b
				effect[k] = [2]state{b, a}
			}
			for _, b := range line {
				if !b.Enabled() {
					continue
				}
				works := false
				for _, k := range b.Keys() {
					works = works || changed[k]
				}
				if !works {
					t.Errorf("the help line offers %q %q, which does nothing here", b.Help().Key, b.Help().Desc)
				}
			}
			for _, k := range keys {
				if !changed[k] {
					continue
				}
				if at.Typing() && utf8.RuneCountInString(k) == 1 {
					continue // a letter typed into the field
				}
				if !listed(screen, k) {
					t.Errorf("%q does something here but the help screen does not list it", k)
				}
			}
			b, a := effect["?"][0], effect["?"][1]
			switch {
			case at.Typing():
				if a.help {
					t.Errorf("? opened the help screen while typing")
				}
			case !a.help || !strings.Contains(a.screen, "Keys on the "+b.step.String()+" step"):
				t.Errorf("? did not open the help screen:\n%s", a.screen)
			}
			if b, a := effect["q"][0], effect["q"][1]; !at.Typing() && b.step != ui.StepService && !a.ask {
				t.Errorf("q did not ask before leaving the configured order:\n%s", a.screen)
			}
			if b, a := effect["esc"][0], effect["esc"][1]; b.step != ui.StepService && a == b {
				t.Errorf("esc did nothing")
			}
			if cp.pages {
				if !changed["pgdown"] && !changed["pgup"] {
					t.Errorf("pgup and pgdown do nothing here")
				}
				if !listed(screen, "pgdown") || !listed(screen, "pgup") {
					t.Errorf("the help screen does not list pgup and pgdown")
				}
			}
		})
	}
}

// TestHelpScreenCloses: ? and esc close the help screen, other keys do
// nothing while it is up, and ctrl+c still quits.
func TestHelpScreenCloses(t *testing.T) {
	review := walk[6].keys
	for _, k := range []string{"?", "esc"} {
		d := replay(t, append(slices.Clone(review), "?"))
		d.must("Keys on the Review step", "pgdn", "ctrl+c")
		d.press(k)
		if d.model().HelpOpen() || d.model().Step() != ui.StepReview {
			t.Fatalf("%s did not close the help screen back to Review:\n%s", k, d.screen())
		}
		d.must("Review your order")
	}
	d := replay(t, append(slices.Clone(review), "?"))
	d.press("enter", "p", "down")
	if !d.model().HelpOpen() {
		t.Fatalf("a key other than ? or esc closed the help screen")
	}
	d.press("ctrl+c")
	if !d.quit || !d.model().Result().Interrupted {
		t.Fatalf("ctrl+c did not quit from the help screen")
	}
}

// TestQuitAsksBeforeDiscarding: q once a product is chosen asks; n stays,
// y leaves and hands the order back (Result.Unplaced); ctrl+c quits at
// once and hands it back too; q before any choice quits at once.
func TestQuitAsksBeforeDiscarding(t *testing.T) {
	review := walk[6].keys
	d := replay(t, review)
	want := d.model().Order()
	d.press("q")
	d.must("Leave without ordering? Your answers are not kept.", "y leave", "n stay")
	d.press("n")
	if d.model().QuitAsked() || d.quit {
		t.Fatalf("n did not stay")
	}
	d.press("q", "y")
	res := d.model().Result()
	if !d.quit || res.Unplaced == nil || res.Unplaced.Key() != want.Key() || res.Interrupted {
		t.Fatalf("y: quit=%v Result=%+v", d.quit, res)
	}

	d = replay(t, walk[2].keys)
	d.press("ctrl+c")
	res = d.model().Result()
	if !d.quit || !res.Interrupted || res.Unplaced == nil || res.Unplaced.SKU == "" {
		t.Fatalf("ctrl+c: quit=%v Result=%+v", d.quit, res)
	}

	d = replay(t, nil)
	d.press("q")
	if !d.quit || d.model().Result().Unplaced != nil {
		t.Fatalf("q on Service with nothing chosen: quit=%v Result=%+v", d.quit, d.model().Result())
	}
}

// TestQuitOnTooSmallScreen: q quits on the too-small screen, like ctrl+c,
// and nothing configured is lost.
func TestQuitOnTooSmallScreen(t *testing.T) {
	d := replay(t, walk[1].keys)
	d.send(tea.WindowSizeMsg{Width: 40, Height: 10})
	d.press("q")
	if !d.quit || d.model().Result().Unplaced == nil {
		t.Fatalf("q on the too-small screen: quit=%v Result=%+v", d.quit, d.model().Result())
	}
}

// TestHelpScreenGoldens keeps the help screen on Review and the quit
// question at three sizes.
func TestHelpScreenGoldens(t *testing.T) {
	review := walk[6].keys
	for _, shot := range []struct {
		name string
		keys []string
	}{{"help", []string{"?"}}, {"quit", []string{"q"}}} {
		t.Run(shot.name, func(t *testing.T) {
			for _, sz := range helpSizes {
				t.Run(sz.name, func(t *testing.T) {
					w := newWorld(t)
					d := newDriver(t, w.config(), sz.w, sz.h)
					d.settle()
					for _, k := range append(slices.Clone(review), shot.keys...) {
						d.send(pressOf(t, k))
						d.settle()
					}
					out := normalize(d.screen())
					checkNoKey(t, out)
					golden.RequireEqual(t, []byte(out))
				})
			}
		})
	}
}

// offers reports whether the help line offers k.
func offers(m ui.Model, k string) bool {
	for _, b := range m.HelpLineKeys() {
		if b.Enabled() && slices.Contains(b.Keys(), k) {
			return true
		}
	}
	return false
}

// TestHelpLineTellsNoLies: enter is not offered on an extra that cannot be
// set (a classic-only extra on an MSVM plan) nor on a top-up amount the
// rules refuse, and p is not offered while placing is blocked; each comes
// back once it would work.
func TestHelpLineTellsNoLies(t *testing.T) {
	extras := append(slices.Clone(walk[3].keys), slices.Repeat([]string{"down"}, 12)...)
	d := replay(t, extras)
	d.must("› Disk type")
	if offers(d.model(), "enter") {
		t.Errorf("enter is offered on a disabled extra:\n%s", d.screen())
	}
	d.press("up")
	if !offers(d.model(), "enter") {
		t.Errorf("enter is not offered on an extra that can be set:\n%s", d.screen())
	}

	d = replay(t, []string{"end", "enter", "enter"})
	if offers(d.model(), "enter") {
		t.Errorf("enter is offered on an empty amount:\n%s", d.screen())
	}
	d.typeText("50")
	d.settle()
	if !offers(d.model(), "enter") {
		t.Errorf("enter is not offered on 50 GB:\n%s", d.screen())
	}

	d = replayIn(t, presetWorld(t, "paypal"), walk[6].keys)
	if d.model().Step() != ui.StepReview || offers(d.model(), "p") {
		t.Errorf("p is offered while placing is blocked:\n%s", d.screen())
	}
	if !listed(d.model().HelpScreenKeys(), "p") {
		t.Errorf("the help screen does not list p (not now)")
	}
}
