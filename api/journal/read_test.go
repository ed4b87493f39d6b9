package journal

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// TestFieldNamesAreLinesFields: readFast knows every field of a journal
// line by its JSON name, so a field added to line is not silently read as
// an unknown key.
func TestFieldNamesAreLinesFields(t *testing.T) {
	full := line{Kind: "k", ID: "i", Time: time.Now(), Intent: &Intent{Endpoint: "e", Sandbox: true, Method: "m",
		Product: "p", Params: map[string]string{"a": "b"}, ConfirmedTotal: "1", ConfirmedCurrency: "GBP",
		Origin: Origin{SSHUser: "u", SSHKey: "SHA256:k"}},
		State: "s", Answer: Answer{InvoiceRef: 1, JobID: "j", JobType: "t", JobStatus: "st", NetTotal: "1", NetSetup: "0", Currency: "GBP"},
		Error: "e", Candidates: []int{1}, Mismatch: "m", Service: "sv", Stage: "sg"}
	b, err := json.Marshal(full)
	if err != nil {
		t.Fatal(err)
	}
	var keys map[string]any
	if err := json.Unmarshal(b, &keys); err != nil {
		t.Fatal(err)
	}
	var got []string
	for k := range keys {
		got = append(got, k)
	}
	want := slices.Clone(fieldNames[:])
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("a journal line's fields are %v; readFast knows %v", got, want)
	}
}

// TestReadFast: lines in the journal's own form are read without
// encoding/json; anything it cannot be sure of is left to encoding/json.
func TestReadFast(t *testing.T) {
	const (
		intent  = `{"kind":"intent","id":"0123456789abcdef","time":"2026-11-27T09:00:00Z","endpoint":"e","sandbox":false,"method":"create.memstore","product":"memstore","params":{"sku":"MEMSTORE-1TB"}}`
		outcome = `{"kind":"outcome","id":"0123456789abcdef","time":"2026-11-27T09:00:01.5+01:00","state":"placed","invoice_ref":100291,"job_id":"739c99f25ed8d13e48ba94ec6a4a0102","mismatch":"the total is \u00a38.00"}`
	)
	for _, tc := range []struct {
		name, in string
		fast     bool
	}{
		{"an intent", intent, true},
		{"an intent placed over SSH", strings.Replace(intent, `"params"`, `"ssh_user":"alice","ssh_key":"SHA256:abc","params"`, 1), true},
		{"an outcome with an escaped mismatch", outcome, true},
		{"candidates", `{"kind":"candidates","id":"x","time":"2026-11-27T09:00:00Z","candidates":[100291, -2 ,0]}`, true},
		{"white space between tokens", " {\t\"kind\" : \"end\" ,\"id\":\"x\", \"time\" : \"2026-11-27T09:00:00Z\"}", true},
		{"empty object", `{}`, true},
		{"empty params and candidates", `{"kind":"intent","id":"x","params":{},"candidates":[]}`, true},
		{"an unknown key", `{"kind":"intent","id":"x","extra":1}`, false},
		{"a key in another case", `{"Kind":"intent","id":"x"}`, false},
		{"a key twice", `{"kind":"intent","id":"x","id":"y"}`, false},
		{"an escaped id", `{"kind":"intent","id":"\u0078"}`, false},
		{"an escaped key", `{"kin\u0064":"intent","id":"x"}`, false},
		{"null", `{"kind":"intent","id":null}`, false},
		{"a fraction", `{"kind":"outcome","id":"x","invoice_ref":1.5}`, false},
		{"an exponent", `{"kind":"outcome","id":"x","invoice_ref":1e3}`, false},
		{"a leading zero", `{"kind":"outcome","id":"x","invoice_ref":01}`, false},
		{"too big for an int", `{"kind":"outcome","id":"x","invoice_ref":99999999999999999999}`, false},
		{"a string for a number", `{"kind":"outcome","id":"x","invoice_ref":"1"}`, false},
		{"a number for a string", `{"kind":1,"id":"x"}`, false},
		{"a bad time", `{"kind":"intent","id":"x","time":"yesterday"}`, false},
		{"invalid UTF-8", "{\"kind\":\"intent\",\"id\":\"\xff\"}", false},
		{"a control character", "{\"kind\":\"intent\",\"id\":\"a\tb\"}", false},
		{"torn", `{"kind":"intent","id":"x","time":"2026-11-27T`, false},
		{"trailing garbage", `{"kind":"intent","id":"x"}x`, false},
		{"two objects", `{"kind":"intent","id":"x"}{}`, false},
		{"not an object", `["kind"]`, false},
		{"a trailing comma", `{"kind":"intent","id":"x",}`, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var f fastLine
			if got := readFast([]byte(tc.in), &f); got != tc.fast {
				t.Fatalf("readFast = %v, want %v", got, tc.fast)
			}
			if tc.fast {
				checkFast(t, []byte(tc.in), &f)
			}
		})
	}
}

