package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// settle is how long the output must be still for a keystroke's frame to
// count as complete: longer than a frame (1/60 s), shorter than the
// wizard's quote debounce (200 ms), so that no timer fires inside it.
const settle = 120 * time.Millisecond

// sample is one run of the wizard's scripted session.
type sample struct {
	startup    time.Duration   // start to first complete frame
	service    []int           // bytes per Down on the service list
	planFetch  int             // bytes for a plan move until its price shows
	plan       []int           // bytes per Down on the plan list, prices cached
	osFetch    int             // bytes for an OS move until its price shows
	extras     []int           // bytes per Down on the extras list
	billing    int             // bytes for the first Down in the open billing period
	latencies  []time.Duration // keystroke to first byte of its frame
	mem        memory          // at Review: the peak, the binary's pages, anonymous pages
	dryRuns    int             // create.* requests in the debug log
	configs    int             // distinct configurations among them
	reachedRev bool
}

// wizardEnv is a fresh user's environment: a home of its own, colour on.
func wizardEnv(home string) []string {
	return []string{
		"HOME=" + home,
		"XDG_STATE_HOME=" + filepath.Join(home, "state"),
		"XDG_CONFIG_HOME=" + filepath.Join(home, "config"),
		"TERM=xterm-256color",
		"LANG=C.UTF-8",
		"PATH=/usr/bin:/bin",
	}
}

// move presses k and returns the bytes its frame cost (until the output is
// still) and the latency to the first byte.
func move(t *term, k string) (int, time.Duration, error) {
	at, before, err := t.key(k)
	if err != nil {
		return 0, 0, err
	}
	first, err := t.firstAfter(before)
	if err != nil {
		return 0, 0, err
	}
	after, err := t.quiet(settle)
	debugScreen(t, fmt.Sprintf("move: %d bytes", after-before))
	debugBytes(t, before)
	return after - before, first.Sub(at), err
}

// debugging is whether PERF_DEBUG is set: screens and the raw bytes of
// each move go to stderr.
var debugging = os.Getenv("PERF_DEBUG") != ""

// debugBytes prints, when PERF_DEBUG is set, the bytes written since
// count, quoted.
func debugBytes(t *term, count int) {
	if debugging {
		fmt.Fprintf(os.Stderr, "----- bytes\n%q\n", t.rawSince(count))
	}
}

// debugScreen prints the screen when PERF_DEBUG is set.
func debugScreen(t *term, label string) {
	if debugging {
		fmt.Fprintf(os.Stderr, "===== %s\n%s\n", label, t.screen())
	}
}

// moveUntilPriced presses k and returns the bytes written until the pane
// shows a price again (no "updating…") and the output is still.
func moveUntilPriced(t *term, k string) (int, time.Duration, error) {
	at, before, err := t.key(k)
	if err != nil {
		return 0, 0, err
	}
	first, err := t.firstAfter(before)
	if err != nil {
		return 0, 0, err
	}
	if err := t.waitUntil("a price", priced); err != nil {
		return 0, 0, err
	}
	after, err := t.quiet(settle)
	debugScreen(t, fmt.Sprintf("move until priced: %d bytes", after-before))
	debugBytes(t, before)
	return after - before, first.Sub(at), err
}

// priced reports whether the pane shows a settled price.
func priced(s string) bool { return !strings.Contains(s, "updating") && strings.Contains(s, "/month") }

// cursorOn reports whether the cursor's row shows text.
func cursorOn(s, text string) bool {
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "›") && strings.Contains(line, text) {
			return true
		}
	}
	return false
}

// session runs the scripted session once: start-up, the service list, a
// plan move before prices are known, the plan list with cached prices, an
// OS move, the extras list, the billing period's first move, Review.
func session(bin string, full bool) (s sample, err error) {
	return sessionWith(bin, full, nil)
}

