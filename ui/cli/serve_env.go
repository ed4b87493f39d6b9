package cli

import (
	"strings"

	"charm.land/ssh"

	"github.com/memset-order/memset-order/ui"
)

// sessionEnv is a session's environment: what its client sent (env
// requests, and TERM in the pty request), never the server process's.
type sessionEnv map[string]string

// newSessionEnv reads s's environment; the pty request's TERM wins over
// an env request's.
func newSessionEnv(s ssh.Session) sessionEnv {
	e := sessionEnv{}
	for _, kv := range s.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok {
			e[k] = v
		}
	}
	if pty, _, ok := s.Pty(); ok && pty.Term != "" {
		e["TERM"] = pty.Term
	}
	return e
}

// Getenv is the value of k, "" when the client did not send it.
func (e sessionEnv) Getenv(k string) string { return e[k] }

// noColor reports whether the client asked for no colours: any
// non-empty NO_COLOR, as no-color.org says.
func (e sessionEnv) noColor() bool { return e["NO_COLOR"] != "" }

// utf8 reports whether the session's locale is UTF-8 (ui.UTF8Locale of
// what the client sent: a client that sent no locale is in the C locale,
// which is ASCII).
func (e sessionEnv) utf8() bool { return ui.UTF8Locale(e.Getenv) }
