package ui

import (
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// FollowWords is how the following screen says a job stands, as plain
// text for a front end without a screen (one line per change): stands is
// its state in the screen's words — "awaiting payment (invoice 100291)",
// "running: INSTALLING-OS", "done: the new service is myaccaa1", "failed
// at INSTALLING-OS (status FAILED). Contact Memset support … with the job
// id.", or why following stopped ("stopped: no such job") — and "" before
// Memset has said anything. trouble, while polls fail, is the screen's
// line about it ("Memset last answered 40s ago · Connection lost,
// retrying…"), and "" otherwise. Memset's words go through
// model.Printable.
func FollowWords(t order.Tracker) (stands, trouble string) {
	s := followingStep{t: t}
	j := t.Job
	switch {
	case t.EndErr != nil && !t.Answered():
		// The subtitle's words for a refusal before any answer ("stopped:
		// no such job"), whichever way the job came.
		s.t.ByID = true
		stands = s.subtitle(nil)
	case !t.Answered():
	case j.State() == model.JobAwaitingPayment && t.Invoice != 0:
		stands = j.State().String() + " (invoice " + itoa(t.Invoice) + ")"
	case j.State() == model.JobRunning:
		stands = j.State().String() + ": " + j.Status
	case j.State() == model.JobDone && j.Service != "":
		stands = "done: the new service is " + j.Service
	case j.State() == model.JobFailed:
		stands = "failed" + s.failedAt() + ". " + SupportContact + " with the job id."
	default:
		stands = j.State().String()
	}
	if err := t.Retrying; err != nil && !t.Ended() {
		heard := "Memset has not answered yet"
		if ago, ok := t.Heard(t.Now); ok {
			heard = "Memset last answered " + agoText(ago)
		}
		trouble = heard + " · " + pollTrouble(err) + "…"
	}
	return model.Printable(stands), model.Printable(trouble)
}
