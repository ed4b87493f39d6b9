package sandbox_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestErrorTableStatuses: every status of the one error table is one a
// real client handles (model.ClientStatuses), and every inferred entry says
// why.
func TestErrorTableStatuses(t *testing.T) {
	for _, e := range model.ErrorTypes {
		if !slices.Contains(model.ClientStatuses, e.Status) {
			t.Errorf("%s answers HTTP %d, which no client is seen to handle (%v)", e.Type, e.Status, model.ClientStatuses)
		}
		if e.Source != model.SourceDocumented && e.Why == "" {
			t.Errorf("%s is %s but does not say why its code and status are what they are", e.Type, e.Source)
		}
	}
	if _, ok := model.LookupErrorType(model.ErrorNotUnique); !ok {
		t.Error("ApiErrorNotUnique is not in the table")
	}
}

// TestAnswerStatuses: the sandbox's error answers, refusals of the whole
// request included, use only the statuses real clients handle, each its
// type's from the table.
func TestAnswerStatuses(t *testing.T) {
	big := strings.Repeat("a", 70<<10)
	tests := []struct {
		name        string
		verb, path  string
		body, ctype string
		account     func(*sandbox.Account)
		typ         model.ErrorType
	}{
		{"PUT", http.MethodPut, "server.list/", "", "", nil, model.ErrorBadParameters},
		{"oversized body", http.MethodPost, "server.list/", "a=" + big, "", nil, model.ErrorBadParameters},
		{"oversized query", http.MethodGet, "server.list/?a=" + big, "", "", nil, model.ErrorBadParameters},
		{"JSON body", http.MethodPost, "server.list/", "{}", "application/json", nil, model.ErrorBadParameters},
		{"unknown method", http.MethodPost, "create.teleporter/", "", "", nil, model.ErrorDoesNotExist},
		{"PayPal", http.MethodPost, "create.monthly_miniserver/", form(documented("1")), "", func(a *sandbox.Account) {
			a.PaymentMethods = []model.PaymentMethod{{ID: "pp", Type: model.PayPayPal, Default: true}}
		}, model.ErrorPaymentMethod},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			if tt.account != nil {
				e.sb.SetAccount(tt.account)
			}
			req := e.request(t, tt.verb, tt.path, tt.body)
			if tt.ctype != "" {
				req.Header.Set("Content-Type", tt.ctype)
			}
			req.SetBasicAuth(testKey, "")
			a := e.do(t, req)
			if !slices.Contains(model.ClientStatuses, a.status) {
				t.Fatalf("HTTP %d is not one clients handle", a.status)
			}
			a.wantError(t, statusOf(tt.typ), tt.typ, "")
		})
	}
	t.Run("throttled", func(t *testing.T) {
		e := newEnv(t)
		var a answer
		for range 11 {
			req := e.request(t, http.MethodPost, "server.list/", "")
			req.SetBasicAuth(wrongKey, "")
			a = e.do(t, req)
		}
		a.wantError(t, statusOf(model.ErrorThrottled), model.ErrorThrottled, "")
		if !slices.Contains(model.ClientStatuses, a.status) || a.header.Get("Retry-After") == "" {
			t.Fatalf("throttled: HTTP %d, Retry-After %q", a.status, a.header.Get("Retry-After"))
		}
	})
}
