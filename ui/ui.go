package ui

import (
	"time"

	"charm.land/bubbles/v2/cursor"
	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// Timeouts of the calls the wizard makes (the api client adds its own per
// attempt).
const (
	quoteTimeout = 60 * time.Second
	readTimeout  = 60 * time.Second
	placeTimeout = 90 * time.Second
)

// Config is what the wizard is given. Only Backend is required.
type Config struct {
	// Backend answers every question; *api.Client satisfies it.
	Backend Backend
	// Catalogue is what can be ordered (default model.DefaultCatalogue()).
	Catalogue *model.Catalogue
	// Sandbox shows SANDBOX in the header and on Review, and labels prices
	// as sample prices.
	Sandbox bool
	// Endpoint is the API base URL, shown on Review and given to the journal.
	Endpoint string
	// Ephemeral says the backend's jobs end with the program (the embedded
	// sandbox): no "resume with" command is offered.
	Ephemeral bool
	// AccountLabel identifies the account on Review, e.g. "key …9f3a". It
	// must never be the key itself.
	AccountLabel string
	// Journal records real orders; nil records nothing. It is used only
	// to build the order desk when Desk is nil.
	Journal order.Journal
	// Desk carries the order through its life (check, quote, place once,
	// settle, follow). Nil builds one from Backend, Catalogue, Journal,
	// Endpoint and Now; a front end that must still reach the order after
	// the program ends (to wait for an answer in flight) passes its own.
	Desk *order.Desk
	// Now is the clock for elapsed times (default time.Now).
	Now func() time.Time
	// PollMin and PollMax bound the job.status backoff (default 1s → 10s).
	// While the job is moving (paid, not finished) the wait is at most 5s,
	// so the stage times on screen stay close to Memset's; waiting for
	// payment and a lost connection back off up to PollMax.
	PollMin, PollMax time.Duration
	// QuoteDebounce is how long the order must be still before a dry run
	// is sent (default 200ms); list prices are fetched after three times
	// as long.
	QuoteDebounce time.Duration
	// NoColor drops colours (NO_COLOR); tea.EnvMsg can also set it.
	NoColor bool
	// Redact hides the active API key from every frame and the window
	// title (nil: nothing to hide).
	Redact func(string) string
	// Tick schedules a message after a delay (default tea.Tick). Tests
	// replace it to drive debounce, polling and the spinner without real
	// time.
	Tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	// ASCII draws boxes and glyphs (✓ ▸ ✗ █ ›, the borders) in plain ASCII,
	// for terminals whose locale is not UTF-8 (see UTF8Locale).
	ASCII bool
	// Start, when set, opens the wizard on this order, part answered: on
	// the first step with a missing or impossible answer (StartStep), the
	// answers given already chosen.
	Start *model.Order
}

// Result is how the wizard ended, for main to report after the program exits.
type Result struct {
	// Sent is true once a real create was handed to the order desk;
	// Placement is how it ended (its Outcome is 0 while it is in flight).
	Sent      bool
	Placement order.Placement
	// LeftWhilePlacing is true when the person left while the create's
	// answer was still coming: the order may exist (order.Desk.Leave).
	LeftWhilePlacing bool
	// Placed is true once a create call was answered with an order.
	Placed bool
	// InvoiceRef and JobID identify what was ordered.
	InvoiceRef int
	JobID      string
	// Service is the new service's name, once the job has made it.
	Service string
	// State is the job's state when the wizard ended (0 if no job);
	// Stage is where a failed job stopped (order.Tracker.LastStage).
	State model.JobState
	Stage string
	// Err is the create call's error when its outcome is unknown or it was
	// refused; check invoices before ordering again if it is an
	// api.OutcomeUnknownError.
	Err error
	// Candidates, after an unknown outcome, are the invoices invoice.list
	// found that may be the order (see the Done screen for which).
	Candidates []int
	// Settlement is the invoice search after an unknown outcome, once made.
	Settlement *order.Settlement
	// Halt is set when a dry run was answered with a real order: nothing
	// more was sent.
	Halt *order.Halt
	// Aborted is true when the person quit before an order was placed.
	Aborted bool
	// Interrupted is true when the wizard ended on ctrl+c (KeyMap.ForceQuit)
	// rather than q or enter: the command then exits as interrupted when
	// nothing was ordered and nothing is in doubt.
	Interrupted bool
	// Unplaced is the order as configured when the person left with a
	// product chosen and nothing ordered (before Placing, or back on Review
	// after a refusal), so that it can be ordered later
	// (order.CommandLine); nil otherwise.
	Unplaced *model.Order
}

// Model is the wizard: the root tea.Model. It owns the order, the quote
// book and the account context and routes keys to the current step.
type Model struct {
	cfg  Config
	desk *order.Desk
	cat  *model.Catalogue
	// frame is the size, colours, styles and keys it shares with
	// FollowModel.
	frame

	step Step
	prod *model.Product
	// order is the configuration on screen. It changes only in apply.
	order model.Order
	// backToReview is set by a jump from Review: enter on the step returns
	// there.
	backToReview bool

	acct        model.Account
	acctErr     error
	acctLoading bool

	offers     []model.Offer
	offersErr  error
	offersDone bool

	q        quoteBook
	idle     bool
	discount discountState

	spin     spinner.Model
	spinning bool

	// steps holds one model per step; current() is the one on screen.
	steps

	// placeErr is the create call's definite refusal, shown on Review.
	placeErr *refusal
	// confirmQuit asks before quitting while an order is being placed, or
	// before leaving a configured order unplaced (quitQuestion).
	confirmQuit bool
	// helpOpen shows the help screen (help_screen.go) instead of the step.
	helpOpen bool
	result   Result
	// startCmd is what opening on Config.Start needs first (Init sends it).
	startCmd tea.Cmd
}

// tickFunc schedules a message after a delay: tea.Tick, or a test's own.
type tickFunc = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd

// fillDefaults gives the settings Config and FollowConfig share their
// defaults, in one place: the default catalogue, time.Now, polling from 1s
// to 10s, and tea.Tick.
func fillDefaults(cat **model.Catalogue, now *func() time.Time, pollMin, pollMax *time.Duration, tick *tickFunc) {
	if *cat == nil {
		*cat = model.DefaultCatalogue()
	}
	if *now == nil {
		*now = time.Now
	}
	if *pollMin <= 0 {
		*pollMin = time.Second
	}
	if *pollMax < *pollMin {
		*pollMax = max(10*time.Second, *pollMin)
	}
	if *tick == nil {
		*tick = tea.Tick
	}
}

// New builds the wizard.
func New(cfg Config) Model {
	fillDefaults(&cfg.Catalogue, &cfg.Now, &cfg.PollMin, &cfg.PollMax, &cfg.Tick)
	if cfg.Backend == nil {
		cfg.Backend = noBackend{}
	}
	if cfg.QuoteDebounce <= 0 {
		cfg.QuoteDebounce = 200 * time.Millisecond
	}
	if cfg.Desk == nil {
		cfg.Desk = order.New(order.Config{Backend: cfg.Backend, Catalogue: cfg.Catalogue, Journal: cfg.Journal, Endpoint: cfg.Endpoint, Now: cfg.Now})
	}
	m := Model{
		cfg:         cfg,
		desk:        cfg.Desk,
		cat:         cfg.Catalogue,
		frame:       newFrame(cfg.NoColor, cfg.ASCII, cfg.Redact),
		acctLoading: true,
		q:           newQuoteBook(),
		steps:       newSteps(),
		spin:        spinner.New(spinner.WithSpinner(spinner.MiniDot)),
	}
	// Init starts the spinner while the account and services load.
	m.spinning = true
	m.review.backend = cfg.Backend
	if cfg.Start != nil {
		m.startCmd = m.startOn(*cfg.Start)
	}
	return m
}

// Init asks for the background colour, the account and the services list.
func (m Model) Init() tea.Cmd {
	return tea.Batch(tea.RequestBackgroundColor, m.accountCmd(), m.servicesCmd(), m.startSpinnerCmd(), m.startCmd)
}

// Result reports how the wizard ended.
func (m Model) Result() Result { return m.result }

// Step is the step on screen.
func (m Model) Step() Step { return m.step }

// Order is the configuration on screen.
func (m Model) Order() model.Order { return m.order.Clone() }

// Update routes a message (update) and then notes the price on screen
// (notePriced), which the pane keeps, dimmed, while the next one loads.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.update(msg)
	if nm, ok := next.(Model); ok {
		nm.notePriced()
		return nm, cmd
	}
	return next, cmd
}

