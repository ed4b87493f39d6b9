package sandbox_test

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/memset-order/memset-order/model"
)

// Memset's own Ansible dynamic inventory script
// (github.com/Memset/memset-ansible-dynamic-inventory, file memset) calls
// server.list over JSON-RPC, then service.info(name=…) for each server,
// and indexes the answers with [] (Python 2): a key that is missing, or
// of a type the script cannot use, ends the whole inventory with an
// exception. The types are the script's Docs/Variables.md.

// jsonKind is a JSON type the script relies on.
type jsonKind int

const (
	jsonString jsonKind = iota
	jsonBool
	jsonInt    // a whole number
	jsonNumber // any number
	jsonZones  // a non-empty list of strings: the script reads [0]
	jsonObject
)

func (k jsonKind) String() string {
	return [...]string{"a string", "a Boolean", "a whole number", "a number", "a non-empty list of strings", "an object"}[k]
}

// is reports whether v, decoded with UseNumber, is of kind k.
func (k jsonKind) is(v any) bool {
	switch k {
	case jsonString:
		_, ok := v.(string)
		return ok
	case jsonBool:
		_, ok := v.(bool)
		return ok
	case jsonInt:
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		_, err := n.Int64()
		return err == nil
	case jsonNumber:
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		_, err := n.Float64()
		return err == nil
	case jsonZones:
		l, ok := v.([]any)
		if !ok || len(l) == 0 {
			return false
		}
		for _, z := range l {
			if _, ok := z.(string); !ok {
				return false
			}
		}
		return true
	case jsonObject:
		_, ok := v.(map[string]any)
		return ok
	}
	return false
}

// inventoryServerKeys are the keys the script reads from each server.list
// item: _simple_os (os), _get_zone (network_zones[0]), get_all
// (host_name) and _build_vars (name and the memset_* variables).
var inventoryServerKeys = map[string]jsonKind{
	"name":                           jsonString,
	"host_name":                      jsonString,
	"os":                             jsonString,
	"network_zones":                  jsonZones,
	"backups":                        jsonBool,
	"control_panel":                  jsonString,
	"firewall_type":                  jsonString,
	"firewall_rule_group":            jsonObject,
	"monitoring_level":               jsonString,
	"monitor":                        jsonBool,
	"ignore_monitoring_off":          jsonBool,
	"no_auto_reboot":                 jsonBool,
	"support_level":                  jsonString,
	"vulnscan":                       jsonString,
	"penetration_patrol":             jsonString,
	"penetration_patrol_alert_level": jsonInt,
}

// inventoryServiceKeys are the keys _build_vars reads from service.info.
var inventoryServiceKeys = map[string]jsonKind{
	"nickname":               jsonString,
	"start_date":             jsonString,
	"expiry_date":            jsonString,
	"network_zones":          jsonZones,
	"data_zone":              jsonString,
	"renewal_price_amount":   jsonNumber,
	"renewal_price_currency": jsonString,
	"renewal_price_vat":      jsonNumber,
	"type":                   jsonString,
}

// inventoryGroups are the zone groups get_all makes; a server whose first
// network zone names another group raises KeyError.
var inventoryGroups = map[string]bool{"memset-reading": true, "memset-dunsfold": true}

// jsonrpc calls method with params over JSON-RPC 2.0 as jsonrpclib does
// (a list for no arguments, an object for keyword arguments).
func (e *env) jsonrpc(t *testing.T, method string, params any) any {
	t.Helper()
	body, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "method": method, "params": params, "id": "inventory"})
	if err != nil {
		t.Fatal(err)
	}
	result, rpcErr, _ := jsonrpcResult(t, e.post(t, "/v1/jsonrpc/", "application/json-rpc", string(body), testKey))
	if rpcErr != nil {
		t.Fatalf("%s over JSON-RPC: %v", method, rpcErr)
	}
	return result
}

// checkKeys checks that m holds every key of want, of its kind.
func checkKeys(t *testing.T, what string, m map[string]any, want map[string]jsonKind) {
	t.Helper()
	for k, kind := range want {
		v, ok := m[k]
		switch {
		case !ok:
			t.Errorf("%s lacks %s, which Memset's inventory script reads", what, k)
		case !kind.is(v):
			t.Errorf("%s: %s = %#v, want %v", what, k, v, kind)
		}
	}
}

