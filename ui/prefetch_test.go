package ui_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// bigCatalogue is the default catalogue with the monthly Miniserver's ten
// plans replaced by plans generated plans (MSX00000, MSX00001, …) and its
// firewall extra given choices choices (FW0000, …).
func bigCatalogue(t testing.TB, plans, choices int) *model.Catalogue {
	t.Helper()
	c := model.DefaultCatalogue()
	p, ok := c.Product(model.ProductMonthlyMiniserver)
	if !ok {
		t.Fatal("no monthly Miniserver in the default catalogue")
	}
	base := p.SKUs[0]
	p.SKUs = make([]model.SKU, 0, plans)
	for i := range plans {
		s := base
		s.Code, s.Name = fmt.Sprintf("MSX%05d", i), fmt.Sprintf("Generated plan %d", i)
		s.RAMMB, s.DiskGB = 1024*(1+i%64), 20*(1+i%50)
		p.SKUs = append(p.SKUs, s)
	}
	for i := range p.Extras {
		if x := &p.Extras[i]; x.Param == "firewall" && choices > 0 {
			x.Default, x.Choices = "", nil
			for j := range choices {
				x.Choices = append(x.Choices, model.Choice{Value: fmt.Sprintf("FW%04d", j), Label: fmt.Sprintf("Firewall rule set FW%04d", j)})
			}
		}
	}
	// Through a file, as a person's --catalogue would come: checked and
	// indexed by LoadCatalogue.
	data, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := model.LoadCatalogue(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the generated catalogue does not load: %v", err)
	}
	return loaded
}

// quoteLog is the backend with every dry run noted: the plan and the
// firewall asked for. Past limit dry runs (when set) the test fails at
// once: a list priced row after row would otherwise go on for minutes.
type quoteLog struct {
	*apiClient
	t     testing.TB
	limit int
	mu    sync.Mutex
	asked []model.Order
}

func (q *quoteLog) Quote(ctx context.Context, o model.Order) (model.Quote, error) {
	q.mu.Lock()
	q.asked = append(q.asked, o)
	n := len(q.asked)
	q.mu.Unlock()
	if q.limit > 0 && n > q.limit {
		q.t.Fatalf("%d dry runs sent, more than the budget of %d: the wizard prices rows nobody sees", n, q.limit)
	}
	return q.apiClient.Quote(ctx, o)
}

// count is how many dry runs were sent.
func (q *quoteLog) count() int {
	q.mu.Lock()
	defer q.mu.Unlock()
	return len(q.asked)
}

// since returns the values of param asked for in the dry runs from the
// nth on.
func (q *quoteLog) since(n int, param string) []string {
	q.mu.Lock()
	defer q.mu.Unlock()
	var out []string
	for _, o := range q.asked[n:] {
		if param == model.ParamSKU {
			out = append(out, o.SKU)
		} else {
			out = append(out, o.Extras[param])
		}
	}
	return out
}

// bigWorld is a sandbox selling cat's plans and a wizard on it at w×h,
// driven on virtual time, with its dry runs noted.
func bigWorld(t testing.TB, cat *model.Catalogue, w, h, limit int) (*driver, *quoteLog) {
	t.Helper()
	wd := newWorld(t, sandbox.WithCatalogue(cat))
	q := &quoteLog{apiClient: wd.client, t: t, limit: limit}
	cfg := wd.config()
	cfg.Catalogue, cfg.Backend = cat, q
	d := newDriver(t, cfg, w, h)
	d.settle()
	return d, q
}

var (
	planCode = regexp.MustCompile(`MSX\d{5}`)
	fwCode   = regexp.MustCompile(`FW\d{4}`)
	// unpriced is a list row still waiting for its price: its first
	// column, padded, and "…" for the price (the pane's lines run their
	// words together with single spaces).
	unpriced = regexp.MustCompile(`(MSX\d{5}|Firewall rule set FW\d{4})\s{2}.*\s…(\s|$)`)
)