// update routes a message: window and terminal facts first, then I/O
// results, then keys to the current step.
func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if handled, restyled := m.terminal(msg); handled {
		if restyled {
			m.review.input = restyle(m.review.input, m.styles)
		}
		if _, resized := msg.(tea.WindowSizeMsg); resized {
			return m, m.resizeForms()
		}
		return m, nil
	}
	switch msg := msg.(type) {
	case cursor.BlinkMsg:
		// The embedded forms' cursor is steady: huh redraws it shown on
		// every frame, so its blink timer only costs updates.
		return m, nil
	case accountMsg:
		return m, m.gotAccount(msg)
	case servicesMsg:
		return m, m.gotOffers(msg)
	case quoteDebounceMsg:
		return m, m.fireQuote(msg)
	case quoteMsg:
		return m, m.gotQuote(msg)
	case prefetchIdleMsg:
		if msg.seq == m.q.idle {
			m.idle = true
		}
		return m, m.idleFired(msg)
	case verifyMsg:
		return m, m.gotVerify(msg)
	case placedMsg:
		return m, m.gotPlaced(msg)
	case settledMsg:
		m.gotSettled(msg)
		return m, nil
	case endRecordedMsg:
		switch {
		case msg.err == nil:
		case m.step == StepDone:
			m.done.follow.journalWarn = msg.err
		case m.step == StepFollowing:
			m.following.journalWarn = msg.err
		}
		return m, nil
	case deliveredMsg:
		m.gotDelivered(msg)
		return m, nil
	case pollMsg, jobMsg, clockMsg:
		if m.step != StepFollowing {
			return m, nil
		}
		cmd, ended := m.following.advance(msg, &m)
		m.result.State = m.following.job().State()
		if ended {
			return m, m.jobEnded()
		}
		return m, cmd
	case spinnerTickMsg:
		return m, m.tickSpinner()
	case tea.KeyPressMsg:
		m.idle = false
		return m, m.key(msg)
	}
	// Anything else (a paste, a field's own messages) goes to the field
	// that has the focus.
	return m, m.routeToStep(msg)
}

