package ui

import (
	"time"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// Messages of the wizard. Each I/O result travels with its error kept typed,
// so Update can still ask errors.As questions (is it a refusal naming a
// parameter? an unknown outcome?).
type (
	// accountMsg carries the account context (payment methods, snapshots,
	// servers) or why it could not be read.
	accountMsg struct {
		acct model.Account
		err  error
	}

	// servicesMsg carries the services the API offers to this account.
	servicesMsg struct {
		offers []model.Offer
		err    error
	}

	// quoteDebounceMsg fires when the order has been still for the debounce
	// delay; seq identifies the change it was scheduled for.
	quoteDebounceMsg struct{ seq int }

	// prefetchIdleMsg fires when the person has been idle on a list long
	// enough to fetch list prices in the background.
	prefetchIdleMsg struct{ seq int }

	// quoteMsg is a dry run's answer for the configuration with the given
	// key. seq tags the request so that a late answer can be told from the
	// latest one.
	quoteMsg struct {
		key      string
		seq      int
		prefetch bool
		quote    model.Quote
		err      error
	}

	// verifyMsg is the discount-code check's answer.
	verifyMsg struct {
		code string
		dc   model.DiscountCode
		err  error
	}

	// placedMsg is how the order desk's Place ended.
	placedMsg struct {
		p order.Placement
	}

	// pollMsg asks for the next job.status poll; seq drops stale timers.
	pollMsg struct{ seq int }

	// jobMsg is job.status's answer.
	jobMsg struct {
		job model.Job
		err error
	}

	// clockMsg refreshes the elapsed time while a job is followed; seq drops
	// stale timers.
	clockMsg struct{ seq int }

	// settledMsg is the invoice search after a lost answer
	// (order.Desk.Settle), or why it failed.
	settledMsg struct {
		s   order.Settlement
		err error
	}

	// endRecordedMsg says whether the journal recorded the job's end.
	endRecordedMsg struct{ err error }

	// deliveredMsg is what Memset's reads say was delivered (one of
	// server, info and bank, by the kind of product), or why they could
	// not say; service is the service that was read.
	deliveredMsg struct {
		service string
		server  model.ServerInfo
		info    model.ServiceInfo
		bank    model.Bandwidth
		err     error
	}

	// spinnerTickMsg advances the busy spinner one frame.
	spinnerTickMsg struct{ at time.Time }
)
