package sandbox_test

import (
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestWithFirstInvoiceRef: invoices count up from the first reference
// given; without the option (or with a value below 1) the first is the
// documented example's 100291.
func TestWithFirstInvoiceRef(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []sandbox.Option
		want int
	}{
		{"default", nil, 100291},
		{"chosen", []sandbox.Option{sandbox.WithFirstInvoiceRef(4_200_017)}, 4_200_017},
		{"zero keeps the default", []sandbox.Option{sandbox.WithFirstInvoiceRef(0)}, 100291},
		{"negative keeps the default", []sandbox.Option{sandbox.WithFirstInvoiceRef(-5)}, 100291},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, tc.opts...)
			first, _ := e.order(t, model.MethodMonthlyMiniserver, documented("0"))
			second, _ := e.order(t, model.MethodMonthlyMiniserver, documented("0"))
			if first != tc.want || second != tc.want+1 {
				t.Errorf("invoices %d and %d, want %d and %d", first, second, tc.want, tc.want+1)
			}
		})
	}
}
