package api

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/memset-order/memset-order/model"
)

// Error is an error answer from the Memset API: an HTTP status with the
// documented body {"error": …, "error_type": …, "error_code": …}.
type Error struct {
	// Status is the HTTP status code.
	Status int
	// Type is error_type, e.g. model.ErrorBadParameters.
	Type model.ErrorType
	// Code is error_code (0 when the body had none).
	Code int
	// Message is the error text as Memset sent it (with the key scrubbed,
	// should a server ever echo it).
	Message string
	// Param is the parameter the message names: "os" for "os: Please select
	// …"; "" when the message does not start with "<lower_snake>: ".
	Param string
	// Method is the Memset method that was called.
	Method model.Method
	// RetryAfter is the wait a Retry-After header asked for, 0 if none.
	RetryAfter time.Duration
	// KeyFrom says where the key came from, for a refused key's advice
	// ("MEMSET_API_KEY", "the key file", "the prompt"; see WithKeySource).
	KeyFrom string
}

// paramPrefix matches the "param: " that starts a bad-parameter message.
var paramPrefix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^([a-z][a-z0-9_]*): `) })

// messageParam returns the parameter a message starts with, or "".
func messageParam(msg string) string {
	if m := paramPrefix().FindStringSubmatch(msg); m != nil {
		return m[1]
	}
	return ""
}

// Error reads like
// `create.monthly_miniserver: os: Please select … (ApiErrorBadParameters, HTTP 400)`,
// with advice first for refused keys and throttling.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Method))
	b.WriteString(": ")
	switch {
	case e.isAuthentication():
		from := e.KeyFrom
		if from == "" {
			from = "MEMSET_API_KEY"
		}
		b.WriteString("the API key was refused (check " + from + "): ")
	case e.isThrottled():
		b.WriteString("Memset is throttling requests; ")
		if e.RetryAfter > 0 {
			b.WriteString("wait " + e.RetryAfter.String() + " and try again: ")
		} else {
			b.WriteString("wait and try again: ")
		}
	case e.Status >= 500:
		b.WriteString("Memset's server failed: ")
	}
	msg := e.Message
	if msg == "" {
		msg = "no message"
	}
	b.WriteString(msg)
	b.WriteString(" (")
	if e.Type != "" {
		b.WriteString(string(e.Type))
		b.WriteString(", ")
	}
	b.WriteString("HTTP ")
	b.WriteString(strconv.Itoa(e.Status))
	b.WriteString(")")
	return b.String()
}

// Detail is the message without its "param: " prefix, for showing next to
// the field it is about.
func (e *Error) Detail() string {
	if e.Param == "" {
		return e.Message
	}
	return strings.TrimPrefix(e.Message, e.Param+": ")
}

// is reports whether the error is of type t, matching the error_code from
// model.ErrorTypes when the type name is missing or unknown (the real
// names of most types are inferred).
func (e *Error) is(t model.ErrorType) bool {
	if e.Type == t {
		return true
	}
	if _, known := model.LookupErrorType(e.Type); known {
		return false
	}
	info, ok := model.LookupErrorType(t)
	return ok && e.Code != 0 && e.Code == info.Code
}

func (e *Error) isAuthentication() bool {
	return e.is(model.ErrorAuthentication) || e.Status == http.StatusUnauthorized
}

func (e *Error) isThrottled() bool {
	return e.is(model.ErrorThrottled) || e.Status == http.StatusTooManyRequests
}

// IsBadParameters reports whether err is (or wraps) an ApiErrorBadParameters
// answer: a parameter is missing, malformed or not allowed. Its Param names
// the field.
func IsBadParameters(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.is(model.ErrorBadParameters)
}

// IsDoesNotExist reports whether err is (or wraps) an ApiErrorDoesNotExist
// answer: the named service, invoice, job, method or discount code does not
// exist.
func IsDoesNotExist(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.is(model.ErrorDoesNotExist)
}

// IsAuthentication reports whether err is (or wraps) a refusal of the API
// key: no key, an unknown key, or HTTP 401.
func IsAuthentication(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.isAuthentication()
}

// IsThrottled reports whether err is (or wraps) a throttling answer
// (ApiErrorThrottled or HTTP 429).
func IsThrottled(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.isThrottled()
}

// IsServerSide reports whether err is (or wraps) a failure on Memset's side
// or on the way to it: an HTTP 5xx answer, whether it carried Memset's
// error body or a proxy's page, or an ApiErrorInternal.
func IsServerSide(err error) bool {
	var e *Error
	if errors.As(err, &e) && (e.Status >= 500 || e.is(model.ErrorInternal)) {
		return true
	}
	var p *ProtocolError
	return errors.As(err, &p) && p.Status >= 500
}

// ProtocolError is an answer that is not what the protocol promises: not
// JSON (a proxy's HTML page), empty, truncated, too large, a redirect, or
// JSON that lacks a required key or holds a bad value.
type ProtocolError struct {
	// Method is the Memset method that was called.
	Method model.Method
	// Status is the HTTP status code of the answer.
	Status int
	// ContentType is the answer's Content-Type header.
	ContentType string
	// Snippet is the start of the body (or an HTML page's title), cleaned
	// of control characters, for the error text.
	Snippet string
	// Reason says what came back: "with an HTML page", "with an empty
	// body", "with truncated JSON", "with JSON missing required keys: …".
	Reason string
	// RetryAfter is the wait a Retry-After header asked for, 0 if none.
	RetryAfter time.Duration
	// ordered is set when an unreadable create answer still says, read
	// loosely, that it is a real order (dry_run false with an invoice or a
	// job): what it says of them.
	ordered *model.Quote
}

// Error reads like `job.status: HTTP 502 with an HTML page: <title>Bad gateway</title>…`.
func (e *ProtocolError) Error() string {
	s := fmt.Sprintf("%s: HTTP %d %s", e.Method, e.Status, e.Reason)
	if e.Snippet != "" {
		s += ": " + e.Snippet
	}
	return s
}

// OutcomeUnknownError means a real order was sent but its answer was lost
// (a timeout, a dropped connection, a 5xx or an unreadable answer): the
// order may or may not exist. Ordering again could order twice; check
// invoice.list and the journal first.
type OutcomeUnknownError struct {
	// Method is the create method that was sent.
	Method model.Method
	// Sent is the parameters as sent (the key is never among them).
	Sent url.Values
	// Err is what went wrong after sending.
	Err error
}

// Error says that the order may or may not exist and what to check.
func (e *OutcomeUnknownError) Error() string {
	what := "the order"
	if sku := e.Sent.Get("sku"); sku != "" {
		what = "the order for " + sku
	}
	return fmt.Sprintf("%s: %s was sent but its answer was lost, so it may or may not have been placed (%v); "+
		"check your invoices (invoice.list) and the order journal before ordering again", e.Method, what, e.Err)
}

// Unwrap returns what went wrong after sending.
func (e *OutcomeUnknownError) Unwrap() error { return e.Err }

// IsOutcomeUnknown reports whether err is (or wraps) an
// *OutcomeUnknownError: a real order whose answer was lost.
func IsOutcomeUnknown(err error) bool {
	var e *OutcomeUnknownError
	return errors.As(err, &e)
}

// OrderedOnDryRunError means a dry run (dry_run=1) was answered with a
// real order: an invoice or a job. Nobody confirmed that order, but it may
// exist; Answer is what came back. Nothing should be sent to a create
// method again until a person has looked.
type OrderedOnDryRunError struct {
	// Method is the create method that was called.
	Method model.Method
	// Answer is the answer as decoded: its invoice and job.
	Answer model.Quote
	// Err is the protocol error that describes the mismatch.
	Err *ProtocolError
}

// Error says what came back.
func (e *OrderedOnDryRunError) Error() string {
	if e.Err != nil {
		return e.Err.Error()
	}
	return fmt.Sprintf("%s: a dry run was answered with a real order (invoice %d)", e.Method, e.Answer.InvoiceRef)
}

// Unwrap returns the protocol error.
func (e *OrderedOnDryRunError) Unwrap() error {
	if e.Err == nil {
		return nil
	}
	return e.Err
}

// NetworkError is a failure to exchange a request and its answer: the
// server could not be reached, the connection dropped, no answer came in
// time, or the caller cancelled.
type NetworkError struct {
	// Method is the Memset method that was called.
	Method model.Method
	// Endpoint is the base URL (never with credentials).
	Endpoint string
	// NotSent is true when the request provably never left this machine
	// (DNS failure, connection refused, a cancelled context before sending).
	NotSent bool
	// TimedOut is true when the per-attempt timeout ran out; Waited is then
	// that timeout.
	TimedOut bool
	// Waited is how long the attempt waited before giving up, when known.
	Waited time.Duration
	// Err is the underlying error (without net/http's URL wrapper).
	Err error
}

// Error says what failed and, for timeouts, how long was waited.
func (e *NetworkError) Error() string {
	var s string
	switch {
	case e.TimedOut:
		s = fmt.Sprintf("%s: no answer from %s within %s", e.Method, e.Endpoint, e.Waited)
	case errors.Is(e.Err, errCallerDone), errors.Is(e.Err, errCancelled):
		s = fmt.Sprintf("%s: %v", e.Method, e.Err)
	case e.NotSent:
		s = fmt.Sprintf("%s: could not reach %s: %v", e.Method, e.Endpoint, e.Err)
	default:
		s = fmt.Sprintf("%s: connection to %s failed: %v", e.Method, e.Endpoint, e.Err)
	}
	if e.NotSent {
		s += " (nothing was sent)"
	}
	return s
}

// Unwrap returns the underlying error, so errors.Is(err, context.Canceled)
// works.
func (e *NetworkError) Unwrap() error { return e.Err }

// Timeout reports whether the attempt ran out of time.
func (e *NetworkError) Timeout() bool { return e.TimedOut }

// errCallerDone marks a NetworkError raised because the caller's context
// was already done before the request was sent; the error wraps it and
// ctx.Err().
var errCallerDone = errors.New("cancelled before sending")

// errCancelled marks a NetworkError raised because the caller's context
// ended while the request was under way; the error wraps it and ctx.Err().
var errCancelled = errors.New("cancelled while waiting for the answer")

// ErrRefusedLocally matches (errors.Is) a request the client refused
// before sending anything, because of what it was given: the API key where
// a job id goes, a malformed id. Asking again cannot change the answer.
var ErrRefusedLocally = errors.New("refused before sending")

// localError is a request refused before sending; it is ErrRefusedLocally.
type localError struct{ msg string }

func (e *localError) Error() string { return e.msg }

// Is makes errors.Is(err, ErrRefusedLocally) true.
func (e *localError) Is(target error) bool { return target == ErrRefusedLocally }

// refusedLocally is a request refused before sending, saying msg.
func refusedLocally(msg string) error { return &localError{msg: msg} }
