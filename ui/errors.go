package ui

import (
	"context"
	"errors"
	"net/url"
	"regexp"
	"sync"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// isCanceled reports whether err only says that the request was replaced
// by a newer one.
func isCanceled(err error) bool { return errors.Is(err, context.Canceled) }

// isAnswer reports whether the backend looked at the configuration and said
// no (bad parameters, something that does not exist, the payment method, a
// name already taken):
// an answer as definite, and as cacheable, as a price. An outcome-unknown
// error is never one, whatever it wraps: the api package's Is* helpers see
// through it, so a 5xx with a bad-parameters body on a real create would
// otherwise pass for a refusal that ordered nothing.
func isAnswer(err error) bool {
	var e *api.Error
	if !errors.As(err, &e) || api.IsOutcomeUnknown(err) {
		return false
	}
	return api.IsBadParameters(err) || api.IsDoesNotExist(err) || e.Type == model.ErrorPaymentMethod || e.Type == model.ErrorNotUnique
}

// refusalOf ties an API refusal to the parameter its message names.
func refusalOf(err error) (*refusal, bool) {
	var e *api.Error
	if !errors.As(err, &e) || !isAnswer(err) {
		return nil, false
	}
	return &refusal{param: e.Param, detail: e.Detail(), headline: "Memset refused the order: "}, true
}

// refusalText is a refusal's message without the method and type around it.
func refusalText(err error) string {
	var e *api.Error
	if errors.As(err, &e) {
		if e.Param != "" {
			return e.Param + ": " + e.Detail()
		}
		return e.Detail()
	}
	return describe(err)
}

// placedNothing reports whether a failed create call certainly ordered
// nothing, so that fixing the order and confirming again is safe: the API
// answered with an error, or the request provably never left.
func placedNothing(err error) bool {
	if api.IsOutcomeUnknown(err) {
		return false
	}
	var e *api.Error
	if errors.As(err, &e) {
		return true
	}
	var n *api.NetworkError
	return errors.As(err, &n) && n.NotSent
}

// methodPrefix is the "create.monthly_miniserver: " the api package puts
// before its errors; on screen the context already says which call it was.
var methodPrefix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z_]+\.[a-z_.]+: `) })

// technical matches what the api package adds for the debug log and the
// CLI's --debug-log readers, not for people: "(ApiErrorInternal, HTTP
// 503)", "(HTTP 502)".
var technical = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(` \((?:[A-Za-z]+, )?HTTP \d{3}\)`) })

// attempts matches the "(gave up after 4 attempts)" of a retried call.
var attempts = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(` \(gave up after (\d+) attempts\)`) })

// describe is an error for people. The api package's errors already say
// what happened and what to do; this drops the method name in front, the
// error type and HTTP status (which --debug-log keeps, with the whole
// exchange) and says the number of attempts in words.
func describe(err error) string {
	if err == nil {
		return ""
	}
	var p *api.ProtocolError
	var n *api.NetworkError
	var e *api.Error
	s := model.Printable(err.Error())
	tries := ""
	if m := attempts().FindStringSubmatch(s); m != nil {
		tries = " (tried " + m[1] + " times)"
		s = attempts().ReplaceAllString(s, "")
	}
	switch {
	case api.IsOutcomeUnknown(err):
		// Its own words, which name what to check.
	case errors.As(err, &e):
		if e.Status >= 500 && e.Message == "" {
			return "Memset's server failed and said nothing more" + tries
		}
	case errors.As(err, &p):
		if p.Status >= 500 {
			return "Memset's server failed: its answer could not be read" + tries
		}
		return "Memset's answer could not be read" + tries
	case errors.As(err, &n) && n.TimedOut:
		return "Memset did not answer in time" + tries
	case errors.As(err, &n) && !isCanceled(err):
		if n.NotSent {
			return "could not reach Memset at " + hostOf(n.Endpoint) + "; nothing was sent" + tries
		}
		return "the connection to Memset at " + hostOf(n.Endpoint) + " failed" + tries
	}
	s = technical().ReplaceAllString(s, "")
	return methodPrefix().ReplaceAllString(s, "") + tries
}

// hostOf is the host of a base URL, for people ("api.memset.com"), or the
// URL itself when it has none.
func hostOf(endpoint string) string {
	if u, err := url.Parse(endpoint); err == nil && u.Host != "" {
		return u.Host
	}
	return endpoint
}

// pollTrouble says what a failed job.status poll means for the person.
func pollTrouble(err error) string {
	var n *api.NetworkError
	switch {
	case errors.As(err, &n):
		return "Connection lost, retrying"
	case api.IsThrottled(err):
		return "Memset is throttling requests, retrying more slowly"
	case api.IsServerSide(err):
		return "Memset is not answering properly, retrying"
	}
	return "Could not read the job's status, retrying"
}
