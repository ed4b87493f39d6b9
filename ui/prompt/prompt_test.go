package prompt_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/url"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui/prompt"
)

// toReview is the answers that take a monthly MSVM002 with Debian 13, no
// extras and no code, to Review.
var toReview = []string{"1", "MSVM002", "debian_trixie_64", "0", ""}

// TestOrderToDone walks the steps with the answers a person types and
// follows the order to Done: what is said, what is ordered, how the run
// ends.
func TestOrderToDone(t *testing.T) {
	for _, tc := range []struct {
		name  string
		input string
		// said must all be in the output, in this order.
		said []string
		// params are the create's parameters Memset received.
		params map[string]string
	}{
		{
			name:  "Windows on 1 GB: the fix is taken, then WELCOME10",
			input: lines("1", "MSVM001", "win2022serverstd_64", "1", "0", "WELCOME10", "1", "order"),
			said: []string{
				"Microsoft Windows 2022 Server, Standard Edition — not possible: Windows requires at least 2 GB RAM (choose it for a fix)",
				"Microsoft Windows 2022 Server, Standard Edition cannot be chosen: Windows requires at least 2 GB RAM.",
				"Switch to MSVM002 (2 GB RAM)?\n  1 yes\n  2 choose again",
				"Switched to MSVM002 (2 GB RAM) so Windows fits.",
				"Sample price (sandbox): £27.00/month · no setup fee · first payment £27.00 for 1 month",
				"✓ WELCOME10 is valid: 10% off any new service · expires 2027-12-31.",
				"Sample price (sandbox): £24.30/month",
				"Re-quoted: £24.30/month instead of £27.00 (saves £2.70)",
				"  Plan      MSVM002 · 2 GB RAM · 50 GB disk · 1 vCPU",
				"  Discount  WELCOME10 (10% off any new service · expires 2027-12-31)",
				"Place it for £24.30/month · no setup fee · first payment £24.30 for 1 month (£29.16 with VAT), paid by card “Company Visa”, in the sandbox?",
				"00:00 awaiting payment (invoice 100291)",
				"running: QUEUED",
				"running: INSTALLING-OS",
				"running: BOOTING",
				"done: the new service is sandyaa3",
				"✓ Your new service is ready: sandyaa3",
				"Ordered in the sandbox: nothing real was created or charged.",
			},
			params: map[string]string{"sku": "MSVM002", "os": "win2022serverstd_64", "discount_code": "WELCOME10"},
		},
		{
			name:  "by numbers, an extra changed, billing set to invoice now",
			input: lines("1", "1", "1", "2", "2", "0", "", "b", "3", "1", "order"),
			said: []string{
				"Firewall: choose one",
				"  2 Basic (shared rules)",
				"  2 Firewall: Basic (shared rules)",
				"  Billing   invoiced now",
				"done: the new service is sandyaa3",
			},
			params: map[string]string{"sku": "MSVM001", "os": "debian_trixie_64", "firewall": "basic", "add_to_next_bill": "0"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			res, out := run(t, w.config(tc.input))
			plain(t, out)
			rest := out
			for _, s := range tc.said {
				i := strings.Index(rest, s)
				if i < 0 {
					t.Fatalf("not said (in this order): %q\n%s", s, out)
				}
				rest = rest[i+len(s):]
			}
			orders := w.sb.Orders()
			if len(orders) != 1 {
				t.Fatalf("%d orders, want 1\n%s", len(orders), out)
			}
			for k, v := range tc.params {
				if got := orders[0].Params[k]; got != v {
					t.Errorf("ordered %s=%q, want %q", k, got, v)
				}
			}
			if !res.Sent || !res.Placed || res.Aborted || res.Interrupted || res.JobID != orders[0].JobID ||
				res.InvoiceRef != orders[0].InvoiceRef || res.State != model.JobDone || res.Service != "sandyaa3" ||
				res.Placement.Outcome != order.Placed {
				t.Errorf("result %+v", res)
			}
		})
	}
}

