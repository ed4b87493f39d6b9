package ui_test

import (
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// debianCommand is the Debian MSVM001 order of toReviewMSVM001 as the
// script view's command, in the embedded sandbox.
const debianCommand = "memset-order order monthly_miniserver --sku MSVM001 --os debian_trixie_64 --sandbox"

// TestScriptView: on Review, s shows the order as a command, as the API
// request and as a curl line; c and u copy with a notice; esc goes back to
// Review. Goldens at 80×24 and 100×30.
func TestScriptView(t *testing.T) {
	atBothSizes(t, func(t *testing.T, w, h int) {
		wd := presetWorld(t, "default")
		s := start(t, fast(wd.config()), w, h)
		toReviewMSVM001(s, true, "Total")
		s.shots = nil
		s.shot("review")
		s.press("s")
		s.waitIdle("curl · reads the key from $MEMSET_API_KEY")
		s.shot("s: the order as a script")
		s.press("c")
		s.waitIdle("Copied the command")
		s.shot("c: the command copied")
		s.press("u")
		s.waitIdle("Copied the curl line")
		s.shot("u: the curl line copied")
		s.press("esc")
		s.waitIdle("Review your order")
		s.shot("esc: back on Review")
		s.golden()
	})
}

// textExtra is a text extra to type on Extras: its row below Continue and
// its value.
type textExtra struct {
	row  int
	text string
}

// toReviewByDriver walks a driver from Service to Review on MSVM001 with
// Debian 13, typing each text extra given (its row below Continue on
// Extras, and its value) on the way.
func toReviewByDriver(t *testing.T, d *driver, extras ...textExtra) {
	t.Helper()
	d.settle()
	d.press("enter")
	d.settle()
	d.press("enter")
	d.settle()
	d.press("enter")
	d.settle()
	d.must("Extras for")
	for _, x := range extras {
		d.press("home")
		d.pressN("down", x.row)
		d.press("enter")
		d.typeText(x.text)
		d.press("enter")
		d.settle()
	}
	d.press("home", "enter")
	d.settle()
	d.must("Discount code")
	d.press("enter")
	d.settle()
	d.must("Review your order")
}

// pressForMsgs presses k and returns the messages its command gives
// (batches and sequences opened) without delivering them.
func (d *driver) pressForMsgs(k string) []tea.Msg {
	var cmd tea.Cmd
	d.m, cmd = d.m.Update(keyPress(k))
	var out []tea.Msg
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
		if b, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, b...)
			continue
		}
		out = append(out, msg)
	}
	return out
}

// copied presses k and returns the text of the one clipboard write it
// asks for.
func (d *driver) copied(t *testing.T, k string) string {
	t.Helper()
	clip := reflect.TypeOf(tea.SetClipboard("")())
	var texts []string
	for _, msg := range d.pressForMsgs(k) {
		if reflect.TypeOf(msg) == clip {
			texts = append(texts, reflect.ValueOf(msg).String())
		}
	}
	if len(texts) != 1 {
		t.Fatalf("%s asked for %d clipboard writes, want 1: %q", k, len(texts), texts)
	}
	return texts[0]
}

// TestScriptCopyCommand: c sets the clipboard (OSC 52) to exactly the
// command shown, u to the curl line shown; s closes the view again.
func TestScriptCopyCommand(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	toReviewByDriver(t, d)
	d.press("s")
	d.must("c copy command", "u copy curl", "esc close")
	got := d.copied(t, "c")
	if got != debianCommand {
		t.Fatalf("c copied %q, want %q", got, debianCommand)
	}
	if want := tea.SetClipboard(debianCommand)(); !reflect.DeepEqual(tea.SetClipboard(got)(), want) {
		t.Fatalf("c's clipboard write is not tea.SetClipboard of the command")
	}
	d.mustSay(debianCommand, "Copied the command (OSC 52: your terminal must allow it)")
	curl := d.copied(t, "u")
	d.mustSay(curl, "Copied the curl line")
	d.press("s")
	d.must("Review your order", "s script")
	if strings.Contains(d.screen(), "Copied") {
		t.Fatalf("the copy notice outlived the view:\n%s", d.screen())
	}
}

// TestScriptCurlHasNoKey: the curl line reads the key from
// $MEMSET_API_KEY and never holds it, neither copied nor on screen, for
// the sandbox and for a real endpoint; and it is the api client's own
// request for the order.
func TestScriptCurlHasNoKey(t *testing.T) {
	for _, live := range []bool{false, true} {
		name := "sandbox"
		if live {
			name = "live"
		}
		t.Run(name, func(t *testing.T) {
			w := newWorld(t)
			cfg := w.config()
			cfg.Sandbox = !live
			d := newDriver(t, cfg, 80, 24)
			toReviewByDriver(t, d, textExtra{11, "backend"})
			d.press("s")
			curl := d.copied(t, "u")
			checkNoKey(t, curl)
			checkNoKey(t, d.screen())
			checkNoKey(t, d.copied(t, "c"))
			if !strings.HasPrefix(curl, `curl -sS -u "$MEMSET_API_KEY:x" `) {
				t.Fatalf("the curl line does not read the key from $MEMSET_API_KEY: %s", curl)
			}
			req, err := w.client.OrderRequest(d.model().Order(), true)
			if err != nil {
				t.Fatal(err)
			}
			if curl != req.Curl() {
				t.Fatalf("curl line\n%s\nis not the client's request\n%s", curl, req.Curl())
			}
			cmd := d.copied(t, "c")
			switch {
			case live && !strings.HasSuffix(cmd, " --api-url "+api.ShellQuote(sandbox.BaseURL)):
				t.Fatalf("a real endpoint's command lacks --api-url: %s", cmd)
			case !live && !strings.HasSuffix(cmd, " --sandbox"):
				t.Fatalf("the sandbox's command lacks --sandbox: %s", cmd)
			}
			if live {
				d.mustSay("dry_run=0 places the order for real")
				if strings.Contains(d.screen(), "exists only inside this program") {
					t.Fatalf("a real endpoint is said to exist only inside the program:\n%s", d.screen())
				}
			} else {
				d.mustSay("This address exists only inside this program.", "`memset-order sandbox`", "MEMSET_API_KEY")
			}
		})
	}
}

