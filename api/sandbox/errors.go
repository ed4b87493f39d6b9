package sandbox

import (
	"fmt"
	"unicode/utf8"

	"github.com/memset-order/memset-order/model"
)

// apiError is an answer of the error kind: an error type from
// model.ErrorTypes, the message, and, rarely, an HTTP status of its own:
// a Status fault's, or 503 when the sandbox stops before answering.
type apiError struct {
	typ model.ErrorType
	// status, when not 0, replaces the status the interface would give
	// (the type's from model.ErrorTypes on the JSON interface, 200 on the
	// RPC ones).
	status int
	msg    string
	header map[string]string // extra response headers (Allow, Retry-After)
}

// known returns e with what model.ErrorTypes knows of its type; an error
// of a type missing from the table becomes ApiErrorInternal (a bug in the
// sandbox, said so in the message).
func (e *apiError) known() (*apiError, model.ErrorTypeInfo) {
	if info, ok := model.LookupErrorType(e.typ); ok {
		return e, info
	}
	info, _ := model.LookupErrorType(model.ErrorInternal)
	return &apiError{typ: model.ErrorInternal, status: e.status, header: e.header,
		msg: "The sandbox used an unknown error type " + string(e.typ) + ": " + e.msg}, info
}

// badParam is ApiErrorBadParameters about one parameter: "param: message".
func badParam(param, format string, args ...any) *apiError {
	return &apiError{typ: model.ErrorBadParameters, msg: param + ": " + fmt.Sprintf(format, args...)}
}

// badRequest is ApiErrorBadParameters about the request as a whole (its
// HTTP verb, its body, its encoding), with the type's status like any
// other: model.ErrorTypes says why.
func badRequest(format string, args ...any) *apiError {
	return &apiError{typ: model.ErrorBadParameters, msg: fmt.Sprintf(format, args...)}
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
