package journal

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/model"
)

const (
	jobA = "739c99f25ed8d13e48ba94ec6a4a0102"
	jobB = "00000000000000000000000000000002"
)

var miniOrder = model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "debian_bookworm_64"}

// placed writes an intent and a placed outcome with the given invoice and
// job, and returns the record id.
func placed(t *testing.T, j *Journal, state string, ref int, job string) string {
	t.Helper()
	id, err := j.Intent(model.MethodMonthlyMiniserver, miniOrder, miniOrder.Params(nil), "e")
	if err != nil {
		t.Fatal(err)
	}
	var q *model.Quote
	if ref != 0 || job != "" {
		q = quote(ref, job)
	}
	if err := j.Outcome(id, state, q, ""); err != nil {
		t.Fatal(err)
	}
	return id
}

func TestEndLinesReadBack(t *testing.T) {
	tests := []struct {
		name      string
		outcome   string
		mismatch  string
		state     string
		job       model.Job
		stage     string
		want      Record // the fields checked
		wantJobID string
	}{
		{
			name: "done", outcome: StatePlaced, state: StateDone,
			job:   model.Job{ID: jobA, Type: "SETUP-NEW-MINISERVER", Status: "DONE", Service: "sandyaa3", Finished: true},
			stage: "DONE",
			want:  Record{State: StateDone, Service: "sandyaa3", Stage: "DONE", Answer: Answer{InvoiceRef: 100291, JobID: jobA, JobType: "SETUP-NEW-MINISERVER", JobStatus: "DONE", NetTotal: "7.50", NetSetup: "0.00", Currency: "GBP"}},
		},
		{
			name: "failed after a stage", outcome: StatePlaced, state: StateFailed,
			job:   model.Job{ID: jobA, Type: "SETUP-NEW-MINISERVER", Status: "FAILED", Finished: true, Error: true},
			stage: "PROVISIONING",
			want:  Record{State: StateFailed, Stage: "PROVISIONING", Answer: Answer{InvoiceRef: 100291, JobID: jobA, JobType: "SETUP-NEW-MINISERVER", JobStatus: "FAILED", NetTotal: "7.50", NetSetup: "0.00", Currency: "GBP"}},
		},
		{
			name: "a job without its id keeps the outcome's job", outcome: StatePlaced, state: StateDone,
			job:   model.Job{Status: "DONE", Service: "sandyaa3"},
			stage: "DONE",
			want:  Record{State: StateDone, Service: "sandyaa3", Stage: "DONE", Answer: Answer{InvoiceRef: 100291, JobID: jobA, JobType: "SETUP-NEW-MINISERVER", JobStatus: "AWAITING-PAYMENT", NetTotal: "7.50", NetSetup: "0.00", Currency: "GBP"}},
		},
		{
			name: "a price mismatch stays after the job ends", outcome: StateMismatch, mismatch: "the total is £8.00, not £7.50", state: StateDone,
			job:   model.Job{ID: jobA, Type: "SETUP-NEW-MINISERVER", Status: "DONE", Service: "sandyaa3", Finished: true},
			stage: "DONE",
			want:  Record{State: StateDone, Service: "sandyaa3", Stage: "DONE", Mismatch: "the total is £8.00, not £7.50", Answer: Answer{InvoiceRef: 100291, JobID: jobA, JobType: "SETUP-NEW-MINISERVER", JobStatus: "DONE", NetTotal: "7.50", NetSetup: "0.00", Currency: "GBP"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, path := testJournal(t)
			id, _ := j.Intent(model.MethodMonthlyMiniserver, miniOrder, miniOrder.Params(nil), "e")
			if err := j.OutcomeMismatch(id, tt.outcome, quote(100291, jobA), "", tt.mismatch); err != nil {
				t.Fatal(err)
			}
			res, _ := Read(path)
			outcomeAt := res.Records[0].OutcomeAt
			if err := j.End(id, tt.state, tt.job, tt.stage); err != nil {
				t.Fatalf("End: %v", err)
			}
			res, err := Read(path)
			if err != nil || res.Damaged != 0 || len(res.Records) != 1 {
				t.Fatalf("read %+v %v", res, err)
			}
			r := res.Records[0]
			got := Record{State: r.State, Service: r.Service, Stage: r.Stage, Mismatch: r.Mismatch, Answer: r.Answer}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("record\n got %+v\nwant %+v", got, tt.want)
			}
			if r.EndedAt.IsZero() || !r.EndedAt.After(outcomeAt) || r.OutcomeAt != outcomeAt {
				t.Errorf("ended at %v, outcome at %v (was %v)", r.EndedAt, r.OutcomeAt, outcomeAt)
			}
			if r.Params["sku"] != "MSVM001" || r.ID != id {
				t.Errorf("intent lost: %+v", r.Intent)
			}
		})
	}
}

