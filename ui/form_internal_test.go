package ui

import (
	"reflect"
	"runtime"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/memset-order/memset-order/model"
)

// drain runs cmd and everything it batches or sequences, returning the
// messages in order (cursor-blink timers are skipped: they only sleep).
func drain(cmd tea.Cmd) []tea.Msg {
	var out []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		if fn := runtime.FuncForPC(reflect.ValueOf(c).Pointer()); fn != nil && strings.HasPrefix(fn.Name(), "charm.land/bubbles/v2/cursor.") {
			continue
		}
		msg := c()
		v := reflect.ValueOf(msg)
		if v.IsValid() && v.Kind() == reflect.Slice && v.Type().Elem() == reflect.TypeOf(tea.Cmd(nil)) {
			for i := range v.Len() {
				queue = append(queue, v.Index(i).Interface().(tea.Cmd))
			}
			continue
		}
		if msg != nil {
			out = append(out, msg)
		}
	}
	return out
}

// feed gives f msg and then every message its commands lead to, as a
// program would; it reports whether the field was submitted.
func feed(f fieldForm, k *KeyMap, msg tea.Msg) (fieldForm, bool) {
	queue := []tea.Msg{msg}
	submitted := false
	for len(queue) > 0 {
		var cmd tea.Cmd
		var sub bool
		f, cmd, sub = f.update(queue[0], k)
		submitted = submitted || sub
		queue = append(queue[1:], drain(cmd)...)
	}
	return f, submitted
}

func typed(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}

var enterKey = tea.KeyPressMsg{Code: tea.KeyEnter}

// TestFieldFormSubmitsOnlyValidValues: enter submits a value the model's
// rules accept; a refused one stays in the field with the rule's reason,
// and the form does not complete.
func TestFieldFormSubmitsOnlyValidValues(t *testing.T) {
	e := testEnv(t, model.ProductOpenStack, model.Order{SKU: "OS-SMALL"}, testAccount())
	for _, tc := range []struct {
		text      string
		submitted bool
		shows     string
	}{
		{"web prod", false, "✗ 1–64 letters, digits, - . _"},
		{"web-prod", true, ""},
		{"", true, ""}, // an empty value sends nothing
	} {
		f, cmd := newFieldForm(e, fieldSpec{title: "Project name", prompt: "> ", limit: 64, validate: e.ruleCheck("project_name", true)})
		for _, m := range drain(cmd) {
			f, _ = feed(f, e.keys, m)
		}
		for _, m := range typed(tc.text) {
			f, _ = feed(f, e.keys, m)
		}
		f, sub := feed(f, e.keys, enterKey)
		if sub != tc.submitted || f.value() != tc.text {
			t.Errorf("%q: submitted %v with %q, want %v", tc.text, sub, f.value(), tc.submitted)
		}
		if view := ansi.Strip(f.view()); tc.shows != "" && !strings.Contains(view, tc.shows) {
			t.Errorf("%q: the field does not show %q:\n%s", tc.text, tc.shows, view)
		}
	}
}

// TestFieldFormIgnoresStaleCompletion: huh finishes a form through
// messages that follow the enter; should they reach a newer form (the
// field was closed and opened again in between), the newer form is not
// submitted with whatever it holds, and stays usable.
func TestFieldFormIgnoresStaleCompletion(t *testing.T) {
	e := testEnv(t, model.ProductOpenStack, model.Order{SKU: "OS-SMALL"}, testAccount())
	spec := fieldSpec{title: "Project name", prompt: "> ", limit: 64, validate: e.ruleCheck("project_name", true)}
	old, _ := newFieldForm(e, spec)
	for _, m := range typed("web") {
		old, _ = feed(old, e.keys, m)
	}
	old, cmd, _ := old.update(enterKey, e.keys)
	late := drain(cmd) // huh's "next field", not yet delivered

	fresh, _ := newFieldForm(e, spec)
	for _, m := range typed("db") {
		fresh, _ = feed(fresh, e.keys, m)
	}
	for _, m := range late {
		var sub bool
		if fresh, sub = feed(fresh, e.keys, m); sub {
			t.Fatalf("a late message from the old form submitted the new one with %q", fresh.value())
		}
	}
	if !fresh.open() || fresh.value() != "db" || !strings.Contains(ansi.Strip(fresh.view()), "> db") {
		t.Fatalf("the new field is not usable: open %v, value %q, view:\n%s", fresh.open(), fresh.value(), fresh.view())
	}
	fresh, sub := feed(fresh, e.keys, enterKey)
	if !sub || fresh.value() != "db" {
		t.Fatalf("enter on the new field: submitted %v with %q", sub, fresh.value())
	}
	if _, sub := feed(old, e.keys, late[0]); !sub {
		t.Fatal("the old form's own completion was not a submit: the test proves nothing")
	}
}