// current is the step on screen.
func (m *Model) current() stepModel { return m.byStep[m.step] }

// resizeForms fits the open forms to the body's new size.
func (m *Model) resizeForms() tea.Cmd {
	w, h := m.bodyWidth(), m.bodyHeight()
	var cmds []tea.Cmd
	for _, st := range m.byStep {
		cmds = append(cmds, st.resize(w, h))
	}
	return tea.Batch(cmds...)
}

// typing reports whether a text field has the focus, so letters are text
// and not commands.
func (m *Model) typing() bool { return m.current().typing() }

// key handles the keys that work everywhere, then hands the key to the step.
func (m *Model) key(msg tea.KeyPressMsg) tea.Cmd {
	k := &m.keys
	m.clearNotices()
	if m.confirmQuit {
		switch {
		case matches(msg, k.Yes), matches(msg, k.ForceQuit):
			m.result.Interrupted = matches(msg, k.ForceQuit)
			return m.quit()
		case matches(msg, k.No):
			m.confirmQuit = false
		}
		return nil
	}
	if m.small() {
		// Nothing can be seen, so nothing but quitting is done, and no
		// question can be asked: q quits at once, like ctrl+c.
		if matches(msg, k.ForceQuit, k.Quit) && m.step != StepPlacing {
			m.result.Interrupted = matches(msg, k.ForceQuit)
			return m.quit()
		}
		return nil
	}
	if m.helpOpen {
		if !matches(msg, k.ForceQuit) {
			m.helpOpen = !matches(msg, k.Help, k.Back)
			return nil
		}
		m.helpOpen = false
	}
	if matches(msg, k.ForceQuit) || (!m.typing() && matches(msg, k.Quit)) {
		force := matches(msg, k.ForceQuit)
		if m.step == StepPlacing || (!force && m.unplaced()) {
			m.confirmQuit = true
			return nil
		}
		m.result.Interrupted = force
		return m.quit()
	}
	if !m.typing() && matches(msg, k.Help) {
		m.helpOpen = true
		return nil
	}
	if m.step == StepDone && matches(msg, k.Next) {
		return m.quit()
	}
	if matches(msg, k.Back) && !m.current().ownsBack() {
		return m.apply(goBack{})
	}
	if matches(msg, k.Retry) && !m.typing() && m.canRetry() {
		return m.retry()
	}
	return m.routeToStep(msg)
}

