package cli

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// followPlain follows a job and writes one plain line per change on w: it
// is ui.FollowPlain, the one plain follower the commands and the line
// prompts share. The result is desk.Follow's; followStatus is its exit
// status.
func followPlain(ctx context.Context, desk *order.Desk, t order.Tracker, journalID string, w io.Writer, sleep func(context.Context, time.Duration) error) (order.Tracker, error) {
	return ui.FollowPlain(ctx, desk, t, journalID, w, sleep)
}

// followStatus is the exit status of following that ended with t and err
// (followPlain's or desk.Follow's result):
//
//   - the job done: StatusDone; failed: StatusJobFailed (a journal that
//     could not record the end is said, but changes neither);
//   - Memset refused to say (no such job, the key refused): StatusError;
//   - a signal (ctx cancelled) before the job ended: StatusInterrupted —
//     a caller that has just placed the order should not report that as
//     "nothing ordered": the order stands and its job goes on;
//   - anything else that stopped following before the end (a deadline):
//     StatusUnknown, since how the job ends cannot be told yet.
func followStatus(t order.Tracker, err error) Status {
	switch {
	case t.EndErr != nil:
		return StatusError
	case t.Ended() && t.Job.State() == model.JobFailed:
		return StatusJobFailed
	case t.Ended():
		return StatusDone
	case errors.Is(err, context.Canceled):
		return StatusInterrupted
	}
	return StatusUnknown
}
