package cli

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// cookedReader is the line discipline the line prompts need on a session
// with a pty (TERM=dumb, or ACCESSIBLE set): the client's terminal is in
// raw mode and the emulated pty has no discipline of its own, so what is
// typed is echoed here, enter ends a line, backspace and ctrl+u erase,
// ctrl+c interrupts, ctrl+d on an empty line ends the input, and escape
// sequences (arrow keys) are dropped. Lines are handed on whole, once
// enter is pressed.
type cookedReader struct {
	r    io.Reader
	echo io.Writer
	// interrupt is called on ctrl+c.
	interrupt func()

	line, ready []byte
	buf         [512]byte
	// esc is 1 after ESC, 2 inside a CSI or SS3 sequence.
	esc int
	// cr: the last byte was a carriage return (a LF right after it is
	// the same enter).
	cr  bool
	err error
}

func newCookedReader(r io.Reader, echo io.Writer, interrupt func()) *cookedReader {
	return &cookedReader{r: r, echo: echo, interrupt: interrupt}
}

// Read returns typed lines once they are complete; a line cut short by
// the end of the input is returned as it is, then the end.
func (c *cookedReader) Read(p []byte) (int, error) {
	for len(c.ready) == 0 {
		if c.err != nil {
			return 0, c.err
		}
		n, err := c.r.Read(c.buf[:])
		c.feed(c.buf[:n])
		if err != nil {
			c.ready, c.line, c.err = append(c.ready, c.line...), nil, err
		}
	}
	n := copy(p, c.ready)
	c.ready = c.ready[n:]
	return n, nil
}

// feed applies typed bytes to the line, and echoes them.
func (c *cookedReader) feed(b []byte) {
	var echo bytes.Buffer
	for _, ch := range b {
		cr := c.cr
		c.cr = false
		switch {
		case c.esc == 1:
			c.esc = 0
			if ch == '[' || ch == 'O' {
				c.esc = 2
			}
			continue
		case c.esc == 2:
			if ch >= 0x40 && ch <= 0x7e {
				c.esc = 0
			}
			continue
		}
		switch ch {
		case 0x1b:
			c.esc = 1
		case '\n':
			if cr {
				continue
			}
			c.enter(&echo)
		case '\r':
			c.cr = true
			c.enter(&echo)
		case 0x7f, 0x08:
			if len(c.line) > 0 {
				_, size := utf8.DecodeLastRune(c.line)
				c.line = c.line[:len(c.line)-size]
				echo.WriteString("\b \b")
			}
		case 0x15: // ctrl+u
			for range utf8.RuneCount(c.line) {
				echo.WriteString("\b \b")
			}
			c.line = c.line[:0]
		case 0x03: // ctrl+c
			echo.WriteString("^C\n")
			c.line = c.line[:0]
			c.interrupt()
		case 0x04: // ctrl+d: the end, on an empty line; what follows is not read
			if len(c.line) == 0 && c.err == nil {
				c.err = io.EOF
				c.flush(&echo)
				return
			}
		default:
			if ch >= 0x20 {
				c.line = append(c.line, ch)
				echo.WriteByte(ch)
			}
		}
	}
	c.flush(&echo)
}

// flush writes the echo of what was fed.
func (c *cookedReader) flush(echo *bytes.Buffer) {
	if echo.Len() > 0 {
		_, _ = c.echo.Write(echo.Bytes())
	}
}

// enter ends the line being typed.
func (c *cookedReader) enter(echo *bytes.Buffer) {
	c.ready = append(append(c.ready, c.line...), '\n')
	c.line = c.line[:0]
	echo.WriteByte('\n')
}