// TestBackKeepsAnswers: 0 (b on Extras) goes back a step at a time, and
// every step says the answer it had; going on again keeps them.
func TestBackKeepsAnswers(t *testing.T) {
	w := newWorld(t)
	// Review → Discount → Review, then back to Discount, Extras, Image,
	// Plan and Service, and on again to Review.
	input := lines(append(toReview, "0", "", "0", "0", "b", "0", "0", "1", "MSVM002", "debian_trixie_64", "0", "")...)
	res, out := run(t, w.config(input))
	plain(t, out)
	for _, tc := range []struct{ head, chosen string }{
		{"What would you like to order?", "1 Miniserver VM (monthly) — A virtual server paid monthly in advance; the usual choice. (chosen)"},
		{"Plan: choose a plan", "2 MSVM002 — 2 GB RAM · 50 GB disk · 1 vCPU (chosen)"},
		{"Image: choose", "1 Debian 13 (Trixie) 64-bit (chosen)"},
	} {
		if l := lastListing(out, tc.head); !strings.Contains(l, tc.chosen) {
			t.Errorf("going back, %q does not say %q:\n%s", tc.head, tc.chosen, l)
		}
	}
	if n := strings.Count(out, "Review your order"); n != 3 {
		t.Errorf("Review shown %d times, want 3 (then back to Discount and on, twice)\n%s", n, out)
	}
	last := out[strings.LastIndex(out, "Review your order"):]
	for _, want := range []string{"Plan      MSVM002", "Image     Debian 13 (Trixie) 64-bit"} {
		if !strings.Contains(last, want) {
			t.Errorf("the last Review lost %q:\n%s", want, last)
		}
	}
	if !res.Aborted || res.Sent || len(w.sb.Orders()) != 0 {
		t.Errorf("result %+v, %d orders; want aborted, nothing sent", res, len(w.sb.Orders()))
	}
}

// TestNothingOrdered: whatever ends the run before the word order is
// typed at the confirmation, nothing is sent.
func TestNothingOrdered(t *testing.T) {
	for _, tc := range []struct {
		name  string
		input string
		said  []string
	}{
		{"the input ends on the Plan step", lines("1", "MSVM001")[:8], []string{"The input ended."}},
		{"the input ends with no line at all", "", []string{"What would you like to order?", "The input ended."}},
		{"the input ends at the confirmation", lines(append(toReview, "1")...), []string{"Type order and press enter", "The input ended."}},
		{"yes is not the word order", lines(append(toReview, "1", "yes")...), []string{"That is not the word order: nothing was ordered.", "Review your order"}},
		{"ORDER is not the word order", lines(append(toReview, "1", "ORDER")...), []string{"That is not the word order: nothing was ordered."}},
		{"q on the first step leaves at once", lines("q"), []string{"Choose 1–6, q to leave:"}},
		{"q asks first once something is chosen", lines("1", "q", "n", "q", "y"), []string{"Leave without ordering? y/n:", "Plan: choose"}},
		{"an impossible option is refused", lines("1", "MSVM001", "win2022serverstd_64", "2"), []string{"choose again"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t)
			res, out := run(t, w.config(tc.input))
			plain(t, out)
			for _, s := range tc.said {
				if !strings.Contains(out, s) {
					t.Errorf("not said: %q\n%s", s, out)
				}
			}
			if n := len(w.sb.Orders()); n != 0 {
				t.Errorf("%d orders were sent", n)
			}
			if !res.Aborted || res.Sent || res.Placed || res.Interrupted {
				t.Errorf("result %+v: want aborted, nothing sent", res)
			}
		})
	}
}

// TestRefusalOnTheAnswer: a dry run Memset refuses is said on the answer
// it names, and that answer is asked again.
func TestRefusalOnTheAnswer(t *testing.T) {
	cat := model.DefaultCatalogue()
	p, _ := cat.Product(model.ProductMonthlyMiniserver)
	p.SKUs = append([]model.SKU{{Code: "MSVM064", Name: "Miniserver VM 64 GB", RAMMB: 65536, DiskGB: 1280, VCPUs: 16,
		Price: model.MustAmount("250"), PriceSource: model.SourceSample, Source: model.SourceInferred}}, p.SKUs...)
	w := newWorld(t)
	// Without the services list the prompts cannot know the sandbox lacks
	// the plan, so the refusal comes from the sandbox's dry run.
	w.sb.AddFault(sandbox.Fault{Method: model.MethodServicesList, Status: 500})
	w.desk = order.New(order.Config{Backend: w.client, Catalogue: cat, Now: w.clock.Now})
	cfg := w.config(lines("1", "MSVM064", "MSVM001"))
	cfg.Catalogue = cat
	_, out := run(t, cfg)
	plain(t, out)
	i := strings.Index(out, "Memset refused this plan: ")
	if i < 0 {
		t.Fatalf("the refusal is not said on the plan:\n%s", out)
	}
	if !strings.Contains(out[i:], "Plan: choose a plan") || !strings.Contains(out[i:], "Image: choose") {
		t.Errorf("the plan is not asked again after its refusal, then the image:\n%s", out)
	}
}