// shownParams reads the form parameters the script view shows: the lines
// of its API request part after the POST line, name=value two spaces
// apart.
func shownParams(t *testing.T, screen string) map[string]string {
	t.Helper()
	ls := strings.Split(screen, "\n")
	in, got := false, map[string]string{}
	for _, l := range ls {
		switch {
		case strings.HasPrefix(l, "API request · "):
			in = true
			continue
		case strings.HasPrefix(l, "curl · "):
			in = false
		}
		l = strings.TrimRight(l, " ")
		if !in || !strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "  POST ") || !strings.Contains(l, "=") {
			continue
		}
		for _, kv := range strings.Split(strings.TrimSpace(l), "  ") {
			k, v, _ := strings.Cut(kv, "=")
			if _, dup := got[k]; dup {
				t.Fatalf("parameter %s shown twice:\n%s", k, screen)
			}
			got[k] = v
		}
	}
	return got
}

// TestScriptParams: the parameters shown are the order's (o.Params) and
// dry_run=1, no more and no less, with a text extra and the billing
// choice among them.
func TestScriptParams(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	toReviewByDriver(t, d, textExtra{11, "backend"})
	d.press("b")
	d.settle()
	d.press("s")
	o := d.model().Order()
	p, ok := model.DefaultCatalogue().Product(o.Product)
	if !ok {
		t.Fatalf("no product %q", o.Product)
	}
	want := o.Params(p)
	want[model.ParamDryRun] = "1"
	if _, ok := want[model.ParamAddToNextBill]; !ok || want["vlan"] != "backend" {
		t.Fatalf("the order lacks the billing choice or the VLAN: %v", want)
	}
	got := shownParams(t, d.screen())
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("shown parameters %v, want o.Params plus dry_run %v\n%s", got, want, d.screen())
	}
}

// scrolledScript reads the whole script view at 80×24 by scrolling it a
// line at a time: the first screen's lines, then the line each ↓ brings.
func scrolledScript(t *testing.T, d *driver) []string {
	t.Helper()
	body := func() ([]string, bool) {
		ls := strings.Split(d.screen(), "\n")
		for i := 3; i < len(ls); i++ {
			if strings.Contains(ls[i], "(↑↓ scroll)") {
				return ls[3:i], strings.HasPrefix(ls[i], "↓ ")
			}
		}
		t.Fatalf("the script does not say it scrolls:\n%s", d.screen())
		return nil, false
	}
	all, more := body()
	for n := 0; more; n++ {
		if n > 200 {
			t.Fatal("the script never ends")
		}
		d.press("down")
		var ls []string
		ls, more = body()
		all = append(all, ls[len(ls)-1])
	}
	return all
}

// TestScriptLongValueWraps: a long SSH key in the order is wrapped, never
// cut: every line fits 80 columns, the view scrolls, and the whole key is
// there in the command, the parameters and the curl line.
func TestScriptLongValueWraps(t *testing.T) {
	w := newWorld(t)
	d := newDriver(t, w.config(), 80, 24)
	key := "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABgQ" + strings.Repeat("C7xq9Lk2", 40) + " admin@example.com"
	toReviewByDriver(t, d, textExtra{10, key})
	if got := d.model().Order().Extra("pub_ssh_key"); got != key {
		t.Fatalf("pub_ssh_key = %q, want the key typed", got)
	}
	d.press("s")
	for _, l := range strings.Split(d.screen(), "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Fatalf("line wider than 80 columns: %q", l)
		}
	}
	all := scrolledScript(t, d)
	for _, l := range all {
		if strings.HasSuffix(strings.TrimRight(l, " "), "…") {
			t.Fatalf("a line was cut: %q", l)
		}
	}
	flat := strings.Join(strings.Fields(strings.Join(all, "\n")), "")
	if n := strings.Count(flat, strings.Join(strings.Fields(key), "")); n != 3 {
		t.Fatalf("the key is whole %d times, want 3 (command, parameter, curl):\n%s", n, strings.Join(all, "\n"))
	}
	d.press("end")
	d.must("↑ ", "memset-order sandbox")
	d.press("home")
	d.must("Command · ")
	if d.model().Step() != ui.StepReview {
		t.Fatalf("on %v, want Review", d.model().Step())
	}
}