// onScreen is the codes re finds on the screen, each once.
func onScreen(screen string, re *regexp.Regexp) []string {
	var out []string
	for _, c := range re.FindAllString(screen, -1) {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// pgDown is the page-down key.
var pgDown = tea.KeyPressMsg{Code: tea.KeyPgDown}

// TestListPricesOnlyForRowsOnScreen: once the person pauses on a list of
// 500 plans (or an extra with 300 choices), list prices are asked for
// the rows on screen, every one of them, and for hardly any other: the
// dry runs of each pause are budgeted by the rows the screen shows. Moving
// on brings new rows, priced in their turn.
func TestListPricesOnlyForRowsOnScreen(t *testing.T) {
	for _, tc := range []struct {
		name string
		w, h int
		// moves are what the person does after entering the plan list,
		// pausing after each.
		moves [][]tea.Msg
		// param is the list's parameter; re finds its values on screen.
		param string
		re    *regexp.Regexp
	}{
		{name: "plans, 80×24", w: 80, h: 24, param: model.ParamSKU, re: planCode,
			moves: [][]tea.Msg{nil, {keyPress("down"), keyPress("down")}, {pgDown, pgDown}, {keyPress("end")}, {keyPress("home")}}},
		{name: "plans, 120×50", w: 120, h: 50, param: model.ParamSKU, re: planCode,
			moves: [][]tea.Msg{nil, {pgDown}, {keyPress("end")}}},
		{name: "plans, 60×18", w: 60, h: 18, param: model.ParamSKU, re: planCode,
			moves: [][]tea.Msg{nil, {pgDown}, {keyPress("end")}}},
		{name: "a choice extra, 80×24", w: 80, h: 24, param: "firewall", re: fwCode,
			moves: [][]tea.Msg{
				// To Extras with the default OS, then open the firewall.
				{keyPress("enter"), keyPress("enter"), keyPress("down"), keyPress("down"), keyPress("enter")},
				{pgDown, pgDown}, {keyPress("end")}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d, q := bigWorld(t, bigCatalogue(t, 500, 300), tc.w, tc.h, 200)
			d.press("enter")
			for i, move := range tc.moves {
				before := q.count()
				for _, k := range move {
					d.send(k)
				}
				d.settle()
				shown := onScreen(d.screen(), tc.re)
				asked := q.since(before, tc.param)
				if len(shown) < 3 {
					t.Fatalf("pause %d: only %v on screen:\n%s", i, shown, d.screen())
				}
				// The rows on screen, and on the lines a longer list could
				// use, plus the configuration on screen and, for a choice,
				// the order without it.
				if budget := len(shown) + 8; len(asked) > budget {
					t.Errorf("pause %d: %d dry runs (%v), more than the budget of %d for %d rows on screen",
						i, len(asked), asked, budget, len(shown))
				}
				t.Logf("pause %d: %d rows on screen, %d dry runs", i, len(shown), len(asked))
				if m := unpriced.FindString(d.screen()); m != "" {
					t.Errorf("pause %d: a row on screen has no price: %q\n%s", i, m, d.screen())
				}
			}
			if n := q.count(); n > 120 {
				t.Errorf("%d dry runs in all", n)
			}
		})
	}
}

// TestIdleCostsNothing: once the rows on screen are priced, an idle
// wizard on a list of 500 plans sends nothing, keeps no timer and
// handles no message, however long it is left.
func TestIdleCostsNothing(t *testing.T) {
	d, q := bigWorld(t, bigCatalogue(t, 500, 0), 80, 24, 200)
	d.press("enter")
	d.settle()
	sent, frames := q.count(), len(d.views)
	if sent == 0 || sent > 30 {
		t.Fatalf("entering the plan list and pausing sent %d dry runs, want the rows on screen", sent)
	}
	d.advance(10 * time.Minute)
	if n := q.count() - sent; n != 0 {
		t.Errorf("%d dry runs sent while idle for ten minutes, want 0", n)
	}
	if n := len(d.views) - frames; n != 0 {
		t.Errorf("%d messages handled while idle for ten minutes, want 0", n)
	}
	if len(d.timers) != 0 || d.model().Busy() {
		t.Errorf("idle with %d timers pending, busy %v", len(d.timers), d.model().Busy())
	}
}

// BenchmarkPlanList20k opens the plan list of a catalogue with 20,000
// plans (the issue's): ns/op is the time from the key that opens it to
// its first frame. After the loop it pauses on the list for a minute of
// virtual time and reports the dry runs sent (idle-dry-runs, a
// deterministic count: the rows on screen) and the messages handled
// (idle-msgs). The list's own cost per frame (planRows judges every plan)
// is in ns/op and outside this file.
func BenchmarkPlanList20k(b *testing.B) {
	cat := bigCatalogue(b, 20_000, 0)
	var d *driver
	var q *quoteLog
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		d, q = bigWorld(b, cat, 80, 24, 400)
		b.StartTimer()
		d.press("enter")
	}
	b.StopTimer()
	if !planCode.MatchString(d.screen()) {
		b.Fatalf("no plan on the first frame:\n%s", d.screen())
	}
	sent, frames := q.count(), len(d.views)
	start := time.Now()
	d.advance(time.Minute)
	b.ReportMetric(float64(q.count()-sent), "idle-dry-runs")
	b.ReportMetric(float64(len(d.views)-frames), "idle-msgs")
	b.ReportMetric(time.Since(start).Seconds(), "idle-minute-s")
}

// Keep the ui import for the Backend assertion.
var _ ui.Backend = (*quoteLog)(nil)
