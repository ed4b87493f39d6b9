package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// FollowBackend is what following a job needs from the Memset API;
// *api.Client (and so the Backend of the wizard) satisfies it.
type FollowBackend interface {
	// JobStatus reads a job.
	JobStatus(ctx context.Context, id string) (model.Job, error)
	// DeliveredReader reads what the job delivered once it is done.
	DeliveredReader
}

// FollowConfig is what a FollowModel is given. Only Backend and JobID are
// required.
type FollowConfig struct {
	// Backend answers job.status.
	Backend FollowBackend
	// Catalogue gives the expected stages of each job type (default
	// model.DefaultCatalogue()).
	Catalogue *model.Catalogue
	// JobID is the job to follow: 32 lower-case hex digits. Anything else is
	// refused before any call.
	JobID string
	// Product, when known (from the journal), names the product and its
	// stages. Otherwise the product is found by the job's type after the
	// first answer; a type no product has shows the statuses as they come,
	// without the list of expected stages.
	Product model.ProductID
	// InvoiceRef, when known, is shown with the job.
	InvoiceRef int
	// Order, when known (from the journal), is the order the job sets up:
	// the Done screen names an OpenStack project as typed and a top-up's
	// GB from it.
	Order model.Order
	// FailedStage, when known (the journal's record of the job's end), is
	// the stage the job failed in: shown when the job had failed already
	// when following began, which Memset's answer does not say.
	FailedStage string
	// Sandbox shows SANDBOX in the header.
	Sandbox bool
	// Now is the clock for elapsed times (default time.Now).
	Now func() time.Time
	// PollMin and PollMax bound the job.status backoff (default 1s → 10s;
	// while the job is moving the wait is at most 5s).
	PollMin, PollMax time.Duration
	// Tick schedules a message after a delay (default tea.Tick); tests
	// replace it to drive polling without real time.
	Tick func(time.Duration, func(time.Time) tea.Msg) tea.Cmd
	// NoColor drops colours (NO_COLOR); tea.EnvMsg can also set it.
	NoColor bool
	// ASCII draws the rule, the marks and the progress bar in plain ASCII,
	// for terminals whose locale is not UTF-8 (see UTF8Locale), as
	// Config.ASCII does for the wizard.
	ASCII bool
	// Desk, when given, reads the job and writes its end into journal
	// record JournalID (the order the job belongs to, when the journal
	// has it).
	Desk      *order.Desk
	JournalID string
	// ResumeArgs are flags the resume command needs, e.g. " --api-url URL".
	ResumeArgs string
	// Redact hides the active API key from every frame and the window
	// title (nil: nothing to hide).
	Redact func(string) string
}

// FollowResult is how following ended, for main to report.
type FollowResult struct {
	// Job is the job as last seen (only its ID when job.status never
	// answered).
	Job model.Job
	// State is the job's state as last seen; 0 when never seen.
	State model.JobState
	// Left is true when the person left before the job ended; it goes on
	// at Memset (ResumeCommand follows it again).
	Left bool
	// Err is why following stopped without an end: a malformed id, a job
	// Memset does not know, a refused key.
	Err error
	// Stage is the stage the job ended in (for a failure, the last stage
	// seen before it).
	Stage string
	// JournalErr is why the journal could not record the job's end.
	JournalErr error
	// Interrupted is true when following ended on ctrl+c
	// (KeyMap.ForceQuit) rather than q or enter.
	Interrupted bool
}

// quoteID shows an id as typed, quoted and cut short when it is not a job
// id, so that no control character or screenful of text gets through.
func quoteID(id string) string {
	if model.ValidJobID(id) {
		return id
	}
	if len(id) > 40 {
		id = id[:40] + "…"
	}
	return strconv.Quote(id)
}

