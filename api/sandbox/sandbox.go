package sandbox

import (
	"sync"
	"time"

	"github.com/memset-order/memset-order/model"
)

// BaseURL is the base the wizard uses with Transport(): https scheme,
// reserved .invalid host, so a request meant for the sandbox can never reach
// a real server by mistake.
const BaseURL = "https://sandbox.memset-order.invalid/v1/json"

// The defaults of the options.
const (
	defaultStageDuration = 2 * time.Second
	defaultAutoPay       = 3 * time.Second
	defaultMaxBody       = 64 << 10
	defaultIDSeed        = "memset-order sandbox"
	firstInvoiceRef      = 100291 // the documented example's invoice_ref
)

// Sandbox is the simulated Memset API. It implements http.Handler and is
// safe for concurrent use: one mutex guards all of its state.
type Sandbox struct {
	// Fixed by New.
	cat      *model.Catalogue
	apiKey   string
	clock    Clock
	stageDur time.Duration
	autoPay  time.Duration
	maxBody  int64
	idSeed   string
	started  time.Time
	// renames are the WithMethodName options, in order.
	renames []rename

	mu       sync.Mutex
	acct     Account
	requests map[model.Method]int
	orders   []Order
	invoices []*invoice
	jobs     []*job
	services []*service
	banks    map[string]int // server name → bandwidth bank GB added by top-ups
	faults   []*faultState
	nextRef  int
	nextJob  int
	newSrv   int // servers created so far (for their IP addresses)

	// throttles counts failed logins per client (authenticate).
	throttles *throttleTable
}

// New returns a sandbox configured by opts. Without options it sells
// model.DefaultCatalogue() to DefaultAccount() on the wall clock, and
// accepts no API key (see WithAPIKey).
func New(opts ...Option) *Sandbox {
	s := &Sandbox{
		clock:    realClock{},
		stageDur: defaultStageDuration,
		autoPay:  defaultAutoPay,
		maxBody:  defaultMaxBody,
		idSeed:   defaultIDSeed,
		acct:     DefaultAccount(),
		requests: map[model.Method]int{},
		banks:    map[string]int{},
		nextRef:  firstInvoiceRef,
	}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	if s.cat == nil {
		s.cat = model.DefaultCatalogue()
	}
	s.started = s.clock.Now()
	return s
}

// currency is the currency the sandbox quotes and invoices in: the
// account's when it has a valid one, the catalogue's otherwise. Sample
// prices are the catalogue's numbers whatever the currency.
func (s *Sandbox) currency() model.Currency {
	if s.acct.Currency.Valid() {
		return s.acct.Currency
	}
	return s.cat.Currency
}
