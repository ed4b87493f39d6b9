package ui

import (
	"errors"
	"fmt"
	"net/url"
	"testing"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// TestRefusalOrUnknown: an error is a refusal (cached, shown on its field,
// "nothing was ordered") only when the API definitely answered; a lost
// answer to a real create is never one, even when what was lost carried a
// bad-parameters body.
func TestRefusalOrUnknown(t *testing.T) {
	badOS := &api.Error{Status: 400, Type: model.ErrorBadParameters, Code: 2, Method: model.MethodMonthlyMiniserver,
		Message: "os: Debian 13 is out of stock.", Param: "os"}
	badOS5xx := &api.Error{Status: 502, Type: model.ErrorBadParameters, Code: 2, Method: model.MethodMonthlyMiniserver,
		Message: "os: Debian 13 is out of stock.", Param: "os"}
	unknown := &api.OutcomeUnknownError{Method: model.MethodMonthlyMiniserver, Sent: url.Values{"sku": {"MSVM001"}}, Err: badOS5xx}
	notSent := &api.NetworkError{Method: model.MethodMonthlyMiniserver, NotSent: true, Err: errors.New("connection refused")}
	for _, tc := range []struct {
		name          string
		err           error
		answer        bool
		param         string
		placedNothing bool
	}{
		{"bad parameters", badOS, true, "os", true},
		{"bad parameters, wrapped", fmt.Errorf("quote: %w", badOS), true, "os", true},
		{"does not exist", &api.Error{Status: 404, Type: model.ErrorDoesNotExist, Code: 3, Message: "no such code"}, true, "", true},
		{"payment method", &api.Error{Status: 402, Type: model.ErrorPaymentMethod, Code: 7, Message: "PayPal cannot pay"}, true, "", true},
		{"5xx with a bad-parameters body, answer lost", unknown, false, "", false},
		{"the same, wrapped", fmt.Errorf("place: %w", unknown), false, "", false},
		{"server failure", &api.Error{Status: 500, Type: model.ErrorInternal, Code: 1, Message: "oops"}, false, "", true},
		{"never sent", notSent, false, "", true},
		{"plain error", errors.New("boom"), false, "", false},
	} {
		if got := isAnswer(tc.err); got != tc.answer {
			t.Errorf("%s: isAnswer = %v, want %v", tc.name, got, tc.answer)
		}
		r, ok := refusalOf(tc.err)
		if ok != tc.answer || (ok && r.param != tc.param) {
			t.Errorf("%s: refusalOf = %+v, %v; want a refusal %v on %q", tc.name, r, ok, tc.answer, tc.param)
		}
		if got := placedNothing(tc.err); got != tc.placedNothing {
			t.Errorf("%s: placedNothing = %v, want %v", tc.name, got, tc.placedNothing)
		}
	}
}