// canRetry reports whether something failed that r asks for again: the
// account context or the price on screen.
func (m *Model) canRetry() bool {
	if m.step >= StepPlacing {
		return false
	}
	return (m.acctErr != nil && !m.acctLoading) || m.quoteFailed()
}

// quoteFailed reports whether the price on screen failed for a reason
// other than a refusal.
func (m *Model) quoteFailed() bool {
	for _, o := range m.wantedQuotes() {
		if _, ok := m.q.failure(o.Key()); ok {
			return true
		}
	}
	return false
}

// retry reloads the account and asks for the price again, whichever failed.
func (m *Model) retry() tea.Cmd {
	var cmds []tea.Cmd
	if m.acctErr != nil && !m.acctLoading {
		m.acctLoading, m.acctErr = true, nil
		cmds = append(cmds, m.accountCmd(), m.startSpinner())
	}
	if m.quoteFailed() {
		cmds = append(cmds, m.retryQuote())
	}
	return tea.Batch(cmds...)
}

// routeToStep gives msg to the current step and applies what it asks for.
func (m *Model) routeToStep(msg tea.Msg) tea.Cmd {
	act, cmd := m.current().update(msg, m.env())
	cmd2 := m.apply(act)
	var pre tea.Cmd
	if _, isKey := msg.(tea.KeyPressMsg); isKey && (m.step == StepPlan || m.step == StepExtras) {
		pre = m.schedulePrefetch()
	}
	return tea.Batch(cmd, cmd2, pre)
}

// quit ends the program, recording the result. Leaving while the create
// is out is not aborting: the order may exist (Result.LeftWhilePlacing).
func (m *Model) quit() tea.Cmd {
	m.confirmQuit = false
	if m.unplaced() {
		o := m.order.Clone()
		m.result.Unplaced = &o
	}
	switch {
	case m.step == StepPlacing:
		m.result.LeftWhilePlacing = true
	case !m.result.Placed && m.result.Placement.Outcome != order.Unknown && m.result.Halt == nil:
		m.result.Aborted = true
	}
	m.q.cancelMain()
	return tea.Quit
}

// unplaced reports whether leaving now would lose a configured order: a
// product is chosen and nothing is ordered (nothing sent, or sent and
// refused, back on Review).
func (m *Model) unplaced() bool { return m.prod != nil && m.step <= StepReview }

