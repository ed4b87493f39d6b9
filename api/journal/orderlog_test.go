package journal

import (
	"errors"
	"testing"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

func TestOrderLogClassifiesOutcomes(t *testing.T) {
	lost := &api.OutcomeUnknownError{Method: model.MethodMonthlyMiniserver, Err: errors.New("connection reset")}
	refused := &api.Error{Status: 400, Type: model.ErrorBadParameters, Message: "os: Please select a valid choice.", Param: "os", Method: model.MethodMonthlyMiniserver}
	notSent := &api.NetworkError{Method: model.MethodMonthlyMiniserver, NotSent: true, Err: errors.New("connection refused")}
	tests := []struct {
		name  string
		q     *model.Quote
		err   error
		state string
	}{
		{"answered", quote(100291, "739c99f25ed8d13e48ba94ec6a4a0102"), nil, StatePlaced},
		{"answer lost", nil, lost, StateUnknown},
		{"refused", nil, refused, StateRefused},
		{"never sent", nil, notSent, StateRefused},
		{"no answer and no error", nil, nil, StateUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			j, path := testJournal(t)
			log := OrderLog{Journal: j, Catalogue: model.DefaultCatalogue()}
			o := model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "debian_jessie_64", BillTo: model.BillNow}
			id, err := log.Intent(o, "https://api.memset.com/v1/json")
			if err != nil {
				t.Fatal(err)
			}
			if err := log.Outcome(id, tt.q, tt.err); err != nil {
				t.Fatal(err)
			}
			res, _ := Read(path)
			r := res.Records[0]
			if r.State != tt.state {
				t.Fatalf("state %q, want %q", r.State, tt.state)
			}
			if r.Method != string(model.MethodMonthlyMiniserver) || r.Params["add_to_next_bill"] != "0" || r.Params["sku"] != "MSVM001" {
				t.Fatalf("intent = %+v; want the create method and every parameter sent", r.Intent)
			}
			if tt.err != nil && r.Error == "" {
				t.Fatal("the error was not recorded")
			}
		})
	}
	j, _ := testJournal(t)
	if _, err := (OrderLog{Journal: j, Catalogue: model.DefaultCatalogue()}).Intent(model.Order{Product: "teleporter"}, "e"); err == nil {
		t.Fatal("an unknown product must not be journaled as if it could be sent")
	}
}
