package cli

import (
	"testing"
)

// TestOneLine: the one printable filter keeps text on one line and lets
// no control character or escape sequence through.
func TestOneLine(t *testing.T) {
	for in, want := range map[string]string{
		"plain":                "plain",
		"two\nlines\r\n":       "two lines  ",
		"\x1b[2Jclear":         "\uFFFDclear",
		"c1 \u009b31m csi":     "c1 \uFFFD csi",
		"del\x7f":              "del ",
		"bad \xff utf-8":       "bad \uFFFD utf-8",
		"£7.50 · Miniserver ✓": "£7.50 · Miniserver ✓",
		"tab\there":            "tab here",
	} {
		if got := oneLine(in); got != want {
			t.Errorf("oneLine(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestShellQuote: what needs no quoting is left alone; the rest is quoted
// so that a shell gives back the same word.
func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"http://127.0.0.1:8080/v1/json": "http://127.0.0.1:8080/v1/json",
		"https://x.test/a b":            "'https://x.test/a b'",
		"it's":                          `'it'\''s'`,
		"$(rm -rf ~)":                   "'$(rm -rf ~)'",
	} {
		if got := shellQuote(in); got != want {
			t.Errorf("shellQuote(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestMoney: journal amounts for people; what does not parse is shown
// filtered, not dropped.
func TestMoney(t *testing.T) {
	for _, tc := range []struct{ amount, currency, want string }{
		{"7.50", "GBP", "£7.50"},
		{"750.00", "USD", "$750.00"},
		{"1234.5", "EUR", "€1,234.50"},
		{"", "GBP", ""},
		{"lots", "GBP", "lots GBP"},
		{"7.50", "\x1b[31mXYZ", "7.50 \uFFFDXYZ"},
		{"-7.50", "GBP", "-7.50 GBP"},
	} {
		if got := money(tc.amount, tc.currency); got != tc.want {
			t.Errorf("money(%q, %q) = %q, want %q", tc.amount, tc.currency, got, tc.want)
		}
	}
}

// TestResumeCommand: the resume command carries --api-url only when the
// journal cannot name the endpoint and it is not the default one.
func TestResumeCommand(t *testing.T) {
	id := "739c99f25ed8d13e48ba94ec6a4a0102"
	for _, tc := range []struct {
		endpoint   string
		journalled bool
		want       string
	}{
		{"https://api.memset.com/v1/json", false, "memset-order job follow " + id},
		{"http://127.0.0.1:8080/v1/json", true, "memset-order job follow " + id},
		{"http://127.0.0.1:8080/v1/json", false, "memset-order job follow " + id + " --api-url http://127.0.0.1:8080/v1/json"},
	} {
		if got := resumeCommand(id, tc.endpoint, tc.journalled); got != tc.want {
			t.Errorf("resumeCommand(%s, journalled %v) = %q, want %q", tc.endpoint, tc.journalled, got, tc.want)
		}
	}
}
