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

// Printable returns j with its text filtered by Printable, for display.
func (j Job) Printable() Job {
	j.ID, j.Type, j.Status, j.Service = Printable(j.ID), Printable(j.Type), Printable(j.Status), Printable(j.Service)
	return j
}

// Printable returns a with every text of its payment methods, snapshots
// and servers filtered by Printable, for display.
func (a Account) Printable() Account {
	a.PaymentMethods = mapped(a.PaymentMethods, func(m PaymentMethod) PaymentMethod {
		m.ID, m.Status, m.Name = Printable(m.ID), Printable(m.Status), Printable(m.Name)
		m.Type = PaymentType(Printable(string(m.Type)))
		return m
	})
	a.Snapshots = mapped(a.Snapshots, func(s Snapshot) Snapshot {
		s.Name, s.OSOption, s.Status = Printable(s.Name), Printable(s.OSOption), Printable(s.Status)
		s.Miniserver, s.ImageType, s.Comment, s.Date = Printable(s.Miniserver), Printable(s.ImageType), Printable(s.Comment), Printable(s.Date)
		return s
	})
	a.Servers = mapped(a.Servers, func(s Server) Server {
		s.Name, s.Nickname, s.OS, s.SKU = Printable(s.Name), Printable(s.Nickname), Printable(s.OS), Printable(s.SKU)
		s.BandwidthType = Printable(s.BandwidthType)
		return s
	})
	return a
}

// mapped is a copy of xs with f applied to each (nil stays nil).
func mapped[T any](xs []T, f func(T) T) []T {
	if xs == nil {
		return nil
	}
	out := make([]T, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// Printable returns o with its text filtered by Printable, for display.
func (o Offer) Printable() Offer {
	o.Name, o.Description = Printable(o.Name), Printable(o.Description)
	o.SKUs = mapped(o.SKUs, Printable)
	return o
}

// Printable returns d with its text filtered by Printable, for display.
func (d DiscountCode) Printable() DiscountCode {
	d.Code, d.Description, d.Expires = Printable(d.Code), Printable(d.Description), Printable(d.Expires)
	return d
}

// Printable returns inv with its text filtered by Printable, for display.
func (inv Invoice) Printable() Invoice {
	inv.Status, inv.PaymentMethod, inv.Date = Printable(inv.Status), Printable(inv.PaymentMethod), Printable(inv.Date)
	inv.Items = mapped(inv.Items, func(it InvoiceItem) InvoiceItem {
		it.Description, it.Period = Printable(it.Description), Printable(it.Period)
		return it
	})
	return inv
}

// Printable returns q with its text (its plan and job) filtered by
// Printable, for display.
func (q Quote) Printable() Quote {
	q.SKU = Printable(q.SKU)
	if q.Job != nil {
		j := q.Job.Printable()
		q.Job = &j
	}
	return q
}
