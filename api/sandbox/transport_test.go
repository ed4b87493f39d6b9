package sandbox_test

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestTransport talks to the sandbox in memory at BaseURL, as the wizard
// does without an API key.
func TestTransport(t *testing.T) {
	sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithClock(sandbox.NewFakeClock(t0)))
	client := &http.Client{Transport: sb.Transport()}
	req, err := http.NewRequest(http.MethodPost, sandbox.BaseURL+"/create.monthly_miniserver/", strings.NewReader(form(documented("1"))))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(testKey, "")
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	a := decodeAnswer(t, resp)
	if a.status != 200 || amount(t, a.obj(t)["net_total"]) != model.MustAmount("7.50") {
		t.Fatalf("%d %s", a.status, a.raw)
	}
	if resp.ContentLength != int64(len(a.raw)) {
		t.Fatalf("ContentLength = %d, body %d bytes", resp.ContentLength, len(a.raw))
	}
	u, _ := url.Parse(sandbox.BaseURL)
	if u.Scheme != "https" || !strings.HasSuffix(u.Hostname(), ".invalid") {
		t.Fatalf("BaseURL %s is not https on a reserved .invalid host", sandbox.BaseURL)
	}
}

// TestTransportDrop: a Drop fault is an error from RoundTrip, after the
// order was recorded.
func TestTransportDrop(t *testing.T) {
	sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithClock(sandbox.NewFakeClock(t0)))
	sb.AddFault(sandbox.Fault{Drop: true})
	req, _ := http.NewRequest(http.MethodGet, sandbox.BaseURL+"/create.monthly_miniserver/?"+form(documented("0")), nil)
	req.SetBasicAuth(testKey, "")
	resp, err := sb.Transport().RoundTrip(req)
	if !errors.Is(err, sandbox.ErrDropped) || resp != nil {
		t.Fatalf("RoundTrip = %v, %v; want ErrDropped", resp, err)
	}
	if len(sb.Orders()) != 1 {
		t.Fatal("the dropped order was not recorded")
	}
}
