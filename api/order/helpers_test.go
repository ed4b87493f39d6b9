package order_test

import (
	"context"
	"errors"
	"net/http"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// testKey is a fixed API key the sandbox accepts.
const testKey = "5f3a9c0e7b1d4f2a8c6e0b9d7f1a3c5e"

// t0 is the sandbox's and the desk's starting time.
var t0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// createMethod is the create method of miniOrder.
const createMethod = model.MethodMonthlyMiniserver

// miniOrder is a valid monthly Miniserver order (£7.50 a month).
func miniOrder() model.Order {
	return model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "debian_bookworm_64"}
}

// world is a sandbox on a fake clock, the real client talking to it in
// memory, a real journal and a desk over them.
type world struct {
	t       *testing.T
	sb      *sandbox.Sandbox
	clock   *sandbox.FakeClock
	client  *api.Client
	journal *journal.Journal
	log     journal.OrderLog
	path    string
	desk    *order.Desk
}

type worldOpt struct {
	sandbox []sandbox.Option
	// wrap, when set, wraps the real OrderLog as the desk's journal.
	wrap func(order.Journal) order.Journal
	// noJournal leaves the desk without a journal.
	noJournal bool
	// transport wraps the sandbox's transport.
	transport func(http.RoundTripper) http.RoundTripper
}

func newWorld(t *testing.T, opt worldOpt) *world {
	t.Helper()
	clock := sandbox.NewFakeClock(t0)
	sb := sandbox.New(append([]sandbox.Option{
		sandbox.WithAPIKey(testKey),
		sandbox.WithClock(clock),
		sandbox.WithAutoPay(0),
		sandbox.WithStageDuration(10 * time.Second),
	}, opt.sandbox...)...)
	var rt http.RoundTripper = sb.Transport()
	if opt.transport != nil {
		rt = opt.transport(rt)
	}
	c, err := api.New(
		api.WithBaseURL(sandbox.BaseURL),
		api.WithHTTPClient(&http.Client{Transport: rt}),
		api.WithAPIKey(testKey),
		api.WithRetry(api.NoRetry),
	)
	if err != nil {
		t.Fatalf("api.New: %v", err)
	}
	path := filepath.Join(t.TempDir(), "state", journal.FileName)
	j, err := journal.Open(path)
	if err != nil {
		t.Fatalf("journal.Open: %v", err)
	}
	w := &world{t: t, sb: sb, clock: clock, client: c, journal: j, path: path}
	w.log = journal.OrderLog{Journal: j, Catalogue: model.DefaultCatalogue()}
	var jl order.Journal = w.log
	if opt.wrap != nil {
		jl = opt.wrap(w.log)
	}
	if opt.noJournal {
		jl = nil
	}
	w.desk = order.New(order.Config{
		Backend:   c,
		Catalogue: model.DefaultCatalogue(),
		Journal:   jl,
		Endpoint:  sandbox.BaseURL,
		Now:       clock.Now,
	})
	return w
}

// quote asks the desk the price of o and fails the test on error.
func (w *world) quote(o model.Order) model.Quote {
	w.t.Helper()
	q, err := w.desk.Quote(w.t.Context(), o)
	if err != nil {
		w.t.Fatalf("Quote: %v", err)
	}
	return q
}

// records reads the journal.
func (w *world) records() []journal.Record {
	w.t.Helper()
	res, err := journal.Read(w.path)
	if err != nil {
		w.t.Fatalf("journal.Read: %v", err)
	}
	if res.Damaged != 0 {
		w.t.Fatalf("journal has %d damaged lines", res.Damaged)
	}
	return res.Records
}

// record returns the journal record id.
func (w *world) record(id string) journal.Record {
	w.t.Helper()
	for _, r := range w.records() {
		if r.ID == id {
			return r
		}
	}
	w.t.Fatalf("journal has no record %q", id)
	return journal.Record{}
}

// creates is how many requests reached the create method (dry runs and
// real orders).
func (w *world) creates() int { return w.sb.Requests(createMethod) }

// fakeCall is one call a fakeJournal received.
type fakeCall struct {
	Op        string // intent, outcome, candidates, end, tied
	ID        string
	State     string
	Confirmed *model.Quote
	Answer    *model.Quote
	ErrText   string
	Mismatch  string
	Refs      []int
	Job       model.Job
	Stage     string
}