// TestInventoryScriptKeys: every key Memset's inventory script reads is in
// each server.list item and in service.info, of the right JSON type, for
// the account's servers and for servers the sandbox created with and
// without the extras behind them; the values follow the order
// (support_level, vulnscan, intrusion_detection) or the defaults
// (standard, none, none with alert level 0, both Booleans false).
func TestInventoryScriptKeys(t *testing.T) {
	e := newEnv(t)
	type ordered struct {
		method model.Method
		params map[string]string
		// want are the values the order's extras imply.
		want map[string]any
	}
	defaults := map[string]any{"support_level": "standard", "vulnscan": "none", "penetration_patrol": "none",
		"penetration_patrol_alert_level": json.Number("0"), "ignore_monitoring_off": false, "no_auto_reboot": false}
	orders := []ordered{
		{model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM001", "os": "debian_bookworm_64"}, defaults},
		{model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM001", "os": "debian_bookworm_64", "firewall": "managed",
			"support_level": "managed", "vulnscan": "managed", "intrusion_detection": "managed"},
			map[string]any{"support_level": "managed", "vulnscan": "managed", "penetration_patrol": "monitored"}},
		{model.MethodMonthlyMiniserver, map[string]string{"sku": "MSVM001", "os": "debian_bookworm_64",
			"vulnscan": "basic", "intrusion_detection": "basic"},
			map[string]any{"support_level": "standard", "vulnscan": "basic", "penetration_patrol": "basic"}},
		{model.MethodMonthlyFullserver, map[string]string{"sku": "FS001", "os": "debian_bookworm_64", "support_level": "managed"},
			map[string]any{"support_level": "managed", "vulnscan": "none", "penetration_patrol": "none"}},
	}
	for _, o := range orders {
		ref, _ := e.order(t, o.method, o.params)
		mustPay(t, e, ref)
	}
	e.clock.Advance(20 * stage)

	list, ok := e.jsonrpc(t, "server.list", []any{}).([]any)
	if !ok {
		t.Fatal("server.list over JSON-RPC is not a list")
	}
	if len(list) < len(orders)+1 {
		t.Fatalf("server.list holds %d servers, want the account's and the %d ordered", len(list), len(orders))
	}
	created := list[len(list)-len(orders):]
	for i, it := range list {
		item, ok := it.(map[string]any)
		if !ok {
			t.Fatalf("server.list item %d is not an object: %#v", i, it)
		}
		name, _ := item["name"].(string)
		what := fmt.Sprintf("server.list item %d (%s)", i, name)
		checkKeys(t, what, item, inventoryServerKeys)

		// The values the extras (or their absence) imply.
		want := defaults
		if j := i - (len(list) - len(orders)); j >= 0 {
			want = orders[j].want
		}
		for k, v := range want {
			if item[k] != v {
				t.Errorf("%s: %s = %#v, want %#v", what, k, item[k], v)
			}
		}
		// penetration_patrol_alert_level: 0 exactly when penetration_patrol
		// is none, else 1–15 (memset-api.md §3.2).
		level, _ := item["penetration_patrol_alert_level"].(json.Number).Int64()
		if pp := item["penetration_patrol"]; (pp == "none") != (level == 0) || level < 0 || level > 15 {
			t.Errorf("%s: penetration_patrol %v with alert level %d", what, pp, level)
		}
		// What the script does with the values: a zone group it made, and a
		// rule group's name and nickname whenever firewall_type is not none.
		if zones, ok := item["network_zones"].([]any); ok && len(zones) > 0 {
			if g := fmt.Sprintf("memset-%v", zones[0]); !inventoryGroups[g] {
				t.Errorf("%s: first network zone %v makes group %s, which the script has not made", what, zones[0], g)
			}
		}
		if item["firewall_type"] != "none" {
			rg, _ := item["firewall_rule_group"].(map[string]any)
			for _, k := range []string{"name", "nickname"} {
				if !jsonString.is(rg[k]) {
					t.Errorf("%s: firewall_type %v, rule group %v without a string %s", what, item["firewall_type"], rg, k)
				}
			}
		}

		svc, ok := e.jsonrpc(t, "service.info", map[string]any{"name": name}).(map[string]any)
		if !ok {
			t.Fatalf("service.info(%s) over JSON-RPC is not an object", name)
		}
		checkKeys(t, fmt.Sprintf("service.info(%s)", name), svc, inventoryServiceKeys)
	}
	if fw, _ := created[1].(map[string]any); fw["firewall_type"] != "managed" {
		t.Errorf("the firewalled server's firewall_type = %v, want managed", fw["firewall_type"])
	}
}
