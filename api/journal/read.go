package journal

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"time"
)

// Record is one order as the journal knows it: its intent and, when
// written, its outcome.
type Record struct {
	ID   string    `json:"id"`
	Time time.Time `json:"time"`
	Intent
	// State is StatePending until an outcome line exists.
	State     string    `json:"state"`
	OutcomeAt time.Time `json:"outcome_time,omitzero"`
	Answer
	Error string `json:"error,omitempty"`
	// Candidates are invoices found afterwards that may be this order (for
	// an unknown outcome).
	Candidates []int `json:"candidate_invoices,omitempty"`
	// Mismatch says how Memset's answer differed from the confirmed price;
	// it stays after the job ends.
	Mismatch string `json:"price_mismatch,omitempty"`
	// Service is what the job delivered; Stage the stage the job ended in
	// (for a failure, the last stage seen); EndedAt when that was seen.
	Service string    `json:"service,omitempty"`
	Stage   string    `json:"stage,omitempty"`
	EndedAt time.Time `json:"end_time,omitzero"`
}

// ReadResult is what Read found.
type ReadResult struct {
	// Records, newest first.
	Records []Record
	// Damaged counts lines that could not be read (a torn last line after a
	// crash, or a hand-edited file); they are skipped, never fatal.
	Damaged int
}

// Read reads the whole journal at path into memory. A missing file is an
// empty journal; anything but a regular file is refused (OpenRead). Read
// holds every record at once: a front end that shows
// some of them, or writes them out one by one, uses Select, whose memory
// does not grow with the file.
func Read(path string) (ReadResult, error) {
	f, err := OpenRead(path)
	if f == nil || err != nil {
		return ReadResult{}, err
	}
	defer f.Close()
	return read(f)
}

// parse decodes one line of the journal (without its newline) into l:
// skip is true for a blank line, which is no line at all, and ok false
// for a line that cannot be read.
func parse(raw []byte, l *line) (ok, skip bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return false, true
	}
	*l = line{}
	if json.Unmarshal(raw, l) != nil || l.ID == "" {
		return false, false
	}
	return true, false
}

// fits reports whether a line can be applied: its kind, whether it
// carries an intent, its state, and known saying whether an intent line
// for its id came earlier in the journal. A line that does not fit is
// damaged: an intent for an id already seen, a line for an id never
// introduced, an end that is neither done nor failed, an unknown kind.
func fits[S string | []byte](kind S, intent bool, state S, known bool) bool {
	switch string(kind) {
	case kindIntent:
		return !known && intent
	case kindOutcome, kindCandidates:
		return known
	case kindEnd:
		return known && (string(state) == StateDone || string(state) == StateFailed)
	}
	return false
}

// record is the record an intent line starts.
func (l *line) record() Record {
	return Record{ID: l.ID, Time: l.Time, Intent: *l.Intent, State: StatePending}
}

// applyTo folds a line that fits, other than the intent, into its record.
// brief.apply must change the same fields the same way.
func (l *line) applyTo(rec *Record) {
	switch l.Kind {
	case kindOutcome:
		rec.State, rec.OutcomeAt, rec.Answer, rec.Error = l.State, l.Time, l.Answer, l.Error
		if l.Mismatch != "" {
			rec.Mismatch = l.Mismatch
		}
	case kindEnd:
		rec.State, rec.EndedAt, rec.Service, rec.Stage = l.State, l.Time, l.Service, l.Stage
		if l.JobID != "" {
			rec.JobID, rec.JobType, rec.JobStatus = l.JobID, l.JobType, l.JobStatus
		}
	case kindCandidates:
		for _, ref := range l.Candidates {
			if !slices.Contains(rec.Candidates, ref) {
				rec.Candidates = append(rec.Candidates, ref)
			}
		}
	}
}

