package ui

import (
	"context"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// quoteBook holds every dry-run answer by configuration key, and what is in
// flight. The pane only ever reads the entry whose key is the key of the
// order on screen, so a price can never belong to another configuration
// (design §5.4), however late an answer arrives.
type quoteBook struct {
	// cache holds answers (prices and refusals) by Order.Key.
	cache map[string]quoteEntry
	// failed holds transient failures by key; not retried until asked.
	failed map[string]error
	// inflight maps a key to the sequence number of its latest request.
	inflight map[string]int
	// seq numbers requests.
	seq int
	// debounce is the sequence of the latest scheduled debounce timer.
	debounce int
	// idle is the sequence of the latest prefetch idle timer.
	idle int
	// mainKeys and cancel belong to the latest on-screen request; a newer
	// one cancels it.
	mainKeys []string
	cancel   context.CancelFunc
	// prefetching is true while a background list-price request is out;
	// prefetchKey and prefetchCancel belong to it.
	prefetching    bool
	prefetchKey    string
	prefetchCancel context.CancelFunc
	// debouncing and idleArmed are true while those timers are pending.
	debouncing bool
	idleArmed  bool
	// shown is the key of the last configuration whose price the pane
	// showed (Model.notePriced): while the next price loads the pane
	// keeps that one, dimmed and marked as updating, so that it keeps
	// its height. It is never shown as the current price.
	shown string
}

// previous is the price the pane showed last, for a configuration of the
// same product (a Key starts with the product), if there is one.
func (q *quoteBook) previous(prod model.Order) (model.Quote, bool) {
	if q.shown == "" || !strings.HasPrefix(q.shown, string(prod.Product)+"|") {
		return model.Quote{}, false
	}
	e, ok := q.cache[q.shown]
	if !ok || e.err != nil {
		return model.Quote{}, false
	}
	return e.quote, true
}

// quoteEntry is a dry run's answer: a price, or the backend's refusal.
type quoteEntry struct {
	quote model.Quote
	err   error
}

func newQuoteBook() quoteBook {
	return quoteBook{cache: map[string]quoteEntry{}, failed: map[string]error{}, inflight: map[string]int{}}
}

// answer is the backend's answer for the configuration with key: a price,
// or its refusal (entry.err); ok is false while there is none.
func (q *quoteBook) answer(key string) (quoteEntry, bool) {
	e, ok := q.cache[key]
	return e, ok
}

// failure is the transient failure recorded for key, if any.
func (q *quoteBook) failure(key string) (error, bool) {
	err, ok := q.failed[key]
	return err, ok
}

// unanswered filters orders down to those with no answer, no recorded
// failure and nothing in flight.
func (q *quoteBook) unanswered(orders []model.Order) []model.Order {
	var out []model.Order
	for _, o := range orders {
		k := o.Key()
		_, cached := q.cache[k]
		_, failed := q.failed[k]
		_, flying := q.inflight[k]
		if !cached && !failed && !flying {
			out = append(out, o)
		}
	}
	return out
}

// send marks a request for key as in flight and returns its number; only
// the answer to the latest request for a key clears it.
func (q *quoteBook) send(key string) int {
	q.seq++
	q.inflight[key] = q.seq
	return q.seq
}

// record files a dry run's answer under its own key, whatever is on screen
// now: a price, a refusal (as definite and cacheable as a price), or a
// transient failure (kept until retried, unless a newer request for the
// key is out). It reports whether the request had been cancelled by a
// newer one, which records nothing.
func (q *quoteBook) record(msg quoteMsg) (canceled bool) {
	if q.inflight[msg.key] == msg.seq {
		delete(q.inflight, msg.key)
	}
	if msg.prefetch && msg.key == q.prefetchKey {
		q.prefetching, q.prefetchKey, q.prefetchCancel = false, "", nil
	}
	switch {
	case msg.err == nil:
		q.cache[msg.key] = quoteEntry{quote: msg.quote}
		delete(q.failed, msg.key)
	case isCanceled(msg.err):
		return true
	case isAnswer(msg.err):
		q.cache[msg.key] = quoteEntry{err: msg.err}
	default:
		if _, inflight := q.inflight[msg.key]; !inflight {
			q.failed[msg.key] = msg.err
		}
	}
	return false
}

// forget drops the failures recorded for keys, so that they are asked
// again.
func (q *quoteBook) forget(keys ...string) {
	for _, k := range keys {
		delete(q.failed, k)
	}
}

// cancelMain cancels the latest on-screen request.
func (q *quoteBook) cancelMain() {
	if q.cancel != nil {
		q.cancel()
	}
	q.cancel, q.mainKeys = nil, nil
}

// stop cancels every request and timer the book knows of: nothing more is
// to be asked.
func (q *quoteBook) stop() {
	q.cancelMain()
	if q.prefetchCancel != nil {
		q.prefetchCancel()
	}
	q.prefetching, q.prefetchKey, q.prefetchCancel = false, "", nil
	q.debouncing, q.idleArmed = false, false
	clear(q.inflight)
}
