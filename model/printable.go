package model

import (
	"strings"
	"unicode/utf8"
)

// Printable is the one printable filter (design §5, invariant 6): every
// string that comes from the API, the journal or a user's file passes
// through it before any output, on the full screen or not. The result is
// one line of valid UTF-8 with no control character:
//
//   - an escape sequence (CSI, OSC, DCS, SOS, PM, APC or a short ESC
//     sequence, 7-bit or 8-bit) becomes one U+FFFD, so a title change, a
//     clipboard write (OSC 52), a screen clear or a colour cannot reach the
//     terminal, and the reader still sees that something was there;
//   - any other C0 or C1 control, DEL included, becomes a space (so tabs
//     and line breaks keep words apart);
//   - invalid UTF-8 becomes U+FFFD.
func Printable(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && w <= 1:
			b.WriteRune(utf8.RuneError)
			i += max(w, 1)
		case r == 0x1b:
			b.WriteRune(utf8.RuneError)
			i = skipEscape(s, i+1)
		case r == 0x9b, r == 0x9d, r == 0x90, r == 0x98, r == 0x9e, r == 0x9f:
			b.WriteRune(utf8.RuneError)
			i = skipSequence(s, i+w, introducer(r))
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
			b.WriteByte(' ')
			i += w
		default:
			b.WriteString(s[i : i+w])
			i += w
		}
	}
	return b.String()
}

// isPlain reports whether s needs no filtering: printable ASCII only (the
// common case, which then costs no allocation).
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// sequence kinds, by how they end.
const (
	seqCSI    = iota // parameters and intermediates, then a final byte 0x40–0x7e
	seqString        // OSC, DCS, SOS, PM, APC: until BEL or ST
)

// introducer is the kind of sequence an 8-bit introducer starts.
func introducer(r rune) int {
	if r == 0x9b {
		return seqCSI
	}
	return seqString
}

// skipEscape returns the index after the escape sequence whose ESC ended
// just before i.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch c := s[i]; {
	case c == '[':
		return skipSequence(s, i+1, seqCSI)
	case c == ']' || c == 'P' || c == 'X' || c == '^' || c == '_':
		return skipSequence(s, i+1, seqString)
	case c >= 0x20 && c <= 0x2f:
		// Intermediates, then one final byte.
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
			i++
		}
		return i
	case c >= 0x30 && c <= 0x7e:
		return i + 1
	}
	return i
}

// skipSequence returns the index after the body of a sequence of kind k
// that starts at i; an unterminated sequence runs to the end of s.
func skipSequence(s string, i, k int) int {
	for i < len(s) {
		c := s[i]
		switch k {
		case seqCSI:
			if c >= 0x40 && c <= 0x7e {
				return i + 1
			}
			if c < 0x20 || c > 0x3f {
				// Not a CSI byte: the sequence is broken; stop here and
				// let the rest be filtered on its own.
				return i
			}
			i++
		default:
			switch {
			case c == 0x07:
				return i + 1
			case c == 0x1b && i+1 < len(s) && s[i+1] == '\\':
				return i + 2
			case c == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c: // 8-bit ST
				return i + 2
			}
			i++
		}
	}
	return i
}
