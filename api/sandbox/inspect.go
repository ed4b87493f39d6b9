package sandbox

import (
	"fmt"
	"maps"
	"time"

	"github.com/memset-order/memset-order/model"
)

// Order is one real (dry_run=0) create that succeeded.
type Order struct {
	// Method is the create method that was called.
	Method model.Method
	// Params are the parameters as received (a path segment as "name"),
	// without api_key.
	Params map[string]string
	// InvoiceRef is the invoice the order raised.
	InvoiceRef int
	// JobID is the id of the order's setup job.
	JobID string
	// At is the sandbox clock's time when the order arrived.
	At time.Time
}

// Orders returns every real order that succeeded, oldest first.
func (s *Sandbox) Orders() []Order {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Order, len(s.orders))
	for i, o := range s.orders {
		o.Params = maps.Clone(o.Params)
		out[i] = o
	}
	return out
}

// Requests returns how many requests arrived for a method of
// model.Methods: dry runs and real orders, accepted or refused, faulted or
// not.
func (s *Sandbox) Requests(method model.Method) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[method]
}

// Job returns the job with the given id as job.status would show it now.
func (s *Sandbox) Job(id string) (model.Job, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	s.advance(now)
	j, ok := s.findJob(id)
	if !ok {
		return model.Job{}, false
	}
	return j.view(now, s.stageDur), true
}

// Invoices returns every invoice raised, oldest first, as they stand now.
func (s *Sandbox) Invoices() []model.Invoice {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.advance(s.clock.Now())
	out := make([]model.Invoice, len(s.invoices))
	for i, inv := range s.invoices {
		out[i] = inv.model()
	}
	return out
}

// PayInvoice pays an invoice that awaits payment, now; its job starts.
func (s *Sandbox) PayInvoice(ref int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	s.advance(now)
	inv, ok := s.findInvoice(ref)
	if !ok {
		return fmt.Errorf("sandbox: no invoice with ref %d", ref)
	}
	if inv.status != model.StatusAwaitingPayment {
		return fmt.Errorf("sandbox: invoice %d is not awaiting payment (status %s)", ref, inv.status)
	}
	inv.pay(now)
	return nil
}

// SetAccount changes the account under the lock: f receives the sandbox's
// own account to modify. Servers the sandbox created are not in it.
func (s *Sandbox) SetAccount(f func(*Account)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f(&s.acct)
}

// BandwidthBank returns the gigabytes top-ups have added to a server's
// bandwidth bank, and whether any top-up for it has finished.
func (s *Sandbox) BandwidthBank(server string) (int, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.advance(s.clock.Now())
	gb, ok := s.banks[server]
	return gb, ok
}
