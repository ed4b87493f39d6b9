package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/ui"
	"github.com/memset-order/memset-order/ui/prompt"
)

// maxUserName bounds the SSH user name as the log and the journal keep
// it: the client chooses it.
const maxUserName = 64

// handle serves one SSH session: a slot, then the wizard (with a pty) or
// the line prompts (without), then one summary in the session and in the
// log, and the exit status. The slot is free before the client learns
// that the session has ended, so that it can open another at once.
func (sv *server) handle(s ssh.Session) {
	sv.handlers.Add(1)
	defer sv.handlers.Done()
	id := sv.nextID.Add(1)
	who := describeClient(s)
	switch sv.slots.take() {
	case slotFull:
		sv.log.printf("session %d: %s: refused, %s already running (--max-sessions)", id, who, count(sv.opts.MaxSessions, "session", "sessions"))
		refuse(s, fmt.Sprintf("memset-order: the server is busy: it serves %s at once; try again later.", count(sv.opts.MaxSessions, "session", "sessions")))
		return
	case slotStopping:
		sv.log.printf("session %d: %s: refused, the server is stopping", id, who)
		refuse(s, "memset-order: the server is shutting down; try again later.")
		return
	}
	_ = s.Exit(int(sv.holding(s, id, who)))
}

// holding serves a session that holds a slot, gives the slot back, and
// returns the session's exit status.
func (sv *server) holding(s ssh.Session, id int64, who string) Status {
	defer sv.slots.release()
	if s.RawCommand() != "" {
		sv.log.printf("session %d: %s: refused the command %s", id, who, quoteArg(s.RawCommand()))
		fmt.Fprintln(s.Stderr(), "memset-order: this server runs the ordering wizard only: connect without a command (ssh -t HOST for the wizard, ssh -T HOST for line prompts).")
		return StatusUsage
	}
	start := time.Now()
	status, summary := sv.serveSession(s, id, who)
	sv.log.printf("session %d: %s: ended after %s, exit %d: %s", id, who, time.Since(start).Round(time.Second), int(status), summary)
	return status
}

// sshSession is one SSH session being served: its own backend, order desk
// and context, and where it writes.
type sshSession struct {
	sv  *server
	s   ssh.Session
	id  int64
	who string
	ctx context.Context
	// cancel ends the session's front end, saying why.
	cancel context.CancelCauseFunc
	b      *Backend
	desk   *order.Desk
	// act notes the session's activity for --idle-timeout.
	act *activity
	// out and errOut are the session's streams, the API key hidden;
	// with a pty both are the one terminal.
	out, errOut io.Writer
}

// ending is how a session's front end ended.
type ending struct {
	res         ui.Result
	interrupted bool
	err         error
	// what names the front end: "the wizard", "the line prompts".
	what string
}

// serveSession runs the session's front end on its own backend and order
// desk, writes the summary in the session, and returns the exit status
// and the summary on one line.
func (sv *server) serveSession(s ssh.Session, id int64, who string) (Status, string) {
	b, err := sv.sessions.open()
	if err != nil {
		fmt.Fprintln(s.Stderr(), "memset-order: "+errText(err))
		return StatusError, "could not open the backend: " + errText(err)
	}
	ctx, cancel := context.WithCancelCause(s.Context())
	defer cancel(nil)
	sv.track(id, cancel)
	defer sv.untrack(id)
	origin := journal.Origin{SSHUser: clip(oneLine(s.User()), maxUserName), SSHKey: keyFingerprint(s.PublicKey())}
	se := &sshSession{sv: sv, s: s, id: id, who: who, ctx: ctx, cancel: cancel, b: b, act: newActivity(),
		desk: b.desk(sv.journal, origin),
		out:  sv.redacting(s), errOut: sv.redacting(s.Stderr())}
	if _, _, ok := s.Pty(); ok {
		// One terminal: what is said after the screen closes keeps its
		// order when it all goes one way.
		se.errOut = se.out
	}
	if d := sv.opts.IdleTimeout; d > 0 {
		go watchIdle(ctx, se.act, d, cancel)
	}
	return se.end(se.run())
}

// errCtrlC is why the line prompts on a pty end on ctrl+c.
var errCtrlC = errors.New("interrupted")

