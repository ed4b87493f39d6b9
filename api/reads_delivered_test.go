package api_test

import (
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// serverInfoBody is a minimal server.info answer with the given name,
// host name and primary address, and extra keys appended.
func serverInfoBody(name, host, ip, extra string) string {
	return `{"name": "` + name + `", "host_name": "` + host + `", "primary_ip": "` + ip + `", "os": "debian_bookworm_64"` + extra + `}`
}

// TestServerInfoAnswers decodes server.info answers, good and bad: a
// missing documented key, an address or host name that is not one, an
// answer about another server are protocol errors, never a screen of
// garbage.
func TestServerInfoAnswers(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		want    model.ServerInfo
		wantErr string // in the *ProtocolError's text
	}{
		{name: "minimal", body: serverInfoBody("sandyaa3", "SandyAA3.miniserver.com", "198.51.100.10", ""),
			want: model.ServerInfo{Name: "sandyaa3", HostName: "sandyaa3.miniserver.com", PrimaryIP: "198.51.100.10", OS: "debian_bookworm_64"}},
		{name: "every address, flags as 1 and 0", body: serverInfoBody("sandyaa3", "sandyaa3.miniserver.com", "198.51.100.10",
			`, "ips": [{"address": "198.51.100.10", "bytes_in_today": "12"}, {"address": "2001:db8::10", "reverse_map": "x.example"}], "backups": 1, "monitor": 0, "control_panel": "cpanel", "vlans": {"tagged": ["v1"]}`),
			want: model.ServerInfo{Name: "sandyaa3", HostName: "sandyaa3.miniserver.com", PrimaryIP: "198.51.100.10", OS: "debian_bookworm_64",
				IPs:     []model.ServerIP{{Address: "198.51.100.10", BytesInToday: 12}, {Address: "2001:db8::10", ReverseMap: "x.example"}},
				Backups: true, ControlPanel: "cpanel", VLANs: model.VLANs{Tagged: []string{"v1"}}}},
		{name: "no host name", body: `{"name": "sandyaa3", "primary_ip": "198.51.100.10", "os": "x"}`, wantErr: "missing required keys: host_name"},
		{name: "no name, no os", body: `{"host_name": "a.b", "primary_ip": "198.51.100.10"}`, wantErr: "missing required keys: name, os"},
		{name: "primary address not an address", body: serverInfoBody("sandyaa3", "a.b", "999.1.1.1", ""), wantErr: `primary_ip "999.1.1.1" is not an IP address`},
		{name: "an address with an escape", body: serverInfoBody("sandyaa3", "a.b", "198.51.100.10", `, "ips": [{"address": "\u001b[2J"}]`), wantErr: "ips[0]: address"},
		{name: "host name with a space", body: serverInfoBody("sandyaa3", "evil host", "198.51.100.10", ""), wantErr: "is not a host name"},
		{name: "negative traffic", body: serverInfoBody("sandyaa3", "a.b", "198.51.100.10", `, "ips": [{"address": "198.51.100.10", "bytes_out_today": -1}]`), wantErr: "negative"},
		{name: "another server", body: serverInfoBody("sandyaa1", "a.b", "198.51.100.10", ""), wantErr: `about server "sandyaa1" although sandyaa3 was asked for`},
		{name: "null", body: `null`, wantErr: "null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) { jsonReply(w, 200, tt.body) })
			c, _ := client(t, srv.URL, api.WithRetry(api.NoRetry))
			got, err := c.ServerInfo(t.Context(), "sandyaa3")
			if tt.wantErr != "" {
				var pe *api.ProtocolError
				if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v (%T), want a protocol error saying %q", err, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestBandwidthInfoAnswers decodes bandwidth.info answers: quantities are
// exact whatever their form, a contention ratio may be a string or a
// number, a metered entry without its bank or a negative bank is refused.
func TestBandwidthInfoAnswers(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		want    model.Bandwidth
		wantErr string
	}{
		{name: "metered, fractions exact", body: `{"miniserver": {"bytes_in": 5, "bytes_out": 7, "daily_rate": 0.1, "predicted": "2.5", "connection_type": "metered", "max_burst": 100, "remaining": -3.5, "inclusive_transfer": 100, "bandwidth_bank": 50.25, "ips": [{"192.0.2.1": {"bytes_in": 1}}]}}`,
			want: model.Bandwidth{"miniserver": {BytesIn: 5, BytesOut: 7, DailyRate: 100_000, Predicted: 2_500_000, ConnectionType: "metered",
				MaxBurst: model.Whole(100), Remaining: -3_500_000, InclusiveTransfer: model.Whole(100), BandwidthBank: 50_250_000}}},
		{name: "unmetered, contention a number", body: `{"fullserver": {"bytes_in": 0, "bytes_out": 0, "connection_type": "unmetered", "contention": 20}}`,
			want: model.Bandwidth{"fullserver": {ConnectionType: "unmetered", Contention: "20"}}},
		{name: "Memstore, two entries", body: `{"memstore": {"bytes_in": 1, "bytes_out": 2}, "cdn": {"bytes_in": 3, "bytes_out": 4}}`,
			want: model.Bandwidth{"memstore": {BytesIn: 1, BytesOut: 2}, "cdn": {BytesIn: 3, BytesOut: 4}}},
		{name: "metered without its bank", body: `{"miniserver": {"bytes_in": 0, "bytes_out": 0, "connection_type": "metered", "inclusive_transfer": 100}}`, wantErr: "bandwidth_bank"},
		{name: "negative bank", body: `{"miniserver": {"bytes_in": 0, "bytes_out": 0, "connection_type": "metered", "inclusive_transfer": 100, "bandwidth_bank": -1}}`, wantErr: "bandwidth_bank -1 is negative"},
		{name: "bank not a number", body: `{"miniserver": {"bytes_in": 0, "bytes_out": 0, "bandwidth_bank": "lots"}}`, wantErr: "is not a number"},
		{name: "contention an object", body: `{"miniserver": {"bytes_in": 0, "bytes_out": 0, "contention": {}}}`, wantErr: "is not a string or a number"},
		{name: "no traffic keys", body: `{"miniserver": {}}`, wantErr: "missing required keys: bytes_in, bytes_out"},
		{name: "a list", body: `[]`, wantErr: "JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) { jsonReply(w, 200, tt.body) })
			c, _ := client(t, srv.URL, api.WithRetry(api.NoRetry))
			got, err := c.BandwidthInfo(t.Context(), "sandyaa1")
			if tt.wantErr != "" {
				var pe *api.ProtocolError
				if !errors.As(err, &pe) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v (%T), want a protocol error saying %q", err, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestDeliveredReadsRefuseBadNames: a name that is not a service name is
// refused before anything is sent, and the key never appears.
func TestDeliveredReadsRefuseBadNames(t *testing.T) {
	srv, count := server(t, func(w http.ResponseWriter, r *http.Request) { jsonReply(w, 200, `{}`) })
	c, _ := client(t, srv.URL)
	// The key is a well-formed name, but the client never sends it as one.
	for _, name := range []string{"", "a b", strings.Repeat("x", 65), "\x1b[2J", testKey + " "} {
		if _, err := c.ServerInfo(t.Context(), name); err == nil || strings.Contains(err.Error(), testKey) {
			t.Errorf("ServerInfo(%q) = %v", name, err)
		}
		if _, err := c.BandwidthInfo(t.Context(), name); err == nil || strings.Contains(err.Error(), testKey) {
			t.Errorf("BandwidthInfo(%q) = %v", name, err)
		}
	}
	if n := count.total(); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

// TestContractDelivered reads what orders delivered from the sandbox: a
// new server's addresses and OS after its job, and a metered server's
// bank after a top-up.
func TestContractDelivered(t *testing.T) {
	e := newSandbox(t, sandbox.WithStageDuration(time.Second))
	q, err := e.c.Place(t.Context(), model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM002", OS: "centos7_cpanel_64"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.sb.PayInvoice(q.InvoiceRef); err != nil {
		t.Fatal(err)
	}
	e.clk.Advance(time.Minute)
	j, err := e.c.JobStatus(t.Context(), q.Job.ID)
	if err != nil || j.State() != model.JobDone {
		t.Fatalf("job %+v, %v", j, err)
	}
	s, err := e.c.ServerInfo(t.Context(), j.Service)
	if err != nil {
		t.Fatal(err)
	}
	if s.Name != j.Service || s.HostName != j.Service+".miniserver.com" || s.OS != "centos7_cpanel_64" || !s.HasCPanel() ||
		len(s.OtherIPs()) != 1 || s.PrimaryIP == "" || s.Status != "LIVE" {
		t.Errorf("server.info = %+v", s)
	}
	top, err := e.c.Place(t.Context(), model.Order{Product: model.ProductBandwidthBank, Target: "sandyaa1", Extras: map[string]string{"gb": "50"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.sb.PayInvoice(top.InvoiceRef); err != nil {
		t.Fatal(err)
	}
	e.clk.Advance(time.Minute)
	bw, err := e.c.BandwidthInfo(t.Context(), "sandyaa1")
	if err != nil {
		t.Fatal(err)
	}
	if u, ok := bw.Connection(); !ok || !u.Metered() || u.BandwidthBank != model.Whole(50) || u.BandwidthBank.String() != "50" {
		t.Errorf("bandwidth.info = %+v", bw)
	}
	if _, err := e.c.ServerInfo(t.Context(), "nosuchserver"); !api.IsDoesNotExist(err) {
		t.Errorf("unknown server: %v", err)
	}
}