// checkFast fails unless encoding/json reads in exactly as readFast read
// it into f.
func checkFast(t *testing.T, in []byte, f *fastLine) {
	t.Helper()
	var l line
	if err := json.Unmarshal(in, &l); err != nil {
		t.Fatalf("readFast accepted %q, which encoding/json refuses: %v", in, err)
	}
	var want fastLine
	want.from(&l)
	if string(f.kind) != string(want.kind) || string(f.id) != string(want.id) || string(f.state) != string(want.state) ||
		string(f.jobID) != string(want.jobID) || !f.time.Equal(want.time) || f.inv != want.inv ||
		f.intent != want.intent || f.mismatch != want.mismatch {
		t.Fatalf("readFast read %q as %+v; encoding/json as %+v", in, *f, want)
	}
}

// FuzzReadFast: whatever readFast accepts, encoding/json reads the same.
func FuzzReadFast(f *testing.F) {
	var b bytes.Buffer
	if _, err := writeScaleJournal(&b, 40, 1); err != nil {
		f.Fatal(err)
	}
	for l := range bytes.Lines(b.Bytes()) {
		f.Add(bytes.TrimSpace(l))
	}
	f.Add([]byte(`{"kind":"outcome","id":"x","invoice_ref":-9223372036854775808}`))
	f.Add([]byte(`{"kind":"outcome","id":"x","invoice_ref":9223372036854775808}`))
	f.Add([]byte(`{"kind":"intent","id":"x","params":{"a\u00e9":"\ud800"}}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		var fl fastLine
		if readFast(in, &fl) {
			checkFast(t, in, &fl)
		}
	})
}

// messyJournal is a journal of n orders from writeScaleJournal with the
// damage a crash or a hand edit leaves spliced in: garbage, duplicate
// intents, lines for unknown ids, ids and job ids not in the journal's
// own form, odd states, lines encoding/json must read, over-long lines,
// blank lines and a torn last line.
func messyJournal(t testing.TB, n int, seed uint64) []byte {
	t.Helper()
	var clean bytes.Buffer
	if _, err := writeScaleJournal(&clean, n, seed); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 1))
	const at = `"time":"2024-01-01T08:00:00Z"`
	extra := []string{
		"not json",
		"",
		"   ",
		`{"kind":"outcome","id":"feedfeedfeedfeed",` + at + `,"state":"placed"}`,
		`{"kind":"party","id":"x"}`,
		`{"kind":"intent","id":"Odd-ID",` + at + `,"method":"create.memstore","product":"memstore"}`,
		`{"kind":"outcome","id":"Odd-ID","time":"2024-01-01T08:00:01Z","state":"a state of its own","job_id":"JOB-1"}`,
		`{"kind":"end","id":"Odd-ID","time":"2024-01-01T08:00:02Z","state":"done","job_id":"739C99F25ED8D13E48BA94EC6A4A0102"}`,
		`{"kind":"end","id":"Odd-ID","time":"2024-01-01T08:00:03Z","state":"halfway"}`,
		`{"Kind":"intent","ID":"abcdefabcdefabcd","method":"create.memstore","product":"memstore","time":"2025-06-01T00:00:00+02:00"}`,
		`{"kind":"intent","id":"\u0061bc","extra":[1,2,{"x":null}],"endpoint":null,"time":"2024-03-01T00:00:00Z"}`,
		`{"kind":"outcome","id":"abc","state":"unknown","invoice_ref":1.0}`,
		`{"kind":"outcome","id":"abc","state":"unknown","invoice_ref":7,"mismatch":"\u00a3"}`,
		`{"kind":"candidates","id":"abc","candidates":[7,7,8]}`,
		"{\"kind\":\"intent\",\"id\":\"inv\xffalid\",\"method\":\"m\",\"time\":\"2024-01-02T00:00:00Z\"}\r",
		`{"kind":"intent","id":"same-time-1","method":"m","time":"2024-01-01T08:00:00Z"}`,
		`{"kind":"intent","id":"same-time-2","method":"m","time":"2024-01-01T08:00:00Z"}`,
		strings.Repeat("x", maxLine+1),
		`{"kind":"intent","id":"big","method":"` + strings.Repeat("m", maxLine-60) + `"}`,
	}
	lines := bytes.SplitAfter(clean.Bytes(), []byte("\n"))
	var out bytes.Buffer
	for _, l := range lines {
		if rng.IntN(40) == 0 {
			out.WriteString(extra[rng.IntN(len(extra))] + "\n")
		}
		if rng.IntN(300) == 0 {
			out.Write(l) // a line twice: a duplicate intent, or an outcome again
		}
		out.Write(l)
	}
	for _, e := range extra {
		out.WriteString(e + "\n")
	}
	out.WriteString(`{"kind":"intent","id":"torn","time":"2024-`)
	return out.Bytes()
}

// writeFile writes b to a new journal file and returns its path.
func writeFile(t testing.TB, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// selectAll runs Select and returns what Each yields and the briefs.
func selectAll(t testing.TB, path string, q Query) (*Selection, []Record, []Brief) {
	t.Helper()
	s, err := Select(path, q)
	if err != nil {
		t.Fatalf("Select: %v", err)
	}
	defer s.Close()
	var recs []Record
	if err := s.Each(func(r Record) error { recs = append(recs, r); return nil }); err != nil {
		t.Fatalf("Each: %v", err)
	}
	var briefs []Brief
	s.Briefs(func(_ int, b Brief) bool { briefs = append(briefs, b); return true })
	return s, recs, briefs
}

// briefOf is what Select should know of r.
func briefOf(r Record) Brief {
	return Brief{ID: r.ID, Time: r.Time.UTC(), State: r.State, JobID: r.JobID, InvoiceRef: r.InvoiceRef, Mismatch: r.Mismatch != ""}
}

// TestSelectIsReadInPart: Select yields exactly the records Read returns
// that the query keeps, in the same order, and counts the same damaged
// lines, for journals with every kind of damage.
func TestSelectIsReadInPart(t *testing.T) {
	path := writeFile(t, messyJournal(t, 3000, 7))
	all, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if all.Damaged < 30 || len(all.Records) < 3000 {
		t.Fatalf("the messy journal has %d records and %d damaged lines; the test needs more", len(all.Records), all.Damaged)
	}
	since := all.Records[len(all.Records)/3].Time
	hasJob := func(b Brief) bool { return b.JobID != "" }
	for _, tc := range []struct {
		name string
		q    Query
		keep func(Record) bool
	}{
		{"everything", Query{}, nil},
		{"the newest 50", Query{Limit: 50}, nil},
		{"a limit above the count", Query{Limit: 1 << 20}, nil},
		{"since a time", Query{Since: since}, func(r Record) bool { return !r.Time.Before(since) }},
		{"since, newest 10", Query{Since: since, Limit: 10}, func(r Record) bool { return !r.Time.Before(since) }},
		{"latest with a job", Query{Match: hasJob, Limit: 1}, func(r Record) bool { return r.JobID != "" }},
		{"odd ids and states", Query{Match: func(b Brief) bool { return len(b.ID) != 16 || b.State == "a state of its own" }},
			func(r Record) bool { return len(r.ID) != 16 || r.State == "a state of its own" }},
		{"nothing", Query{Match: func(Brief) bool { return false }}, func(Record) bool { return false }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var want []Record
			for _, r := range all.Records {
				if tc.keep == nil || tc.keep(r) {
					want = append(want, r)
				}
			}
			matched := len(want)
			if tc.q.Limit > 0 && tc.q.Limit < len(want) {
				want = want[:tc.q.Limit]
			}
			s, got, briefs := selectAll(t, path, tc.q)
			if s.Damaged != all.Damaged || s.Total != len(all.Records) || s.Matched != matched || s.Len() != len(want) {
				t.Fatalf("damaged %d total %d matched %d len %d; want %d %d %d %d",
					s.Damaged, s.Total, s.Matched, s.Len(), all.Damaged, len(all.Records), matched, len(want))
			}
			if !reflect.DeepEqual(got, want) {
				for i := range min(len(got), len(want)) {
					if !reflect.DeepEqual(got[i], want[i]) {
						t.Fatalf("record %d:\n got %+v\nwant %+v", i, got[i], want[i])
					}
				}
				t.Fatalf("got %d records, want %d", len(got), len(want))
			}
			for i, b := range briefs[:len(want)] {
				if b != briefOf(want[i]) {
					t.Fatalf("brief %d = %+v, want %+v", i, b, briefOf(want[i]))
				}
			}
		})
	}
}

// FuzzSelect: on any file, Select with no query yields what Read reads.
func FuzzSelect(f *testing.F) {
	f.Add(messyJournal(f, 20, 3))
	f.Add([]byte(`{"kind":"intent","id":"x","method":"m"}` + "\n" + `{"kind":"end","id":"x","state":"done","job_id":"j"}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		path := writeFile(t, in)
		want, err := Read(path)
		if err != nil {
			t.Fatal(err)
		}
		s, got, briefs := selectAll(t, path, Query{})
		if s.Damaged != want.Damaged || !reflect.DeepEqual(got, want.Records) {
			t.Fatalf("Select: %d damaged, %+v\nRead: %d damaged, %+v", s.Damaged, got, want.Damaged, want.Records)
		}
		for i, b := range briefs {
			if b != briefOf(want.Records[i]) {
				t.Fatalf("brief %d = %+v, want %+v", i, b, briefOf(want.Records[i]))
			}
		}
	})
}

// TestSelectBatches: Each reads a batch at a time; records on either side
// of a batch boundary come out whole and in order, and an error from fn
// stops it.
func TestSelectBatches(t *testing.T) {
	var b bytes.Buffer
	if _, err := writeScaleJournal(&b, eachBatch*2+10, 5); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, b.Bytes())
	want, _ := Read(path)
	_, got, _ := selectAll(t, path, Query{})
	if !reflect.DeepEqual(got, want.Records) {
		t.Fatal("Each over three batches differs from Read")
	}
	s, _ := Select(path, Query{})
	defer s.Close()
	stop := errors.New("stop")
	n := 0
	if err := s.Each(func(Record) error { n++; return stop }); err != stop || n != 1 {
		t.Fatalf("Each after fn's error: %v after %d records", err, n)
	}
}

// TestSelectIndexIsNumbers: for a journal the program wrote, the first
// pass keeps ids, job ids and states as numbers: no string per record.
func TestSelectIndexIsNumbers(t *testing.T) {
	var b bytes.Buffer
	if _, err := writeScaleJournal(&b, 2000, 11); err != nil {
		t.Fatal(err)
	}
	s, err := Select(writeFile(t, b.Bytes()), Query{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	x := &s.idx
	if len(x.oddID)+len(x.oddIDs)+len(x.oddJob)+len(x.oddState) != 0 || len(x.states) > 8 {
		t.Fatalf("strings kept: %d ids, %d job ids, %d states, %d state names",
			len(x.oddID), len(x.oddJob), len(x.oddState), len(x.states))
	}
}

// TestSelectRefuses: a journal that changed between the passes is an
// error, not a mix of two files; a missing journal is empty; a directory
// is not a journal.
func TestSelectRefuses(t *testing.T) {
	var b bytes.Buffer
	if _, err := writeScaleJournal(&b, 50, 2); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, b.Bytes())
	s, err := Select(path, Query{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// Rewritten in place (same file, other lines at the same offsets).
	other := bytes.ReplaceAll(b.Bytes(), []byte(`"kind":"intent","id":"`), []byte(`"kind":"intent","id":"z`))
	if err := os.WriteFile(path, other, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.Each(func(Record) error { return nil }); err == nil || !strings.Contains(err.Error(), "changed while it was read") {
		t.Errorf("Each of a rewritten journal: %v", err)
	}

	s, err = Select(filepath.Join(t.TempDir(), "none.jsonl"), Query{})
	if err != nil || s.Total != 0 || s.Len() != 0 || s.Each(func(Record) error { return errors.New("called") }) != nil {
		t.Errorf("a missing journal: %+v, %v", s, err)
	}
	if _, err := Select(t.TempDir(), Query{}); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a directory: %v", err)
	}
	if _, err := Read(t.TempDir()); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Read of a directory: %v", err)
	}
}

// TestLineReader: lines come with their offsets; a line longer than
// maxLine is reported as long without being held, whether or not it ends
// with a newline.
func TestLineReader(t *testing.T) {
	long := strings.Repeat("x", maxLine+1)
	full := strings.Repeat("y", maxLine)
	type got struct {
		line string
		off  int64
		long bool
	}
	for _, tc := range []struct {
		name, in string
		want     []got
	}{
		{"empty", "", nil},
		{"lines", "a\nbc\n\nd", []got{{"a", 0, false}, {"bc", 2, false}, {"", 5, false}, {"d", 6, false}}},
		{"crlf", "a\r\n", []got{{"a\r", 0, false}}},
		{"long", "a\n" + long + "\nb\n", []got{{"a", 0, false}, {"", 2, true}, {"b", int64(len(long)) + 3, false}}},
		{"long last line", long, []got{{"", 0, true}}},
		{"exactly maxLine", full + "\n" + full, []got{{full, 0, false}, {full, maxLine + 1, false}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lr := newLineReader(strings.NewReader(tc.in))
			var all []got
			for {
				raw, off, long, err := lr.next()
				if errors.Is(err, io.EOF) {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				all = append(all, got{string(raw), off, long})
			}
			if !reflect.DeepEqual(all, tc.want) {
				t.Errorf("lines %+v, want %+v", all, tc.want)
			}
		})
	}
}
