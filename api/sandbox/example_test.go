package sandbox_test

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/memset-order/memset-order/api/sandbox"
)

// The wizard's way in: an http.Client whose transport is the sandbox,
// pointed at BaseURL. No socket is opened.
func ExampleSandbox_Transport() {
	const key = "0123456789abcdef0123456789abcdef"
	sb := sandbox.New(
		sandbox.WithAPIKey(key),
		sandbox.WithClock(sandbox.NewFakeClock(time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC))),
	)
	client := &http.Client{Transport: sb.Transport()}
	params := url.Values{"sku": {"MSVM001"}, "os": {"debian_jessie_64"}, "dry_run": {"1"}}
	req, _ := http.NewRequest(http.MethodPost, sandbox.BaseURL+"/create.monthly_miniserver/", strings.NewReader(params.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(key, "x")
	resp, err := client.Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Print(resp.StatusCode, " ", string(body))
	// Output: 200 {"sku":"MSVM001","currency":"GBP","dry_run":true,"net_setup_price":0.00,"net_total":7.50}
}

// A test drives time: the order's job waits for payment, then walks
// through its stages on the fake clock.
func ExampleFakeClock() {
	clock := sandbox.NewFakeClock(time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC))
	sb := sandbox.New(sandbox.WithAPIKey("0123456789abcdef0123456789abcdef"), sandbox.WithClock(clock),
		sandbox.WithAutoPay(0), sandbox.WithStageDuration(time.Minute))
	req, _ := http.NewRequest(http.MethodGet, sandbox.BaseURL+"/create.monthly_miniserver/?sku=MSVM001&os=debian_jessie_64&dry_run=0", nil)
	req.SetBasicAuth("0123456789abcdef0123456789abcdef", "")
	resp, err := sb.Transport().RoundTrip(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	order := sb.Orders()[0]
	show := func() {
		j, _ := sb.Job(order.JobID)
		fmt.Println(strings.TrimSpace(fmt.Sprint(j.Status, " ", j.Finished, " ", j.Service)))
	}
	show()
	_ = sb.PayInvoice(order.InvoiceRef)
	show()
	clock.Advance(2 * time.Minute)
	show()
	clock.Advance(time.Hour)
	show()
	// Output:
	// AWAITING-PAYMENT false
	// QUEUED false
	// INSTALLING-OS false
	// DONE true sandyaa3
}
