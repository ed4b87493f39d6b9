package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// errTooManyProducts refuses a second PRODUCT.
func errTooManyProducts(args []string) error {
	return fmt.Errorf("order takes one PRODUCT, not %d (%s); extras are given with --set NAME=VALUE", len(args), quoteArg(strings.Join(args, " ")))
}

// runOrder prices, plans or places one order from its flags.
func runOrder(ctx context.Context, opts *OrderOptions) error {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if err := checkOutput(opts.Output); err != nil {
		return err
	}
	switch {
	case opts.Wait && opts.DryRun:
		return usageError(errors.New("--wait follows a real order's job; --dry-run orders nothing"))
	case opts.PlanOut != "" && opts.Yes:
		return usageError(errors.New("--plan-out saves the order and orders nothing; place the plan later with memset-order apply FILE --yes"))
	case opts.Wait && opts.PlanOut != "":
		return usageError(errors.New("--wait follows a real order's job; --plan-out orders nothing"))
	}
	cat, err := LoadCatalogue(opts.Backend.CatalogueFile)
	if err != nil {
		return err
	}
	o, errs := order.Build(cat, opts.Answers)
	limit, err := parseMaxPrice(opts.MaxPrice)
	if err != nil {
		errs = append(errs, order.AnswerError{Flag: "--max-price", Reason: err.Error()})
	}
	if len(errs) > 0 {
		return answerErrors(errs)
	}
	if opts.PlanOut != "" {
		if err := checkPlanOut(opts.PlanOut, opts.Force); err != nil {
			return err
		}
	}
	wizardOK := opts.Interactive && opts.Output == "text" && opts.PlanOut == ""
	s, err := openSession(ctx, opts.IO, opts.Backend, opts.JournalPath)
	if err != nil {
		return err
	}
	defer s.close()
	dc, probs, err := s.check(ctx, o)
	if err != nil {
		return err
	}
	if len(probs) > 0 {
		if wizardOK && answerable(probs) {
			s.close()
			return openWizard(ctx, opts, o)
		}
		return answerErrors(probs)
	}
	if err := s.paymentError(o); err != nil {
		return err
	}
	if !opts.DryRun && !opts.Yes && opts.PlanOut == "" {
		if wizardOK {
			s.close()
			return openWizard(ctx, opts, o)
		}
		return usageError(errors.New("a real order needs --yes; --dry-run shows the price and orders nothing"))
	}
	fmt.Fprintf(opts.IO.ErrOut, "Asking %s for the price…\n", where(s.b))
	q, err := s.quote(ctx, o)
	if err != nil {
		return err
	}
	out := scriptOut{poll: opts.Poll, io: opts.IO, json: opts.Output == "json", s: s, o: o, q: q, discount: dc}
	doc := out.priced()
	if err := guard(limit, q); err != nil {
		return out.refuse(doc, "over_max_price", err)
	}
	switch {
	case opts.PlanOut != "":
		if err := savePlan(opts.PlanOut, opts.Force, newPlan(s.b, o, q, opts.Now())); err != nil {
			return err
		}
		doc.Outcome, doc.PlanFile = "planned", oneLine(opts.PlanOut)
		if err := out.show(doc); err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.ErrOut, "Nothing was ordered. The plan is saved in %s; place it with: memset-order apply %s --yes\n", oneLine(opts.PlanOut), shellQuote(oneLine(opts.PlanOut)))
		return nil
	case opts.DryRun:
		doc.Outcome = "priced"
		if err := out.show(doc); err != nil {
			return err
		}
		fmt.Fprintf(opts.IO.ErrOut, "Nothing was ordered (--dry-run). To place it: %s --yes\n", doc.Command)
		return nil
	}
	return out.place(ctx, doc, opts.Wait, opts.LeaveWait, opts.JournalPath, opts.Now)
}

// checkOutput refuses an -o other than text or json.
func checkOutput(o string) error {
	if o != "text" && o != "json" {
		return usageError(fmt.Errorf("output format %s is not known: use text or json", quoteArg(o)))
	}
	return nil
}

// answerable reports whether the wizard can take every problem from here:
// answers missing, or impossible together (the wizard offers the fix);
// a value that names nothing (a typo) is for the person to correct.
func answerable(ps []order.AnswerError) bool {
	for _, p := range ps {
		if p.Missing {
			continue
		}
		if p.Problem == nil || p.Problem.Code != model.ProblemUnavailable {
			return false
		}
	}
	return true
}

// where names the backend for progress lines.
func where(b *Backend) string {
	if b.Embedded {
		return "the embedded sandbox"
	}
	return "Memset (" + host(b.Endpoint) + ")"
}

