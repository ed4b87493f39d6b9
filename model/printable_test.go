package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// TestPrintable: what a hostile or broken answer can carry is neutralised,
// and plain text passes unchanged.
func TestPrintable(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain", "Miniserver VM (monthly) £7.50", "Miniserver VM (monthly) £7.50"},
		{"title change OSC 0", "DONE\x1b]0;pwned\x07!", "DONE\uFFFD!"},
		{"clipboard OSC 52 with ST", "x\x1b]52;c;cm0gLXJmIH4=\x1b\\y", "x\uFFFDy"},
		{"clear screen", "a\x1b[2Jb", "a\uFFFDb"},
		{"colour", "\x1b[1;31mred\x1b[0m", "\uFFFDred\uFFFD"},
		{"8-bit CSI", "a\u009b2Jb", "a\uFFFDb"},
		{"8-bit OSC", "a\u009d0;t\u009cb", "a\uFFFDb"},
		{"DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "a\uFFFDb"},
		{"short ESC", "a\x1bcb", "a\uFFFDb"},
		{"unterminated OSC", "a\x1b]0;never ends", "a\uFFFD"},
		{"lone ESC at end", "a\x1b", "a\uFFFD"},
		{"newlines and tabs", "one\ntwo\tthree\r", "one two three "},
		{"other C1", "a\u0085b", "a b"},
		{"DEL", "a\x7fb", "a b"},
		{"invalid UTF-8", "a\xffb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		if got := Printable(tt.in); got != tt.want {
			t.Errorf("%s: Printable(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// FuzzPrintable: whatever comes in, what comes out is valid UTF-8 with no
// control character (C0, DEL, C1) and so no escape sequence, and it is
// never longer than three bytes per byte in.
func FuzzPrintable(f *testing.F) {
	for _, s := range []string{"", "plain", "\x1b]0;t\x07", "\x1b[2J", "\u009b31m", "\xff\xfe", "\x1bP\x1b\\", "a\x1b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := Printable(in)
		if !utf8.ValidString(out) {
			t.Fatalf("Printable(%q) = %q is not valid UTF-8", in, out)
		}
		for _, r := range out {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Fatalf("Printable(%q) = %q keeps control %U", in, out, r)
			}
		}
		if len(out) > 3*len(in) {
			t.Fatalf("Printable(%q) grew to %d bytes", in, len(out))
		}
		if Printable(out) != out {
			t.Fatalf("Printable is not idempotent on %q", in)
		}
		if !strings.ContainsRune(in, 0x1b) && isPlain(in) && out != in {
			t.Fatalf("plain %q changed to %q", in, out)
		}
	})
}