// FollowModel follows one job by its id, with the stages view of the
// wizard's Following step (the same code): `memset-order job follow ID`.
// q or ctrl+c leave at once (nothing is being ordered) and the job goes on
// at Memset; Result then says how to resume.
type FollowModel struct {
	cfg FollowConfig
	// frame is the size, colours, styles and keys it shares with the
	// wizard.
	frame
	prod *model.Product
	// title is the product's name, or the job's type when the type does
	// not name one product.
	title string
	f     followingStep
	// err is the refusal of a malformed id; nothing was asked.
	err error
	// journalErr is why the journal could not record the job's end.
	journalErr error
	// dv is what a done job delivered, as Memset's reads say.
	dv delivered
	// interrupted is set when ctrl+c ended following.
	interrupted bool
}

// NewFollow builds the follower. A malformed id is refused here: Init then
// asks Memset nothing and the screen says why.
func NewFollow(cfg FollowConfig) FollowModel {
	fillDefaults(&cfg.Catalogue, &cfg.Now, &cfg.PollMin, &cfg.PollMax, &cfg.Tick)
	if cfg.Backend == nil {
		// Without a Backend the job is still read through the Desk; what it
		// delivered cannot be, and Done says so.
		cfg.Backend = noBackend{}
	}
	m := FollowModel{cfg: cfg, frame: newFrame(cfg.NoColor, cfg.ASCII, cfg.Redact)}
	if cfg.Product != "" {
		if p, ok := cfg.Catalogue.Product(cfg.Product); ok {
			m.prod, m.title = p, p.Name
		}
	}
	// The clock starts now; Init sends the first poll at once.
	m.f.startByID(cfg.JobID, cfg.InvoiceRef, m.prod, m)
	m.f.t.FailedAt = model.Printable(cfg.FailedStage)
	if !model.ValidJobID(cfg.JobID) {
		m.err = fmt.Errorf("%s is not a job id: Memset's job ids are 32 lower-case hex digits (memset-order orders lists yours)", quoteID(cfg.JobID))
	}
	return m
}

// Init asks for the background colour and, for a well-formed id, the job.
func (m FollowModel) Init() tea.Cmd {
	if m.err != nil {
		return tea.RequestBackgroundColor
	}
	return tea.Batch(tea.RequestBackgroundColor, m.jobCmd(m.cfg.JobID), m.clockAfter(m.f.clockSeq))
}

// Result reports how following ended.
func (m FollowModel) Result() FollowResult {
	r := FollowResult{Job: m.f.job(), Left: m.f.left, Err: m.err, JournalErr: m.journalErr, Interrupted: m.interrupted}
	if m.f.answered() {
		r.State = m.f.job().State()
		r.Stage, _ = m.f.t.LastStage()
	}
	if r.Err == nil {
		r.Err = m.f.t.EndErr
	}
	return r
}

// Update handles the terminal's facts, keys and the polling.
func (m FollowModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if handled, _ := m.terminal(msg); handled {
		return m, nil
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.key(msg)
	case endRecordedMsg:
		m.journalErr = msg.err
		m.f.journalWarn = msg.err
	case deliveredMsg:
		m.dv.got(msg)
		m.f.reading = m.dv.reading
	case pollMsg, jobMsg, clockMsg:
		if m.err != nil {
			return m, nil
		}
		cmd, ended := m.f.advance(msg, m)
		if m.prod == nil && m.title == "" && m.f.answered() {
			m.findProduct()
			m.f.t.Product = m.prod
		}
		if ended {
			cmd = tea.Batch(cmd, m.ended())
		}
		return m, cmd
	}
	return m, nil
}

// ended records the job's end in the journal and starts reading what a
// done job delivered; the Done screen shows when that answers.
func (m *FollowModel) ended() tea.Cmd {
	var cmds []tea.Cmd
	if m.cfg.Desk != nil {
		cmds = append(cmds, recordEnd(m.cfg.Desk, m.cfg.JournalID, m.f.t))
	}
	if m.f.t.EndErr == nil {
		if d, ok := planDelivered(m.prod, m.cfg.Order, m.f.job()); ok {
			m.dv, m.f.reading = d, true
			cmds = append(cmds, deliveredCmd(m.cfg.Backend, d))
		}
	}
	return tea.Batch(cmds...)
}