// run runs the wizard on a session with a pty, and the line prompts on
// one without, or whose client asks for them (TERM=dumb, ACCESSIBLE: see
// prompt.Wanted).
func (se *sshSession) run() ending {
	sv, s, env := se.sv, se.s, newSessionEnv(se.s)
	in, b := se.act.reader(s), se.b
	pty, winch, hasPty := s.Pty()
	if hasPty && !prompt.Wanted(false, env.Getenv) {
		sv.log.printf("session %d: %s: the wizard, %d×%d, TERM %s%s", se.id, se.who, pty.Window.Width, pty.Window.Height, quoteArg(pty.Term), envNote(env))
		res, interrupted, err := sv.wizard(se.ctx, s, in, se.act.writer(s), env, b, se.desk, winch)
		return ending{res: res, interrupted: interrupted, err: err, what: "the wizard"}
	}
	out, echo, why := se.act.writer(se.out), prompt.EchoAuto, "no terminal"
	if hasPty {
		// The client's terminal is raw: the session echoes what is typed.
		in, echo, why = newCookedReader(in, out, func() { se.cancel(errCtrlC) }), prompt.EchoOff, "asked for, TERM "+quoteArg(pty.Term)
	}
	sv.log.printf("session %d: %s: line prompts (%s)", se.id, se.who, why)
	res, err := prompt.Run(se.ctx, prompt.Config{In: in, Out: out, Backend: b.Client, Desk: se.desk,
		Catalogue: b.Catalogue, Sandbox: b.Embedded, Ephemeral: b.Embedded, Endpoint: b.Endpoint, AccountLabel: b.AccountLabel,
		Now: time.Now, Poll: sv.opts.poll, Echo: echo, ASCII: !env.utf8()})
	interrupted := interruptedBy(se.ctx, err) || res.Interrupted
	if interrupted {
		err = nil
	}
	return ending{res: res, interrupted: interrupted, err: err, what: "the line prompts"}
}

// end says in the session why the server closed it, if it did, and what
// it did (summarize), and returns the exit status and all that on one
// line for the log.
func (se *sshSession) end(e ending) (Status, string) {
	var said []string
	if e.err != nil {
		fmt.Fprintln(se.errOut, e.what+" stopped: "+errText(e.err))
		said = append(said, e.what+" stopped ("+errText(e.err)+").")
	}
	if cause := context.Cause(se.ctx); errors.Is(cause, errServerStopping) || errors.As(cause, new(errIdle)) {
		fmt.Fprintln(se.errOut, "memset-order: "+cause.Error()+".")
		said = append(said, cause.Error()+".")
	}
	// The log keeps the summary even when the session can no longer be
	// written to (its connection is gone): the buffer comes first.
	var sum bytes.Buffer
	err := summarize(se.ctx, &IOStreams{In: se.s, Out: io.MultiWriter(&sum, se.out), ErrOut: se.errOut}, wizardEnd{
		Result:      e.res,
		Desk:        se.desk,
		Interrupted: e.interrupted,
		Embedded:    se.b.Embedded,
		Endpoint:    se.b.Endpoint,
		JournalPath: se.sv.journal.Path(),
		Wait:        se.sv.opts.LeaveWait,
	})
	status := StatusOf(err)
	if e.err != nil && status == StatusDone {
		status = StatusError
	}
	said = append(said, strings.Fields(sum.String())...)
	return status, strings.Join(said, " ")
}

// refuse tells the session why it is closed, in one line on its stderr,
// and ends it with status 1.
func refuse(s ssh.Session, msg string) {
	fmt.Fprintln(s.Stderr(), msg)
	_ = s.Exit(int(StatusError))
}

// redacting is w with the API key hidden from what is written, when
// there is a key to hide.
func (sv *server) redacting(w io.Writer) io.Writer {
	if sv.opts.Redact == nil {
		return w
	}
	return sv.opts.Redact.Writer(w)
}

// describeClient names a session's client for the log: its user name
// (as it chose it, made printable and cut short), its key's fingerprint
// and its address.
func describeClient(s ssh.Session) string {
	return fmt.Sprintf("%s (%s) from %s", quoteArg(s.User()), keyFingerprint(s.PublicKey()), s.RemoteAddr())
}

// keyFingerprint is the key's SHA256 fingerprint, as ssh-keygen -l shows
// it.
func keyFingerprint(k ssh.PublicKey) string {
	if k == nil {
		return "no key"
	}
	return gossh.FingerprintSHA256(k)
}

// envNote says, for the log, what of the session's environment changes
// the screen: NO_COLOR, and a locale that is not UTF-8.
func envNote(e sessionEnv) string {
	var notes []string
	if e.noColor() {
		notes = append(notes, "NO_COLOR")
	}
	if !e.utf8() {
		notes = append(notes, "not a UTF-8 locale (ASCII drawing)")
	}
	if len(notes) == 0 {
		return ""
	}
	return ", " + strings.Join(notes, ", ")
}