// openWizard opens the wizard on o, part answered, on the first step that
// needs an answer (Review when none does): the line prompts instead of the
// full screen in accessible mode (ACCESSIBLE, TERM=dumb; see runWizard).
func openWizard(ctx context.Context, opts *OrderOptions, o model.Order) error {
	return runWizard(ctx, &WizardOptions{IO: opts.IO, Backend: opts.Backend, JournalPath: opts.JournalPath,
		NoColor: opts.NoColor, Run: opts.Run, LeaveWait: opts.LeaveWait, Redact: opts.Redact, Start: &o,
		Getenv: opts.Backend.Getenv})
}

// scriptOut prints a scripted order's result: Review's lines (text) or
// the JSON document on stdout, messages on stderr.
type scriptOut struct {
	io       *IOStreams
	json     bool
	s        *session
	o        model.Order
	q        model.Quote
	discount *model.DiscountCode
	// poll bounds the job.status backoff of --wait.
	poll order.Backoff
}

// priced is the document of a priced order.
func (out scriptOut) priced() *orderJSON {
	doc := newOrderJSON(out.s.b, out.o)
	doc.Quote = quoteOf(out.q)
	if p, ok := out.s.b.Catalogue.Product(out.o.Product); ok {
		doc.Price = priceOf(p, out.o, out.q)
	}
	return doc
}

// show prints doc: as JSON, or as Review's lines.
func (out scriptOut) show(doc *orderJSON) error {
	if out.json {
		return doc.write(out.io.Out)
	}
	lines := ui.Summary(ui.OrderFacts{Catalogue: out.s.b.Catalogue, Order: out.o, Quote: &out.q, Account: out.s.acct,
		Discount: out.discount, Sandbox: out.s.b.Embedded, Endpoint: out.s.b.Endpoint, AccountLabel: out.s.b.AccountLabel})
	writeLines(out.io.Out, lines)
	return nil
}

// refuse shows the priced order with outcome and returns why it was
// not placed.
func (out scriptOut) refuse(doc *orderJSON, outcome string, why error) error {
	doc.Outcome = outcome
	if err := out.show(doc); err != nil {
		return err
	}
	return why
}

// writeLines prints labelled lines, the labels in one column.
func writeLines(w io.Writer, lines []ui.Line) {
	width := 0
	for _, l := range lines {
		width = max(width, len(l.Label))
	}
	for _, l := range lines {
		fmt.Fprintf(w, "%-*s  %s\n", width, l.Label, l.Value)
	}
}

// place sends the order once through the desk, follows its job with wait,
// and says what happened: the same words and exit statuses as the
// wizard's summary.
func (out scriptOut) place(ctx context.Context, doc *orderJSON, wait bool, leaveWait time.Duration, journalPath string, now func() time.Time) error {
	s := out.s
	fmt.Fprintf(out.io.ErrOut, "Placing the order with %s…\n", where(s.b))
	p := s.desk.PlaceOnce(ctx, out.o, s.acct, out.q)
	res := ui.Result{Sent: true, Placement: p, Placed: p.Outcome.Ordered(), Err: p.Err}
	doc.Outcome, doc.JournalID = outcomeWord(p.Outcome), oneLine(p.JournalID)
	if p.Outcome.Ordered() {
		doc.Quote = quoteOf(p.Answer)
		doc.Differences = p.Differences
		res.InvoiceRef = p.Answer.InvoiceRef
		if j := p.Answer.Job; j != nil {
			res.JobID, res.State = j.ID, j.State()
		}
	}
	interrupted := false
	if wait && p.Outcome.Ordered() && p.Answer.Job != nil {
		prod, _ := s.b.Catalogue.Product(out.o.Product)
		t := order.FromAnswer(p.Answer, prod, now(), out.poll)
		t, ferr := followPlain(ctx, s.desk, t, p.JournalID, out.io.ErrOut, nil)
		interrupted = ferr != nil && ctx.Err() != nil
		end := &jobEndJSON{State: "unknown"}
		if st, stage, _ := t.End(); st != "" {
			end.State, end.Stage = st, oneLine(stage)
		}
		if t.Answered() {
			res.State, res.Service = t.Job.State(), t.Job.Service
			end.Service = oneLine(t.Job.Service)
		}
		if res.State == model.JobFailed {
			res.Stage, _ = t.LastStage()
		}
		doc.JobEnd = end
	}
	streams := *out.io
	if out.json {
		if err := doc.write(out.io.Out); err != nil {
			return err
		}
		streams.Out = out.io.ErrOut
	}
	return summarize(ctx, &streams, wizardEnd{Result: res, Desk: s.desk, Interrupted: interrupted,
		Embedded: s.b.Embedded, Endpoint: s.b.Endpoint, JournalPath: journalPath, Wait: leaveWait})
}
