package api_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// The contract tests run the whole client against the sandbox over a real
// loopback listener: the two were written apart, so a wire bug in either
// shows here.

const windowsMessage = "os: Please select a valid choice. Microsoft Windows 2012 Server R2, Standard Edition is not available for the current configuration. Windows requires at least 2 GB RAM."

type sandboxEnv struct {
	sb     *sandbox.Sandbox
	clk    *sandbox.FakeClock
	c      *api.Client
	srvURL string
}

// newSandbox serves a sandbox with the test key, a fake clock and no
// automatic payment on a loopback listener, and builds a client for it.
func newSandbox(t *testing.T, opts ...sandbox.Option) sandboxEnv {
	t.Helper()
	clk := sandbox.NewFakeClock(time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC))
	sb := sandbox.New(append([]sandbox.Option{sandbox.WithAPIKey(testKey), sandbox.WithClock(clk), sandbox.WithAutoPay(0)}, opts...)...)
	srv := httptest.NewServer(sb)
	t.Cleanup(srv.Close)
	c, _ := client(t, srv.URL, api.WithRetry(api.RetryPolicy{MaxAttempts: 3, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	return sandboxEnv{sb: sb, clk: clk, c: c, srvURL: srv.URL}
}

func TestContractDocumentedDryRun(t *testing.T) {
	e := newSandbox(t)
	q, err := e.c.CreateMonthlyMiniserver(t.Context(), docOrder)
	if err != nil {
		t.Fatal(err)
	}
	want := model.Quote{SKU: "MSVM001", Currency: model.GBP, DryRun: true, NetSetup: gbp("0"), NetTotal: gbp("7.50")}
	if !reflect.DeepEqual(q, want) {
		t.Errorf("dry run = %+v\nwant      %+v", q, want)
	}
	if n := len(e.sb.Orders()); n != 0 {
		t.Errorf("a dry run placed %d orders", n)
	}
}

func TestContractRealOrderFollowedToDone(t *testing.T) {
	e := newSandbox(t)
	ctx := t.Context()
	q, err := e.c.Place(ctx, withProduct(docOrder, model.ProductMonthlyMiniserver))
	if err != nil {
		t.Fatal(err)
	}
	if q.DryRun || q.SKU != "MSVM001" || q.Currency != model.GBP || q.NetSetup != gbp("0") || q.NetTotal != gbp("7.50") {
		t.Errorf("real order = %+v, want the documented keys (MSVM001, GBP, setup 0, total 7.50, dry_run false)", q)
	}
	if q.InvoiceRef != 100291 {
		t.Errorf("invoice_ref = %d, want the documented 100291", q.InvoiceRef)
	}
	if q.Job == nil || !model.ValidJobID(q.Job.ID) || q.Job.Type != "SETUP-NEW-MINISERVER" || q.Job.Status != model.StatusAwaitingPayment || q.Job.Finished || q.Job.Error {
		t.Fatalf("job = %+v, want a 32-hex SETUP-NEW-MINISERVER job AWAITING-PAYMENT", q.Job)
	}
	orders := e.sb.Orders()
	if len(orders) != 1 || orders[0].JobID != q.Job.ID || orders[0].InvoiceRef != q.InvoiceRef {
		t.Fatalf("sandbox orders = %+v, want exactly this one", orders)
	}

	inv, err := e.c.InvoiceInfo(ctx, q.InvoiceRef)
	if err != nil {
		t.Fatal(err)
	}
	if inv.Status != model.StatusAwaitingPayment || inv.Amount.Currency != model.GBP || len(inv.Items) == 0 {
		t.Errorf("invoice = %+v, want an AWAITING-PAYMENT GBP invoice with items", inv)
	}
	list, err := e.c.InvoiceList(ctx, api.InvoiceFilter{Status: model.StatusAwaitingPayment, From: "2026-11-01", To: "2026-11-30"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(list, func(i model.Invoice) bool { return i.Ref == q.InvoiceRef }) {
		t.Errorf("invoice.list does not show invoice %d: %+v", q.InvoiceRef, list)
	}

	j, err := e.c.JobStatus(ctx, q.Job.ID)
	if err != nil {
		t.Fatal(err)
	}
	if j.State() != model.JobAwaitingPayment {
		t.Errorf("before payment the job is %s, want awaiting payment", j.State())
	}

	if err := e.sb.PayInvoice(q.InvoiceRef); err != nil {
		t.Fatal(err)
	}
	j, err = e.c.JobStatus(ctx, q.Job.ID)
	if err != nil {
		t.Fatal(err)
	}
	if j.State() != model.JobRunning {
		t.Errorf("just after payment the job is %s (%s), want running", j.State(), j.Status)
	}
	e.clk.Advance(time.Hour)
	j, err = e.c.JobStatus(ctx, q.Job.ID)
	if err != nil {
		t.Fatal(err)
	}
	if j.State() != model.JobDone || j.Status != "DONE" || j.Service == "" {
		t.Fatalf("an hour after payment the job is %+v, want DONE with its service", j)
	}
	info, err := e.c.ServiceInfo(ctx, j.Service)
	if err != nil {
		t.Fatal(err)
	}
	if info.Name != j.Service || info.Status != "LIVE" {
		t.Errorf("service.info = %+v, want %s LIVE", info, j.Service)
	}
	servers, err := e.c.ServerList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(servers, func(s model.Server) bool { return s.Name == j.Service }) {
		t.Errorf("server.list does not show the new server %s: %+v", j.Service, servers)
	}
}

func TestContractWindowsRefusal(t *testing.T) {
	e := newSandbox(t)
	o := docOrder
	o.OS = "win2012serverstd_r2_64"
	for run, create := range map[string]func() (model.Quote, error){
		"dry run": func() (model.Quote, error) { return e.c.CreateMonthlyMiniserver(t.Context(), o) },
		"real order": func() (model.Quote, error) {
			return e.c.Place(t.Context(), withProduct(o, model.ProductMonthlyMiniserver))
		},
	} {
		_, err := create()
		var ae *api.Error
		if !errors.As(err, &ae) || !api.IsBadParameters(err) {
			t.Fatalf("%s: err = %v, want ApiErrorBadParameters", run, err)
		}
		if ae.Param != "os" || ae.Message != windowsMessage || ae.Status != 400 {
			t.Errorf("%s: error = %+v, want param os, status 400 and the documented message", run, ae)
		}
		if api.IsOutcomeUnknown(err) {
			t.Errorf("%s: a refusal is not outcome-unknown", run)
		}
	}
	if n := len(e.sb.Orders()); n != 0 {
		t.Errorf("refusals placed %d orders", n)
	}
}

func TestContractDocumentedDoesNotExist(t *testing.T) {
	e := newSandbox(t)
	_, err := e.c.ServiceInfo(t.Context(), "BADSERVERNAME")
	var ae *api.Error
	if !errors.As(err, &ae) {
		t.Fatalf("err = %v, want an *api.Error", err)
	}
	want := api.Error{Status: 404, Type: model.ErrorDoesNotExist, Code: 3, Message: "Couldn't find service with name 'BADSERVERNAME'", Method: model.MethodServiceInfo}
	if *ae != want {
		t.Errorf("error = %+v\nwant    %+v", *ae, want)
	}
	for name, call := range map[string]func() error{
		"invoice.info": func() error { _, err := e.c.InvoiceInfo(t.Context(), 1); return err },
		"job.status":   func() error { _, err := e.c.JobStatus(t.Context(), testJobID); return err },
		"discount":     func() error { _, err := e.c.VerifyDiscountCode(t.Context(), "NOPE"); return err },
	} {
		if err := call(); !api.IsDoesNotExist(err) {
			t.Errorf("%s: err = %v, want ApiErrorDoesNotExist", name, err)
		}
	}
}

func TestContractDiscountCode(t *testing.T) {
	e := newSandbox(t)
	ctx := t.Context()
	d, err := e.c.VerifyDiscountCode(ctx, "welcome10")
	if err != nil {
		t.Fatal(err)
	}
	if d.Code != "WELCOME10" || d.PercentOff != 10 || !d.AppliesTo(model.ProductMonthlyMiniserver) {
		t.Errorf("discount = %+v, want WELCOME10, 10%% off everything", d)
	}
	o := docOrder
	o.DiscountCode = "WELCOME10"
	q, err := e.c.Quote(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if q.NetTotal != gbp("6.75") {
		t.Errorf("MSVM001 with WELCOME10 = %s, want £6.75 (7.50 less 10%%)", q.NetTotal)
	}
	mini, err := e.c.VerifyDiscountCode(ctx, "MINI25")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(mini.Products, []model.ProductID{model.ProductMonthlyMiniserver, model.ProductHourlyMiniserver}) || mini.AppliesTo(model.ProductMemstore) {
		t.Errorf("MINI25 = %+v, want it limited to Miniservers", mini)
	}
}

func TestContractSnapshotAsOS(t *testing.T) {
	e := newSandbox(t)
	ctx := t.Context()
	snaps, err := e.c.SnapshotList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(snaps, sandbox.DefaultAccount().Snapshots) {
		t.Errorf("snapshots = %+v\nwant        %+v", snaps, sandbox.DefaultAccount().Snapshots)
	}
	i := slices.IndexFunc(snaps, func(s model.Snapshot) bool { return s.Usable() && !s.Windows() })
	if i < 0 {
		t.Fatal("no usable Linux snapshot")
	}
	o := model.Order{SKU: "MSVM001", OS: snaps[i].OSOption}
	if _, err := e.c.CreateMonthlyMiniserver(ctx, o); err != nil {
		t.Fatal(err)
	}
	q, err := e.c.Place(ctx, withProduct(o, model.ProductMonthlyMiniserver))
	if err != nil {
		t.Fatal(err)
	}
	orders := e.sb.Orders()
	if len(orders) != 1 || orders[0].Params["os"] != snaps[i].OSOption || orders[0].InvoiceRef != q.InvoiceRef {
		t.Errorf("orders = %+v, want one with os=%s", orders, snaps[i].OSOption)
	}
}

func TestContractBandwidthTopUp(t *testing.T) {
	e := newSandbox(t)
	ctx := t.Context()
	o := model.Order{Target: "sandyaa1", Extras: map[string]string{"gb": "100"}}
	q, err := e.c.CreateBandwidthBank(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	if q.SKU != "" || !q.DryRun || q.NetTotal.Currency != model.GBP || q.NetTotal.IsZero() {
		t.Errorf("top-up quote = %+v, want a GBP price without sku", q)
	}
	q, err = e.c.Place(ctx, withProduct(o, model.ProductBandwidthBank))
	if err != nil {
		t.Fatal(err)
	}
	if q.Job == nil || q.Job.Type != "ADD-BANDWIDTH-BANK" {
		t.Fatalf("top-up job = %+v, want ADD-BANDWIDTH-BANK", q.Job)
	}
	if err := e.sb.PayInvoice(q.InvoiceRef); err != nil {
		t.Fatal(err)
	}
	e.clk.Advance(time.Hour)
	j, err := e.c.JobStatus(ctx, q.Job.ID)
	if err != nil || j.State() != model.JobDone {
		t.Fatalf("top-up job = %+v, %v; want done", j, err)
	}
	if gb, ok := e.sb.BandwidthBank("sandyaa1"); !ok || gb != 100 {
		t.Errorf("bandwidth bank of sandyaa1 = %d, %v; want 100", gb, ok)
	}
	o.Target = "sandyaa2"
	_, err = e.c.CreateBandwidthBank(ctx, o)
	var ae *api.Error
	if !errors.As(err, &ae) || !api.IsBadParameters(err) || ae.Param != "name" {
		t.Errorf("top-up of an unmetered server: err = %v, want bad parameter name", err)
	}
}

// validOrder builds the simplest order of a product that model.Check
// accepts for the sandbox's default account.
func validOrder(t *testing.T, cat *model.Catalogue, p *model.Product) model.Order {
	t.Helper()
	o := model.Order{Product: p.ID}
	if len(p.SKUs) > 0 {
		o.SKU = p.SKUs[0].Code
	}
	if p.NeedsOS() {
		for _, name := range p.OSes {
			if osv, _ := cat.OS(name); !osv.Windows && !osv.CPanel {
				o.OS = name
				break
			}
		}
	}
	if p.TargetParam != "" {
		o.Target = "sandyaa1"
	}
	for _, x := range p.Extras {
		if !x.Required {
			continue
		}
		switch {
		case len(x.Choices) > 0:
			o = o.With(p, x.Param, x.Choices[0].Value)
		case x.Type == model.ExtraNumber:
			o = o.With(p, x.Param, "100")
		default:
			o = o.With(p, x.Param, "project1")
		}
	}
	acct := sandbox.DefaultAccount()
	if ps := model.Check(cat, o, model.Account{Known: true, PaymentMethods: acct.PaymentMethods, Snapshots: acct.Snapshots, Servers: acct.Servers}); len(ps) > 0 {
		t.Fatalf("%s: test order %+v is invalid: %v", p.ID, o, ps)
	}
	return o
}

// TestContractEveryCreateMethod quotes and orders every product through
// its typed wrapper; the price must be the sandbox's sample price, read
// exactly.
func TestContractEveryCreateMethod(t *testing.T) {
	e := newSandbox(t)
	cat := model.DefaultCatalogue()
	wrappers := map[model.ProductID]func(context.Context, model.Order) (model.Quote, error){
		model.ProductMonthlyMiniserver: e.c.CreateMonthlyMiniserver,
		model.ProductHourlyMiniserver:  e.c.CreateHourlyMiniserver,
		model.ProductMonthlyFullserver: e.c.CreateMonthlyFullserver,
		model.ProductMemstore:          e.c.CreateMemstore,
		model.ProductOpenStack:         e.c.CreateOpenStack,
		model.ProductBandwidthBank:     e.c.CreateBandwidthBank,
	}
	if len(wrappers) != len(model.CreateMethods) {
		t.Fatalf("%d wrappers for %d create methods", len(wrappers), len(model.CreateMethods))
	}
	for id, create := range wrappers {
		t.Run(string(id), func(t *testing.T) {
			p, ok := cat.Product(id)
			if !ok {
				t.Fatalf("%s is not in the catalogue", id)
			}
			o := validOrder(t, cat, p)
			price, err := model.SamplePrice(cat, o, nil, model.Account{})
			if err != nil {
				t.Fatal(err)
			}
			before := e.sb.Requests(p.Method)
			o.Product = "" // the wrapper sets it
			q, err := create(t.Context(), o)
			if err != nil {
				t.Fatal(err)
			}
			want := model.Money{Amount: price.Total, Currency: model.GBP}
			if !q.DryRun || q.NetTotal != want || q.NetSetup.Amount != price.Setup {
				t.Errorf("dry run = %+v, want total %s setup %s", q, want, price.Setup)
			}
			q, err = e.c.Place(t.Context(), withProduct(o, id))
			if err != nil {
				t.Fatal(err)
			}
			if q.DryRun || q.Job == nil || q.Job.Type != p.JobType || q.InvoiceRef == 0 {
				t.Errorf("real order = %+v, want a %s job and an invoice", q, p.JobType)
			}
			if got := e.sb.Requests(p.Method) - before; got != 2 {
				t.Errorf("%s saw %d requests, want 2 (one dry run, one order)", p.Method, got)
			}
		})
	}
}

func TestContractReads(t *testing.T) {
	e := newSandbox(t)
	ctx := t.Context()
	def := sandbox.DefaultAccount()
	// server.list documents no plan key (testdata/wire/server.list.json),
	// so a listed server's SKU is unknown.
	for i := range def.Servers {
		def.Servers[i].SKU = ""
	}

	offers, err := e.c.AvailableServices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for id, method := range model.CreateMethods {
		i := slices.IndexFunc(offers, func(o model.Offer) bool { return o.Product == id })
		if i < 0 || offers[i].Method != method || offers[i].Name == "" {
			t.Errorf("services list lacks %s (%s): %+v", id, method, offers)
		}
	}
	pms, err := e.c.PaymentMethods(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(pms, def.PaymentMethods) {
		t.Errorf("payment methods = %+v\nwant              %+v", pms, def.PaymentMethods)
	}
	servers, err := e.c.ServerList(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(servers, def.Servers) {
		t.Errorf("servers = %+v\nwant      %+v", servers, def.Servers)
	}
	acct, err := e.c.Account(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := model.Account{Known: true, Currency: model.GBP, BillingKnown: true, PaymentMethods: def.PaymentMethods, Snapshots: def.Snapshots, Servers: def.Servers}
	if !reflect.DeepEqual(acct, want) {
		t.Errorf("account = %+v\nwant      %+v", acct, want)
	}
	for _, tc := range []struct {
		name string
		want bool
	}{{"consolidated", true}, {"default", false}} {
		preset, err := sandbox.AccountPreset(tc.name)
		if err != nil {
			t.Fatal(err)
		}
		b, err := newSandbox(t, sandbox.WithAccount(preset)).c.AccountBilling(ctx)
		if err != nil || b.ConsolidatedBilling != tc.want {
			t.Errorf("%s: AccountBilling = %+v, %v; want consolidated %v", tc.name, b, err, tc.want)
		}
	}
	info, err := e.c.ServiceInfo(ctx, "sandyaa1")
	if err != nil {
		t.Fatal(err)
	}
	if info.Name != "sandyaa1" || info.Status != "LIVE" || info.RenewalPrice.Currency != model.GBP {
		t.Errorf("service.info = %+v", info)
	}
	invs, err := e.c.InvoiceList(ctx, api.InvoiceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if invs == nil || len(invs) != 0 {
		t.Errorf("invoice.list of a new account = %#v, want an empty list", invs)
	}
	var raw []map[string]any
	if err := e.c.Call(ctx, model.MethodServerList, nil, &raw); err != nil {
		t.Fatal(err)
	}
	if len(raw) != len(def.Servers) {
		t.Errorf("Call(server.list) decoded %d servers", len(raw))
	}
}

func TestContractKeyRefused(t *testing.T) {
	cases := []struct {
		name string
		opts []api.Option
		want string
	}{
		{"wrong key", []api.Option{api.WithAPIKey("ffffffffffffffffffffffffffffffff")}, "the API key was not recognised"},
		{"no key", nil, "no API key was given"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newSandbox(t)
			c, err := api.New(append([]api.Option{api.WithBaseURL(e.srvURL + "/v1/json"), api.WithRetry(api.NoRetry)}, tc.opts...)...)
			if err != nil {
				t.Fatal(err)
			}
			for name, run := range map[string]func(context.Context, *api.Client) error{"quote": quote, "place": place, "read": readJob} {
				err := run(t.Context(), c)
				if !api.IsAuthentication(err) || !strings.Contains(err.Error(), "check MEMSET_API_KEY") || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%s: err = %v, want the key refused (%s)", name, err, tc.want)
				}
				if api.IsOutcomeUnknown(err) {
					t.Errorf("%s: a refused key placed nothing, yet the error is outcome-unknown", name)
				}
			}
			if n := len(e.sb.Orders()); n != 0 {
				t.Errorf("%d orders placed without a valid key", n)
			}
		})
	}
}

func TestContractSandboxFaults(t *testing.T) {
	t.Run("dropped real order: outcome unknown, placed once", func(t *testing.T) {
		e := newSandbox(t)
		e.sb.AddFault(sandbox.Fault{Method: model.MethodMonthlyMiniserver, Drop: true})
		_, err := e.c.Place(t.Context(), docOrder)
		if !api.IsOutcomeUnknown(err) {
			t.Fatalf("err = %v, want outcome unknown", err)
		}
		if n := e.sb.Requests(model.MethodMonthlyMiniserver); n != 1 {
			t.Errorf("the sandbox saw %d creates, want 1", n)
		}
		if n := len(e.sb.Orders()); n != 1 {
			t.Errorf("the sandbox recorded %d orders, want 1 (the order exists; only its answer was lost)", n)
		}
	})
	t.Run("502 on a dry run: retried", func(t *testing.T) {
		e := newSandbox(t)
		e.sb.AddFault(sandbox.Fault{Method: model.MethodMonthlyMiniserver, Status: 502, Times: 2})
		q, err := e.c.Quote(t.Context(), docOrder)
		if err != nil || q.NetTotal != gbp("7.50") {
			t.Fatalf("quote = %+v, %v; want £7.50 after retries", q, err)
		}
		if n := e.sb.Requests(model.MethodMonthlyMiniserver); n != 3 {
			t.Errorf("the sandbox saw %d requests, want 3", n)
		}
	})
	t.Run("503 on a real order: sent once", func(t *testing.T) {
		e := newSandbox(t)
		e.sb.AddFault(sandbox.Fault{Method: model.MethodMonthlyMiniserver, Status: 503})
		_, err := e.c.Place(t.Context(), docOrder)
		if !api.IsOutcomeUnknown(err) || !api.IsServerSide(err) {
			t.Fatalf("err = %v, want outcome unknown and server side", err)
		}
		if n := e.sb.Requests(model.MethodMonthlyMiniserver); n != 1 {
			t.Errorf("the sandbox saw %d creates, want 1", n)
		}
	})
}

// inMemory builds a client that reaches the sandbox through its in-memory
// transport, as the wizard does without an API key.
func inMemory(t testing.TB, sb *sandbox.Sandbox, opts ...api.Option) *api.Client {
	t.Helper()
	c, err := api.New(append([]api.Option{
		api.WithBaseURL(sandbox.BaseURL),
		api.WithHTTPClient(&http.Client{Transport: sb.Transport()}),
		api.WithAPIKey(testKey),
	}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestContractInMemoryTransport(t *testing.T) {
	clk := sandbox.NewFakeClock(time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC))
	sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithClock(clk), sandbox.WithAutoPay(0))
	c := inMemory(t, sb, api.WithRetry(api.NoRetry))
	if c.Endpoint() != sandbox.BaseURL {
		t.Errorf("Endpoint() = %q", c.Endpoint())
	}
	q, err := c.Quote(t.Context(), docOrder)
	if err != nil || q.NetTotal != gbp("7.50") {
		t.Fatalf("quote = %+v, %v; want £7.50", q, err)
	}
	q, err = c.Place(t.Context(), docOrder)
	if err != nil || q.Job == nil {
		t.Fatalf("order = %+v, %v", q, err)
	}
	sb.AddFault(sandbox.Fault{Method: model.MethodMonthlyMiniserver, Drop: true})
	_, err = c.Place(t.Context(), docOrder)
	if !api.IsOutcomeUnknown(err) || !errors.Is(err, sandbox.ErrDropped) {
		t.Fatalf("dropped order: err = %v, want outcome unknown wrapping sandbox.ErrDropped", err)
	}
	if n := len(sb.Orders()); n != 2 {
		t.Errorf("the sandbox recorded %d orders, want 2", n)
	}
}

// BenchmarkQuote measures one dry run through the whole client and the
// sandbox, in memory: the client's overhead per call plus the sandbox's.
func BenchmarkQuote(b *testing.B) {
	sb := sandbox.New(sandbox.WithAPIKey(testKey))
	c := inMemory(b, sb, api.WithRetry(api.NoRetry))
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := c.Quote(ctx, docOrder); err != nil {
			b.Fatal(err)
		}
	}
}

// withProduct is o for product id: the wrappers set it, Place needs it.
func withProduct(o model.Order, id model.ProductID) model.Order {
	o.Product = id
	return o
}