// apply carries out a step's action. It is the only place the order
// changes, and every change is followed by scheduleQuote.
func (m *Model) apply(a action) tea.Cmd {
	switch a := a.(type) {
	case nil:
		return nil
	case setParam:
		m.order = m.order.With(m.prod, a.param, a.value)
		m.placeErr = nil
		return m.scheduleQuote()
	case applyFix:
		return m.fix(a)
	case chooseProduct:
		p, ok := m.cat.Product(a.id)
		if !ok {
			return nil
		}
		if m.prod == nil || m.prod.ID != p.ID {
			m.prod = p
			m.order = model.Order{Product: p.ID, BillTo: m.order.BillTo}
			m.discount = discountState{}
			m.backToReview = false
			m.placeErr = nil
		}
		return m.goTo(transition(m.prod, StepService, evNext))
	case goNext:
		if m.backToReview {
			m.backToReview = false
			return m.goTo(StepReview)
		}
		return m.goTo(transition(m.prod, m.step, evNext))
	case goBack:
		return m.goTo(transition(m.prod, m.step, evBack))
	case jumpTo:
		if !applies(m.prod, a.step) {
			return nil
		}
		m.backToReview = a.step != StepService
		return m.goTo(a.step)
	case checkCode:
		m.discount = discountState{code: a.code, status: discChecking}
		return tea.Batch(m.verifyCmd(a.code), m.startSpinner())
	case dropCode:
		m.order = m.order.With(m.prod, model.ParamDiscountCode, "")
		if !a.keepCheck {
			m.discount = discountState{}
		}
		return m.scheduleQuote()
	case setBilling:
		m.order.BillTo = a.bill
		return m.scheduleQuote()
	case placeOrder:
		return m.place()
	}
	return nil
}

// goTo enters step s, letting it place its cursor (and choose the first
// possible option where nothing is chosen yet).
func (m *Model) goTo(s Step) tea.Cmd {
	m.step = s
	act, cmd := m.current().enter(m.env())
	quote := m.apply(act)
	if act == nil {
		quote = m.scheduleQuote()
	}
	return tea.Batch(cmd, quote, m.schedulePrefetch())
}

// gotAccount stores the account context; rules that depend on it (snapshots,
// servers, payment) now apply, and the step on screen catches up.
func (m *Model) gotAccount(msg accountMsg) tea.Cmd {
	m.acctLoading = false
	if msg.err != nil {
		m.acctErr = msg.err
		return nil
	}
	offered := m.acct.OfferedSKUs // the services list's, read apart (gotOffers)
	m.acct, m.acctErr = msg.acct, nil
	m.acct.Known, m.acct.OfferedSKUs = true, offered
	act := m.current().resync(m.env())
	if act == nil {
		return m.scheduleQuote()
	}
	return m.apply(act)
}

// The follower interface, for followingStep.
func (m Model) now() time.Time { return m.cfg.Now() }
func (m Model) backoff() order.Backoff {
	return order.Backoff{Min: m.cfg.PollMin, Max: m.cfg.PollMax}
}

// env is the read-only context the steps see.
func (m *Model) env() *env {
	e := &env{
		desk: m.desk, cat: m.cat, prod: m.prod, order: m.order,
		acct: m.acct, acctLoading: m.acctLoading, acctErr: m.acctErr,
		offers: m.offers, offersErr: m.offersErr, offersDone: m.offersDone,
		discount: m.discount, st: m.styles, keys: &m.keys, theme: formTheme(m.cell),
		width: m.bodyWidth(), height: m.bodyHeight(), q: &m.q,
		sandbox: m.cfg.Sandbox, endpoint: m.cfg.Endpoint, label: m.cfg.AccountLabel,
		placeErr: m.placeErr, ephemeral: m.cfg.Ephemeral,
	}
	if m.busy() {
		e.spinner = m.spin.View()
	} else {
		e.spinner = "·"
	}
	if m.prod != nil {
		eff, _ := pricedOrder(m.cat, m.prod, m.order)
		if ent, ok := m.q.answer(eff.Key()); ok && ent.err != nil {
			e.refused, _ = refusalOf(ent.err)
		}
	}
	return e
}