// sessionWith is session with more environment (KEY=value) and arguments
// for the wizard: another API, for the slow-API run.
func sessionWith(bin string, full bool, api *slowAPI) (s sample, err error) {
	home, err := os.MkdirTemp("", "memset-order-perf-")
	if err != nil {
		return s, err
	}
	defer os.RemoveAll(home)
	logPath := filepath.Join(home, "debug.log")
	env, args := wizardEnv(home), []string{"--debug-log", logPath}
	if api != nil {
		env, args = append(env, api.env...), append(args, api.args...)
	}
	t, err := startTerm(bin, env, home, args...)
	if err != nil {
		return s, err
	}
	defer t.close()
	step := func(what string, e error) error {
		if e != nil {
			return fmt.Errorf("%s: %w\nstderr: %s", what, e, t.stderr.String())
		}
		return nil
	}
	lat := func(d time.Duration) { s.latencies = append(s.latencies, d) }

	// Start-up: the first frame is complete when the service list's last
	// row and the key help are on screen.
	if err := step("start-up", t.waitScreen("What would you like to order?", "Bandwidth bank top-up", "q quit")); err != nil {
		return s, err
	}
	s.startup = t.lastArrival().Sub(t.started)
	if _, err := t.quiet(settle); err != nil {
		return s, err
	}

	// Service list: four moves down, four back up. The moves onto and off
	// the hourly Miniserver also show and hide its deprecation note; the
	// list's own cost is the plain moves below it (rows 2→3, 3→4).
	for i, k := range []string{keyDown, keyDown, keyDown, keyDown, keyUp, keyUp, keyUp, keyUp} {
		n, l, err := move(t, k)
		if err := step("service list", err); err != nil {
			return s, err
		}
		if i == 2 || i == 3 {
			s.service = append(s.service, n)
		}
		lat(l)
	}
	if err := step("service list cursor", t.waitUntil("the cursor on Miniserver VM (monthly)", func(x string) bool { return cursorOn(x, "Miniserver VM (monthly)") })); err != nil {
		return s, err
	}

	// Plan: the first move, before list prices are fetched.
	t.key(keyEnter)
	if err := step("plan list", t.waitScreen("Choose a plan", "£7.50/month")); err != nil {
		return s, err
	}
	if _, err := t.quiet(settle); err != nil {
		return s, err
	}
	n, l, err := moveUntilPriced(t, keyDown)
	if err := step("plan move before prices", err); err != nil {
		return s, err
	}
	s.planFetch = n
	lat(l)
	// Idle until every row on screen is priced, then move over them.
	if _, err := t.quiet(1500 * time.Millisecond); err != nil {
		return s, err
	}
	for range 3 {
		n, l, err := move(t, keyDown)
		if err := step("plan list, cached", err); err != nil {
			return s, err
		}
		s.plan = append(s.plan, n)
		lat(l)
	}

	// OS: one move, counted until its price shows.
	t.key(keyEnter)
	if err := step("OS list", t.waitScreen("Choose the operating system")); err != nil {
		return s, err
	}
	if err := step("OS price", t.waitUntil("a price", priced)); err != nil {
		return s, err
	}
	if _, err := t.quiet(settle); err != nil {
		return s, err
	}
	n, l, err = moveUntilPriced(t, keyDown)
	if err := step("OS move", err); err != nil {
		return s, err
	}
	s.osFetch = n
	lat(l)
	t.key(keyUp)
	if err := step("OS back", t.waitUntil("Debian 13 chosen", func(x string) bool { return cursorOn(x, "Debian 13") && priced(x) })); err != nil {
		return s, err
	}
	if _, err := t.quiet(settle); err != nil {
		return s, err
	}

	// Extras: moves that change nothing but the cursor.
	t.key(keyEnter)
	if err := step("extras", t.waitScreen("Billing period")); err != nil {
		return s, err
	}
	if _, err := t.quiet(settle); err != nil {
		return s, err
	}
	for range 3 {
		n, l, err := move(t, keyDown)
		if err := step("extras list", err); err != nil {
			return s, err
		}
		s.extras = append(s.extras, n)
		lat(l)
	}
	// The billing period: back to it, open it, wait for its choices to
	// be priced, then its first move.
	for range 10 {
		if cursorOn(t.screen(), "Continue") {
			break
		}
		if _, _, err := move(t, keyUp); err != nil {
			return s, err
		}
	}
	if _, _, err := move(t, keyDown); err != nil {
		return s, err
	}
	if !cursorOn(t.screen(), "Billing period") {
		return s, fmt.Errorf("the cursor is not on Billing period:\n%s", t.screen())
	}
	t.key(keyEnter)
	if _, err := t.quiet(1500 * time.Millisecond); err != nil {
		return s, err
	}
	debugScreen(t, "billing open")
	n, l, err = moveUntilPriced(t, keyDown)
	if err := step("billing period", err); err != nil {
		return s, err
	}
	s.billing = n
	lat(l)

	if full {
		// On to Review: close the choice list, then Continue and enter
		// on Discount, as a person keeping the defaults.
		t.key(keyEsc)
		if _, err := t.quiet(300 * time.Millisecond); err != nil {
			return s, err
		}
		for range 3 {
			if cursorOn(t.screen(), "Continue") {
				break
			}
			if _, _, err := move(t, keyUp); err != nil {
				return s, err
			}
		}
		t.key(keyEnter)
		if err := step("discount", t.waitScreen("Discount code")); err != nil {
			return s, err
		}
		if _, err := t.quiet(settle); err != nil {
			return s, err
		}
		t.key(keyEnter)
		if err := step("review", t.waitScreen("Review your order")); err != nil {
			return s, err
		}
		s.reachedRev = true
		if s.mem, err = t.memoryNow(); err != nil {
			return s, err
		}
	}
	t.key("q")
	_, _ = t.quiet(200 * time.Millisecond)
	t.close()
	s.dryRuns, s.configs, err = countDryRuns(logPath)
	return s, err
}

