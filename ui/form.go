package ui

import (
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/memset-order/memset-order/model"
)

// fieldForm is one free-text or number field (a text extra, the top-up's
// amount, the discount code) as an embedded huh form: a huh.Form holding a
// single huh.Input, themed from our Styles, with huh's own help hidden (the
// wizard's help line, built from the one KeyMap, says what the keys do).
//
// A *huh.Form is not a tea.Model: the step forwards every message to it with
// update and reads its State. A completed form cannot be reopened, so a step
// builds a new one each time the field is edited (see reopen). Only the
// option lists stay the wizard's own (huh has no disabled options).
type fieldForm struct {
	form  *huh.Form
	input *huh.Input
	spec  fieldSpec
	theme huh.Theme
	keys  *huh.KeyMap
	width int
	// armed is set when enter passed the field's validation: the form's
	// completion that follows is this field's submit. A completion without
	// it (a late huh message meant for a form since replaced) only reopens
	// the field.
	armed bool
}

// fieldSpec is what a field shows and how it checks its value.
type fieldSpec struct {
	// title is the field's one-line label inside the form ("" for none).
	title       string
	prompt      string
	placeholder string
	value       string
	limit       int
	// validate runs on enter (and when the field loses focus); its error
	// is shown under the field and keeps the form from completing.
	validate func(string) error
}

// newFieldForm builds the form, focused, with the value's cursor at its end.
// The returned command is the form's Init.
func newFieldForm(e *env, sp fieldSpec) (fieldForm, tea.Cmd) {
	theme := e.theme
	if theme == nil {
		theme = formTheme(&styleCell{st: e.st})
	}
	f := fieldForm{spec: sp, theme: theme, keys: formKeyMap(e.keys), width: e.width}
	return f.build(sp.value)
}

// build makes a fresh form holding value.
func (f fieldForm) build(value string) (fieldForm, tea.Cmd) {
	sp := f.spec
	in := huh.NewInput().Prompt(sp.prompt).Placeholder(sp.placeholder).CharLimit(sp.limit)
	if sp.validate != nil {
		in = in.Validate(sp.validate)
	}
	v := value
	in = in.Value(&v)
	lines := 1
	if sp.title != "" {
		in = in.Title(f.titleFor(f.width))
		lines++
	}
	f.input = in
	f.form = huh.NewForm(huh.NewGroup(in)).
		WithShowHelp(false).
		WithShowErrors(true).
		WithTheme(f.theme).
		WithKeyMap(f.keys).
		WithWidth(max(f.width, 10)).
		WithHeight(lines)
	f.armed = false
	return f, f.form.Init()
}

// titleFor is the title cut to one line of a field width wide (the bar and
// its padding take two cells), so the form's height never changes.
func (f fieldForm) titleFor(width int) string {
	return truncate(f.spec.title, max(width-3, 1))
}

// reopen replaces a completed form with a new one holding the same value,
// so the field can be edited again.
func (f fieldForm) reopen() (fieldForm, tea.Cmd) { return f.build(f.value()) }

// open reports whether the field exists.
func (f fieldForm) open() bool { return f.form != nil }

// value is the text in the field, as typed.
func (f fieldForm) value() string {
	if f.input == nil {
		return ""
	}
	s, _ := f.input.GetValue().(string)
	return s
}

// update forwards msg to the form. submitted is true once the form has
// completed after this field's own enter passed validation; the caller then
// reads value and closes or reopens the field.
func (f fieldForm) update(msg tea.Msg, k *KeyMap) (_ fieldForm, cmd tea.Cmd, submitted bool) {
	if f.form == nil {
		return f, nil, false
	}
	fm, cmd := f.form.Update(msg)
	if ff, ok := fm.(*huh.Form); ok {
		f.form = ff
	}
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		f.armed = matches(kp, k.Next) && f.input.Error() == nil
	}
	switch f.form.State {
	case huh.StateCompleted:
		if f.armed {
			return f, cmd, true
		}
		nf, c := f.reopen()
		return nf, tea.Batch(cmd, c), false
	case huh.StateAborted:
		// Quitting belongs to the wizard (the form's Quit key is off), but
		// should the form ever abort, the field stays usable.
		nf, c := f.reopen()
		return nf, tea.Batch(cmd, c), false
	}
	return f, cmd, false
}

// resize fits the form to a new body width. The size is also given to the
// form as a message, so that its text field scrolls its text to the new
// width and keeps the cursor in view.
func (f fieldForm) resize(width, height int) (fieldForm, tea.Cmd) {
	if f.form == nil {
		return f, nil
	}
	f.width = width
	if f.spec.title != "" {
		f.input.Title(f.titleFor(width))
	}
	f.form.WithWidth(max(width, 10))
	fm, cmd := f.form.Update(tea.WindowSizeMsg{Width: width, Height: height})
	if ff, ok := fm.(*huh.Form); ok {
		f.form = ff
	}
	return f, cmd
}

// view is the form: the title, the input and, after a refused enter, the
// rule's reason.
func (f fieldForm) view() string {
	if f.form == nil {
		return ""
	}
	return strings.TrimRight(f.form.View(), "\n")
}

// formTheme is the huh theme of every embedded form: the Form styles of
// whatever Styles the wizard has now (the cell changes on a background or
// NO_COLOR change; forms already open follow at their next frame).
func formTheme(cell *styleCell) huh.Theme {
	return huh.ThemeFunc(func(bool) *huh.Styles { return cell.st.Form })
}

// styleCell holds the wizard's current Styles for the forms' theme.
type styleCell struct{ st *Styles }

// formKeyMap is huh's key map built from ours: enter submits the field;
// huh's own quit, suggestion and previous-field keys are off, since the
// wizard owns quitting (ctrl+c) and going back (esc).
func formKeyMap(k *KeyMap) *huh.KeyMap {
	off := key.NewBinding(key.WithDisabled())
	km := huh.NewDefaultKeyMap()
	km.Quit = off
	km.Input = huh.InputKeyMap{AcceptSuggestion: off, Prev: off, Next: k.Next, Submit: k.Next}
	return km
}

// ruleCheck returns a field's validator: the order with param set to the
// typed value (trimmed) is run through model.Check, and the first problem
// about any of report (default: param itself) is the error, worded as the
// rule's Reason. With allowEmpty an empty value is accepted (it sends
// nothing).
func (e *env) ruleCheck(param string, allowEmpty bool, report ...string) func(string) error {
	cat, prod, order, acct := e.cat, e.prod, e.order.Clone(), e.acct
	params := report
	if len(params) == 0 {
		params = []string{param}
	}
	return func(v string) error {
		v = strings.TrimSpace(v)
		if v == "" && allowEmpty {
			return nil
		}
		ps := model.Check(cat, order.With(prod, param, v), acct)
		for _, p := range params {
			if found := model.For(ps, p); len(found) > 0 {
				return errors.New(found[0].Reason)
			}
		}
		return nil
	}
}
