package journal

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strconv"
	"time"
	"unicode/utf8"
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

// Query chooses the records Select keeps.
type Query struct {
	// Since, when not zero, keeps the records whose intent is at or after
	// it.
	Since time.Time
	// Match, when set, keeps the records whose brief it accepts. The brief
	// is the record as the whole journal leaves it, so a job id written by
	// a later line counts.
	Match func(Brief) bool
	// Limit, when positive, keeps only the Limit newest of the records
	// that Since and Match keep.
	Limit int
}

// Brief is what Select knows of a record without reading it in full:
// enough to choose it.
type Brief struct {
	ID string
	// Time is the intent's time, in UTC.
	Time       time.Time
	State      string
	JobID      string
	InvoiceRef int
	// Mismatch says that the record has a price mismatch (its
	// Record.Mismatch is not empty).
	Mismatch bool
}

// Selection is the records of one journal that a Query chose. Select finds
// them in a first pass over the file that keeps a brief of every record
// (about a hundred bytes: its id, time, state, job id, invoice and where
// its lines are) and no record in full; Each then reads the chosen
// records, a batch at a time, from those lines only. Its memory therefore
// grows with the journal by the briefs only (some 25 MB for 188,000
// records), and with the records chosen by one batch at most. The file
// stays open until Close, so a journal replaced in between is not mixed up
// with the one indexed.
type Selection struct {
	// Total counts the journal's records; Matched those that Since and
	// Match kept (Limit then keeps Len of them).
	Total, Matched int
	// Damaged counts lines that could not be read, as in ReadResult.
	Damaged int

	f     *os.File
	path  string
	idx   index
	order []int32 // the matched records, newest first
	n     int     // how many of order are chosen
}

// eachBatch is how many records Each reads at a time.
const eachBatch = 1024

// Select chooses records of the journal at path by q. A missing file is an
// empty journal; anything but a regular file is refused (OpenRead). The
// Selection must be closed.
func Select(path string, q Query) (*Selection, error) {
	f, err := OpenRead(path)
	if err != nil {
		return nil, err
	}
	s := &Selection{f: f, path: path, idx: newIndex()}
	if f == nil {
		return s, nil
	}
	if err := s.scan(f); err != nil {
		f.Close()
		return nil, err
	}
	s.choose(q)
	return s, nil
}

// Len is how many records Each yields.
func (s *Selection) Len() int { return s.n }

// Close closes the journal file.
func (s *Selection) Close() error {
	if s.f == nil {
		return nil
	}
	err := s.f.Close()
	s.f = nil
	return err
}

// scan is the first pass: it reads every line, counts the damaged ones
// exactly as Read does, and keeps a brief of each record. Lines in the
// form the journal writes are read by readFast; any other goes through
// encoding/json, as in Read.
func (s *Selection) scan(f *os.File) error {
	lr := newLineReader(f)
	var fl fastLine
	var l line
	for {
		raw, off, long, err := lr.next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("journal: read %s: %w", s.path, err)
		}
		if off >= maxOffset || s.idx.lines.len() == math.MaxInt32 {
			return fmt.Errorf("journal: %s is too long to read (%d lines, %d bytes)", s.path, s.idx.lines.len(), off)
		}
		if long {
			s.Damaged++
			continue
		}
		n := len(raw)
		raw = bytes.TrimSpace(raw)
		if len(raw) == 0 {
			continue
		}
		if !readFast(raw, &fl) {
			if ok, _ := parse(raw, &l); !ok {
				s.Damaged++
				continue
			}
			fl.from(&l)
		}
		if len(fl.id) == 0 {
			s.Damaged++
			continue
		}
		i, known := s.idx.lookup(fl.id)
		if !fits(fl.kind, fl.intent, fl.state, known) {
			s.Damaged++
			continue
		}
		if string(fl.kind) == kindIntent {
			i = s.idx.add(&fl)
		}
		s.idx.addLine(i, off, n)
		s.idx.apply(i, &fl)
	}
}

// choose keeps the records q asks for, newest first (records of the same
// time in the order of the file, as Read sorts them).
func (s *Selection) choose(q Query) {
	e := &s.idx.entries
	s.Total = e.len()
	since, checkSince := q.Since.Unix(), !q.Since.IsZero()
	sinceNsec := int32(q.Since.Nanosecond())
	for i := range int32(s.Total) {
		if ei := e.at(i); checkSince && (ei.sec < since || ei.sec == since && ei.nsec < sinceNsec) {
			continue
		}
		if q.Match != nil && !q.Match(s.idx.brief(i)) {
			continue
		}
		s.order = append(s.order, i)
	}
	slices.SortFunc(s.order, func(a, b int32) int {
		ea, eb := e.at(a), e.at(b)
		switch {
		case ea.sec != eb.sec:
			return cmpDesc(ea.sec, eb.sec)
		case ea.nsec != eb.nsec:
			return cmpDesc(int64(ea.nsec), int64(eb.nsec))
		}
		return int(a - b)
	})
	s.Matched, s.n = len(s.order), len(s.order)
	if q.Limit > 0 && q.Limit < s.n {
		s.n = q.Limit
	}
}