func TestEndRefusesOtherStates(t *testing.T) {
	for _, state := range []string{StatePlaced, StateUnknown, StateRefused, StatePending, StateMismatch, StateDryRunOrder, "", "DONE", "done "} {
		t.Run(state, func(t *testing.T) {
			j, path := testJournal(t)
			id := placed(t, j, StatePlaced, 1, jobA)
			before, _ := os.ReadFile(path)
			err := j.End(id, state, model.Job{ID: jobA, Status: "DONE"}, "DONE")
			if err == nil || !strings.Contains(err.Error(), "done or failed") {
				t.Fatalf("End(%q) = %v, want a refusal", state, err)
			}
			after, _ := os.ReadFile(path)
			if string(after) != string(before) {
				t.Errorf("a refused end was written:\n%s", after[len(before):])
			}
		})
	}
}

func TestEndLinesThatCannotBeRead(t *testing.T) {
	intent := `{"kind":"intent","id":"x","method":"create.monthly_miniserver","params":{"sku":"MSVM001"}}` + "\n"
	outcome := `{"kind":"outcome","id":"x","state":"placed","invoice_ref":7,"job_id":"` + jobA + `"}` + "\n"
	tests := []struct {
		name        string
		in          string
		wantState   string
		wantDamaged int
	}{
		{"end before its intent", `{"kind":"end","id":"x","state":"done"}` + "\n" + intent, StatePending, 1},
		{"end of another record", intent + outcome + `{"kind":"end","id":"y","state":"done"}` + "\n", StatePlaced, 1},
		{"end with a state that is not an end", intent + outcome + `{"kind":"end","id":"x","state":"placed","service":"s"}` + "\n", StatePlaced, 1},
		{"end without a state", intent + outcome + `{"kind":"end","id":"x","service":"s"}` + "\n", StatePlaced, 1},
		{"a good end", intent + outcome + `{"kind":"end","id":"x","state":"failed","stage":"QUEUED"}` + "\n", StateFailed, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := read(strings.NewReader(tt.in))
			if err != nil || len(res.Records) != 1 {
				t.Fatalf("read %+v %v", res, err)
			}
			r := res.Records[0]
			if r.State != tt.wantState || res.Damaged != tt.wantDamaged {
				t.Errorf("state %q damaged %d, want %q %d", r.State, res.Damaged, tt.wantState, tt.wantDamaged)
			}
			if tt.wantState != StateFailed && (r.Service != "" || r.Stage != "" || !r.EndedAt.IsZero()) {
				t.Errorf("a damaged end line was applied: %+v", r)
			}
		})
	}
}

