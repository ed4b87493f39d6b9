package api_test

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestCurlLineReturnsTheQuote: the curl line Review's script view shows,
// run by a shell against a sandbox server with the key exported, returns
// the price the client (and so the wizard) showed; the line holds no key.
func TestCurlLineReturnsTheQuote(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed")
	}
	const key = "5f3a9c0e7b1d4f2a8c6e0b9d7f1a3c5e"
	srv := httptest.NewServer(sandbox.New(sandbox.WithAPIKey(key)))
	defer srv.Close()
	c, err := api.New(api.WithBaseURL(srv.URL+"/v1/json"), api.WithAPIKey(key))
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []model.Order{
		{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "debian_jessie_64"},
		{Product: model.ProductMonthlyFullserver, SKU: "FS001", OS: "debian_bookworm_64", Extras: map[string]string{"period": "3", "ram": "128", "pub_ssh_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl it's me"}},
		{Product: model.ProductBandwidthBank, Target: "sandyaa1", Extras: map[string]string{"gb": "100"}, BillTo: model.BillNow},
	} {
		want, err := c.Quote(context.Background(), o)
		if err != nil {
			t.Fatalf("%s: %v", o.Key(), err)
		}
		r, err := c.OrderRequest(o, true)
		if err != nil {
			t.Fatal(err)
		}
		line := r.Curl()
		if strings.Contains(line, key) || !strings.Contains(line, `"$MEMSET_API_KEY:x"`) {
			t.Fatalf("the curl line must read the key from $MEMSET_API_KEY and never hold it: %s", line)
		}
		cmd := exec.Command("sh", "-c", line)
		cmd.Env = append(os.Environ(), "MEMSET_API_KEY="+key)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		var got struct {
			SKU      string      `json:"sku"`
			Currency string      `json:"currency"`
			DryRun   bool        `json:"dry_run"`
			NetTotal json.Number `json:"net_total"`
			NetSetup json.Number `json:"net_setup_price"`
		}
		dec := json.NewDecoder(strings.NewReader(string(out)))
		dec.UseNumber()
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("%s answered %s: %v", line, out, err)
		}
		total, _ := model.ParseAmount(got.NetTotal.String())
		setup, _ := model.ParseAmount(got.NetSetup.String())
		if !got.DryRun || got.Currency != string(want.Currency) || total != want.NetTotal.Amount || setup != want.NetSetup.Amount {
			t.Errorf("curl got %s, the client showed %s + %s setup", out, want.NetTotal, want.NetSetup)
		}
	}
}

// TestShellQuote: words that need no quoting stay as they are; anything
// else is one single-quoted word, with control characters made visible.
func TestShellQuote(t *testing.T) {
	for in, want := range map[string]string{
		"MSVM001":          "MSVM001",
		"period=3":         "period=3",
		"":                 "''",
		"it's me":          `'it'\''s me'`,
		"a b":              "'a b'",
		"$(rm -rf /)":      "'$(rm -rf /)'",
		"x\x1b[31my":       "'" + model.Printable("x\x1b[31my") + "'",
		"name=web;reboot":  "'name=web;reboot'",
		"https://a.b/c/d/": "https://a.b/c/d/",
	} {
		if got := api.ShellQuote(in); got != want {
			t.Errorf("ShellQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
