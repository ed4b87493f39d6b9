package cli

import (
	"bytes"
	"io"
)

// trimWriter writes to w with the spaces at the end of each line taken
// off. fang pads its help to the terminal's width (120 columns when
// stdout is a pipe or a file), which leaves every line of `--help | cat`
// ending in spaces. It holds back a line's trailing spaces until it sees
// what follows them; Flush writes what is left.
type trimWriter struct {
	w      io.Writer
	spaces int
}

// newTrimWriter returns a trimWriter on w.
func newTrimWriter(w io.Writer) *trimWriter { return &trimWriter{w: w} }

// Write writes p without the spaces that end a line; it reports len(p)
// on success.
func (t *trimWriter) Write(p []byte) (int, error) {
	n := len(p)
	var out []byte
	for len(p) > 0 {
		i := bytes.IndexByte(p, '\n')
		if i < 0 {
			out = t.text(out, p)
			break
		}
		out = t.text(out, p[:i])
		t.spaces = 0 // the spaces that end the line: dropped
		out = append(out, '\n')
		p = p[i+1:]
	}
	if _, err := t.w.Write(out); err != nil {
		return 0, err
	}
	return n, nil
}

// text appends s, a piece of a line, to out: the spaces held back before
// it, then s but for its own trailing spaces, which are held back.
func (t *trimWriter) text(out, s []byte) []byte {
	body := bytes.TrimRight(s, " ")
	if len(body) > 0 {
		out = append(out, bytes.Repeat([]byte{' '}, t.spaces)...)
		out = append(out, body...)
		t.spaces = 0
	}
	t.spaces += len(s) - len(body)
	return out
}

// Flush writes the spaces held back, at the end of output that does not
// end with a new line.
func (t *trimWriter) Flush() error {
	if t.spaces == 0 {
		return nil
	}
	_, err := t.w.Write(bytes.Repeat([]byte{' '}, t.spaces))
	t.spaces = 0
	return err
}