// journalOfFive is: A placed (invoice 1), B unknown (no invoice), C a
// dry run answered with an order (invoice 3), D placed at another price
// (invoice 4) and E placed then done (invoice 5, job B); newest last.
func journalOfFive(t *testing.T) (ids map[string]string, res ReadResult) {
	t.Helper()
	j, path := testJournal(t)
	ids = map[string]string{
		"A": placed(t, j, StatePlaced, 1, jobA),
		"B": placed(t, j, StateUnknown, 0, ""),
		"C": placed(t, j, StateDryRunOrder, 3, "00000000000000000000000000000003"),
		"D": placed(t, j, StateMismatch, 4, "00000000000000000000000000000004"),
		"E": placed(t, j, StatePlaced, 5, jobB),
	}
	if err := j.End(ids["E"], StateDone, model.Job{ID: jobB, Status: "DONE", Service: "sandyaa3"}, "DONE"); err != nil {
		t.Fatal(err)
	}
	res, err := Read(path)
	if err != nil || res.Damaged != 0 || len(res.Records) != 5 {
		t.Fatalf("read %+v %v", res, err)
	}
	return ids, res
}

func TestTied(t *testing.T) {
	ids, res := journalOfFive(t)
	tests := []struct {
		except string
		want   map[int]bool
	}{
		{ids["A"], map[int]bool{3: true, 4: true, 5: true}},
		{ids["B"], map[int]bool{1: true, 3: true, 4: true, 5: true}},
		{ids["E"], map[int]bool{1: true, 3: true, 4: true}},
		{"", map[int]bool{1: true, 3: true, 4: true, 5: true}},
		{"no-such-record", map[int]bool{1: true, 3: true, 4: true, 5: true}},
	}
	for _, tt := range tests {
		if got := res.Tied(tt.except); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Tied(%q) = %v, want %v", tt.except, got, tt.want)
		}
	}
	if got := (ReadResult{}).Tied(""); got == nil || len(got) != 0 {
		t.Errorf("Tied of an empty journal = %#v, want an empty map", got)
	}
}

func TestFind(t *testing.T) {
	ids, res := journalOfFive(t)
	tests := []struct {
		name   string
		id     string
		wantID string
	}{
		{"record id", ids["C"], ids["C"]},
		{"job id", jobA, ids["A"]},
		{"job id of an ended job", jobB, ids["E"]},
		{"record id of an unknown outcome", ids["B"], ids["B"]},
		{"no such id", "0123456789abcdef0123456789abcdef", ""},
		{"empty id matches nothing", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := res.Find(tt.id)
			if ok != (tt.wantID != "") || r.ID != tt.wantID {
				t.Errorf("Find(%q) = %q %v, want %q", tt.id, r.ID, ok, tt.wantID)
			}
		})
	}
}

func TestLatestWithJob(t *testing.T) {
	tests := []struct {
		name   string
		write  func(t *testing.T, j *Journal) string // returns the wanted id
		wantOK bool
	}{
		{"empty journal", func(*testing.T, *Journal) string { return "" }, false},
		{"no record has a job", func(t *testing.T, j *Journal) string {
			placed(t, j, StateUnknown, 0, "")
			placed(t, j, StateRefused, 0, "")
			return ""
		}, false},
		{"the newest with a job, past newer ones without", func(t *testing.T, j *Journal) string {
			placed(t, j, StatePlaced, 1, jobA)
			want := placed(t, j, StateMismatch, 2, jobB)
			placed(t, j, StateUnknown, 0, "")
			_, _ = j.Intent(model.MethodMonthlyMiniserver, miniOrder, nil, "e") // pending
			return want
		}, true},
		{"a dry run answered with an order counts", func(t *testing.T, j *Journal) string {
			placed(t, j, StatePlaced, 1, jobA)
			return placed(t, j, StateDryRunOrder, 2, jobB)
		}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, path := testJournal(t)
			want := tt.write(t, j)
			res, _ := Read(path)
			r, ok := res.LatestWithJob()
			if ok != tt.wantOK || r.ID != want {
				t.Errorf("LatestWithJob = %q %v, want %q %v", r.ID, ok, want, tt.wantOK)
			}
		})
	}
}

