package cli

import (
	"context"
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// connIdleSlack is how much longer than --idle-timeout a connection may
// be silent before the SSH server drops it: a session idle for
// --idle-timeout is closed first, properly (its terminal put back, its
// summary written), which a dropped connection cannot do.
const connIdleSlack = 30 * time.Second

// errIdle is why a session with no traffic for --idle-timeout is closed.
type errIdle time.Duration

func (e errIdle) Error() string {
	return fmt.Sprintf("this session was idle for %s, and is closed", time.Duration(e))
}

// activity is when a session last read a key or wrote to its client.
type activity struct{ last atomic.Int64 }

func newActivity() *activity {
	a := &activity{}
	a.touch()
	return a
}

func (a *activity) touch()        { a.last.Store(time.Now().UnixNano()) }
func (a *activity) at() time.Time { return time.Unix(0, a.last.Load()) }

// reader is r, counting every read that brings something as activity.
func (a *activity) reader(r io.Reader) io.Reader { return activeReader{r, a} }

// writer is w, counting every write as activity.
func (a *activity) writer(w io.Writer) io.Writer { return activeWriter{w, a} }

type activeReader struct {
	r io.Reader
	a *activity
}

func (r activeReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	if n > 0 {
		r.a.touch()
	}
	return n, err
}

type activeWriter struct {
	w io.Writer
	a *activity
}

func (w activeWriter) Write(p []byte) (int, error) {
	w.a.touch()
	return w.w.Write(p)
}

// watchIdle cancels the session (cause errIdle) once it has had no
// activity for d, until ctx ends. A job being followed writes to the
// screen as it moves, so it is never idle.
func watchIdle(ctx context.Context, a *activity, d time.Duration, cancel context.CancelCauseFunc) {
	for {
		wait := time.Until(a.at().Add(d))
		if wait <= 0 {
			cancel(errIdle(d))
			return
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return
		case <-t.C:
		}
	}
}
