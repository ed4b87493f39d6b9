package journal

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"time"
)

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
			return failed("read", s.path, err)
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
				return failed("read", s.path, err)
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
