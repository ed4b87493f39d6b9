package sandbox

import (
	"container/list"
	"crypto/subtle"
	"net/http"
	"net/netip"
	"strconv"
	"time"

	"github.com/memset-order/memset-order/model"
)

// Throttling, as one public load tester saw Memset do it over XML-RPC: after
// about ten failed logins, fault 12. How long it lasts and whom it shuts out
// are not known; the sandbox's choices are a minute, and only the client
// that failed (its IP address). The right key always passes: every local
// client shares 127.0.0.1, so other people's failures must not lock it out.
const (
	throttleAfter  = 10
	throttleWindow = time.Minute
	// throttleClients is how many clients' failures are counted apart.
	// While that many have failed within a window, any other client
	// shares one count (throttleTable.shared), so that
	// neither memory nor a flood of addresses can undo the throttle.
	throttleClients = 4096
)

// tally counts one client's failed logins. Failures are forgotten a window
// after the latest of them (expires); a client with throttleAfter of them is
// refused until then. Failures while refused are not counted, so a client
// that keeps failing gets throttleAfter more tries after each window.
type tally struct {
	failed  int
	expires time.Time
}

// wait is how long the client is still refused, or 0 when it is not.
func (t *tally) wait(now time.Time) time.Duration {
	if t.failed < throttleAfter || !now.Before(t.expires) {
		return 0
	}
	return t.expires.Sub(now)
}

// fail counts one failed login at now.
func (t *tally) fail(now time.Time) {
	if !now.Before(t.expires) {
		t.failed = 0
	}
	t.failed++
	t.expires = now.Add(throttleWindow)
}

// throttleTable holds the tallies of at most throttleClients clients,
// latest failure first, so that the expired ones are at the back.
type throttleTable struct {
	byClient map[string]*list.Element // Value: *clientTally
	recent   list.List
	// shared is the one tally of every client beyond the cap, so that a
	// flood of addresses cannot escape the throttle.
	shared tally
}

// clientTally is a tally in the table.
type clientTally struct {
	client string
	tally
}

// forget drops the tallies that have expired.
func (t *throttleTable) forget(now time.Time) {
	for e := t.recent.Back(); e != nil; e = t.recent.Back() {
		ct := e.Value.(*clientTally)
		if now.Before(ct.expires) {
			return
		}
		t.recent.Remove(e)
		delete(t.byClient, ct.client)
	}
}

// find returns the client's tally, or nil when the table holds none.
func (t *throttleTable) find(client string) *clientTally {
	if e, ok := t.byClient[client]; ok {
		return e.Value.(*clientTally)
	}
	return nil
}

// add starts a tally for client, or returns nil when the table is full.
func (t *throttleTable) add(client string) *clientTally {
	if len(t.byClient) >= throttleClients {
		return nil
	}
	ct := &clientTally{client: client}
	t.byClient[client] = t.recent.PushFront(ct)
	return ct
}

// touch moves a tally that has just been counted to the front.
func (t *throttleTable) touch(client string) {
	if e, ok := t.byClient[client]; ok {
		t.recent.MoveToFront(e)
	}
}

// throttle returns the sandbox's throttle table, made on first use when
// create is true, nil otherwise. s.mu must be held.
func (s *Sandbox) throttle(create bool) *throttleTable {
	if s.throttles == nil && create {
		s.throttles = &throttleTable{byClient: map[string]*list.Element{}}
	}
	return s.throttles
}

// throttled runs first for every request, before its client and key are
// read, so it refuses nothing (authenticate, which knows both, does): it
// forgets the failures whose window has passed. s.mu must be held.
func (s *Sandbox) throttled(now time.Time) *apiError {
	if t := s.throttle(false); t != nil {
		t.forget(now)
	}
	return nil
}

// clientOf names the client of r for throttling: its IP address, an IPv6
// one cut to its /64 (a host usually has the whole /64 to choose from), or
// RemoteAddr as it is when that is not an address (in memory, it is empty).
func clientOf(r *http.Request) string {
	ap, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	a := ap.Addr().Unmap().WithZone("")
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}

// authenticate checks the API key, given as the Basic-auth user name (any
// password) or as the api_key parameter, which it removes from params. The
// key is never repeated in an answer, nor kept. A client that has failed
// throttleAfter times within a window is refused (ApiErrorThrottled, with
// Retry-After) for a window unless it gives the right key. s.mu must be
// held.
func (s *Sandbox) authenticate(r *http.Request, params map[string]string, now time.Time) *apiError {
	key, _, basic := r.BasicAuth()
	if !basic || key == "" {
		key = params["api_key"]
	}
	delete(params, "api_key")
	if key != "" && s.apiKey != "" && subtle.ConstantTimeCompare([]byte(key), []byte(s.apiKey)) == 1 {
		return nil
	}
	client := clientOf(r)
	tbl := s.throttle(true)
	ct := tbl.find(client)
	if ct == nil {
		tbl.forget(now)
		ct = tbl.add(client)
	}
	t := &s.throttles.shared
	if ct != nil {
		t = &ct.tally
	}
	if wait := t.wait(now); wait > 0 {
		return throttledError(wait)
	}
	t.fail(now)
	if ct != nil {
		tbl.touch(client)
	}
	if key == "" {
		return &apiError{typ: model.ErrorAuthentication, msg: "Authentication failed: no API key was given"}
	}
	return &apiError{typ: model.ErrorAuthentication, msg: "Authentication failed: the API key was not recognised"}
}

// throttledError is the answer to a client refused for wait more.
func throttledError(wait time.Duration) *apiError {
	n := max(int(wait.Round(time.Second)/time.Second), 1)
	secs, unit := strconv.Itoa(n), " seconds."
	if n == 1 {
		unit = " second."
	}
	return &apiError{
		typ:    model.ErrorThrottled,
		msg:    "Too many failed authentication attempts; try again in " + secs + unit,
		header: map[string]string{"Retry-After": secs},
	}
}
