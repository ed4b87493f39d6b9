package sandbox

import (
	"crypto/subtle"
	"net/http"
	"strconv"
	"time"

	"github.com/memset-order/memset-order/model"
)

// Throttling, as one public load tester saw Memset do it over XML-RPC: after
// about ten failed logins, fault 12. How long it lasts is not known; a
// minute is the sandbox's choice.
const (
	throttleAfter  = 10
	throttleWindow = time.Minute
)

// throttled reports the throttling answer when failed logins have closed the
// door, and reopens it once the window has passed. s.mu must be held.
func (s *Sandbox) throttled(now time.Time) *apiError {
	if s.throttledUntil.IsZero() {
		return nil
	}
	if !now.Before(s.throttledUntil) {
		s.throttledUntil = time.Time{}
		s.failedAuth = 0
		return nil
	}
	wait := int(s.throttledUntil.Sub(now).Round(time.Second) / time.Second)
	wait = max(wait, 1)
	return &apiError{
		typ:    model.ErrorThrottled,
		msg:    "Too many failed authentication attempts; try again in " + strconv.Itoa(wait) + " seconds.",
		header: map[string]string{"Retry-After": strconv.Itoa(wait)},
	}
}

// authenticate checks the API key, given as the Basic-auth user name (any
// password) or as the api_key parameter, which it removes from params. The
// key is never repeated in an answer. s.mu must be held.
func (s *Sandbox) authenticate(r *http.Request, params map[string]string, now time.Time) *apiError {
	key, _, basic := r.BasicAuth()
	if !basic || key == "" {
		key = params["api_key"]
	}
	delete(params, "api_key")
	var msg string
	switch {
	case key == "":
		msg = "Authentication failed: no API key was given"
	case s.apiKey == "" || subtle.ConstantTimeCompare([]byte(key), []byte(s.apiKey)) != 1:
		msg = "Authentication failed: the API key was not recognised"
	default:
		s.failedAuth = 0
		return nil
	}
	s.failedAuth++
	if s.failedAuth >= throttleAfter {
		s.throttledUntil = now.Add(throttleWindow)
	}
	return &apiError{typ: model.ErrorAuthentication, msg: msg}
}
