package journal

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/memset-order/memset-order/model"
)

// TestOriginIsJournalled: an order placed through `memset-order serve`
// keeps the SSH user and key fingerprint of the session that placed it,
// through every reader (Read, Select, the record's JSON), and after its
// outcome; an order placed at the terminal has none, and a journal written
// before the fields existed reads as before.
func TestOriginIsJournalled(t *testing.T) {
	j, path := testJournal(t)
	cat := model.DefaultCatalogue()
	o := model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "debian_bookworm_64", BillTo: model.BillNow}
	origin := Origin{SSHUser: "alice", SSHKey: "SHA256:Yw3pXDbV0LqRU6AVcZy0Ml8RkYd0yn2yUxxmpVqGGkk"}
	viaSSH, err := OrderLog{Journal: j, Catalogue: cat, Origin: origin}.Intent(o, "https://api.memset.com/v1/json", quote(0, ""))
	if err != nil {
		t.Fatal(err)
	}
	if err := j.Outcome(viaSSH, StatePlaced, quote(100291, "739c99f25ed8d13e48ba94ec6a4a0102"), ""); err != nil {
		t.Fatal(err)
	}
	local, err := OrderLog{Journal: j, Catalogue: cat}.Intent(o, "https://api.memset.com/v1/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	// A line as the journal wrote it before serve existed.
	old := `{"kind":"intent","id":"0123456789abcdef","time":"2026-11-27T09:00:00Z","endpoint":"e","sandbox":false,"method":"create.memstore","product":"memstore","params":{"sku":"MEMSTORE-1TB"}}` + "\n"
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString(old); err != nil {
		t.Fatal(err)
	}
	f.Close()

	res, err := Read(path)
	if err != nil || res.Damaged != 0 || len(res.Records) != 3 {
		t.Fatalf("Read = %d records, %d damaged, %v; want 3, 0, nil", len(res.Records), res.Damaged, err)
	}
	_, selected, _ := selectAll(t, path, Query{})
	want := map[string]Origin{viaSSH: origin, local: {}, "0123456789abcdef": {}}
	for name, recs := range map[string][]Record{"Read": res.Records, "Select": selected} {
		if len(recs) != 3 {
			t.Fatalf("%s found %d records, want 3", name, len(recs))
		}
		for _, r := range recs {
			if r.Origin != want[r.ID] {
				t.Errorf("%s: record %s has origin %+v, want %+v", name, r.ID, r.Origin, want[r.ID])
			}
		}
	}
	r, _ := res.Find(viaSSH)
	if r.State != StatePlaced || r.InvoiceRef != 100291 {
		t.Errorf("the SSH order's outcome was not kept with its origin: %+v", r)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var fields map[string]any
	if err := json.Unmarshal(b, &fields); err != nil {
		t.Fatal(err)
	}
	if fields["ssh_user"] != "alice" || fields["ssh_key"] != origin.SSHKey {
		t.Errorf("the record's JSON has ssh_user %v, ssh_key %v; want alice, %s", fields["ssh_user"], fields["ssh_key"], origin.SSHKey)
	}
	l, _ := res.Find(local)
	var localFields map[string]any
	if b, _ := json.Marshal(l); json.Unmarshal(b, &localFields) == nil {
		if _, ok := localFields["ssh_user"]; ok {
			t.Errorf("an order placed at the terminal shows an ssh_user in its JSON: %s", b)
		}
	}
}
