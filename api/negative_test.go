package api_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// Negative money from the API is a protocol error naming the field, never a
// price: before these tests a dry run answering net_total -7.50 was shown
// as "-£7.50/month".

const (
	invoiceInfoPath = "/v1/json/invoice.info/"
	invoiceListPath = "/v1/json/invoice.list/"
	serviceInfoPath = "/v1/json/service.info/"
)

// dryRunAnswer is the documented dry run with net_total and
// net_setup_price replaced.
func dryRunAnswer(setup, total string) string {
	return `{"sku": "MSVM001", "currency": "GBP", "dry_run": true, "net_setup_price": ` + setup + `, "net_total": ` + total + `}`
}

// invoiceAnswer is the documented invoice with amount, vat and the item's
// amount replaced.
func invoiceAnswer(amount, vat, item string) string {
	return `{"ref": 100291, "amount": ` + amount + `, "currency": "GBP", "vat": ` + vat + `, "status": "AWAITING-PAYMENT", "proforma": true, "payment_method": "card", "items": [["Miniserver VM 1 GB (MSVM001), debian_jessie_64", ` + item + `, "1 month"]], "date": "2026-11-27"}`
}

func TestNegativeAmountsAreProtocolErrors(t *testing.T) {
	quote := func(ctx context.Context, c *api.Client) error {
		_, err := c.Quote(ctx, docOrder)
		return err
	}
	invoice := func(ctx context.Context, c *api.Client) error {
		_, err := c.InvoiceInfo(ctx, 100291)
		return err
	}
	invoices := func(ctx context.Context, c *api.Client) error {
		_, err := c.InvoiceList(ctx, api.InvoiceFilter{})
		return err
	}
	service := func(ctx context.Context, c *api.Client) error {
		_, err := c.ServiceInfo(ctx, "sandyaa1")
		return err
	}
	tests := []struct {
		name string
		path string
		call func(context.Context, *api.Client) error
		body string
		want string // the ProtocolError's reason
	}{
		{"net_total", createPath, quote, dryRunAnswer("0", "-7.50"),
			"with JSON holding a bad value: net_total: amount -7.50 is negative"},
		{"net_total as a string", createPath, quote, dryRunAnswer("0", `"-7.50"`),
			"with JSON holding a bad value: net_total: amount -7.50 is negative"},
		{"net_total with an exponent", createPath, quote, dryRunAnswer("0", "-7.5e0"),
			"with JSON holding a bad value: net_total: amount -7.5e0 is negative"},
		{"net_setup_price", createPath, quote, dryRunAnswer("-50.00", "7.50"),
			"with JSON holding a bad value: net_setup_price: amount -50.00 is negative"},
		{"invoice amount", invoiceInfoPath, invoice, invoiceAnswer("-9.0", "1.5", "7.5"),
			"with JSON holding a bad value: amount: amount -9.0 is negative"},
		{"invoice VAT", invoiceInfoPath, invoice, invoiceAnswer("9.0", "-1.5", "7.5"),
			"with JSON holding a bad value: vat: amount -1.5 is negative"},
		{"an invoice of a list", invoiceListPath, invoices, "[" + invoiceAnswer("9.0", "1.5", "7.5") + ", " + invoiceAnswer("-9.0", "1.5", "7.5") + "]",
			"with JSON holding a bad value: [1].amount: amount -9.0 is negative"},
		{"renewal price", serviceInfoPath, service, `{"name": "sandyaa1", "status": "LIVE", "renewal_price_amount": "-30.00", "renewal_price_currency": "GBP", "renewal_price_vat": "5"}`,
			"with JSON holding a bad value: renewal_price_amount: amount -30.00 is negative"},
		{"renewal VAT", serviceInfoPath, service, `{"name": "sandyaa1", "status": "LIVE", "renewal_price_amount": 21.60, "renewal_price_currency": "GBP", "renewal_price_vat": -4.34}`,
			"with JSON holding a bad value: renewal_price_vat: amount -4.34 is negative"},
		// Other bad values name their field the same way.
		{"a total that is not a number", createPath, quote, dryRunAnswer("0", `"seven"`),
			`with JSON holding a bad value: net_total: "seven" is not a decimal amount`},
		{"an invoice item that is not a triple", invoiceInfoPath, invoice, strings.Replace(invoiceAnswer("9.0", "1.5", "7.5"), `[["Miniserver`, `[[1, "Miniserver`, 1),
			"with JSON holding a bad value: items[0]: an invoice item's description is not a string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, hits := server(t, status(http.StatusOK, tt.body))
			c, _ := client(t, srv.URL)
			err := tt.call(t.Context(), c)
			var pe *api.ProtocolError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v (%T), want a *api.ProtocolError", err, err)
			}
			if pe.Reason != tt.want {
				t.Fatalf("reason = %q\nwant     %q", pe.Reason, tt.want)
			}
			if n := hits.get(tt.path); n != 1 {
				t.Fatalf("%s asked %d times; a bad answer is not retried", tt.path, n)
			}
			if strings.Contains(err.Error(), testKey) {
				t.Fatalf("the key is in the error: %v", err)
			}
		})
	}
}