// read reads a whole journal from r, in one pass.
func read(r io.Reader) (ReadResult, error) {
	var res ReadResult
	byID := map[string]*Record{}
	var order []string
	lr := newLineReader(r)
	var l line
	for {
		raw, _, long, err := lr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return res, fmt.Errorf("journal: read: %w", err)
		}
		if long {
			res.Damaged++
			continue
		}
		ok, skip := parse(raw, &l)
		if skip {
			continue
		}
		rec, known := byID[l.ID]
		if !ok || !fits(l.Kind, l.Intent != nil, l.State, known) {
			res.Damaged++
			continue
		}
		if l.Kind == kindIntent {
			r := l.record()
			byID[l.ID] = &r
			order = append(order, l.ID)
			continue
		}
		l.applyTo(rec)
	}
	for _, id := range order {
		res.Records = append(res.Records, *byID[id])
	}
	sort.SliceStable(res.Records, func(a, b int) bool { return res.Records[a].Time.After(res.Records[b].Time) })
	return res, nil
}

// lineReader reads a journal one line at a time and never holds more
// than one line of at most maxLine bytes: a longer line is skipped to its
// end and reported as long.
type lineReader struct {
	br *bufio.Reader
	// off is the file offset of the next line.
	off int64
	buf []byte
}

func newLineReader(r io.Reader) *lineReader {
	return &lineReader{br: bufio.NewReaderSize(r, 64<<10)}
}

// next returns the next line without its newline and its offset in the
// file; long says it was longer than maxLine (raw is then nil). raw is
// valid until the next call. err is io.EOF once every line was returned.
func (r *lineReader) next() (raw []byte, off int64, long bool, err error) {
	off = r.off
	r.buf = r.buf[:0]
	for {
		chunk, err := r.br.ReadSlice('\n')
		r.off += int64(len(chunk))
		if !long {
			if len(r.buf)+len(chunk) > maxLine+1 {
				long, r.buf = true, r.buf[:0]
			} else {
				r.buf = append(r.buf, chunk...)
			}
		}
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case err == nil:
			if long {
				return nil, off, true, nil
			}
			return r.buf[:len(r.buf)-1], off, false, nil
		case errors.Is(err, io.EOF):
			if r.off == off {
				return nil, off, false, io.EOF
			}
			// A last line without its newline.
			if long || len(r.buf) > maxLine {
				return nil, off, true, nil
			}
			return r.buf, off, false, nil
		default:
			return nil, off, false, err
		}
	}
}

// Tied returns the invoice references the records other than except were
// answered with.
func (res ReadResult) Tied(except string) map[int]bool {
	out := map[int]bool{}
	for _, r := range res.Records {
		if r.ID != except && r.InvoiceRef != 0 {
			out[r.InvoiceRef] = true
		}
	}
	return out
}

// Find returns the record whose id is id, or whose job id is id.
func (res ReadResult) Find(id string) (Record, bool) {
	for _, r := range res.Records {
		if r.ID == id || (r.JobID != "" && r.JobID == id) {
			return r, true
		}
	}
	return Record{}, false
}

// LatestWithJob returns the newest record that has a job to follow.
func (res ReadResult) LatestWithJob() (Record, bool) {
	for _, r := range res.Records {
		if r.JobID != "" {
			return r, true
		}
	}
	return Record{}, false
}

// hexID packs an id of 16 lower-case hexadecimal digits (the form the
// journal gives its records) into a number; ok is false for any other id.
func hexID(id []byte) (n uint64, ok bool) {
	if len(id) != 16 {
		return 0, false
	}
	for _, c := range id {
		switch {
		case '0' <= c && c <= '9':
			n = n<<4 | uint64(c-'0')
		case 'a' <= c && c <= 'f':
			n = n<<4 | uint64(c-'a'+10)
		default:
			return 0, false
		}
	}
	return n, true
}

// hexString is the inverse of hexID.
func hexString(n uint64) string {
	var b [8]byte
	for i := range b {
		b[i] = byte(n >> (56 - 8*i))
	}
	return hex.EncodeToString(b[:])
}
