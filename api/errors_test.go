package api_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

func TestErrorText(t *testing.T) {
	windows := "os: Please select a valid choice. Microsoft Windows 2012 Server R2, Standard Edition is not available for the current configuration. Windows requires at least 2 GB RAM."
	cases := []struct {
		name       string
		err        *api.Error
		wantText   string
		wantParam  string
		wantDetail string
		is         map[string]bool
	}{
		{
			name:       "bad parameter",
			err:        &api.Error{Status: 400, Type: model.ErrorBadParameters, Code: 2, Message: windows, Param: "os", Method: model.MethodMonthlyMiniserver},
			wantText:   "create.monthly_miniserver: " + windows + " (ApiErrorBadParameters, HTTP 400)",
			wantDetail: windows[len("os: "):],
			is:         map[string]bool{"bad": true},
		},
		{
			name:       "does not exist",
			err:        &api.Error{Status: 404, Type: model.ErrorDoesNotExist, Code: 3, Message: "Couldn't find service with name 'BADSERVERNAME'", Method: model.MethodServiceInfo},
			wantText:   "service.info: Couldn't find service with name 'BADSERVERNAME' (ApiErrorDoesNotExist, HTTP 404)",
			wantDetail: "Couldn't find service with name 'BADSERVERNAME'",
			is:         map[string]bool{"dne": true},
		},
		{
			name:     "authentication by code only",
			err:      &api.Error{Status: 403, Type: "ApiErrorSomethingNew", Code: 4, Message: "Bad key", Method: model.MethodJobStatus},
			wantText: "job.status: the API key was refused (check MEMSET_API_KEY): Bad key (ApiErrorSomethingNew, HTTP 403)",
			is:       map[string]bool{"auth": true},
		},
		{
			name:     "throttled with a wait",
			err:      &api.Error{Status: 429, Message: "Slow down", Method: model.MethodJobStatus, RetryAfter: 90e9},
			wantText: "job.status: Memset is throttling requests; wait 1m30s and try again: Slow down (HTTP 429)",
			is:       map[string]bool{"throttled": true},
		},
		{
			name:     "server side",
			err:      &api.Error{Status: 503, Type: model.ErrorInternal, Message: "Down", Method: model.MethodInvoiceList},
			wantText: "invoice.list: Memset's server failed: Down (ApiErrorInternal, HTTP 503)",
			is:       map[string]bool{"server": true},
		},
		{
			name:     "a known type is not matched by another's code",
			err:      &api.Error{Status: 404, Type: model.ErrorDoesNotExist, Code: 4, Message: "x", Method: model.MethodJobStatus},
			wantText: "job.status: x (ApiErrorDoesNotExist, HTTP 404)",
			is:       map[string]bool{"dne": true},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.wantText {
				t.Errorf("Error() = %q\nwant      %q", got, tc.wantText)
			}
			if tc.wantDetail != "" && tc.err.Detail() != tc.wantDetail {
				t.Errorf("Detail() = %q, want %q", tc.err.Detail(), tc.wantDetail)
			}
			wrapped := fmt.Errorf("placing: %w", tc.err)
			got := map[string]bool{
				"bad":       api.IsBadParameters(wrapped),
				"dne":       api.IsDoesNotExist(wrapped),
				"auth":      api.IsAuthentication(wrapped),
				"throttled": api.IsThrottled(wrapped),
				"server":    api.IsServerSide(wrapped),
			}
			for k, v := range got {
				if v != tc.is[k] {
					t.Errorf("Is %s = %v, want %v", k, v, tc.is[k])
				}
			}
		})
	}
}

func TestOutcomeUnknownText(t *testing.T) {
	err := &api.OutcomeUnknownError{
		Method: model.MethodMonthlyMiniserver,
		Sent:   map[string][]string{"sku": {"MSVM001"}, "dry_run": {"0"}},
		Err:    &api.ProtocolError{Method: model.MethodMonthlyMiniserver, Status: 502, Reason: "with an HTML page"},
	}
	want := "create.monthly_miniserver: the order for MSVM001 was sent but its answer was lost, so it may or may not have been placed " +
		"(create.monthly_miniserver: HTTP 502 with an HTML page); check your invoices (invoice.list) and the order journal before ordering again"
	if got := err.Error(); got != want {
		t.Errorf("Error() = %q\nwant      %q", got, want)
	}
	if !api.IsServerSide(err) || !api.IsOutcomeUnknown(fmt.Errorf("x: %w", err)) {
		t.Error("helpers do not see through OutcomeUnknownError")
	}
}

// TestRefusedKeyNamesItsSource: a refused key's advice names where the key
// came from, and MEMSET_API_KEY when nobody said.
func TestRefusedKeyNamesItsSource(t *testing.T) {
	for _, tc := range []struct{ from, want string }{
		{"", "check MEMSET_API_KEY"},
		{"the key file", "check the key file"},
		{"the prompt", "check the prompt"},
	} {
		e := &api.Error{Status: 403, Type: model.ErrorAuthentication, Message: "Authentication failed", Method: model.MethodJobStatus, KeyFrom: tc.from}
		if !strings.Contains(e.Error(), tc.want) {
			t.Errorf("KeyFrom %q: %q lacks %q", tc.from, e.Error(), tc.want)
		}
	}
}
