package journal

import (
	"bytes"
	"strconv"
	"time"
	"unicode/utf8"
)

// fastLine is what the first pass needs of a line: slices of the line
// itself, valid while it is.
type fastLine struct {
	kind, id, state, jobID []byte
	time                   time.Time
	inv                    int
	// intent says the line carries an intent (any of its fields);
	// mismatch that its mismatch is not empty.
	intent, mismatch bool
}

// from fills f from a line encoding/json read.
func (f *fastLine) from(l *line) {
	*f = fastLine{kind: []byte(l.Kind), id: []byte(l.ID), state: []byte(l.State), jobID: []byte(l.JobID),
		time: l.Time, inv: l.InvoiceRef, intent: l.Intent != nil, mismatch: l.Mismatch != ""}
}

// The fields of a journal line, as readFast knows them. fieldNames must
// name every field of line, in its JSON spelling (a test checks).
const (
	fKind = iota
	fID
	fTime
	fEndpoint
	fSandbox
	fMethod
	fProduct
	fParams
	fConfirmedTotal
	fConfirmedCurrency
	fSSHUser
	fSSHKey
	fState
	fInvoiceRef
	fJobID
	fJobType
	fJobStatus
	fNetTotal
	fNetSetup
	fCurrency
	fError
	fCandidates
	fMismatch
	fService
	fStage
	fieldCount
)

var fieldNames = [fieldCount]string{
	fKind: "kind", fID: "id", fTime: "time",
	fEndpoint: "endpoint", fSandbox: "sandbox", fMethod: "method", fProduct: "product", fParams: "params",
	fConfirmedTotal: "confirmed_net_total", fConfirmedCurrency: "confirmed_currency", fSSHUser: "ssh_user", fSSHKey: "ssh_key",
	fState: "state", fInvoiceRef: "invoice_ref", fJobID: "job_id", fJobType: "job_type", fJobStatus: "job_status",
	fNetTotal: "net_total", fNetSetup: "net_setup_price", fCurrency: "currency", fError: "error",
	fCandidates: "candidates", fMismatch: "mismatch", fService: "service", fStage: "stage",
}

// fieldOf is the field named key exactly, or -1.
func fieldOf(key []byte) int {
	for i, n := range fieldNames {
		if string(key) == n {
			return i
		}
	}
	return -1
}

// readFast reads a trimmed line in the strict form json.Marshal gives the
// journal's lines, without encoding/json and without allocating. It
// returns false whenever it is not sure to read the line exactly as
// json.Unmarshal into a line would: then the caller asks encoding/json.
// It is sure only of an object whose keys are the line's own field names,
// spelt exactly and each at most once, whose values have the fields'
// types (no null), whose strings are valid UTF-8 (and, for the fields it
// returns, without escapes), and whose time parses; anything else (an
// unknown or differently cased key, a fraction for a whole number, a
// torn line) is encoding/json's to judge.
func readFast(b []byte, f *fastLine) bool {
	*f = fastLine{}
	s := jsonScan{b: b}
	if !s.eat('{') {
		return false
	}
	var seen uint32
	if s.eat('}') {
		return s.end()
	}
	for {
		key, esc, ok := s.str()
		if !ok || esc || !s.eat(':') {
			return false
		}
		fi := fieldOf(key)
		if fi < 0 || seen&(1<<fi) != 0 {
			return false
		}
		seen |= 1 << fi
		switch fi {
		case fSandbox:
			if !s.boolean() {
				return false
			}
		case fInvoiceRef:
			if f.inv, ok = s.integer(); !ok {
				return false
			}
		case fCandidates:
			if !s.integers() {
				return false
			}
		case fParams:
			if !s.stringMap() {
				return false
			}
		case fTime:
			s.ws()
			start := s.i
			if _, esc, ok := s.str(); !ok || esc {
				return false
			}
			if f.time.UnmarshalJSON(b[start:s.i]) != nil {
				return false
			}
		default:
			v, esc, ok := s.str()
			if !ok {
				return false
			}
			switch fi {
			case fKind:
				f.kind = v
			case fID:
				f.id = v
			case fState:
				f.state = v
			case fJobID:
				f.jobID = v
			case fMismatch:
				// Any escape stands for at least one character.
				f.mismatch = len(v) > 0
				esc = false
			default:
				esc = false
			}
			if esc {
				return false
			}
		}
		if fEndpoint <= fi && fi <= fSSHKey {
			f.intent = true
		}
		if s.eat(',') {
			continue
		}
		if s.eat('}') {
			return s.end()
		}
		return false
	}
}

