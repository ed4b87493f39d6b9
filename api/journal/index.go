package journal

import (
	"encoding/hex"
	"time"
)

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
