package sandbox

import (
	"fmt"
	"unicode/utf8"

	"github.com/memset-order/memset-order/model"
)

// apiError is an answer of the error kind: an error type from
// model.ErrorTypes, the message, and, rarely, an HTTP status other than the
// type's own (405, 413, 414, 415, or a fault's status).
type apiError struct {
	typ    model.ErrorType
	status int // 0: the type's status from model.ErrorTypes
	msg    string
	header map[string]string // extra response headers (Allow, Retry-After)
}

// badParam is ApiErrorBadParameters about one parameter: "param: message".
func badParam(param, format string, args ...any) *apiError {
	return &apiError{typ: model.ErrorBadParameters, msg: param + ": " + fmt.Sprintf(format, args...)}
}

// badRequest is ApiErrorBadParameters about the request as a whole.
func badRequest(status int, format string, args ...any) *apiError {
	return &apiError{typ: model.ErrorBadParameters, status: status, msg: fmt.Sprintf(format, args...)}
}

// notFound is ApiErrorDoesNotExist.
func notFound(format string, args ...any) *apiError {
	return &apiError{typ: model.ErrorDoesNotExist, msg: fmt.Sprintf(format, args...)}
}

// internalError is ApiErrorInternal.
func internalError(format string, args ...any) *apiError {
	return &apiError{typ: model.ErrorInternal, msg: fmt.Sprintf(format, args...)}
}

// problemError turns the first problem of model.Check into the API's
// answer: things that do not exist are ApiErrorDoesNotExist, payment
// problems ApiErrorPaymentMethod, everything else ApiErrorBadParameters,
// all with the problem's own "param: message" text.
func problemError(p model.Problem) *apiError {
	typ := model.ErrorBadParameters
	switch p.Code {
	case model.ProblemNotFound:
		typ = model.ErrorDoesNotExist
	case model.ProblemPayment:
		typ = model.ErrorPaymentMethod
	}
	return &apiError{typ: typ, msg: p.Error()}
}

// maxEcho is the most characters of a client's value repeated in a message.
const maxEcho = 64

// echo quotes a value the client sent for a message, shortened when long:
// 'maybe'.
func echo(v string) string {
	if utf8.RuneCountInString(v) > maxEcho {
		r := []rune(v)
		v = string(r[:maxEcho]) + "…"
	}
	return "'" + v + "'"
}
