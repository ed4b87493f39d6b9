package prompt

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// errInputEnded: the input ended (EOF, or it could not be read) before
// an answer was given.
var errInputEnded = errors.New("the input ended")

// maxLine is the longest answer kept; the rest of a longer line is read
// and dropped (the longest answer the rules take is a 4096-character SSH
// key).
const maxLine = 16 << 10

// lineReader reads one answer a line at a time from one bufio.Reader,
// kept for the whole run so that nothing it has read ahead is lost. A read
// left behind by a cancelled context is picked up by the next one, so two
// reads never run at once.
type lineReader struct {
	r       *bufio.Reader
	pending chan lineResult
}

// lineResult is one line read, or why none was.
type lineResult struct {
	text    string
	tooLong bool
	err     error
}

func newLineReader(r io.Reader) *lineReader { return &lineReader{r: bufio.NewReader(r)} }

// read returns the next line without its line ending. A last line without
// one counts; after it, or on any read error, the input has ended
// (errInputEnded). tooLong reports a line over maxLine, whose text is
// dropped.
func (l *lineReader) read(ctx context.Context) (text string, tooLong bool, err error) {
	if l.pending == nil {
		ch := make(chan lineResult, 1)
		go func() { ch <- l.readLine() }()
		l.pending = ch
	}
	select {
	case res := <-l.pending:
		l.pending = nil
		if res.err != nil {
			return "", false, res.err
		}
		return res.text, res.tooLong, nil
	case <-ctx.Done():
		return "", false, ctx.Err()
	}
}

// readLine reads up to and including '\n', keeping at most maxLine bytes.
func (l *lineReader) readLine() lineResult {
	var b []byte
	tooLong := false
	for {
		chunk, err := l.r.ReadSlice('\n')
		if len(b)+len(chunk) > maxLine {
			tooLong = true
		} else {
			b = append(b, chunk...)
		}
		switch {
		case err == nil:
			return lineResult{text: strings.TrimRight(string(b), "\r\n"), tooLong: tooLong}
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case len(b) > 0 || tooLong:
			// The last line had no line ending: it counts.
			return lineResult{text: strings.TrimRight(string(b), "\r\n"), tooLong: tooLong}
		}
		return lineResult{err: fmt.Errorf("%w: %w", errInputEnded, err)}
	}
}

// writer writes plain lines: every line goes through model.Printable, so
// no control character or escape sequence reaches the terminal, whatever
// its origin. The first write error is kept.
type writer struct {
	w   io.Writer
	err error
	// open is set while a question waits on the line for its answer.
	open bool
	// echo writes each answer after its question (input that is not a
	// terminal shows nothing of what is typed).
	echo bool
	// text rewrites every line for the terminal: ui.PlainText's ASCII
	// fallback in a locale that is not UTF-8, as it is otherwise.
	text func(string) string
}

// say writes each line on a line of its own.
func (w *writer) say(lines ...string) {
	for _, l := range lines {
		w.write(model.Printable(l) + "\n")
	}
}

// ask writes a question and leaves the line open for the answer.
func (w *writer) ask(q string) {
	w.write(model.Printable(q) + " ")
	w.open = true
}

// answered ends the question's line: with the answer when it is echoed,
// and whenever no line was read (the input ended, or the context did).
func (w *writer) answered(text string, gotLine bool) {
	switch {
	case !w.open:
	case gotLine && w.echo:
		w.write(model.Printable(text) + "\n")
	case !gotLine:
		w.write("\n")
	}
	w.open = false
}

func (w *writer) write(s string) {
	if w.err != nil {
		return
	}
	if w.text != nil {
		s = w.text(s)
	}
	_, w.err = io.WriteString(w.w, s)
}