// TestZeroAndDiscountAmountsAreRead: zero written with a sign is zero, and
// an invoice's discount line is a negative line of a positive invoice.
func TestZeroAndDiscountAmountsAreRead(t *testing.T) {
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case createPath:
			jsonReply(w, http.StatusOK, dryRunAnswer("-0.00", "7.50"))
		default:
			jsonReply(w, http.StatusOK, strings.Replace(invoiceAnswer("8.10", "1.35", "7.5"), `"1 month"]]`, `"1 month"], ["Discount WELCOME10 (10% off)", -0.75, "1 month"]]`, 1))
		}
	})
	c, _ := client(t, srv.URL)
	q, err := c.Quote(t.Context(), docOrder)
	if err != nil || q.NetSetup.Amount != 0 || q.NetTotal != gbp("7.50") {
		t.Fatalf("quote = %+v, %v; want no setup and 7.50", q, err)
	}
	inv, err := c.InvoiceInfo(t.Context(), 100291)
	if err != nil {
		t.Fatal(err)
	}
	if len(inv.Items) != 2 || inv.Items[1].Amount != (model.Money{Amount: model.MustAmount("-0.75"), Currency: model.GBP}) || inv.Amount != gbp("8.10") {
		t.Fatalf("invoice = %+v; want 8.10 with a -0.75 discount line", inv)
	}
}

// TestPlaceWithNegativeAnswerIsOutcomeUnknown: a real create answered with
// a negative total is not a price and not a refusal: the order may exist,
// so the error is an *OutcomeUnknownError (never retried) whose cause names
// the field.
func TestPlaceWithNegativeAnswerIsOutcomeUnknown(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"net_total",
			`{"sku": "MSVM001", "currency": "GBP", "dry_run": false, "invoice_ref": 100291, "job": {"error": false, "finished": false, "id": "` + testJobID + `", "status": "AWAITING-PAYMENT", "type": "SETUP-NEW-MINISERVER"}, "net_setup_price": 0, "net_total": -7.50}`,
			"net_total: amount -7.50 is negative"},
		{"net_setup_price",
			`{"sku": "MSVM001", "currency": "GBP", "dry_run": false, "invoice_ref": 100291, "job": {"error": false, "finished": false, "id": "` + testJobID + `", "status": "AWAITING-PAYMENT", "type": "SETUP-NEW-MINISERVER"}, "net_setup_price": "-1", "net_total": 7.50}`,
			"net_setup_price: amount -1 is negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, hits := server(t, status(http.StatusOK, tt.body))
			c, _ := client(t, srv.URL)
			q, err := c.Place(t.Context(), docOrder)
			var ou *api.OutcomeUnknownError
			if !errors.As(err, &ou) {
				t.Fatalf("Place = %+v, %v (%T); want an *api.OutcomeUnknownError", q, err, err)
			}
			var pe *api.ProtocolError
			if !errors.As(ou.Err, &pe) || !strings.Contains(pe.Reason, tt.want) {
				t.Fatalf("cause = %v; want a *api.ProtocolError naming %q", ou.Err, tt.want)
			}
			if ou.Sent.Get("sku") != "MSVM001" {
				t.Fatalf("Sent = %v, want the order as sent", ou.Sent)
			}
			if n := hits.get(createPath); n != 1 {
				t.Fatalf("the create was sent %d times, want exactly once", n)
			}
		})
	}
}

// FuzzNoNegativeMoney answers every read and dry run with random JSON: what
// the client accepts never holds negative money, and what it refuses is an
// error of its own types without the key.
func FuzzNoNegativeMoney(f *testing.F) {
	for _, s := range []string{
		dryRunAnswer("0", "7.50"), dryRunAnswer("0", "-7.50"), dryRunAnswer("-0", "-0.0000004"),
		dryRunAnswer(`"-1e-7"`, `"7.5e0"`), dryRunAnswer("0", "-1e-30"), dryRunAnswer("0", "-"),
		invoiceAnswer("9.0", "1.5", "-7.5"), invoiceAnswer("-9.0", "-1.5", "7.5"),
		"[" + invoiceAnswer("9.0", "-1.5", "7.5") + "]",
		`{"name": "sandyaa1", "status": "LIVE", "renewal_price_amount": "-30.00", "renewal_price_currency": "GBP", "renewal_price_vat": "-5"}`,
	} {
		f.Add([]byte(s))
	}
	var body atomic.Pointer[[]byte]
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		jsonReply(w, http.StatusOK, string(*body.Load()))
	}))
	f.Cleanup(srv.Close)
	c, err := api.New(api.WithBaseURL(srv.URL+"/v1/json"), api.WithAPIKey(testKey),
		api.WithRetry(api.RetryPolicy{MaxAttempts: 1}))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		body.Store(&b)
		var money []model.Money
		errs := map[string]error{}
		q, err := c.Quote(t.Context(), docOrder)
		errs["quote"] = err
		if err == nil {
			money = append(money, q.NetSetup, q.NetTotal)
		}
		inv, err := c.InvoiceInfo(t.Context(), 100291)
		errs["invoice"] = err
		if err == nil {
			money = append(money, inv.Amount, inv.VAT)
		}
		list, err := c.InvoiceList(t.Context(), api.InvoiceFilter{})
		errs["invoices"] = err
		for _, inv := range list {
			money = append(money, inv.Amount, inv.VAT)
		}
		info, err := c.ServiceInfo(t.Context(), "sandyaa1")
		errs["service"] = err
		if err == nil {
			money = append(money, info.RenewalPrice, info.RenewalVAT)
		}
		for _, m := range money {
			if m.Amount < 0 {
				t.Fatalf("answer %q gave the negative amount %s", b, m)
			}
		}
		for name, err := range errs {
			if err == nil {
				continue
			}
			var (
				e  *api.Error
				pe *api.ProtocolError
			)
			if !errors.As(err, &e) && !errors.As(err, &pe) {
				t.Fatalf("%s: error of type %T: %v", name, err, err)
			}
			if strings.Contains(strings.ToLower(err.Error()), testKey) {
				t.Fatalf("%s: the key is in the error: %v", name, err)
			}
		}
	})
}
