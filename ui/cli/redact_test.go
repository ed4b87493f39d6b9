package cli

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"
)

const redactKey = "5f3a9c0e7b1d4f2a8c6e0b9d7f1a3c5e"

// TestRedactorHidesEveryForm: the key in any case, cut, split over lines
// or base64-encoded (alone, as user:, or inside a longer header) is
// hidden; ordinary ids are left alone.
func TestRedactorHidesEveryForm(t *testing.T) {
	r := NewRedactor()
	r.Add(redactKey)
	basic := base64.StdEncoding.EncodeToString([]byte(redactKey + ":"))
	shifted := base64.StdEncoding.EncodeToString([]byte("x" + redactKey + "y"))
	for _, in := range []string{
		redactKey,
		strings.ToUpper(redactKey),
		"job follow " + redactKey + " please",
		"Job \"" + strings.ToUpper(redactKey) + "\" is not a job id",
		"http://127.0.0.1:9/v1/json?api_key=" + redactKey,
		redactKey[:16] + "\n" + redactKey[16:], // split over two lines: both halves are 16 long
		redactKey[3:15],                        // twelve characters from the middle
		"Authorization: Basic " + basic,
		shifted,
		base64.URLEncoding.EncodeToString([]byte(redactKey)),
	} {
		out := r.Redact(in)
		low := strings.ToLower(out)
		for i := 0; i+minPiece <= len(redactKey); i++ {
			if strings.Contains(low, redactKey[i:i+minPiece]) {
				t.Errorf("Redact(%q) = %q keeps %q", in, out, redactKey[i:i+minPiece])
			}
		}
		if strings.Contains(out, basic) || !strings.Contains(out, keyMask) {
			t.Errorf("Redact(%q) = %q", in, out)
		}
	}
	for _, keep := range []string{
		"job d7e6f5696a57e51b0d7ba38faa17da74 · invoice 100291",
		"5f3a9c0e7b1", // eleven characters: too short to be told from text
		"",
	} {
		if got := r.Redact(keep); got != keep {
			t.Errorf("Redact(%q) = %q, want it unchanged", keep, got)
		}
	}
	if !r.IsKey(strings.ToUpper(redactKey)) || r.IsKey("d7e6f5696a57e51b0d7ba38faa17da74") {
		t.Error("IsKey does not tell the key from a job id")
	}
}

// TestRedactingWriter: what goes through the writer is redacted; with no
// key it passes as it is; the terminal underneath can be recovered.
func TestRedactingWriter(t *testing.T) {
	var b bytes.Buffer
	r := NewRedactor()
	w := r.Writer(&b)
	_, _ = w.Write([]byte("before " + redactKey + "\n"))
	r.Add(redactKey)
	n, err := w.Write([]byte("after " + redactKey + "\n"))
	if err != nil || n != len("after "+redactKey+"\n") {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if got := b.String(); got != "before "+redactKey+"\nafter "+keyMask+"\n" {
		t.Fatalf("wrote %q", got)
	}
	if unwrapWriter(w) != &b {
		t.Fatal("unwrapWriter does not find the writer underneath")
	}
}

// FuzzRedact: whatever the text, no twelve-character run of the key
// survives, in any case.
func FuzzRedact(f *testing.F) {
	f.Add("plain text")
	f.Add(redactKey)
	f.Add("xx" + strings.ToUpper(redactKey[5:20]) + "yy")
	r := NewRedactor()
	r.Add(redactKey)
	f.Fuzz(func(t *testing.T, in string) {
		low := strings.ToLower(r.Redact(in))
		for i := 0; i+minPiece <= len(redactKey); i++ {
			if strings.Contains(low, redactKey[i:i+minPiece]) {
				t.Fatalf("Redact(%q) keeps %q", in, redactKey[i:i+minPiece])
			}
		}
	})
}