// TestOrderLogWritesWhatTheOrderPackageDecides: OrderLog adds the create
// method and parameters to the intent, the confirmed price, and passes
// states, mismatches, candidates and ends through unchanged.
func TestOrderLogWritesWhatTheOrderPackageDecides(t *testing.T) {
	j, path := testJournal(t)
	log := OrderLog{Journal: j, Catalogue: model.DefaultCatalogue()}
	confirmed := &model.Quote{SKU: "MSVM001", Currency: model.GBP, DryRun: true, NetTotal: model.Money{Amount: model.MustAmount("7.50"), Currency: model.GBP}}
	o := miniOrder
	o.BillTo = model.BillNow
	id, err := log.Intent(o, "https://api.memset.com/v1/json", confirmed)
	if err != nil {
		t.Fatal(err)
	}
	answer := quote(100291, jobA)
	answer.Currency, answer.NetTotal = model.USD, model.Money{Amount: model.MustAmount("750"), Currency: model.USD}
	if err := log.Outcome(id, StateMismatch, answer, "", "the currency is USD, not GBP"); err != nil {
		t.Fatal(err)
	}
	if err := log.Candidates(id, []int{9}); err != nil {
		t.Fatal(err)
	}
	if err := log.End(id, StateFailed, model.Job{ID: jobA, Status: "FAILED", Error: true}, "QUEUED"); err != nil {
		t.Fatal(err)
	}
	if err := log.End(id, StateUnknown, model.Job{}, ""); err == nil {
		t.Error("OrderLog.End accepted a state that is not an end")
	}
	other, _ := log.Intent(o, "e", nil)
	res, _ := Read(path)
	r, ok := res.Find(id)
	if !ok {
		t.Fatal("record lost")
	}
	if r.Method != string(model.MethodMonthlyMiniserver) || r.Product != string(model.ProductMonthlyMiniserver) ||
		r.Params["add_to_next_bill"] != "0" || r.Params["sku"] != "MSVM001" || r.Params["os"] != "debian_bookworm_64" ||
		r.ConfirmedTotal != "7.50" || r.ConfirmedCurrency != "GBP" || r.Endpoint != "https://api.memset.com/v1/json" {
		t.Errorf("intent = %+v", r.Intent)
	}
	if r.State != StateFailed || r.Stage != "QUEUED" || r.Mismatch != "the currency is USD, not GBP" ||
		r.NetTotal != "750.00" || r.Currency != "USD" || r.InvoiceRef != 100291 || !reflect.DeepEqual(r.Candidates, []int{9}) {
		t.Errorf("record = %+v", r)
	}
	if o, _ := res.Find(other); o.ConfirmedTotal != "" || o.ConfirmedCurrency != "" || o.State != StatePending {
		t.Errorf("an intent without a confirmed price = %+v", o)
	}
	tied, err := log.Tied(other)
	if err != nil || !reflect.DeepEqual(tied, map[int]bool{100291: true}) {
		t.Errorf("Tied = %v %v", tied, err)
	}
	if tied, _ := log.Tied(id); len(tied) != 0 {
		t.Errorf("Tied(own record) = %v, want none", tied)
	}
	if _, err := log.Intent(model.Order{Product: "teleporter"}, "e", confirmed); err == nil {
		t.Error("an unknown product was journalled as if it could be sent")
	}
}

// TestCandidatesReadOnce: an invoice found by two searches (the wizard's,
// then `orders settle`) is listed once.
func TestCandidatesReadOnce(t *testing.T) {
	j, path := testJournal(t)
	o := model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001"}
	id, _ := j.Intent(model.MethodMonthlyMiniserver, o, o.Params(nil), "e")
	_ = j.Outcome(id, StateUnknown, nil, "lost")
	_ = j.Candidates(id, []int{100291, 100292})
	_ = j.Candidates(id, []int{100292, 100293})
	res, _ := Read(path)
	if got := res.Records[0].Candidates; len(got) != 3 || got[0] != 100291 || got[2] != 100293 {
		t.Fatalf("candidates = %v, want 100291 100292 100293", got)
	}
}
