package prompt

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// Timeouts of the calls the prompts make, as the wizard's.
const (
	quoteTimeout = 60 * time.Second
	readTimeout  = 60 * time.Second
	placeTimeout = 90 * time.Second
)

// errEnd: the run is over (the order was placed and followed, or a price
// check came back as an order); the Result says how.
var errEnd = errors.New("the run is over")

// session is one run of the line prompts: the order as answered so far,
// the account, and where the walk through the steps is.
type session struct {
	ctx  context.Context
	cfg  Config
	cat  *model.Catalogue
	desk *order.Desk
	in   *lineReader
	out  *writer

	step ui.Step
	prod *model.Product
	// order is the configuration answered so far.
	order model.Order
	// backToReview is set by a change asked for on Review: the step, once
	// answered, returns there.
	backToReview bool

	acct        model.Account
	acctErr     error
	offers      []model.Offer
	offersKnown bool

	disc    checkedCode
	quotes  quoteBook
	said    spoken
	placing bool
	// placeErr is the create's refusal, said on Review until the order
	// changes.
	placeErr string
	res      ui.Result
}

func newSession(ctx context.Context, cfg Config) *session {
	if cfg.Catalogue == nil {
		cfg.Catalogue = model.DefaultCatalogue()
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Desk == nil {
		cfg.Desk = order.New(order.Config{Backend: cfg.Backend, Catalogue: cfg.Catalogue, Endpoint: cfg.Endpoint, Now: cfg.Now})
	}
	return &session{
		ctx: ctx, cfg: cfg, cat: cfg.Catalogue, desk: cfg.Desk,
		in:     newLineReader(cfg.In),
		out:    &writer{w: cfg.Out, echo: cfg.Echo.on(cfg.In), text: ui.PlainText(cfg.ASCII)},
		quotes: quoteBook{},
	}
}

// run walks the steps until the run ends and returns how it ended.
func (s *session) run() ui.Result {
	if s.cfg.Sandbox {
		s.out.say("memset-order · SANDBOX: sample prices, nothing is ordered or charged.")
	}
	s.out.say("Answer each question with the number of your choice and enter; ? lists the choices again, q leaves.")
	s.readAccount()
	s.readOffers()
	if s.cfg.Start != nil {
		s.startOn(*s.cfg.Start)
	}
	for {
		err := s.walk()
		if err == nil {
			continue
		}
		s.end(err)
		return s.res
	}
}

// walk asks the current step once and moves on as its answer says.
func (s *session) walk() error {
	var err error
	switch s.step {
	case ui.StepService:
		err = s.service()
	case ui.StepPlan:
		err = s.plan()
	case ui.StepImage:
		err = s.image()
	case ui.StepExtras:
		err = s.extras()
	case ui.StepTarget:
		err = s.target()
	case ui.StepDiscount:
		err = s.discount()
	case ui.StepReview:
		err = s.review()
	default:
		return errEnd
	}
	return err
}

// next moves on after a settled answer: back to Review when the change
// was asked for there, otherwise to the step after this one.
func (s *session) next() {
	if s.backToReview {
		s.backToReview = false
		s.step = ui.StepReview
		return
	}
	s.step = ui.NextStep(s.prod, s.step)
}

// back goes to the step before, answers kept.
func (s *session) back() {
	s.backToReview = false
	s.step = ui.PrevStep(s.prod, s.step)
}

// end records how the run ended, as the wizard's quit does: leaving
// while the create is out is not aborting (the order may exist), nor is
// leaving after an order, an unknown outcome or a halt.
func (s *session) end(err error) {
	if s.ctx.Err() != nil && !errors.Is(err, errEnd) {
		s.res.Interrupted = true
		s.out.answered("", false)
		s.out.say("Interrupted.")
	}
	if errors.Is(err, errInputEnded) {
		s.out.say("The input ended.")
	}
	switch {
	case s.placing:
		s.res.LeftWhilePlacing = true
	case !s.res.Placed && s.res.Placement.Outcome != order.Unknown && s.res.Halt == nil:
		s.res.Aborted = true
	}
}

// ask writes question and reads one answer line; a line too long for any
// answer is refused and asked again.
func (s *session) ask(question string) (string, error) {
	for {
		s.out.ask(question)
		text, tooLong, err := s.in.read(s.ctx)
		s.out.answered(text, err == nil && !tooLong)
		if err != nil {
			return "", err
		}
		if tooLong {
			s.out.say("That line is too long for any answer here.")
			continue
		}
		return strings.TrimSpace(text), nil
	}
}

// facts are the order's facts in the words functions' terms.
func (s *session) facts() ui.OrderFacts {
	f := ui.OrderFacts{Catalogue: s.cat, Order: s.order.Clone(), Account: s.acct, AccountErr: s.acctErr,
		Sandbox: s.cfg.Sandbox, Endpoint: s.cfg.Endpoint, AccountLabel: s.cfg.AccountLabel}
	if s.disc.verdict == ui.CodeValid && s.disc.code == s.order.DiscountCode {
		dc := s.disc.dc
		f.Discount = &dc
	}
	return f
}

// readAccount reads the account context (payment methods, snapshots,
// servers), as the wizard does when it starts.
func (s *session) readAccount() {
	ctx, cancel := context.WithTimeout(s.ctx, readTimeout)
	defer cancel()
	a, err := s.cfg.Backend.Account(ctx)
	if err != nil {
		s.acct, s.acctErr = model.Account{}, err
		s.out.say("Your account could not be read (" + ui.Describe(err) + "); the rules that need it wait until it is.")
		return
	}
	offered := s.acct.OfferedSKUs
	s.acct, s.acctErr = a.Printable(), nil
	s.acct.Known = true
	s.acct.OfferedSKUs = offered
}

// readOffers asks which services the API provisions for the account.
func (s *session) readOffers() {
	ctx, cancel := context.WithTimeout(s.ctx, readTimeout)
	defer cancel()
	offers, err := s.cfg.Backend.AvailableServices(ctx)
	if err != nil {
		s.out.say("Could not ask which services the API offers (" + ui.Describe(err) + "); all are listed.")
		return
	}
	for i := range offers {
		offers[i] = offers[i].Printable()
	}
	s.offers, s.offersKnown = offers, true
	// The plans Memset offers decide which can be chosen, as in the wizard.
	s.acct.OfferedSKUs = model.OfferedSKUsOf(offers)
}