func cmpDesc(a, b int64) int {
	if a > b {
		return -1
	}
	return 1
}

// Briefs calls fn with the brief of every matched record, newest first,
// those Limit left out included (from the Len()th on), until fn returns
// false. It reads nothing.
func (s *Selection) Briefs(fn func(i int, b Brief) bool) {
	for i, r := range s.order {
		if !fn(i, s.idx.brief(r)) {
			return
		}
	}
}

// Each calls fn with each chosen record in full, newest first, reading
// them a batch at a time; it stops at fn's first error and returns it.
func (s *Selection) Each(fn func(Record) error) error {
	if s.n == 0 {
		return nil
	}
	if s.f == nil {
		return fmt.Errorf("journal: %s: the selection is closed", s.path)
	}
	w := window{f: s.f}
	var l line
	type ref struct{ line, slot int32 }
	var refs []ref
	recs := make([]Record, 0, min(s.n, eachBatch))
	for start := 0; start < s.n; start += eachBatch {
		batch := s.order[start:min(start+eachBatch, s.n)]
		refs = refs[:0]
		for slot, r := range batch {
			for li := s.idx.entries.at(r).last; li >= 0; li = *s.idx.prev.at(li) {
				refs = append(refs, ref{li, int32(slot)})
			}
		}
		// In the order of the file, as the lines were applied.
		slices.SortFunc(refs, func(a, b ref) int { return int(a.line - b.line) })
		recs = recs[:len(batch)]
		clear(recs)
		for _, rf := range refs {
			off, n := unpackLine(*s.idx.lines.at(rf.line))
			raw, err := w.read(off, n)
			if err != nil {
				return fmt.Errorf("journal: read %s: %w", s.path, err)
			}
			r := batch[rf.slot]
			rec := &recs[rf.slot]
			if ok, _ := parse(raw, &l); !ok || !s.idx.is(r, l.ID) || (rec.ID == "") != (l.Kind == kindIntent) {
				return fmt.Errorf("journal: %s changed while it was read", s.path)
			}
			if l.Kind == kindIntent {
				*rec = l.record()
				continue
			}
			l.applyTo(rec)
		}
		for i := range recs {
			if err := fn(recs[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// window reads lines by offset through a buffer, so that lines close to
// each other cost one read.
type window struct {
	f   io.ReaderAt
	buf []byte
	off int64 // file offset of buf[0]
}

// windowSize is how much a window reads at once.
const windowSize = 256 << 10

// read returns the n bytes at off; they are valid until the next call.
func (w *window) read(off int64, n int) ([]byte, error) {
	if off >= w.off && off+int64(n) <= w.off+int64(len(w.buf)) {
		return w.buf[off-w.off : off-w.off+int64(n)], nil
	}
	size := max(n, windowSize)
	if cap(w.buf) < size {
		w.buf = make([]byte, size)
	}
	got, err := w.f.ReadAt(w.buf[:size], off)
	if got < n {
		if err == nil || errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		w.buf = w.buf[:0]
		return nil, err
	}
	w.buf, w.off = w.buf[:got], off
	return w.buf[:n], nil
}

// index is the first pass's brief of every record. A record costs one
// entry, one map slot and one packed reference per line: ids and job ids
// in the journal's own hexadecimal forms are kept as numbers, anything
// else as a string on the side.
type index struct {
	entries chunks[entry]
	// ids maps hexadecimal record ids to their entry; oddIDs any other.
	ids    map[uint64]int32
	oddIDs map[string]int32
	// oddID, oddJob and oddState hold the strings no number holds, by
	// entry.
	oddID    map[int32]string
	oddJob   map[int32]string
	oddState map[int32]string
	// states are the state names seen, numbered by stateCodes.
	states     []string
	stateCodes map[string]uint8
	// lines are packed offsets and lengths of the lines applied, in file
	// order; prev links each to the previous line of its record (-1).
	lines chunks[uint64]
	prev  chunks[int32]
}

// chunks is a list that grows by blocks, so that growing it never copies
// it (or leaves a copy for the collector): the first pass appends to its
// lists once per line.
type chunks[T any] struct {
	blocks [][]T
	n      int
}

// chunkBits sets the block size: 4096 elements.
const chunkBits = 12

func (c *chunks[T]) len() int { return c.n }

func (c *chunks[T]) append(v T) {
	if c.n>>chunkBits == len(c.blocks) {
		c.blocks = append(c.blocks, make([]T, 0, 1<<chunkBits))
	}
	b := &c.blocks[c.n>>chunkBits]
	*b = append(*b, v)
	c.n++
}

// at is element i.
func (c *chunks[T]) at(i int32) *T { return &c.blocks[i>>chunkBits][i&(1<<chunkBits-1)] }

// entry is one record's brief.
type entry struct {
	key  uint64 // the id, when hexadecimal
	inv  int64
	sec  int64
	nsec int32
	last int32 // its newest line
	job  [16]byte
	// state numbers states; oddStateCode sends to oddState.
	state uint8
	// jobKind is jobNone, jobHex (in job) or jobOdd (in oddJob).
	jobKind uint8
	oddID   bool
	mism    bool
}

const (
	jobNone = iota
	jobHex
	jobOdd
)

// oddStateCode marks a state kept in index.oddState.
const oddStateCode = 255

func newIndex() index {
	return index{
		ids: map[uint64]int32{}, oddIDs: map[string]int32{},
		oddID: map[int32]string{}, oddJob: map[int32]string{}, oddState: map[int32]string{},
		stateCodes: map[string]uint8{},
	}
}

// lookup finds the entry of record id.
func (x *index) lookup(id []byte) (int32, bool) {
	if k, ok := hexID(id); ok {
		i, found := x.ids[k]
		return i, found
	}
	i, found := x.oddIDs[string(id)]
	return i, found
}

// is reports whether entry i is record id's.
func (x *index) is(i int32, id string) bool {
	j, ok := x.lookup([]byte(id))
	return ok && j == i
}

// add starts the entry of an intent line's record.
func (x *index) add(l *fastLine) int32 {
	i := int32(x.entries.len())
	e := entry{sec: l.time.Unix(), nsec: int32(l.time.Nanosecond()), last: -1}
	if k, ok := hexID(l.id); ok {
		e.key = k
		x.ids[k] = i
	} else {
		id := string(l.id)
		e.oddID = true
		x.oddIDs[id] = i
		x.oddID[i] = id
	}
	x.entries.append(e)
	return i
}

// Line offsets and lengths share a number: 43 bits of offset (8 TiB) and
// 21 of length (maxLine is 1 MiB).
const (
	lenBits   = 21
	maxOffset = 1 << (64 - lenBits)
)

func (x *index) addLine(i int32, off int64, n int) {
	e := x.entries.at(i)
	x.lines.append(uint64(off)<<lenBits | uint64(n))
	x.prev.append(e.last)
	e.last = int32(x.lines.len() - 1)
}

func unpackLine(p uint64) (off int64, n int) {
	return int64(p >> lenBits), int(p & (1<<lenBits - 1))
}

// apply folds a line that fits into entry i's brief, as line.applyTo
// folds it into a Record.
func (x *index) apply(i int32, l *fastLine) {
	e := x.entries.at(i)
	switch string(l.kind) {
	case kindIntent:
		x.setState(i, []byte(StatePending))
	case kindOutcome:
		x.setState(i, l.state)
		x.setJob(i, l.jobID)
		e.inv = int64(l.inv)
		if l.mismatch {
			e.mism = true
		}
	case kindEnd:
		x.setState(i, l.state)
		if len(l.jobID) > 0 {
			x.setJob(i, l.jobID)
		}
	}
}

func (x *index) setState(i int32, s []byte) {
	code, ok := x.stateCodes[string(s)]
	if !ok && len(x.states) < oddStateCode {
		code = uint8(len(x.states))
		x.states = append(x.states, string(s))
		x.stateCodes[string(s)] = code
		ok = true
	}
	e := x.entries.at(i)
	if e.state == oddStateCode {
		delete(x.oddState, i)
	}
	if !ok {
		code = oddStateCode
		x.oddState[i] = string(s)
	}
	e.state = code
}

func (x *index) setJob(i int32, job []byte) {
	e := x.entries.at(i)
	if e.jobKind == jobOdd {
		delete(x.oddJob, i)
	}
	switch {
	case len(job) == 0:
		e.jobKind = jobNone
	case len(job) == 32 && hexDecode(e.job[:], job):
		e.jobKind = jobHex
	default:
		e.jobKind = jobOdd
		x.oddJob[i] = string(job)
	}
}

// hexDecode decodes s, lower-case hexadecimal only, into dst.
func hexDecode(dst, s []byte) bool {
	for i := 0; i < len(s); i += 2 {
		hi, ok1 := hexDigit(s[i])
		lo, ok2 := hexDigit(s[i+1])
		if !ok1 || !ok2 {
			return false
		}
		dst[i/2] = hi<<4 | lo
	}
	return true
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}

// brief is entry i as a Brief.
func (x *index) brief(i int32) Brief {
	e := x.entries.at(i)
	b := Brief{Time: time.Unix(e.sec, int64(e.nsec)).UTC(), InvoiceRef: int(e.inv), Mismatch: e.mism}
	if e.oddID {
		b.ID = x.oddID[i]
	} else {
		b.ID = hexString(e.key)
	}
	if e.state == oddStateCode {
		b.State = x.oddState[i]
	} else {
		b.State = x.states[e.state]
	}
	switch e.jobKind {
	case jobHex:
		b.JobID = hex.EncodeToString(e.job[:])
	case jobOdd:
		b.JobID = x.oddJob[i]
	}
	return b
}

// fastLine is what the first pass needs of a line: slices of the line
// itself, valid while it is.
type fastLine struct {
	kind, id, state, jobID []byte
	time                   time.Time
	inv                    int
	// intent says the line carries an intent (any of its fields);
	// mismatch that its mismatch is not empty.
	intent, mismatch bool
}

// from fills f from a line encoding/json read.
func (f *fastLine) from(l *line) {
	*f = fastLine{kind: []byte(l.Kind), id: []byte(l.ID), state: []byte(l.State), jobID: []byte(l.JobID),
		time: l.Time, inv: l.InvoiceRef, intent: l.Intent != nil, mismatch: l.Mismatch != ""}
}

// The fields of a journal line, as readFast knows them. fieldNames must
// name every field of line, in its JSON spelling (a test checks).
const (
	fKind = iota
	fID
	fTime
	fEndpoint
	fSandbox
	fMethod
	fProduct
	fParams
	fConfirmedTotal
	fConfirmedCurrency
	fState
	fInvoiceRef
	fJobID
	fJobType
	fJobStatus
	fNetTotal
	fNetSetup
	fCurrency
	fError
	fCandidates
	fMismatch
	fService
	fStage
	fieldCount
)

var fieldNames = [fieldCount]string{
	fKind: "kind", fID: "id", fTime: "time",
	fEndpoint: "endpoint", fSandbox: "sandbox", fMethod: "method", fProduct: "product", fParams: "params",
	fConfirmedTotal: "confirmed_net_total", fConfirmedCurrency: "confirmed_currency",
	fState: "state", fInvoiceRef: "invoice_ref", fJobID: "job_id", fJobType: "job_type", fJobStatus: "job_status",
	fNetTotal: "net_total", fNetSetup: "net_setup_price", fCurrency: "currency", fError: "error",
	fCandidates: "candidates", fMismatch: "mismatch", fService: "service", fStage: "stage",
}

// fieldOf is the field named key exactly, or -1.
func fieldOf(key []byte) int {
	for i, n := range fieldNames {
		if string(key) == n {
			return i
		}
	}
	return -1
}

// readFast reads a trimmed line in the strict form json.Marshal gives the
// journal's lines, without encoding/json and without allocating. It
// returns false whenever it is not sure to read the line exactly as
// json.Unmarshal into a line would: then the caller asks encoding/json.
// It is sure only of an object whose keys are the line's own field names,
// spelt exactly and each at most once, whose values have the fields'
// types (no null), whose strings are valid UTF-8 (and, for the fields it
// returns, without escapes), and whose time parses; anything else (an
// unknown or differently cased key, a fraction for a whole number, a
// torn line) is encoding/json's to judge.
func readFast(b []byte, f *fastLine) bool {
	*f = fastLine{}
	s := jsonScan{b: b}
	if !s.eat('{') {
		return false
	}
	var seen uint32
	if s.eat('}') {
		return s.end()
	}
	for {
		key, esc, ok := s.str()
		if !ok || esc || !s.eat(':') {
			return false
		}
		fi := fieldOf(key)
		if fi < 0 || seen&(1<<fi) != 0 {
			return false
		}
		seen |= 1 << fi
		switch fi {
		case fSandbox:
			if !s.boolean() {
				return false
			}
		case fInvoiceRef:
			if f.inv, ok = s.integer(); !ok {
				return false
			}
		case fCandidates:
			if !s.integers() {
				return false
			}
		case fParams:
			if !s.stringMap() {
				return false
			}
		case fTime:
			s.ws()
			start := s.i
			if _, esc, ok := s.str(); !ok || esc {
				return false
			}
			if f.time.UnmarshalJSON(b[start:s.i]) != nil {
				return false
			}
		default:
			v, esc, ok := s.str()
			if !ok {
				return false
			}
			switch fi {
			case fKind:
				f.kind = v
			case fID:
				f.id = v
			case fState:
				f.state = v
			case fJobID:
				f.jobID = v
			case fMismatch:
				// Any escape stands for at least one character.
				f.mismatch = len(v) > 0
				esc = false
			default:
				esc = false
			}
			if esc {
				return false
			}
		}
		if fEndpoint <= fi && fi <= fConfirmedCurrency {
			f.intent = true
		}
		if s.eat(',') {
			continue
		}
		if s.eat('}') {
			return s.end()
		}
		return false
	}
}

// jsonScan reads a small subset of JSON from b, skipping white space
// before each token.
type jsonScan struct {
	b []byte
	i int
}

func (s *jsonScan) ws() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

// eat consumes c, the next token, if it is there.
func (s *jsonScan) eat(c byte) bool {
	s.ws()
	if s.i < len(s.b) && s.b[s.i] == c {
		s.i++
		return true
	}
	return false
}

// end reports whether nothing but white space is left.
func (s *jsonScan) end() bool {
	s.ws()
	return s.i == len(s.b)
}

// str reads a string and returns its raw content (escapes not decoded);
// esc says it has escapes. ok is false for anything but a valid JSON
// string of valid UTF-8.
func (s *jsonScan) str() (v []byte, esc, ok bool) {
	if !s.eat('"') {
		return nil, false, false
	}
	start, high := s.i, false
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '"':
			v = s.b[start:s.i]
			s.i++
			if high && !utf8.Valid(v) {
				return nil, false, false
			}
			return v, esc, true
		case c == '\\':
			esc = true
			if s.i+1 >= len(s.b) {
				return nil, false, false
			}
			switch s.b[s.i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				s.i += 2
			case 'u':
				if s.i+6 > len(s.b) {
					return nil, false, false
				}
				for _, h := range s.b[s.i+2 : s.i+6] {
					if !isHex(h) {
						return nil, false, false
					}
				}
				s.i += 6
			default:
				return nil, false, false
			}
		case c < 0x20:
			return nil, false, false
		default:
			high = high || c >= utf8.RuneSelf
			s.i++
		}
	}
	return nil, false, false
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// boolean reads true or false.
func (s *jsonScan) boolean() bool {
	s.ws()
	for _, w := range []string{"true", "false"} {
		if bytes.HasPrefix(s.b[s.i:], []byte(w)) {
			s.i += len(w)
			return true
		}
	}
	return false
}

// integer reads a whole number that fits an int, written as JSON writes
// one: no fraction, no exponent, no leading zero.
func (s *jsonScan) integer() (int, bool) {
	s.ws()
	start := s.i
	if s.i < len(s.b) && s.b[s.i] == '-' {
		s.i++
	}
	digits := s.i
	for s.i < len(s.b) && '0' <= s.b[s.i] && s.b[s.i] <= '9' {
		s.i++
	}
	if s.i == digits || (s.b[digits] == '0' && s.i-digits > 1) {
		return 0, false
	}
	if s.i < len(s.b) && (s.b[s.i] == '.' || s.b[s.i] == 'e' || s.b[s.i] == 'E') {
		return 0, false
	}
	// Accumulate negatively, so that the most negative int fits too.
	var n int
	for _, c := range s.b[digits:s.i] {
		d := int(c - '0')
		if n < (minInt+d)/10 {
			return 0, false
		}
		n = n*10 - d
	}
	if s.b[start] != '-' {
		if n == minInt {
			return 0, false
		}
		n = -n
	}
	return n, true
}

const minInt = -1 << (strconv.IntSize - 1)

// integers reads an array of whole numbers.
func (s *jsonScan) integers() bool {
	if !s.eat('[') {
		return false
	}
	if s.eat(']') {
		return true
	}
	for {
		if _, ok := s.integer(); !ok {
			return false
		}
		if s.eat(',') {
			continue
		}
		return s.eat(']')
	}
}

// stringMap reads an object whose values are strings.
func (s *jsonScan) stringMap() bool {
	if !s.eat('{') {
		return false
	}
	if s.eat('}') {
		return true
	}
	for {
		if _, _, ok := s.str(); !ok || !s.eat(':') {
			return false
		}
		if _, _, ok := s.str(); !ok {
			return false
		}
		if s.eat(',') {
			continue
		}
		return s.eat('}')
	}
}
