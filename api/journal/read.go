package journal

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
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

// Read reads the journal at path. A missing file is an empty journal.
func Read(path string) (ReadResult, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return ReadResult{}, nil
	}
	if err != nil {
		return ReadResult{}, fmt.Errorf("journal: open %s: %w", path, err)
	}
	defer f.Close()
	return read(f)
}

// apply folds one raw line into the records being built.
func (res *ReadResult) apply(raw []byte, byID map[string]*Record, order *[]string) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return
	}
	var l line
	if len(raw) > maxLine || json.Unmarshal(raw, &l) != nil || l.ID == "" {
		res.Damaged++
		return
	}
	switch l.Kind {
	case kindIntent:
		if _, dup := byID[l.ID]; dup || l.Intent == nil {
			res.Damaged++
			return
		}
		byID[l.ID] = &Record{ID: l.ID, Time: l.Time, Intent: *l.Intent, State: StatePending}
		*order = append(*order, l.ID)
	case kindOutcome:
		rec, ok := byID[l.ID]
		if !ok {
			res.Damaged++
			return
		}
		rec.State, rec.OutcomeAt, rec.Answer, rec.Error = l.State, l.Time, l.Answer, l.Error
		if l.Mismatch != "" {
			rec.Mismatch = l.Mismatch
		}
	case kindEnd:
		rec, ok := byID[l.ID]
		if !ok || (l.State != StateDone && l.State != StateFailed) {
			res.Damaged++
			return
		}
		rec.State, rec.EndedAt, rec.Service, rec.Stage = l.State, l.Time, l.Service, l.Stage
		if l.JobID != "" {
			rec.JobID, rec.JobType, rec.JobStatus = l.JobID, l.JobType, l.JobStatus
		}
	case kindCandidates:
		rec, ok := byID[l.ID]
		if !ok {
			res.Damaged++
			return
		}
		for _, ref := range l.Candidates {
			if !slices.Contains(rec.Candidates, ref) {
				rec.Candidates = append(rec.Candidates, ref)
			}
		}
	default:
		res.Damaged++
	}
}

func read(r io.Reader) (ReadResult, error) {
	var res ReadResult
	byID := map[string]*Record{}
	var order []string
	br := bufio.NewReader(r)
	for {
		raw, err := br.ReadBytes('\n')
		if len(raw) > 0 {
			res.apply(raw, byID, &order)
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return res, fmt.Errorf("journal: read: %w", err)
		}
	}
	for _, id := range order {
		res.Records = append(res.Records, *byID[id])
	}
	sort.SliceStable(res.Records, func(a, b int) bool { return res.Records[a].Time.After(res.Records[b].Time) })
	return res, nil
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