// fakeJournal records every call, in order; it passes them on to inner
// when set, and can fail or run hooks.
type fakeJournal struct {
	inner order.Journal

	mu        sync.Mutex
	calls     []fakeCall
	n         int
	intentErr error
	tiedErr   error
	tied      map[int]bool
	// onIntent and onOutcome run before the call is passed on (or
	// answered), outside the lock.
	onIntent  func()
	onOutcome func(state string)
	// afterOutcome runs once the outcome was passed on.
	afterOutcome func(state string)
}

func (f *fakeJournal) add(c fakeCall) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, c)
}

func (f *fakeJournal) Calls() []fakeCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.calls)
}

// ops lists the calls as "op:state".
func (f *fakeJournal) ops() []string {
	var out []string
	for _, c := range f.Calls() {
		s := c.Op
		if c.State != "" {
			s += ":" + c.State
		}
		out = append(out, s)
	}
	return out
}

func (f *fakeJournal) Intent(o model.Order, endpoint string, confirmed *model.Quote) (string, error) {
	if f.onIntent != nil {
		f.onIntent()
	}
	f.add(fakeCall{Op: "intent", Confirmed: confirmed})
	if f.intentErr != nil {
		return "", f.intentErr
	}
	if f.inner != nil {
		return f.inner.Intent(o, endpoint, confirmed)
	}
	f.mu.Lock()
	f.n++
	id := "fake" + strconv.Itoa(f.n)
	f.mu.Unlock()
	return id, nil
}

func (f *fakeJournal) Outcome(id, state string, answer *model.Quote, errText, mismatch string) error {
	if f.onOutcome != nil {
		f.onOutcome(state)
	}
	f.add(fakeCall{Op: "outcome", ID: id, State: state, Answer: answer, ErrText: errText, Mismatch: mismatch})
	var err error
	if f.inner != nil {
		err = f.inner.Outcome(id, state, answer, errText, mismatch)
	}
	if f.afterOutcome != nil {
		f.afterOutcome(state)
	}
	return err
}

func (f *fakeJournal) Candidates(id string, refs []int) error {
	f.add(fakeCall{Op: "candidates", ID: id, Refs: slices.Clone(refs)})
	if f.inner != nil {
		return f.inner.Candidates(id, refs)
	}
	return nil
}

func (f *fakeJournal) End(id, state string, job model.Job, stage string) error {
	f.add(fakeCall{Op: "end", ID: id, State: state, Job: job, Stage: stage})
	if f.inner != nil {
		return f.inner.End(id, state, job, stage)
	}
	return nil
}

func (f *fakeJournal) Tied(except string) (map[int]bool, error) {
	f.add(fakeCall{Op: "tied", ID: except})
	if f.tiedErr != nil {
		return nil, f.tiedErr
	}
	if f.inner != nil {
		return f.inner.Tied(except)
	}
	return f.tied, nil
}

// fakeBackend is a Backend whose answers are set by the test.
type fakeBackend struct {
	mu       sync.Mutex
	places   int
	place    func() (model.Quote, error)
	invoices []model.Invoice
	invErr   error
}

func (b *fakeBackend) Quote(context.Context, model.Order) (model.Quote, error) {
	return model.Quote{}, errors.New("fakeBackend: no quotes")
}

func (b *fakeBackend) Place(context.Context, model.Order) (model.Quote, error) {
	b.mu.Lock()
	b.places++
	b.mu.Unlock()
	return b.place()
}

func (b *fakeBackend) JobStatus(context.Context, string) (model.Job, error) {
	return model.Job{}, errors.New("fakeBackend: no jobs")
}

func (b *fakeBackend) InvoiceList(context.Context, api.InvoiceFilter) ([]model.Invoice, error) {
	return b.invoices, b.invErr
}

// gbp is a Money in pounds.
func gbp(s string) model.Money { return model.Money{Amount: model.MustAmount(s), Currency: model.GBP} }

// usd is a Money in dollars.
func usd(s string) model.Money { return model.Money{Amount: model.MustAmount(s), Currency: model.USD} }

// confirmedQuote is the dry run of miniOrder as the sandbox answers it.
func confirmedQuote() model.Quote {
	return model.Quote{SKU: "MSVM001", Currency: model.GBP, DryRun: true, NetSetup: gbp("0"), NetTotal: gbp("7.50")}
}

// testJobID is a job id in a faked answer.
const testJobID = "739c99f25ed8d13e48ba94ec6a4a0102"

// The real journal and client are what a desk is built from.
var (
	_ order.Journal = journal.OrderLog{}
	_ order.Backend = (*api.Client)(nil)
)