// done reports whether the job has ended and the Done screen can show:
// what it delivered has been read.
func (m FollowModel) done() bool { return m.f.ended() && !m.f.reading }

// findProduct names the product by the job's type.
func (m *FollowModel) findProduct() {
	var found []*model.Product
	for _, p := range m.cfg.Catalogue.Products {
		if p.JobType == m.f.t.Job.Type {
			found = append(found, p)
		}
	}
	switch {
	case len(found) == 1:
		m.prod, m.title = found[0], found[0].Name
	case len(found) > 1:
		// Several products share the type (monthly and hourly
		// Miniservers): their stages are the same, their names are not.
		m.prod, m.title = found[0], m.f.t.Job.Type
	default:
		m.title = m.f.t.Job.Type
	}
}

// key leaves on q or ctrl+c at once (the job goes on), and on enter once
// the job has ended.
func (m FollowModel) key(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := &m.keys
	ended := m.err != nil || m.done()
	switch {
	case matches(msg, k.ForceQuit), matches(msg, k.Quit), ended && matches(msg, k.Next):
		m.f.left = !ended && !m.f.ended()
		m.interrupted = matches(msg, k.ForceQuit)
		return m, tea.Quit
	}
	return m, nil
}

// The follower interface, for followingStep.
func (m FollowModel) now() time.Time { return m.cfg.Now() }
func (m FollowModel) jobCmd(id string) tea.Cmd {
	if m.cfg.Desk != nil {
		return jobStatusCmd(m.cfg.Desk, id)
	}
	return jobStatusCmd(m.cfg.Backend, id)
}
func (m FollowModel) clockAfter(seq int) tea.Cmd { return clockAfter(m.cfg.Tick, seq) }
func (m FollowModel) pollAfter(d time.Duration, seq int) tea.Cmd {
	return pollAfter(m.cfg.Tick, d, seq)
}
func (m FollowModel) backoff() order.Backoff {
	return order.Backoff{Min: m.cfg.PollMin, Max: m.cfg.PollMax}
}

// View draws the follower in the alternate screen.
func (m FollowModel) View() tea.View {
	return m.view(m.render(), "memset-order · job "+quoteID(m.cfg.JobID))
}

// render is the screen: the header, the stages and the help line.
func (m FollowModel) render() string {
	if m.small() {
		return tooSmall(m.glyphs(), m.width, m.height)
	}
	st, w := m.styles, m.width
	e := &env{cat: m.cfg.Catalogue, prod: m.prod, st: st, keys: &m.keys, width: w, sandbox: m.cfg.Sandbox,
		height: max(m.height-headerHeight-2, 1), resumeArgs: m.cfg.ResumeArgs}
	ended := m.err != nil || m.done()
	cur := StepFollowing
	if ended {
		cur = StepDone
	}
	title := "following a job"
	if m.title != "" {
		title = m.title
	}
	head := headerView(st, w, title, crumbView(st, w, []Step{StepFollowing, StepDone}, cur), m.cfg.Sandbox, !m.cfg.Sandbox)
	var body string
	switch st2 := m.f.job().State(); {
	case m.err != nil:
		body = st.Title.Render(truncate("Job "+quoteID(m.cfg.JobID), w)) + "\n\n" + st.Error.Render(wrap(m.err.Error()+". Nothing was asked of Memset.", w))
	case m.done() && m.f.t.EndErr == nil && (st2 == model.JobDone || st2 == model.JobFailed):
		out := outcomeDone
		if st2 == model.JobFailed {
			out = outcomeFailed
		}
		body = strings.Join(endLines(e, out, &m.f, &m.dv), "\n")
	default:
		body = m.f.view(e)
	}
	body = padBlock(fitLines(m.glyphs().Fit(body, w), e.height), w, e.height)
	keys := []key.Binding{with(m.keys.Quit, "quit (the job goes on)", true)}
	if ended {
		keys = []key.Binding{with(m.keys.Next, "exit", true), with(m.keys.Quit, "exit", true)}
	}
	return m.screen(head, body, m.help(keys))
}
