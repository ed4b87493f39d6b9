package cli

import (
	"encoding/base64"
	"io"
	"strings"
	"sync"
)

// keyMask is what stands where a key was.
const keyMask = "[key hidden]"

// minPiece is the shortest run of a key's characters that is hidden: long
// enough that no job id, invoice or word matches it by chance (a 12-hex
// run is one in 2^48), short enough that a key cut in half is caught.
const minPiece = 12

// Redactor hides the active API keys from every line the program writes
// (design §5, invariant 3), whatever the person typed or pasted where: a
// key in any letter case, any run of twelve or more of its characters (a
// key cut, or split over two lines), and its base64 forms (as an HTTP
// Basic header carries it). It is safe for concurrent use.
type Redactor struct {
	mu   sync.RWMutex
	keys []keyForms
}

// keyForms is one key as the redactor looks for it.
type keyForms struct {
	// lower is the key in lower case; pieces are its runs of minPiece
	// characters, for a quick first look.
	lower  string
	pieces map[string]bool
	// encoded are its base64 forms, matched as they are.
	encoded []string
}

// NewRedactor returns a Redactor that hides nothing until keys are added.
func NewRedactor() *Redactor { return &Redactor{} }

// Add makes r hide secret from now on. Blank or very short values are
// ignored (they cannot be told from ordinary text).
func (r *Redactor) Add(secret string) {
	if r == nil {
		return
	}
	secret = strings.TrimSpace(secret)
	if len(secret) < minPiece {
		return
	}
	k := keyForms{lower: strings.ToLower(secret), pieces: map[string]bool{}}
	for i := 0; i+minPiece <= len(k.lower); i++ {
		k.pieces[k.lower[i:i+minPiece]] = true
	}
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		for _, plain := range []string{secret, secret + ":"} {
			k.encoded = append(k.encoded, strings.TrimRight(enc.EncodeToString([]byte(plain)), "="))
		}
		// Inside a longer encoded text the key starts one or two bytes
		// into a 3-byte group: its encoding is shifted.
		for shift := 1; shift <= 2; shift++ {
			e := enc.EncodeToString(append(make([]byte, shift), secret...))
			k.encoded = append(k.encoded, e[4:4*(len(secret)/3)])
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, old := range r.keys {
		if old.lower == k.lower {
			return
		}
	}
	r.keys = append(r.keys, k)
}

// Active reports whether r hides any key.
func (r *Redactor) Active() bool {
	if r == nil {
		return false
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	return len(r.keys) > 0
}

// IsKey reports whether s holds an active key or a long piece of one.
func (r *Redactor) IsKey(s string) bool { return r.Redact(s) != s }

// Redact returns s with every form of every active key hidden.
func (r *Redactor) Redact(s string) string {
	if r == nil {
		return s
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, k := range r.keys {
		for _, e := range k.encoded {
			if strings.Contains(s, e) {
				s = strings.ReplaceAll(s, e, keyMask)
			}
		}
		s = k.hidePieces(s)
	}
	return s
}

// hidePieces hides every run of minPiece or more characters of the key,
// in any letter case.
func (k keyForms) hidePieces(s string) string {
	if len(s) < minPiece {
		return s
	}
	lower := asciiLower(s)
	var b strings.Builder
	last := 0
	for i := 0; i+minPiece <= len(lower); {
		if !k.pieces[lower[i:i+minPiece]] {
			i++
			continue
		}
		j := i + minPiece
		for j < len(lower) && strings.Contains(k.lower, lower[i:j+1]) {
			j++
		}
		b.WriteString(s[last:i])
		b.WriteString(keyMask)
		i, last = j, j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// asciiLower lower-cases ASCII letters only, so byte offsets stay the
// same as in s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// Writer returns w with every write redacted. A write is redacted whole,
// so a key split across two writes could pass: the program writes a line
// at a time.
func (r *Redactor) Writer(w io.Writer) io.Writer { return &redactWriter{w: w, r: r} }

// redactWriter redacts what is written to w.
type redactWriter struct {
	w io.Writer
	r *Redactor
}

// Write redacts p and writes it; it reports len(p) on success, whatever
// the redaction changed.
func (rw *redactWriter) Write(p []byte) (int, error) {
	if !rw.r.Active() {
		return rw.w.Write(p)
	}
	if _, err := io.WriteString(rw.w, rw.r.Redact(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Unwrap returns the writer underneath, for the full-screen programs,
// which need the terminal itself (they redact every frame instead).
func (rw *redactWriter) Unwrap() io.Writer { return rw.w }

// unwrapWriter returns the writer under any redacting writer.
func unwrapWriter(w io.Writer) io.Writer {
	for {
		u, ok := w.(interface{ Unwrap() io.Writer })
		if !ok {
			return w
		}
		w = u.Unwrap()
	}
}
