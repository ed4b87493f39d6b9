package cli

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// TestCookedReader: on a raw client terminal, the session edits and
// echoes lines as a terminal's line discipline would.
func TestCookedReader(t *testing.T) {
	var echo bytes.Buffer
	interrupted := 0
	c := newCookedReader(strings.NewReader("ab\x7fc\r\nd\x1b[Ae\x15f\r\x03g£\x7f\rh\x04"), &echo, func() { interrupted++ })
	got, err := io.ReadAll(c)
	if err != nil {
		t.Fatal(err)
	}
	if want := "ac\nf\ng\nh"; string(got) != want {
		t.Errorf("lines read: %q, want %q (backspace, ctrl+u and ctrl+c erase; arrow keys are dropped; CR LF is one enter)", got, want)
	}
	if want := "ab\b \bc\nde\b \b\b \bf\n^C\ng£\b \b\nh"; echo.String() != want {
		t.Errorf("echo: %q, want %q", echo.String(), want)
	}
	if interrupted != 1 {
		t.Errorf("ctrl+c interrupted %d times, want 1", interrupted)
	}
	c = newCookedReader(strings.NewReader("\x04more\r"), io.Discard, func() {})
	if got, _ := io.ReadAll(c); len(got) != 0 {
		t.Errorf("ctrl+d on an empty line: read %q, want the end of the input", got)
	}
}

// TestServeLinePromptsOnAskingPty: a client with a pty that asks for the
// line prompts (ACCESSIBLE) gets them, not the full screen, with what it
// types echoed and editable; ctrl+c interrupts them.
func TestServeLinePromptsOnAskingPty(t *testing.T) {
	ts := startServe(t, nil)
	c := ts.login()
	s := openScreen(t, c, 80, 24, "xterm-256color", map[string]string{"LANG": "C.UTF-8", "ACCESSIBLE": "1"})
	s.waitScreen("What would you like to order?", "Choose 1–6, q to leave:")
	s.keys("x", "\x7f", "q")
	s.waitScreen("Choose 1–6, q to leave: q")
	s.keys(sshEnter)
	if code := s.wait(); code != 0 {
		t.Errorf("leaving the line prompts ended the session with status %d, want 0", code)
	}
	if strings.Contains(s.transcript(), "\x1b[?1049h") {
		t.Error("the session asked for the line prompts and got the full screen")
	}
	s.waitScreen("Nothing was ordered (SANDBOX: nothing was bought).")
	ts.waitLog(`line prompts (asked for, TERM "xterm-256color")`)

	s = openScreen(t, c, 80, 24, "dumb", serveLocale)
	s.waitScreen("Choose 1–6, q to leave:")
	s.keys("\x03")
	if code := s.wait(); code != int(StatusInterrupted) {
		t.Errorf("ctrl+c in the line prompts ended the session with status %d, want %d", code, StatusInterrupted)
	}
	s.waitScreen("^C", "Nothing was ordered (SANDBOX: nothing was bought).")
}