// TestStartPartAnswered: opened on an order part answered, the prompts
// begin at the first step that needs an answer, the answers given kept.
func TestStartPartAnswered(t *testing.T) {
	w := newWorld(t)
	cfg := w.config(lines("win2022serverstd_64", "1"))
	cfg.Start = &model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "win2022serverstd_64", DiscountCode: "MINI25"}
	_, out := run(t, cfg)
	plain(t, out)
	if strings.Contains(out, "What would you like to order?") || strings.Contains(out, "Plan: choose") {
		t.Errorf("asked again for what was answered:\n%s", out)
	}
	for _, want := range []string{"✓ MINI25 is valid", "Image: choose", "Switch to MSVM002 (2 GB RAM)?", "Switched to MSVM002", "Extras for Miniserver VM (monthly)"} {
		if !strings.Contains(out, want) {
			t.Errorf("not said: %q\n%s", want, out)
		}
	}
}

// TestInterrupted: the context ending while an answer is awaited ends the
// run as interrupted, nothing sent.
func TestInterrupted(t *testing.T) {
	w := newWorld(t)
	in, feed := io.Pipe()
	defer feed.Close()
	cfg := w.config("")
	cfg.In = in
	var out bytes.Buffer
	cfg.Out = &out
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		_, _ = io.WriteString(feed, "1\n")
		cancel()
	}()
	res, err := prompt.Run(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Interrupted || !res.Aborted || res.Sent {
		t.Errorf("result %+v; want interrupted, aborted, nothing sent\n%s", res, out.String())
	}
	plain(t, out.String())
}

// TestWanted: which settings ask for the line prompts.
func TestWanted(t *testing.T) {
	for _, tc := range []struct {
		flag bool
		env  map[string]string
		want bool
	}{
		{false, nil, false},
		{true, nil, true},
		{false, map[string]string{"ACCESSIBLE": "1"}, true},
		{false, map[string]string{"ACCESSIBLE": "yes"}, true},
		{false, map[string]string{"ACCESSIBLE": "0"}, false},
		{false, map[string]string{"ACCESSIBLE": "false"}, false},
		{false, map[string]string{"ACCESSIBLE": "FALSE"}, false},
		{false, map[string]string{"TERM": "dumb"}, true},
		{false, map[string]string{"TERM": "xterm-256color"}, false},
	} {
		getenv := func(k string) string { return tc.env[k] }
		if got := prompt.Wanted(tc.flag, getenv); got != tc.want {
			t.Errorf("Wanted(%v, %v) = %v, want %v", tc.flag, tc.env, got, tc.want)
		}
	}
}

// lostAnswer is a backend whose real create reaches Memset and whose
// answer is lost on the way back.
type lostAnswer struct{ *api.Client }

// Place sends the create, then loses its answer.
func (l lostAnswer) Place(ctx context.Context, o model.Order) (model.Quote, error) {
	_, err := l.Client.Place(ctx, o)
	return model.Quote{}, &api.OutcomeUnknownError{Method: model.MethodMonthlyMiniserver, Sent: url.Values{"sku": {o.SKU}}, Err: errors.Join(err, io.ErrUnexpectedEOF)}
}

// TestUnknownOutcome: a create whose answer is lost is never sent again;
// the run ends saying the order may exist, with the invoices that may be
// it, and the Result says so.
func TestUnknownOutcome(t *testing.T) {
	w := newWorld(t)
	b := lostAnswer{w.client}
	w.desk = order.New(order.Config{Backend: b, Catalogue: model.DefaultCatalogue(), Now: w.clock.Now})
	cfg := w.config(lines(append(toReview, "1", "order")...))
	cfg.Backend = b
	res, out := run(t, cfg)
	plain(t, out)
	if n := len(w.sb.Orders()); n != 1 {
		t.Fatalf("%d creates reached Memset, want 1", n)
	}
	for _, want := range []string{"The order may or may not exist", "It was not sent again", "Invoice 100291 mentions MSVM002"} {
		if !strings.Contains(out, want) {
			t.Errorf("not said: %q\n%s", want, out)
		}
	}
	if !res.Sent || res.Placed || res.Aborted || res.Placement.Outcome != order.Unknown || res.Settlement == nil || len(res.Candidates) != 1 {
		t.Errorf("result %+v", res)
	}
}

// TestASCIILocale: in a locale that is not UTF-8 (Config.ASCII) every
// byte written is ASCII, and prices read "GBP 12.00".
func TestASCIILocale(t *testing.T) {
	w := newWorld(t)
	cfg := w.config(lines(toReview...))
	cfg.ASCII = true
	_, out := run(t, cfg)
	plain(t, out)
	for i := 0; i < len(out); i++ {
		if out[i] >= 0x80 {
			t.Fatalf("byte %#x at %d in ASCII mode:\n%s", out[i], i, out)
		}
	}
	if !strings.Contains(out, "GBP 12.00/month") || !strings.Contains(out, "Review your order") {
		t.Errorf("the prices are not written in ASCII, or Review was not reached:\n%s", out)
	}
}
