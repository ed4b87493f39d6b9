package journal

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/memset-order/memset-order/model"
)

func testJournal(t *testing.T, opts ...Option) (*Journal, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state", "memset-order", FileName)
	clock := time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)
	n := 0
	opts = append([]Option{
		WithClock(func() time.Time { clock = clock.Add(time.Second); return clock }),
		WithIDs(func() string { n++; return fmt.Sprintf("rec%03d", n) }),
	}, opts...)
	j, err := Open(path, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return j, path
}

func quote(ref int, job string) *model.Quote {
	return &model.Quote{
		SKU: "MSVM001", Currency: model.GBP,
		NetSetup: model.Money{Currency: model.GBP}, NetTotal: model.Money{Amount: model.MustAmount("7.50"), Currency: model.GBP},
		InvoiceRef: ref,
		Job:        &model.Job{ID: job, Type: "SETUP-NEW-MINISERVER", Status: "AWAITING-PAYMENT"},
	}
}

func TestIntentThenOutcome(t *testing.T) {
	j, path := testJournal(t)
	o := model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "debian_jessie_64"}
	id1, err := j.Intent(model.MethodMonthlyMiniserver, o, o.Params(nil), "https://api.memset.com/v1/json")
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Outcome(id1, StatePlaced, quote(100291, "739c99f25ed8d13e48ba94ec6a4a0102"), ""); err != nil {
		t.Fatal(err)
	}
	id2, _ := j.Intent(model.MethodMonthlyMiniserver, o, o.Params(nil), "https://api.memset.com/v1/json")
	_ = j.Outcome(id2, StateUnknown, nil, "create.monthly_miniserver: the answer was lost")
	_ = j.Candidates(id2, []int{100292, 100293})
	id3, _ := j.Intent(model.MethodMemstore, o, nil, "https://api.memset.com/v1/json")

	res, err := Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if res.Damaged != 0 || len(res.Records) != 3 {
		t.Fatalf("read %d records, %d damaged", len(res.Records), res.Damaged)
	}
	// Newest first.
	if res.Records[0].ID != id3 || res.Records[2].ID != id1 {
		t.Fatalf("order: %s %s %s", res.Records[0].ID, res.Records[1].ID, res.Records[2].ID)
	}
	if r := res.Records[2]; r.State != StatePlaced || r.InvoiceRef != 100291 || r.JobID != "739c99f25ed8d13e48ba94ec6a4a0102" || r.NetTotal != "7.50" || r.Params["os"] != "debian_jessie_64" {
		t.Fatalf("placed record = %+v", r)
	}
	if r := res.Records[1]; r.State != StateUnknown || !strings.Contains(r.Error, "lost") || len(r.Candidates) != 2 || r.Candidates[1] != 100293 {
		t.Fatalf("unknown record = %+v", r)
	}
	if r := res.Records[0]; r.State != StatePending {
		t.Fatalf("an intent without an outcome must read as pending, got %+v", r)
	}
	st, _ := os.Stat(path)
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("journal mode %04o, want 0600", st.Mode().Perm())
	}
	dst, _ := os.Stat(filepath.Dir(path))
	if dst.Mode().Perm() != 0o700 {
		t.Fatalf("journal directory mode %04o, want 0700", dst.Mode().Perm())
	}
}

func TestTornLastLineNeverBreaksReading(t *testing.T) {
	j, path := testJournal(t)
	o := model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "debian_jessie_64"}
	id, _ := j.Intent(model.MethodMonthlyMiniserver, o, o.Params(nil), "e")
	_ = j.Outcome(id, StatePlaced, quote(100291, "739c99f25ed8d13e48ba94ec6a4a0102"), "")
	// A crash in the middle of a write leaves half a line.
	f, _ := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o600)
	_, _ = f.WriteString(`{"kind":"intent","id":"torn","time":"2026-11-27T12:00:`)
	f.Close()
	res, err := Read(path)
	if err != nil || len(res.Records) != 1 || res.Damaged != 1 {
		t.Fatalf("records %d damaged %d err %v", len(res.Records), res.Damaged, err)
	}
	// The next write starts on a fresh line, so it is not lost either.
	id2, err := j.Intent(model.MethodMonthlyMiniserver, o, o.Params(nil), "e")
	if err != nil {
		t.Fatal(err)
	}
	res, _ = Read(path)
	if len(res.Records) != 2 || res.Records[0].ID != id2 || res.Damaged != 1 {
		t.Fatalf("after a torn line: records %+v damaged %d", res.Records, res.Damaged)
	}
}

