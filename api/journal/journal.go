// Package journal is memset-order's local record of real orders: an intent
// line is written and synced before a create is sent, and an outcome line
// (invoice reference and job id, a refusal, or "unknown") after. A killed
// terminal, a lost connection or a crash therefore never loses an invoice
// reference or a job id (design §5, invariants 1 and 2).
//
// The journal is a JSON-lines file, mode 0600, in the user's state directory
// ($XDG_STATE_HOME/memset-order/orders.jsonl, by default
// ~/.local/state/memset-order/orders.jsonl). It never holds the API key.
package journal

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/memset-order/memset-order/api/credentials"
	"github.com/memset-order/memset-order/model"
)

// FileName is the journal's file name inside its directory.
const FileName = "orders.jsonl"

// maxLine bounds one journal line; longer lines are reported as damaged.
const maxLine = 1 << 20

// Journal appends to one journal file. It is safe for concurrent use within
// a process; each line is written with a single append write and synced.
type Journal struct {
	path    string
	sandbox bool
	now     func() time.Time
	newID   func() string
	// later: opened by OpenLater, so the first record creates the
	// directory.
	later bool
	mu    sync.Mutex
}

// Option configures a Journal.
type Option func(*Journal)

// WithSandbox marks every record written as a sandbox order.
func WithSandbox(sandbox bool) Option { return func(j *Journal) { j.sandbox = sandbox } }

// WithClock sets the clock used for timestamps (tests).
func WithClock(now func() time.Time) Option { return func(j *Journal) { j.now = now } }

// WithIDs sets the generator of record ids (tests).
func WithIDs(newID func() string) Option { return func(j *Journal) { j.newID = newID } }

// DefaultPath is the journal's path under the XDG state directory.
func DefaultPath() (string, error) {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "memset-order", FileName), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("journal: cannot find the home directory for the state directory: %w", err)
	}
	return filepath.Join(home, ".local", "state", "memset-order", FileName), nil
}

// file is how messages name the journal, and its rules (design §5,
// invariant 2: nobody else may read the journal, or redirect it).
var file = credentials.UserFile{Label: "journal", Flag: "--journal"}

// CheckRegular refuses a journal path that exists but is not a regular
// file, with a message naming the path and --journal: a named pipe would
// block reading or writing it until killed (ctrl+c cannot end a blocked
// open), and a symbolic link is never followed. A missing path passes (an
// empty journal).
func CheckRegular(path string) error { return reworded("read", path, file.CheckRegular(path)) }

// OpenRead opens the journal at path for reading, or returns nil and no
// error when there is none. It refuses what CheckRegular refuses, with the
// same messages, and cannot block: a named pipe put in the journal's place
// after the check is opened without waiting for a writer, then refused.
// Whatever reads the journal opens it with OpenRead.
func OpenRead(path string) (*os.File, error) {
	if err := CheckRegular(path); err != nil {
		return nil, err
	}
	f, err := file.OpenRead(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return f, reworded("read", path, err)
}

// Open opens (creating if needed) the journal at path: the directory with
// mode 0700, the file with 0600. The journal records what the account
// bought, so Open, and every write after it, refuse with the fix:
//   - a directory that belongs to another user, that its group or others
//     can write to (they could swap the journal for a link to a file of
//     their choosing), or that is a symbolic link another user made;
//   - a journal that is not a regular file or is a symbolic link (one is
//     never followed), that belongs to another user, that has a second name
//     (a hard link), or that group or others can read or write.
func Open(path string, opts ...Option) (*Journal, error) {
	j := newJournal(path, opts)
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, failed("create the directory", dir, err)
	}
	f, err := j.open()
	if err != nil {
		return nil, reworded("open", path, err)
	}
	if err := f.Close(); err != nil {
		return nil, failed("close", path, err)
	}
	return j, nil
}

// newJournal is the journal at path with opts applied, nothing opened.
func newJournal(path string, opts []Option) *Journal {
	j := &Journal{path: path, now: time.Now, newID: randomID}
	for _, o := range opts {
		o(j)
	}
	return j
}

// OpenLater is Open for a journal that may never be written, the embedded
// sandbox's: nothing is created until the first record, which creates the
// directory and the file as Open does (issue #15: a start-up, or a look
// round the sandbox, leaves no file behind). What already exists is
// checked now, under Open's rules, so that a directory or a journal
// another user could redirect is refused before any answer is asked.
func OpenLater(path string, opts ...Option) (*Journal, error) {
	j := newJournal(path, opts)
	j.later = true
	dir := filepath.Dir(path)
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return j, nil
	}
	if err := file.CheckDir(dir); err != nil {
		return nil, reworded("open", path, err)
	}
	f, err := file.OpenPrivate(path, os.O_RDWR|os.O_APPEND)
	if errors.Is(err, fs.ErrNotExist) {
		return j, nil
	}
	if err != nil {
		return nil, reworded("open", path, err)
	}
	if err := f.Close(); err != nil {
		return nil, failed("close", path, err)
	}
	return j, nil
}

