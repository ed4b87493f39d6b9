package ui

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/memset-order/memset-order/api/order"
)

// quietAfter is how long Memset may go without answering before a plain
// follow says so: a poll or two lost on the way is not worth a line.
const quietAfter = 30 * time.Second

// FollowPlain follows a job with desk.Follow (polling job.status with the
// tracker's backoff, writing the job's end into journal record journalID)
// and writes on w one plain line per change, for a log, a pipe, stderr or
// the line prompts: no escape codes, no spinner, no redraws. Each line is
// the time since t began and how the job stands in the following screen's
// words (FollowWords):
//
//	00:00 awaiting payment (invoice 100291)
//	00:15 running: PROVISIONING
//	00:41 done: the new service is myaccaa1
//
// A line is written when those words change, one when Memset has not
// answered for quietAfter, and one when it answers again. sleep waits
// between polls (nil: a timer). The result is desk.Follow's.
func FollowPlain(ctx context.Context, desk *order.Desk, t order.Tracker, journalID string, w io.Writer, sleep func(context.Context, time.Duration) error) (order.Tracker, error) {
	p := &plainLines{w: w}
	p.update(t)
	return desk.Follow(ctx, t, journalID, sleep, p.update)
}

// plainLines writes FollowPlain's lines.
type plainLines struct {
	w io.Writer
	// last is the state last written.
	last string
	// quiet is set once a line said that Memset stopped answering.
	quiet bool
}

// update writes what changed in t since the last call.
func (p *plainLines) update(t order.Tracker) {
	stands, trouble := FollowWords(t)
	at := clockText(t.Now.Sub(t.Start))
	switch {
	case trouble != "" && !p.quiet && silence(t) >= quietAfter:
		p.quiet = true
		fmt.Fprintf(p.w, "%s %s\n", at, trouble)
	case t.Retrying == nil && p.quiet:
		p.quiet = false
		fmt.Fprintf(p.w, "%s Memset is answering again\n", at)
	}
	if stands != "" && stands != p.last {
		p.last = stands
		fmt.Fprintf(p.w, "%s %s\n", at, stands)
	}
}

// silence is how long Memset has not answered about the job: since its
// last answer, or since following began when it never has.
func silence(t order.Tracker) time.Duration {
	if ago, ok := t.Heard(t.Now); ok {
		return ago
	}
	return t.Now.Sub(t.Start)
}

// clockText is a duration as mm:ss, or h:mm:ss from an hour.
func clockText(d time.Duration) string {
	d = max(d, 0).Round(time.Second)
	h, m, s := int(d/time.Hour), int(d/time.Minute)%60, int(d/time.Second)%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%02d:%02d", m, s)
}
