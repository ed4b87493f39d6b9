package api

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/model"
)

// FuzzDecodeDelivered feeds random 2xx bodies through the decoders of
// server.info and bandwidth.info: they must never panic; a body they
// accept must convert, and its addresses, host name and quantities must
// be what the checks promise; every refusal is a *ProtocolError without
// the key.
func FuzzDecodeDelivered(f *testing.F) {
	for _, name := range []string{"server.info.json", "bandwidth.info.json"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "wire", name))
		if err != nil {
			f.Fatal(err)
		}
		var fx struct {
			Exchanges []struct {
				Response json.RawMessage `json:"response"`
			} `json:"exchanges"`
		}
		if err := json.Unmarshal(b, &fx); err != nil {
			f.Fatal(err)
		}
		for _, ex := range fx.Exchanges {
			f.Add([]byte(ex.Response))
		}
	}
	for _, s := range []string{
		`{"name": "a", "host_name": "a.b", "primary_ip": "::1", "os": "x", "ips": [{"address": "1.2.3.4", "bytes_in_today": 1e3}]}`,
		`{"name": "a", "host_name": "a\u001b]0;x\u0007", "primary_ip": "1.2.3.4", "os": "x"}`,
		`{"m": {"bytes_in": 1, "bytes_out": 2, "connection_type": "metered", "inclusive_transfer": 1e2, "bandwidth_bank": "0.5", "contention": "` + fuzzKey + `"}}`,
		`{"": {"bytes_in": 0, "bytes_out": 0}}`, `{"m": null}`, `{"m": {"bytes_in": 9223372036854775808}}`,
		`{"m": {"bytes_in": 0, "bytes_out": 0, "remaining": 1e31}}`, `null`, `[]`, `{}`,
	} {
		f.Add([]byte(s))
	}
	c, err := New(WithAPIKey(fuzzKey))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		ex := exchange{status: 200, contentType: "application/json", body: body}
		var s wireServerInfo
		if err := c.decode(model.MethodServerInfo, ex, &s); err != nil {
			checkRefusal(t, err)
		} else {
			info := s.toModel()
			if checkHostName(info.HostName) != nil || checkIP("primary_ip", info.PrimaryIP) != nil {
				t.Fatalf("accepted %+v", info)
			}
			for _, ip := range info.IPs {
				if checkIP("address", ip.Address) != nil {
					t.Fatalf("accepted address %q", ip.Address)
				}
			}
		}
		var b wireBandwidth
		if err := c.decode(model.MethodBandwidthInfo, ex, &b); err != nil {
			checkRefusal(t, err)
			return
		}
		for typ, u := range b.toModel() {
			if typ == "" || u.BandwidthBank < 0 || u.InclusiveTransfer < 0 || u.BytesIn < 0 || u.BytesOut < 0 {
				t.Fatalf("accepted %q: %+v", typ, u)
			}
		}
	})
}

// checkRefusal fails unless err is a *ProtocolError that does not hold
// the key.
func checkRefusal(t *testing.T, err error) {
	t.Helper()
	var pe *ProtocolError
	if !errors.As(err, &pe) {
		t.Fatalf("error of type %T: %v", err, err)
	}
	if strings.Contains(strings.ToLower(err.Error()), fuzzKey) {
		t.Fatalf("error contains the key: %v", err)
	}
}