// open checks the journal's directory and opens the journal for appending
// under the rules of Open, without following a symbolic link and without
// waiting on a named pipe.
func (j *Journal) open() (*os.File, error) {
	if j.later {
		if err := os.MkdirAll(filepath.Dir(j.path), 0o700); err != nil {
			return nil, err
		}
	}
	if err := file.CheckDir(filepath.Dir(j.path)); err != nil {
		return nil, err
	}
	return file.OpenPrivate(j.path, os.O_RDWR|os.O_APPEND|os.O_CREATE)
}

// Path is the journal's file path.
func (j *Journal) Path() string { return j.path }

// Line kinds.
const (
	kindIntent     = "intent"
	kindOutcome    = "outcome"
	kindCandidates = "candidates"
	kindEnd        = "end"
)

// Outcome states of a record.
const (
	// StatePending: the intent was written but no outcome ever was (the
	// program died, or the create is still in flight). Check invoice.list.
	StatePending = "pending"
	// StatePlaced: Memset answered with an order.
	StatePlaced = "placed"
	// StateUnknown: the create was sent but its answer was lost.
	StateUnknown = "unknown"
	// StateRefused: Memset refused the order, or it was never sent.
	StateRefused = "refused"
	// StateMismatch: Memset answered with an order whose price or currency
	// differs from the price that was confirmed (Record.Mismatch says how).
	StateMismatch = "price-mismatch"
	// StateDryRunOrder: a price check (dry run) was answered with a real
	// order. Nobody confirmed it; it is recorded so that it is not lost.
	StateDryRunOrder = "dry-run-order"
	// StateDone: the order's job finished; Record.Service names what was
	// delivered.
	StateDone = "done"
	// StateFailed: the order's job failed; Record.Stage says where.
	StateFailed = "failed"
)

// Intent describes what was about to be sent, and the price the person
// confirmed for it.
type Intent struct {
	Endpoint string            `json:"endpoint"`
	Sandbox  bool              `json:"sandbox"`
	Method   string            `json:"method"`
	Product  string            `json:"product"`
	Params   map[string]string `json:"params"`
	// ConfirmedTotal and ConfirmedCurrency are the dry run's net_total and
	// currency the person confirmed ("" when none was confirmed).
	ConfirmedTotal    string `json:"confirmed_net_total,omitempty"`
	ConfirmedCurrency string `json:"confirmed_currency,omitempty"`
	// Origin is who placed the order through `memset-order serve` (empty
	// for an order placed at this machine's own terminal, and in journals
	// written before serve existed).
	Origin
}

// Origin says who placed an order over SSH (`memset-order serve`): the
// user name the session logged in as and the SHA256 fingerprint of the
// public key it authenticated with. Both are "" for an order placed at
// this machine's own terminal.
type Origin struct {
	SSHUser string `json:"ssh_user,omitempty"`
	SSHKey  string `json:"ssh_key,omitempty"`
}

// Answer is what came back for a placed order.
type Answer struct {
	InvoiceRef int    `json:"invoice_ref,omitempty"`
	JobID      string `json:"job_id,omitempty"`
	JobType    string `json:"job_type,omitempty"`
	JobStatus  string `json:"job_status,omitempty"`
	NetTotal   string `json:"net_total,omitempty"`
	NetSetup   string `json:"net_setup_price,omitempty"`
	Currency   string `json:"currency,omitempty"`
}

// line is one JSON line of the journal file: an intent line carries the
// Intent, an outcome line the State, the Answer and any Error.
type line struct {
	Kind string    `json:"kind"`
	ID   string    `json:"id"`
	Time time.Time `json:"time"`
	*Intent
	State string `json:"state,omitempty"`
	Answer
	Error string `json:"error,omitempty"`
	// Candidates, on a candidates line, are invoices that may be the
	// order of an unknown outcome.
	Candidates []int `json:"candidates,omitempty"`
	// Mismatch, on an outcome line, says how the answer differs from the
	// confirmed price.
	Mismatch string `json:"mismatch,omitempty"`
	// Service and Stage, on an end line, are the job's new service and the
	// stage it ended in (for a failure, the last stage seen).
	Service string `json:"service,omitempty"`
	Stage   string `json:"stage,omitempty"`
}

