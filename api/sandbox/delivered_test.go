package sandbox_test

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"

	"github.com/memset-order/memset-order/model"
)

// delivered places a real order, pays it and lets its job finish.
func (e *env) delivered(t *testing.T, method model.Method, params map[string]string) {
	t.Helper()
	ref, id := e.order(t, method, params)
	mustPay(t, e, ref)
	e.clock.Advance(10 * stage)
	if j := e.jobStatus(t, id); j["status"] != "DONE" {
		t.Fatalf("job = %v, want DONE", j)
	}
}

// TestServerInfo describes servers as the customer reads them after the
// job: the account's own and those the sandbox created, with what the order
// chose; anything else is not a server.
func TestServerInfo(t *testing.T) {
	tests := []struct {
		name   string
		method model.Method
		order  map[string]string // nil: no order
		server string
		want   map[string]any // keys that must have these values
	}{
		{name: "the account's server", server: "sandyaa1", want: map[string]any{
			"name": "sandyaa1", "host_name": "sandyaa1.miniserver.com", "primary_ip": "192.0.2.10", "os": "debian_bookworm_64",
			"type": "miniserver", "status": "LIVE", "nickname": "web", "control_panel": "none", "firewall_type": "none", "backups": false,
		}},
		{name: "a new Miniserver", method: model.MethodMonthlyMiniserver, order: documented("0"), server: "sandyaa3", want: map[string]any{
			"name": "sandyaa3", "host_name": "sandyaa3.miniserver.com", "primary_ip": "198.51.100.10", "os": "debian_jessie_64",
			"monitoring_level": "basic", "monitor": true, "firewall_rule_group": map[string]any{},
		}},
		{name: "a new cPanel server", method: model.MethodMonthlyMiniserver, order: map[string]string{"sku": "MSVM002", "os": "centos7_cpanel_64"},
			server: "sandyaa3", want: map[string]any{"control_panel": "cpanel", "os": "centos7_cpanel_64"}},
		{name: "a dedicated server with extras", method: model.MethodMonthlyFullserver,
			order:  map[string]string{"sku": "FS001", "os": "debian_bookworm_64", "firewall": "managed", "backups": "100", "monitoring_level": "advanced", "vlan": "sandy-vlan1"},
			server: "sandyaa3", want: map[string]any{
				"type": "fullserver", "firewall_type": "managed", "backups": true, "monitoring_level": "advanced",
				"vlans":               map[string]any{"tagged": []any{}, "untagged": []any{"sandy-vlan1"}},
				"firewall_rule_group": map[string]any{"name": "sandyaa3-rules", "nickname": "sandyaa3-rules"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t)
			if tt.order != nil {
				e.delivered(t, tt.method, tt.order)
			}
			a := e.call(t, model.MethodServerInfo, map[string]string{"name": tt.server})
			if a.status != http.StatusOK {
				t.Fatalf("server.info %s: %d %s", tt.server, a.status, a.raw)
			}
			got := a.obj(t)
			for k, v := range tt.want {
				if !reflect.DeepEqual(got[k], v) {
					t.Errorf("%s = %#v, want %#v", k, got[k], v)
				}
			}
			ips, _ := got["ips"].([]any)
			if len(ips) != 2 || ips[0].(map[string]any)["address"] != got["primary_ip"] {
				t.Fatalf("ips = %v, want the primary first and one more", got["ips"])
			}
			for _, ip := range ips {
				if m := ip.(map[string]any); m["reverse_map"] != got["host_name"] {
					t.Errorf("reverse map of %v is not the host name", m)
				}
			}
		})
	}
}

// TestServerInfoRefuses: a server that does not exist yet, a service that
// is not a server and bad names are refused as the API refuses them.
func TestServerInfoRefuses(t *testing.T) {
	e := newEnv(t)
	e.delivered(t, model.MethodMemstore, map[string]string{"sku": "MEMSTORE-100"})
	ref, _ := e.order(t, model.MethodMonthlyMiniserver, documented("0"))
	mustPay(t, e, ref)
	e.clock.Advance(stage)
	tests := []struct {
		name   string
		params map[string]string
		status int
		typ    model.ErrorType
		msg    string
	}{
		{"not set up yet", map[string]string{"name": "sandyaa3"}, 404, model.ErrorDoesNotExist, "Couldn't find server with name 'sandyaa3'"},
		{"a Memstore is not a server", map[string]string{"name": "mssandyaa1"}, 404, model.ErrorDoesNotExist, ""},
		{"no name", map[string]string{}, 400, model.ErrorBadParameters, "name: This field is required."},
		{"not a name", map[string]string{"name": "a b"}, 400, model.ErrorBadParameters, "name: 'a b' is not a service name (1 to 64 letters, digits, '-', '.' or '_')."},
		{"another parameter", map[string]string{"name": "sandyaa1", "verbose": "1"}, 400, model.ErrorBadParameters, "verbose: Unknown parameter for server.info."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.call(t, model.MethodServerInfo, tt.params).wantError(t, tt.status, tt.typ, tt.msg)
		})
	}
}

// TestBandwidthInfo: entries keyed by service type; a metered server's
// bank grows by what finished top-ups added, and its remaining transfer
// with it; an unmetered server has a contention ratio instead.
func TestBandwidthInfo(t *testing.T) {
	e := newEnv(t)
	e.delivered(t, model.MethodBandwidthBank, map[string]string{"name": "sandyaa1", "gb": "50"})
	e.delivered(t, model.MethodMemstore, map[string]string{"sku": "MEMSTORE-100"})
	num := func(n int) json.Number { return json.Number(itoa(n)) }
	tests := []struct {
		name    string
		service string
		keys    []string
		want    map[string]map[string]any
	}{
		{"metered, topped up", "sandyaa1", []string{"miniserver"}, map[string]map[string]any{"miniserver": {
			"connection_type": "metered", "bandwidth_bank": num(50), "inclusive_transfer": num(100), "remaining": num(150), "max_burst": num(100),
		}}},
		{"unmetered", "sandyaa2", []string{"miniserver"}, map[string]map[string]any{"miniserver": {
			"connection_type": "unmetered", "contention": "20:1", "bandwidth_bank": nil, "remaining": nil,
		}}},
		{"Memstore: storage and CDN", "mssandyaa1", []string{"cdn", "memstore"}, map[string]map[string]any{
			"memstore": {"bytes_in": num(0), "connection_type": nil}, "cdn": {"bytes_out": num(0)},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := e.call(t, model.MethodBandwidthInfo, map[string]string{"name": tt.service})
			if a.status != http.StatusOK {
				t.Fatalf("bandwidth.info %s: %d %s", tt.service, a.status, a.raw)
			}
			got := a.obj(t)
			if k := keys(got); !reflect.DeepEqual(k, tt.keys) {
				t.Fatalf("entries %v, want %v", k, tt.keys)
			}
			for typ, want := range tt.want {
				entry, _ := got[typ].(map[string]any)
				for k, v := range want {
					if !reflect.DeepEqual(entry[k], v) {
						t.Errorf("%s.%s = %#v, want %#v", typ, k, entry[k], v)
					}
				}
			}
		})
	}
	e.call(t, model.MethodBandwidthInfo, map[string]string{"name": "nosuchservice"}).wantError(t, 404, model.ErrorDoesNotExist, "")
	if gb, _ := e.sb.BandwidthBank("sandyaa1"); gb != 50 {
		t.Fatalf("BandwidthBank = %d, want 50", gb)
	}
}
