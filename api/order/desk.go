package order

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// Backend is what an order's life needs from the Memset API; *api.Client
// satisfies it, whether it talks to api.memset.com or to the sandbox.
type Backend interface {
	// Quote is a dry run of the order's create method.
	Quote(ctx context.Context, o model.Order) (model.Quote, error)
	// Place is the real create (dry_run=0), sent once and never retried.
	Place(ctx context.Context, o model.Order) (model.Quote, error)
	// JobStatus reads a job.
	JobStatus(ctx context.Context, id string) (model.Job, error)
	// InvoiceList lists the account's invoices.
	InvoiceList(ctx context.Context, f api.InvoiceFilter) ([]model.Invoice, error)
}

// Journal is the durable record of real orders; journal.OrderLog satisfies
// it. States are the journal package's State constants.
type Journal interface {
	// Intent records that o is about to be sent to endpoint at the
	// confirmed price (nil when none was confirmed) and returns the
	// record's id. When it fails, nothing is sent.
	Intent(o model.Order, endpoint string, confirmed *model.Quote) (string, error)
	// Outcome records how the create of record id ended.
	Outcome(id, state string, answer *model.Quote, errText, mismatch string) error
	// Candidates records invoices that may be the order of record id.
	Candidates(id string, invoiceRefs []int) error
	// End records how the job of record id ended (done or failed).
	End(id, state string, job model.Job, stage string) error
	// Tied returns the invoices the journal ties to records other than
	// except.
	Tied(except string) (map[int]bool, error)
}

// Config is what a Desk is given. Backend and Catalogue are required.
type Config struct {
	Backend   Backend
	Catalogue *model.Catalogue
	// Journal records real orders. Nil records nothing: only tests and
	// throw-away sandboxes should leave it out.
	Journal Journal
	// Endpoint is the API base URL, written into the journal.
	Endpoint string
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Desk carries orders through their life for one account and endpoint. It
// is safe for concurrent use. One real order is in flight at a time.
type Desk struct {
	cfg Config

	mu     sync.Mutex
	halt   *Halt
	flight *flight
	last   *Placement
}

// flight is the real create under way.
type flight struct {
	done chan struct{}
	// p is the placement as far as it has got; complete once done closes.
	p Placement
	// abandoned is set when the front end left before the answer and the
	// journal was told the outcome is unknown.
	abandoned bool
	// answered is set once the create's answer (or error) is in and its
	// outcome is about to be journalled; Abandon then writes nothing.
	answered bool
	// jmu orders the flight's outcome lines: Abandon's "unknown" and
	// PlaceOnce's outcome are never written at once, so the journal's last
	// line is the answer whenever one came.
	jmu sync.Mutex
}

// New returns a Desk.
func New(cfg Config) *Desk {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Catalogue == nil {
		cfg.Catalogue = model.DefaultCatalogue()
	}
	return &Desk{cfg: cfg}
}

// Catalogue is the catalogue the desk checks orders against.
func (d *Desk) Catalogue() *model.Catalogue { return d.cfg.Catalogue }

// Endpoint is the API base URL orders are sent to.
func (d *Desk) Endpoint() string { return d.cfg.Endpoint }

// Check runs the rules on o against the account: every problem that makes
// it impossible, most important first. It is the only gate before a real
// order; PlaceOnce calls it again.
func (d *Desk) Check(o model.Order, acct model.Account) []model.Problem {
	return model.Check(d.cfg.Catalogue, o, acct)
}

// Quote asks Memset the price of exactly o (a dry run). Once the desk has
// halted it refuses with *Halt and sends nothing. A dry run answered with a
// real order halts the desk: the order is journalled and *Halt returned.
func (d *Desk) Quote(ctx context.Context, o model.Order) (model.Quote, error) {
	if h := d.Halted(); h != nil {
		return model.Quote{}, h
	}
	q, err := d.cfg.Backend.Quote(ctx, o)
	var od *api.OrderedOnDryRunError
	if errors.As(err, &od) {
		return model.Quote{}, d.trip(o, od)
	}
	return q, err
}

// JobStatus reads job id.
func (d *Desk) JobStatus(ctx context.Context, id string) (model.Job, error) {
	return d.cfg.Backend.JobStatus(ctx, id)
}