func TestReadSkipsGarbage(t *testing.T) {
	tests := map[string]string{
		"empty":               "",
		"blank lines":         "\n\n\n",
		"not json":            "hello\n",
		"outcome first":       `{"kind":"outcome","id":"x","state":"placed"}` + "\n",
		"unknown kind":        `{"kind":"party","id":"x"}` + "\n",
		"duplicate intent":    `{"kind":"intent","id":"x","method":"create.memstore"}` + "\n" + `{"kind":"intent","id":"x","method":"create.memstore"}` + "\n",
		"huge line":           strings.Repeat("x", maxLine+10) + "\n",
		"no trailing newline": `{"kind":"intent","id":"x","method":"create.memstore"}`,
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := read(strings.NewReader(in)); err != nil {
				t.Fatalf("read: %v", err)
			}
		})
	}
	res, _ := read(strings.NewReader(`{"kind":"intent","id":"x","method":"create.memstore"}`))
	if len(res.Records) != 1 {
		t.Fatal("a complete final line without a newline must still count")
	}
}

func TestMissingJournalIsEmpty(t *testing.T) {
	res, err := Read(filepath.Join(t.TempDir(), "nope.jsonl"))
	if err != nil || len(res.Records) != 0 {
		t.Fatalf("%+v %v", res, err)
	}
}

func TestOpenRefusesReadableByOthers(t *testing.T) {
	path := filepath.Join(t.TempDir(), FileName)
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path)
	if err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("err = %v, want a refusal saying how to fix it", err)
	}
}

func TestSandboxFlag(t *testing.T) {
	j, path := testJournal(t, WithSandbox(true))
	_, _ = j.Intent(model.MethodMemstore, model.Order{Product: model.ProductMemstore}, nil, "sandbox")
	res, _ := Read(path)
	if !res.Records[0].Sandbox {
		t.Fatal("sandbox orders must be marked")
	}
}

func TestConcurrentWritersKeepEveryLine(t *testing.T) {
	j, path := testJournal(t, WithIDs(randomID))
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id, err := j.Intent(model.MethodMemstore, model.Order{Product: model.ProductMemstore}, nil, "e")
			if err == nil {
				_ = j.Outcome(id, StatePlaced, quote(1, "00000000000000000000000000000001"), "")
			}
		}()
	}
	wg.Wait()
	res, _ := Read(path)
	placed := 0
	for _, r := range res.Records {
		if r.State == StatePlaced {
			placed++
		}
	}
	if len(res.Records) != 20 || placed != 20 || res.Damaged != 0 {
		t.Fatalf("records %d placed %d damaged %d", len(res.Records), placed, res.Damaged)
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_STATE_HOME", "/tmp/xdg-state")
	p, err := DefaultPath()
	if err != nil || p != "/tmp/xdg-state/memset-order/orders.jsonl" {
		t.Fatalf("%s %v", p, err)
	}
	t.Setenv("XDG_STATE_HOME", "relative/ignored")
	t.Setenv("HOME", "/home/someone")
	p, _ = DefaultPath()
	if p != "/home/someone/.local/state/memset-order/orders.jsonl" {
		t.Fatalf("%s", p)
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(`{"kind":"intent","id":"x","params":{"sku":"MSVM001"}}` + "\n" + `{"kind":"outcome","id":"x","state":"placed","invoice_ref":1}` + "\n"))
	f.Add([]byte("{\n}\n\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := read(strings.NewReader(string(b)))
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res.Records {
			if r.ID == "" {
				t.Fatal("record without id")
			}
		}
	})
}

// TestOpenLaterTouchesNothingUntilTheFirstRecord: the embedded sandbox's
// journal is not created at start (issue #15); its first record creates
// the directory (0700) and the file (0600); a journal that exists and
// that Open would refuse is refused at once.
func TestOpenLaterTouchesNothingUntilTheFirstRecord(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state", "memset-order")
	path := filepath.Join(dir, FileName)
	j, err := OpenLater(path, WithSandbox(true))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Dir(dir)); !os.IsNotExist(err) {
		t.Fatalf("OpenLater touched the state directory: %v", err)
	}
	if _, err := j.Intent(model.MethodMemstore, model.Order{Product: model.ProductMemstore}, nil, "sandbox"); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := st.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", p, got, want)
		}
	}
	res, err := Read(path)
	if err != nil || len(res.Records) != 1 || !res.Records[0].Sandbox {
		t.Fatalf("records %+v, %v; want one sandbox intent", res.Records, err)
	}

	// What exists is checked at once.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenLater(path); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("err = %v, want the refusal Open gives", err)
	}
}
