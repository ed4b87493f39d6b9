package prompt

import (
	"errors"
	"strconv"
	"strings"
)

// errLeft: the person chose to leave (q) before ordering.
var errLeft = errors.New("left without ordering")

// item is one numbered choice of a menu.
type item struct {
	// text is the line after its number.
	text string
	// heading, when set, is a line said before the item (its group).
	heading string
	// names are also accepted for it, typed exactly (any case): a plan's
	// code, an OS's name.
	names []string
}

// letter is a choice typed as a letter, listed after the numbers.
type letter struct {
	key string
	// text is its line in the list; short names it in the question.
	text, short string
}

// menu is one numbered list and its question. Choice 0, when zero is
// set, is listed last ("0 back", "0 done").
type menu struct {
	title   string
	items   []item
	zero    string
	letters []letter
	// notes are said after the list, before the question.
	notes []string
}

// pickKind is what kind of choice an answer made.
type pickKind int

const (
	// pickItem: a numbered item (pick.index, from 0).
	pickItem pickKind = iota + 1
	// pickZero: choice 0.
	pickZero
	// pickLetter: a letter (pick.key).
	pickLetter
)

// pick is the answer to a menu.
type pick struct {
	kind  pickKind
	index int
	key   string
}

// say lists the menu.
func (m menu) say(w *writer) {
	if m.title != "" {
		w.say("", m.title)
	}
	for i, it := range m.items {
		if it.heading != "" {
			w.say(it.heading)
		}
		w.say("  " + strconv.Itoa(i+1) + " " + it.text)
	}
	if m.zero != "" {
		w.say("  0 " + m.zero)
	}
	for _, l := range m.letters {
		w.say("  " + l.key + " " + l.text)
	}
	w.say(m.notes...)
}

// question is the line that asks for the answer: "Choose 1–10, 0 back, q
// to leave:".
func (m menu) question() string {
	var parts []string
	switch n := len(m.items); n {
	case 0:
	case 1:
		parts = append(parts, "1")
	default:
		parts = append(parts, "1–"+strconv.Itoa(n))
	}
	if m.zero != "" {
		parts = append(parts, "0 "+firstWord(m.zero))
	}
	for _, l := range m.letters {
		parts = append(parts, l.key+" "+l.short)
	}
	parts = append(parts, "q to leave")
	return "Choose " + strings.Join(parts, ", ") + ":"
}

// firstWord is the first word of s ("back" of "back (keep None)").
func firstWord(s string) string {
	if i := strings.IndexAny(s, " :("); i > 0 {
		return s[:i]
	}
	return s
}

// parse reads an answer: a number, a letter, or an item's exact name.
func (m menu) parse(text string) (pick, bool) {
	t := strings.TrimSpace(text)
	if n, err := strconv.Atoi(t); err == nil {
		// A number is the choice of that number; one out of range may
		// still be an item's name (the backups list's "50").
		switch {
		case n == 0 && m.zero != "":
			return pick{kind: pickZero}, true
		case n >= 1 && n <= len(m.items):
			return pick{kind: pickItem, index: n - 1}, true
		}
	}
	for _, l := range m.letters {
		if strings.EqualFold(t, l.key) {
			return pick{kind: pickLetter, key: l.key}, true
		}
	}
	if t == "" {
		return pick{}, false
	}
	for i, it := range m.items {
		for _, name := range it.names {
			if strings.EqualFold(t, name) {
				return pick{kind: pickItem, index: i}, true
			}
		}
	}
	return pick{}, false
}

// choose lists m and reads answers until one is a choice. "?" lists it
// again; q leaves (asking first once anything was chosen: errLeft).
func (s *session) choose(m menu) (pick, error) {
	m.say(s.out)
	for {
		text, err := s.ask(m.question())
		if err != nil {
			return pick{}, err
		}
		t := strings.TrimSpace(text)
		switch {
		case t == "?":
			m.say(s.out)
			continue
		case isQuit(t):
			if err := s.confirmLeave(); err != nil {
				return pick{}, err
			}
			continue
		}
		if p, ok := m.parse(t); ok {
			return p, nil
		}
		if t == "" {
			s.out.say("Type the number of your choice (? lists the choices again).")
		} else {
			s.out.say("That is not one of the choices: " + t + ". Type its number (? lists the choices again).")
		}
	}
}

// isQuit reports whether an answer asks to leave.
func isQuit(t string) bool { return strings.EqualFold(t, "q") }

// confirmLeave asks before leaving once anything was chosen: it returns
// errLeft to leave, nil to stay. With nothing chosen it leaves at once.
func (s *session) confirmLeave() error {
	if s.prod == nil {
		return errLeft
	}
	for {
		text, err := s.ask("Leave without ordering? y/n:")
		if errors.Is(err, errInputEnded) {
			return errLeft
		}
		if err != nil {
			return err
		}
		switch strings.ToLower(strings.TrimSpace(text)) {
		case "y", "yes":
			return errLeft
		case "n", "no":
			return nil
		}
		s.out.say("Type y to leave without ordering, or n to stay.")
	}
}
