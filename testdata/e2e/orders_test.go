package e2e

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestOrdersEmpty: with no journal yet, `orders` says so and `-o json` is
// an empty array, both exiting 0.
func TestOrdersEmpty(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	r := u.run("orders")
	if r.code != 0 || !strings.Contains(r.stdout, "No orders") || r.stderr != "" {
		t.Errorf("orders on an empty journal:\n%s", r)
	}
	if recs := u.ordersJSON(); len(recs) != 0 {
		t.Errorf("orders -o json on an empty journal lists %d orders", len(recs))
	}
	if r := u.run("orders", "-o", "json"); strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("orders -o json on an empty journal prints %q, want []", r.stdout)
	}
}

// TestOrdersUnknownFormat: -o yaml is refused as bad usage (exit 2) with
// a message naming the formats there are.
func TestOrdersUnknownFormat(t *testing.T) {
	t.Parallel()
	u := newUser(t)
	r := u.run("orders", "-o", "yaml")
	msg := squash(r.stderr)
	if r.code != 2 || !strings.Contains(msg, `"yaml"`) || !strings.Contains(msg, "table or json") || r.stdout != "" {
		t.Errorf("orders -o yaml, want exit 2 and a message naming yaml and the formats there are:\n%s", r)
	}
}

// TestOrdersTornJournal: a journal whose last line was torn by a crash
// still lists every order it can read, and warns on stderr.
func TestOrdersTornJournal(t *testing.T) {
	t.Parallel()
	// A journal with one real order: intent and outcome lines.
	_, u, s := startOrdering(t)
	ref, job := placeOrder(s)
	s.quit()
	whole, err := os.ReadFile(u.journalPath())
	if err != nil {
		t.Fatal(err)
	}
	lines := bytes.SplitAfter(bytes.TrimRight(whole, "\n"), []byte("\n"))
	if len(lines) < 2 {
		t.Fatalf("the journal of one placed order has %d lines, want an intent and an outcome:\n%s", len(lines), whole)
	}
	last := bytes.TrimRight(lines[len(lines)-1], "\n")

	for _, tc := range []struct {
		name string
		// journal is the damaged file.
		journal []byte
		// state is how the order is listed.
		state string
		// answer says whether its invoice and job id are still listed.
		answer bool
	}{
		// A second write was torn half-way: the first order is intact.
		{"half a line appended", append(bytes.Clone(whole), last[:len(last)/2]...), "placed", true},
		// The outcome itself was torn: the intent survives, so the order
		// is listed as having no recorded answer.
		{"outcome line torn", append(bytes.Join(lines[:len(lines)-1], nil), last[:len(last)/2]...), "pending", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			v := newUser(t)
			if err := os.MkdirAll(filepath.Dir(v.journalPath()), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(v.journalPath(), tc.journal, 0o600); err != nil {
				t.Fatal(err)
			}
			table := v.run("orders")
			if table.code != 0 || !strings.Contains(table.stderr, "damaged") || !strings.Contains(table.stdout, "MSVM001") {
				t.Errorf("orders on a torn journal, want the order listed and a warning on stderr:\n%s", table)
			}
			hasAnswer := strings.Contains(table.stdout, strconv.Itoa(ref)) && strings.Contains(table.stdout, job)
			if hasAnswer != tc.answer {
				t.Errorf("orders lists invoice %d and job %s = %v, want %v:\n%s", ref, job, hasAnswer, tc.answer, table)
			}
			if tc.state == "pending" && !strings.Contains(table.stdout, "may or may not") {
				t.Errorf("orders does not warn about the order with no recorded answer:\n%s", table)
			}
			js := v.run("orders", "-o", "json")
			if !strings.Contains(js.stderr, "damaged") {
				t.Errorf("orders -o json does not warn about the damaged line on stderr:\n%s", js)
			}
			recs := v.ordersJSON()
			if len(recs) != 1 || recs[0].State != tc.state {
				t.Fatalf("orders -o json lists %+v, want one order in state %s", recs, tc.state)
			}
			if tc.answer && (recs[0].InvoiceRef != ref || recs[0].JobID != job) {
				t.Errorf("orders -o json lists %+v, want invoice %d and job %s", recs[0], ref, job)
			}
		})
	}
}
