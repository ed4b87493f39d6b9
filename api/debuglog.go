package api

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// debugBodyLimit is how much of a body the debug log shows.
const debugBodyLimit = 4 << 10

// debugLog writes requests and answers for people debugging. The
// Authorization header never reaches it (it is written as "[redacted]"),
// and every line passes through redact, which removes the key.
type debugLog struct {
	mu     sync.Mutex
	w      io.Writer
	redact func(string) string
}

// write sends one entry in a single Write, so concurrent calls do not
// interleave.
func (d *debugLog) write(lines ...string) {
	if d == nil {
		return
	}
	text := strings.Join(lines, "\n") + "\n"
	if d.redact != nil {
		text = d.redact(text)
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	_, _ = io.WriteString(d.w, text)
}

// request logs one attempt about to be sent.
func (d *debugLog) request(url string, attempt, of int, userAgent string, hasKey bool, form string) {
	if d == nil {
		return
	}
	auth := "(none: no API key)"
	if hasKey {
		auth = "[redacted]"
	}
	d.write(
		fmt.Sprintf("--> POST %s (attempt %d of %d)", url, attempt, of),
		"    Authorization: "+auth,
		"    User-Agent: "+userAgent,
		"    Content-Type: application/x-www-form-urlencoded",
		"    body: "+d.body([]byte(form)),
	)
}

// response logs an answer.
func (d *debugLog) response(status int, contentType string, body []byte, took time.Duration) {
	if d == nil {
		return
	}
	d.write(
		fmt.Sprintf("<-- HTTP %d %s, %d bytes, %s", status, contentType, len(body), took.Round(time.Millisecond)),
		"    body: "+d.body(body),
	)
}

// failure logs an attempt that got no usable answer.
func (d *debugLog) failure(err error, took time.Duration) {
	if d == nil {
		return
	}
	d.write(fmt.Sprintf("<-- failed after %s: %v", took.Round(time.Millisecond), err))
}

// note logs a decision (a retry, a wait).
func (d *debugLog) note(format string, args ...any) {
	if d == nil {
		return
	}
	d.write("    " + fmt.Sprintf(format, args...))
}

// body shows a body on one line, cut to debugBodyLimit bytes. The key is
// scrubbed before the cut: cutting first could leave part of the key just
// before the cut, where no later scrubbing would recognise it.
func (d *debugLog) body(b []byte) string {
	if len(b) == 0 {
		return "(empty)"
	}
	s := string(b)
	if d.redact != nil {
		s = d.redact(s)
	}
	if len(s) <= debugBodyLimit {
		return printable(s)
	}
	n := debugBodyLimit
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return printable(s[:n]) + fmt.Sprintf("… (cut at %d bytes)", debugBodyLimit)
}

// printable replaces control characters and invalid UTF-8 so a body cannot
// move the cursor or forge log lines.
func printable(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError, r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
