package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// The checks of `memset-order doctor`, in the order they run and print:
// the endpoint, its clock, the overrides file, the API's list of methods,
// the calls, each of memset-order's methods (listed? may the key call it?
// doctor_methods.go), the key as a whole, the error types seen and the
// services list against the catalogue (doctor_answers.go).

// maxSkew is how far apart the server's clock and this one may be before
// the doctor warns.
const maxSkew = time.Minute

// refusalsBeforeStop is how many calls in a row may refuse the key, with
// nothing accepting it, before the doctor stops calling: Memset throttles
// a client after about ten failed logins (memset-api.md §1.2).
const refusalsBeforeStop = 3

// optional are the methods the wizard can do without, and why.
var optional = map[model.Method]string{
	model.MethodAccountInfo: "the wizard then says \"if your account has consolidated billing\"",
	model.MethodListMethods: "only the doctor asks it",
}

// outcome is what calling one method said.
type outcome struct {
	v      verdict
	detail string
	err    error
}

// doctor runs the checks on one backend.
type doctor struct {
	b   *Backend
	c   *api.Client
	now func() time.Time
	r   *doctorReport

	listing  api.MethodListing
	listed   bool // the API listed its methods
	listErr  error
	outcomes map[model.Method]outcome
	world    probeWorld
}

// diagnose runs every check against b and returns the report.
func diagnose(ctx context.Context, b *Backend, now func() time.Time) *doctorReport {
	d := &doctor{b: b, c: b.Client, now: now, outcomes: map[model.Method]outcome{}, r: &doctorReport{
		Endpoint: b.Endpoint, Sandbox: b.Embedded, Key: b.AccountLabel,
		OverridesFile: b.OverridesFile, OverridesApplied: b.OverridesApplied, current: b.Overrides,
	}}
	listing, contact, err := d.c.ListMethods(ctx)
	if d.reach(contact, err) {
		d.clock(contact)
		d.overrides()
		d.list(listing, err)
		d.call(ctx)
		d.methods()
		d.key()
		d.errorTypes()
		d.services()
	}
	d.r.finish()
	return d.r
}

// reach reports whether the endpoint answered, and how (TLS); false stops
// the checks.
func (d *doctor) reach(ct api.Contact, err error) bool {
	if ct.Status == 0 {
		d.r.add("endpoint", "", statusFail, "could not be reached: "+errText(err), nil)
		return false
	}
	if d.b.Embedded {
		d.r.add("endpoint", "", statusOK, "the embedded sandbox answered, in memory: no network and no TLS", nil)
		return true
	}
	how := "over plain HTTP (allowed to a loopback address only)"
	switch {
	case ct.TLS != "":
		how = "over " + ct.TLS + ", its certificate verified"
	case strings.HasPrefix(d.b.Endpoint, "https:"):
		how = "over https, through a transport that reports no TLS"
	}
	d.r.add("endpoint", "", statusOK, fmt.Sprintf("%s answered in %s, %s", d.b.Endpoint, ct.Took.Round(time.Millisecond), how), nil)
	return true
}

// clock compares the server's Date with this machine's clock.
func (d *doctor) clock(ct api.Contact) {
	switch {
	case d.b.Embedded:
		d.r.add("clock", "", statusOK, "the embedded sandbox runs on this machine's clock", nil)
		return
	case ct.Date.IsZero():
		d.r.add("clock", "", statusWarn, "the server sent no Date header, so its clock could not be compared with this machine's", nil)
		return
	}
	skew, ahead := d.now().Sub(ct.Date), "ahead of"
	if skew < 0 {
		skew, ahead = -skew, "behind"
	}
	// The Date header has whole seconds, and the answer took a while.
	skew = max(0, skew-ct.Took-time.Second).Round(time.Second)
	if skew > maxSkew {
		d.r.add("clock", "", statusWarn, fmt.Sprintf("this machine's clock is %s %s the server's: times in the journal and a job's elapsed time will be off (set the clock, e.g. with NTP)", skew, ahead), nil)
		return
	}
	agree := "to the second"
	if skew > 0 {
		agree = fmt.Sprintf("within %s", skew)
	}
	d.r.add("clock", "", statusOK, fmt.Sprintf("the server's clock and this machine's agree %s (a minute apart would be a warning)", agree), nil)
}

// overrides says which overrides file is in use, if any.
func (d *doctor) overrides() {
	if d.b.OverridesFile == "" {
		return
	}
	what := fmt.Sprintf("%s: %s and %s", d.b.OverridesFile,
		count(len(d.b.Overrides.Methods), "method name", "method names"), count(len(d.b.Overrides.ErrorTypes), "error type", "error types"))
	if !d.b.OverridesApplied && d.b.Embedded {
		d.r.add("overrides", "", statusOK, what+", not applied: the embedded sandbox answers memset-order's own names", nil)
		return
	}
	d.r.add("overrides", "", statusOK, what+", applied", nil)
}

