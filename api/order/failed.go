package order

import (
	"slices"

	"github.com/memset-order/memset-order/model"
)

// FailingStage is the stage a failed job failed in: its status, when that
// is a stage of the product's list (a job that reports error=true in a
// stage); otherwise the last status seen before the failure status (the
// job was seen in that stage, then FAILED); otherwise FailedAt, an earlier
// record's word. It is "" when none of these says, and for a job that has
// not failed.
func (t Tracker) FailingStage() string {
	if !t.Answered() || t.Job.State() != model.JobFailed {
		return ""
	}
	if slices.Contains(t.known(), t.Job.Status) {
		return t.Job.Status
	}
	for i := len(t.Seen) - 1; i >= 0; i-- {
		if s := t.Seen[i].Status; s != t.Job.Status {
			return s
		}
	}
	return t.FailedAt
}

// failedProgress is Progress for a failed job. The stage it failed in is
// FailedHere, the known stages before it Reached, those after it Pending;
// other statuses seen before the failure are Reached. When no stage is
// known to have failed, the known stages are Unsure and the failure status
// itself is listed, FailedHere.
func (t Tracker) failedProgress() Progress {
	known := t.known()
	fail := t.FailingStage()
	names := slices.Clone(known)
	add := func(s string) {
		if !slices.Contains(names, s) {
			names = append(names, s)
		}
	}
	for _, s := range t.Seen {
		if s.Status != t.Job.Status || fail == "" {
			add(s.Status)
		}
	}
	if fail != "" {
		add(fail)
	}
	p := Progress{FailedStageUnknown: fail == ""}
	// upTo is the last known stage passed before the failure.
	upTo := -1
	if i := slices.Index(known, fail); i >= 0 {
		upTo = i - 1
	} else {
		for _, s := range t.Seen {
			if i := slices.Index(known, s.Status); i > upTo {
				upTo = i
			}
		}
	}
	for i, name := range names {
		at, seen := t.seenAt(name)
		l := StageLine{Name: name, At: at, Seen: seen, Known: i < len(known)}
		switch {
		case name == fail, fail == "" && name == t.Job.Status && !l.Known:
			l.Mark = FailedHere
		case fail == "" && l.Known:
			l.Mark = Unsure
		case l.Known && i <= upTo, !l.Known && seen:
			l.Mark = Reached
		}
		p.Stages = append(p.Stages, l)
	}
	if len(known) > 1 && upTo >= 0 {
		p.Fraction = float64(upTo+1) / float64(len(known)-1)
		p.Fraction = min(p.Fraction, 1)
	}
	return p
}