// Intent records that a real create for o is about to be sent to endpoint
// with the given parameters (never including the key) and returns the
// record's id. The line is synced to disk before Intent returns; if it
// cannot be, the order must not be sent.
func (j *Journal) Intent(method model.Method, o model.Order, params map[string]string, endpoint string) (string, error) {
	return j.IntentConfirmed(method, o, params, endpoint, nil)
}

// IntentConfirmed is Intent with the price the person confirmed, so that
// the answer can be compared with it later.
func (j *Journal) IntentConfirmed(method model.Method, o model.Order, params map[string]string, endpoint string, confirmed *model.Quote) (string, error) {
	return j.IntentFrom(method, o, params, endpoint, confirmed, Origin{})
}

// IntentFrom is IntentConfirmed with who placed the order over SSH
// (Origin; zero for the person at this machine's terminal).
func (j *Journal) IntentFrom(method model.Method, o model.Order, params map[string]string, endpoint string, confirmed *model.Quote, origin Origin) (string, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	id := j.newID()
	in := &Intent{Endpoint: endpoint, Sandbox: j.sandbox, Method: string(method), Product: string(o.Product), Params: params, Origin: origin}
	if confirmed != nil {
		in.ConfirmedTotal, in.ConfirmedCurrency = confirmed.NetTotal.Amount.Decimal(), string(confirmed.Currency)
	}
	return id, j.append(line{Kind: kindIntent, ID: id, Time: j.now().UTC(), Intent: in})
}

// Outcome records how the create of record id ended. state is one of
// StatePlaced, StateUnknown or StateRefused; q is the answer when there
// was one; errText says what went wrong (it must not contain the key; the
// api package's errors never do).
func (j *Journal) Outcome(id, state string, q *model.Quote, errText string) error {
	return j.OutcomeMismatch(id, state, q, errText, "")
}

// OutcomeMismatch is Outcome with mismatch saying how the answer differs
// from the confirmed price (for StateMismatch).
func (j *Journal) OutcomeMismatch(id, state string, q *model.Quote, errText, mismatch string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	l := line{Kind: kindOutcome, ID: id, Time: j.now().UTC(), State: state, Error: errText, Mismatch: mismatch}
	if q != nil {
		l.Answer = Answer{
			InvoiceRef: q.InvoiceRef,
			NetTotal:   q.NetTotal.Amount.Decimal(),
			NetSetup:   q.NetSetup.Amount.Decimal(),
			Currency:   string(q.Currency),
		}
		if q.Job != nil {
			l.JobID, l.JobType, l.JobStatus = q.Job.ID, q.Job.Type, q.Job.Status
		}
	}
	return j.append(l)
}

// Candidates records invoices that may belong to the order of record id,
// found by checking invoice.list after its outcome was unknown.
func (j *Journal) Candidates(id string, invoiceRefs []int) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.append(line{Kind: kindCandidates, ID: id, Time: j.now().UTC(), Candidates: invoiceRefs})
}

// End records how the job of record id ended: state is StateDone or
// StateFailed, job is the job as last seen, and stage the stage it ended
// in (for a failure, the last stage seen before it).
func (j *Journal) End(id, state string, job model.Job, stage string) error {
	if state != StateDone && state != StateFailed {
		return fmt.Errorf("journal: a job ends done or failed, not %q", state)
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	l := line{Kind: kindEnd, ID: id, Time: j.now().UTC(), State: state, Service: job.Service, Stage: stage}
	l.JobID, l.JobType, l.JobStatus = job.ID, job.Type, job.Status
	return j.append(l)
}

// append writes one line; the caller holds j.mu.
func (j *Journal) append(l line) error {
	b, err := json.Marshal(l)
	if err != nil {
		return fmt.Errorf("journal: encode: %w", err)
	}
	b = append(b, '\n')
	f, err := j.open()
	if err != nil {
		return reworded("open", j.path, err)
	}
	// A torn line left by a crash would glue itself to this one; start on a
	// fresh line if the file does not end with a newline.
	if st, err := f.Stat(); err == nil && st.Size() > 0 {
		var last [1]byte
		if _, err := f.ReadAt(last[:], st.Size()-1); err == nil && last[0] != '\n' {
			b = append([]byte{'\n'}, b...)
		}
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		return failed("write to", j.path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return failed("save", j.path, err)
	}
	if err := f.Close(); err != nil {
		return failed("close", j.path, err)
	}
	return nil
}

// randomID returns a record id: 16 random hex digits.
func randomID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		return fmt.Sprintf("t%x", time.Now().UnixNano())
	}
	return hex.EncodeToString(b[:])
}