// countDryRuns reads a --debug-log file: how many create.* requests it
// logs, and how many distinct request bodies (configurations) among them.
func countDryRuns(path string) (sent, distinct int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	inCreate := false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "--> POST "):
			inCreate = strings.Contains(line, "/create.")
		case inCreate && strings.HasPrefix(line, "    body: "):
			sent++
			seen[line] = true
			inCreate = false
		}
	}
	if err := sc.Err(); err != nil {
		return 0, 0, err
	}
	if sent == 0 {
		return 0, 0, errors.New("the debug log holds no create.* dry run")
	}
	return sent, len(seen), nil
}

// plainList measures a plain list program (the floor, gum choose): its
// start-up until last shows, and bytes per Down.
func plainList(bin string, args []string, last string) (time.Duration, []int, []time.Duration, memory, error) {
	home, err := os.MkdirTemp("", "memset-order-perf-")
	if err != nil {
		return 0, nil, nil, memory{}, err
	}
	defer os.RemoveAll(home)
	t, err := startTerm(bin, wizardEnv(home), home, args...)
	if err != nil {
		return 0, nil, nil, memory{}, err
	}
	defer t.close()
	if err := t.waitScreen(last); err != nil {
		return 0, nil, nil, memory{}, err
	}
	startup := t.lastArrival().Sub(t.started)
	if _, err := t.quiet(settle); err != nil {
		return 0, nil, nil, memory{}, err
	}
	var bytes []int
	var lats []time.Duration
	for _, k := range []string{keyDown, keyDown, keyDown, keyUp, keyUp, keyUp} {
		n, l, err := move(t, k)
		if err != nil {
			return 0, nil, nil, memory{}, err
		}
		if k == keyDown {
			bytes = append(bytes, n)
		}
		lats = append(lats, l)
	}
	mem, err := t.memoryNow()
	return startup, bytes, lats, mem, err
}
