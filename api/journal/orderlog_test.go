package journal

import (
	"testing"

	"github.com/memset-order/memset-order/model"
)

// TestOrderLogRecordsWhatTheDeskDecides: the log writes the method and
// every parameter sent, the confirmed price, and the state, answer and
// mismatch it is given; Tied leaves the record itself out.
func TestOrderLogRecordsWhatTheDeskDecides(t *testing.T) {
	tests := []struct {
		name     string
		state    string
		q        *model.Quote
		errText  string
		mismatch string
	}{
		{"placed", StatePlaced, quote(100291, "739c99f25ed8d13e48ba94ec6a4a0102"), "", ""},
		{"price differs", StateMismatch, quote(100292, "739c99f25ed8d13e48ba94ec6a4a0103"), "", "the currency is USD, not GBP"},
		{"answer lost", StateUnknown, nil, "connection reset", ""},
		{"refused", StateRefused, nil, "os: Please select a valid choice.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, path := testJournal(t)
			log := OrderLog{Journal: j, Catalogue: model.DefaultCatalogue()}
			o := model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "debian_jessie_64", BillTo: model.BillNow}
			confirmed := quote(0, "")
			id, err := log.Intent(o, "https://api.memset.com/v1/json", confirmed)
			if err != nil {
				t.Fatal(err)
			}
			if err := log.Outcome(id, tt.state, tt.q, tt.errText, tt.mismatch); err != nil {
				t.Fatal(err)
			}
			res, _ := Read(path)
			r := res.Records[0]
			if r.State != tt.state || r.Error != tt.errText || r.Mismatch != tt.mismatch {
				t.Fatalf("record = %+v; want state %q, error %q, mismatch %q", r, tt.state, tt.errText, tt.mismatch)
			}
			if r.Method != string(model.MethodMonthlyMiniserver) || r.Params["add_to_next_bill"] != "0" || r.Params["sku"] != "MSVM001" {
				t.Fatalf("intent = %+v; want the create method and every parameter sent", r.Intent)
			}
			if r.ConfirmedTotal != "7.50" || r.ConfirmedCurrency != "GBP" {
				t.Fatalf("confirmed price = %q %q, want 7.50 GBP", r.ConfirmedTotal, r.ConfirmedCurrency)
			}
			tied, err := log.Tied(id)
			if err != nil || len(tied) != 0 {
				t.Fatalf("Tied(own id) = %v, %v; want nothing: a record does not exclude its own invoice", tied, err)
			}
			if tt.q != nil {
				if tied, _ := log.Tied("other"); !tied[tt.q.InvoiceRef] {
					t.Fatalf("Tied(other) = %v, want invoice %d", tied, tt.q.InvoiceRef)
				}
			}
		})
	}
	j, _ := testJournal(t)
	if _, err := (OrderLog{Journal: j, Catalogue: model.DefaultCatalogue()}).Intent(model.Order{Product: "teleporter"}, "e", nil); err == nil {
		t.Fatal("an unknown product must not be journaled as if it could be sent")
	}
}
