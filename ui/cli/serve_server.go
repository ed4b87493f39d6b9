package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"charm.land/ssh"

	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/model"
)

// handshakeTimeout bounds an SSH handshake, login included, so that a
// client that connects and says nothing does not hold a connection.
const handshakeTimeout = 30 * time.Second

// server is `memset-order serve` running: the SSH server, what every
// session shares (the catalogue, the journal, the real backend with
// --real-orders) and the sessions' slots.
type server struct {
	opts    *ServeOptions
	srv     *ssh.Server
	log     *serveLog
	keys    *authorizedKeys
	hostKey hostKey
	journal *journal.Journal
	// sessions opens each session's backend.
	sessions *sessionBackends
	slots    *slots
	// nextID numbers the sessions in the log.
	nextID atomic.Int64
	// running holds the running sessions' cancel functions, by id, for
	// closing them at the end of a graceful stop.
	mu      sync.Mutex
	running map[int64]context.CancelCauseFunc
	// handlers counts the session handlers still running, up to and
	// including sending the session's exit status: a stop closes the
	// connections only after they have returned, so that no client loses
	// its exit status.
	handlers sync.WaitGroup
}

// handlersGrace bounds the wait for handlers that have given back their
// slot but not yet sent the exit status.
const handlersGrace = 5 * time.Second

// errServerStopping is why a session still running at the end of a
// graceful stop is closed.
var errServerStopping = errors.New("the server is shutting down, and closed this session")

// track keeps a running session's cancel function.
func (sv *server) track(id int64, cancel context.CancelCauseFunc) {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	if sv.running == nil {
		sv.running = map[int64]context.CancelCauseFunc{}
	}
	sv.running[id] = cancel
}

// untrack forgets an ended session.
func (sv *server) untrack(id int64) {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	delete(sv.running, id)
}

// closeSessions ends every running session's wizard or prompts, which
// then put the terminal back and write their summaries.
func (sv *server) closeSessions() {
	sv.mu.Lock()
	defer sv.mu.Unlock()
	for _, cancel := range sv.running {
		cancel(errServerStopping)
	}
}

// newServer opens what the sessions share and builds the SSH server. A
// file that cannot be used (the authorized keys, the host key, the
// catalogue, the key file, the journal) is said before anything listens.
func newServer(opts *ServeOptions) (_ *server, err error) {
	sv := &server{opts: opts, log: &serveLog{w: opts.IO.ErrOut}, slots: newSlots(opts.MaxSessions)}
	if sv.keys, err = loadAuthorizedKeys(opts.AuthorizedKeys); err != nil {
		return nil, err
	}
	if sv.sessions, err = openSessionBackends(opts); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			sv.close()
		}
	}()
	if sv.journal, err = journal.Open(opts.JournalPath, journal.WithSandbox(!opts.RealOrders)); err != nil {
		return nil, err
	}
	if sv.hostKey, err = loadHostKey(opts.HostKey); err != nil {
		return nil, err
	}
	sv.srv = &ssh.Server{
		Handler:          sv.handle,
		HostSigners:      []ssh.Signer{sv.hostKey.signer},
		PublicKeyHandler: sv.authorize,
		HandshakeTimeout: handshakeTimeout,
		IdleTimeout:      connIdleTimeout(opts.IdleTimeout),
		ConnectionFailedCallback: func(c net.Conn, err error) {
			sv.log.printf("connection from %s ended before a session: %s", c.RemoteAddr(), errText(err))
		},
	}
	return sv, nil
}

// connIdleTimeout is the SSH server's own idle timeout for
// --idle-timeout d: a little longer, so that the session's closes first.
func connIdleTimeout(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	return d + connIdleSlack
}

// authorize lets in the keys --authorized-keys lists now: the file is
// read again at every login.
func (sv *server) authorize(_ ssh.Context, key ssh.PublicKey) bool {
	ok, err := sv.keys.allows(key)
	if err != nil {
		sv.log.printf("%s: every key is refused until it is fixed", errText(err))
	}
	return ok
}

// announce says on stderr where the server listens and how it is set up.
func (sv *server) announce(addr net.Addr) {
	o := sv.opts
	where := "every session on its own embedded SANDBOX (nothing is bought)"
	if o.RealOrders {
		where = "REAL ORDERS with " + sv.sessions.real.AccountLabel + " at " + oneLine(sv.sessions.real.Endpoint) + ", journalled in " + oneLine(sv.journal.Path())
	}
	idle := "idle sessions are never closed"
	if o.IdleTimeout > 0 {
		idle = "sessions idle for " + o.IdleTimeout.String() + " are closed"
	}
	created := ""
	if sv.hostKey.created {
		created = ", created now"
	}
	sv.log.printf("listening on %s", addr)
	sv.log.printf("host key %s (%s%s)", sv.hostKey.fingerprint, oneLine(o.HostKey), created)
	sv.log.printf("%s from %s; %s", count(sv.keys.count, "authorized key", "authorized keys"), oneLine(o.AuthorizedKeys), where)
	sv.log.printf("at most %s at once; %s", count(o.MaxSessions, "session", "sessions"), idle)
}

// stop stops the server gracefully: no new connection or session, the
// running sessions given up to bound to finish (a second SIGINT or
// SIGTERM cuts that short), then those still running closed (each puts
// its client's terminal back and writes its summary, after waiting for
// an order in flight), then every connection closed.
func (sv *server) stop(bound time.Duration) {
	n := sv.slots.stop()
	// Shutdown with a context already done closes the listener and
	// returns: the sessions are waited for here, not their connections.
	done, cancel := context.WithCancel(context.Background())
	cancel()
	_ = sv.srv.Shutdown(done)
	if n > 0 {
		sv.log.printf("stopping: no new connections; waiting up to %s for %s to finish (SIGINT or SIGTERM again to close them now)", bound, count(n, "running session", "running sessions"))
		again := make(chan os.Signal, 1)
		signal.Notify(again, os.Interrupt, syscall.SIGTERM)
		ctx, cancel := context.WithTimeout(context.Background(), bound)
		go func() {
			select {
			case <-again:
				cancel()
			case <-ctx.Done():
			}
		}()
		sv.slots.wait(ctx)
		signal.Stop(again)
		cancel()
		if left := sv.slots.running(); left > 0 {
			sv.log.printf("closing %s now", count(left, "session still running", "sessions still running"))
			sv.closeSessions()
			// A closed session still waits for an order in flight
			// (LeaveWait) and writes its summary before its slot is free.
			ctx, cancel := context.WithTimeout(context.Background(), sv.opts.LeaveWait+5*time.Second)
			sv.slots.wait(ctx)
			cancel()
		}
	} else {
		sv.log.printf("stopping: no session is running")
	}
	finished := make(chan struct{})
	go func() { sv.handlers.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(handlersGrace):
	}
	_ = sv.srv.Close()
	sv.log.printf("stopped")
}

// close releases what newServer opened.
func (sv *server) close() {
	if sv.sessions != nil {
		sv.sessions.close()
	}
}

// serveLog writes the server's log lines on stderr, one write each, from
// any goroutine. Every line is made printable.
type serveLog struct {
	mu sync.Mutex
	w  io.Writer
}

// printf writes one timestamped line.
func (l *serveLog) printf(format string, args ...any) {
	line := model.Printable(strings.TrimRight(fmt.Sprintf(format, args...), "\n"))
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(l.w, "%s serve: %s\n", time.Now().Format("2006-01-02 15:04:05"), line)
}