// list records the API's list of methods.
func (d *doctor) list(l api.MethodListing, err error) {
	d.listing, d.listed, d.listErr = l, err == nil, err
	if err != nil {
		d.r.add("listing", "", statusWarn, "the API did not list its methods ("+errText(err)+"); each method is judged by the doctor's call of it alone", nil)
		return
	}
	d.r.ListedVia, d.r.Listed = l.Via, len(l.Names)
	msg := fmt.Sprintf("%s over %s lists %s", model.MethodListMethods, l.Via, count(len(l.Names), "method", "methods"))
	if l.Skipped > 0 {
		msg += fmt.Sprintf(" (%d more that are not printable names were left out)", l.Skipped)
	}
	d.r.add("listing", "", statusOK, msg, nil)
}

// call makes the doctor's one call of each read, then one dry run of each
// create method in the catalogue. It stops calling when the key has been
// refused refusalsBeforeStop times in a row with nothing accepting it
// (so as not to be throttled), and sends no further dry run once one was
// answered with a real order.
func (d *doctor) call(ctx context.Context) {
	d.world.now = d.now()
	refusals, accepted := 0, d.listErr == nil
	if api.IsAuthentication(d.listErr) {
		refusals++
	}
	stopped := ""
	record := func(m model.Method, detail string, err error, notFoundIsAnswer bool) {
		o := outcome{v: judge(err, d.c.MethodName(m), notFoundIsAnswer), detail: detail, err: err}
		d.outcomes[m] = o
		switch o.v {
		case refused:
			refusals++
		case answered, notThere, misread, ordered:
			accepted = true
		}
		switch {
		case ctx.Err() != nil:
			stopped = "the doctor was interrupted"
		case o.v == ordered:
			stopped = "a dry run was answered with a real order"
		case !accepted && refusals >= refusalsBeforeStop:
			stopped = fmt.Sprintf("the key was refused %d times in a row, and Memset throttles after about ten", refusals)
		}
	}
	for _, p := range reads {
		if stopped != "" {
			d.outcomes[p.method] = outcome{v: notTried, detail: "not called: " + stopped}
			continue
		}
		detail, err := p.call(ctx, d.c, &d.world)
		record(p.method, detail, err, p.notFoundIsAnswer)
	}
	for _, p := range d.b.Catalogue.Products {
		if _, done := d.outcomes[p.Method]; done {
			continue
		}
		if stopped != "" {
			d.outcomes[p.Method] = outcome{v: notTried, detail: "no dry run sent: " + stopped}
			continue
		}
		q, err := d.c.Quote(ctx, probeOrder(d.b.Catalogue, p, d.world.servers))
		detail := ""
		if err == nil {
			detail = "a dry run of " + string(p.ID) + " priced it at " + q.NetTotal.String()
		}
		record(p.Method, detail, err, true)
	}
}

// key sums up what the calls said of the key: accepted when any call
// passed the key (even one the API answered that the method does not
// exist), and which methods refused it.
func (d *doctor) key() {
	var refusedBy []string
	accepted, mayCall := 0, 0
	for _, rep := range d.r.Methods {
		switch rep.Key {
		case keyWords[answered], keyWords[misread], keyWords[ordered]:
			accepted++
			mayCall++
		case keyWords[notThere]:
			accepted++
		case keyWords[refused]:
			refusedBy = append(refusedBy, string(rep.Name))
		}
	}
	switch {
	case accepted == 0 && len(refusedBy) == 0:
		d.r.add("key", "", statusWarn, "no call answered in a way that says whether the key is accepted", nil)
	case accepted == 0:
		d.r.add("key", "", statusFail, "refused by every call ("+keyAdvice(d.b)+")", nil)
	case len(refusedBy) > 0:
		d.r.add("key", "", statusWarn, fmt.Sprintf("accepted, but scoped to some methods: it may call %d of memset-order's methods, and not %s", mayCall, strings.Join(refusedBy, ", ")), nil)
	default:
		d.r.add("key", "", statusOK, fmt.Sprintf("accepted: it may call every one of memset-order's methods that the doctor found (%d)", mayCall), nil)
	}
}

// keyAdvice says where the key came from, to check it.
func keyAdvice(b *Backend) string {
	if b.AccountLabel == "" {
		return "the embedded sandbox's own key"
	}
	return "check " + b.AccountLabel
}