// jsonScan reads a small subset of JSON from b, skipping white space
// before each token.
type jsonScan struct {
	b []byte
	i int
}

func (s *jsonScan) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// eat consumes c, the next token, if it is there.
func (s *jsonScan) eat(c byte) bool {
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// end reports whether nothing but white space is left.
func (s *jsonScan) end() bool {
	s.ws()
	return s.i == len(s.b)
}

// str reads a string and returns its raw content (escapes not decoded);
// esc says it has escapes. ok is false for anything but a valid JSON
// string of valid UTF-8.
func (s *jsonScan) str() (v []byte, esc, ok bool) {
	if !s.eat('"') {
		return nil, false, false
	}
	start, high := s.i, false
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			v = s.b[start:s.i]
			s.i++
			if high && !utf8.Valid(v) {
				return nil, false, false
			}
			return v, esc, true
		case c == '\\':
			esc = true
			if s.i+1 >= len(s.b) {
				return nil, false, false
			}
			switch s.b[s.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i += 2
			case 'u':
				if s.i+6 > len(s.b) {
					return nil, false, false
				}
				for _, h := range s.b[s.i+2 : s.i+6] {
					if !isHex(h) {
						return nil, false, false
					}
				}
				s.i += 6
			default:
				return nil, false, false
			}
		case c < 0x20:
			return nil, false, false
		default:
			high = high || c >= utf8.RuneSelf
			s.i++
		}
	}
	return nil, false, false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// boolean reads true or false.
func (s *jsonScan) boolean() bool {
	s.ws()
	for _, w := range []string{"true", "false"} {
		if bytes.HasPrefix(s.b[s.i:], []byte(w)) {
			s.i += len(w)
			return true
		}
	}
	return false
}

// integer reads a whole number that fits an int, written as JSON writes
// one: no fraction, no exponent, no leading zero.
func (s *jsonScan) integer() (int, bool) {
	s.ws()
	start := s.i
	if s.i < len(s.b) && s.b[s.i] == '-' {
		s.i++
	}
	digits := s.i
	for s.i < len(s.b) && '0' <= s.b[s.i] && s.b[s.i] <= '9' {
		s.i++
	}
	if s.i == digits || (s.b[digits] == '0' && s.i-digits > 1) {
		return 0, false
	}
	if s.i < len(s.b) && (s.b[s.i] == '.' || s.b[s.i] == 'e' || s.b[s.i] == 'E') {
		return 0, false
	}
	// Accumulate negatively, so that the most negative int fits too.
	var n int
	for _, c := range s.b[digits:s.i] {
		d := int(c - '0')
		if n < (minInt+d)/10 {
			return 0, false
		}
		n = n*10 - d
	}
	if s.b[start] != '-' {
		if n == minInt {
			return 0, false
		}
		n = -n
	}
	return n, true
}

const minInt = -1 << (strconv.IntSize - 1)

// integers reads an array of whole numbers.
func (s *jsonScan) integers() bool {
	if !s.eat('[') {
		return false
	}
	if s.eat(']') {
		return true
	}
	for {
		if _, ok := s.integer(); !ok {
			return false
		}
		if s.eat(',') {
			continue
		}
		return s.eat(']')
	}
}

// stringMap reads an object whose values are strings.
func (s *jsonScan) stringMap() bool {
	if !s.eat('{') {
		return false
	}
	if s.eat('}') {
		return true
	}
	for {
		if _, _, ok := s.str(); !ok || !s.eat(':') {
			return false
		}
		if _, _, ok := s.str(); !ok {
			return false
		}
		if s.eat(',') {
			continue
		}
		return s.eat('}')
	}
}
