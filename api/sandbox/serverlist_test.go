package sandbox_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/memset-order/memset-order/model"
)

// TestServerListCarriesServerInfo: every server.list item is the server's
// server.info answer, every key and value, plus bandwidth_type; the
// account's servers and a server the sandbox created (with a firewall,
// whose rule group the inventory script reads by name and nickname) alike.
// TestInventoryScriptKeys checks the keys Memset's inventory script reads.
func TestServerListCarriesServerInfo(t *testing.T) {
	e := newEnv(t)
	ref, _ := e.order(t, model.MethodMonthlyFullserver, map[string]string{"sku": "FS001", "os": "debian_bookworm_64", "firewall": "managed"})
	mustPay(t, e, ref)
	e.clock.Advance(20 * stage)
	items := e.call(t, model.MethodServerList, nil).list(t)
	if len(items) != 3 {
		t.Fatalf("server.list holds %d servers, want the account's two and the new one", len(items))
	}
	for _, it := range items {
		item := it.(map[string]any)
		name, _ := item["name"].(string)
		info := e.call(t, model.MethodServerInfo, map[string]string{"name": name}).obj(t)
		want := map[string]any{"bandwidth_type": item["bandwidth_type"]}
		for k, v := range info {
			want[k] = v
		}
		if !reflect.DeepEqual(item, want) {
			t.Errorf("server.list item for %s:\n%v\nwant server.info's answer plus bandwidth_type:\n%v", name, item, want)
		}
		if bt := item["bandwidth_type"]; !slices.Contains([]any{"metered", "unmetered"}, bt) {
			t.Errorf("%s: bandwidth_type %v", name, bt)
		}
	}
	rg, _ := items[2].(map[string]any)["firewall_rule_group"].(map[string]any)
	if rg["name"] == nil || rg["nickname"] == nil {
		t.Errorf("a firewalled server's rule group %v lacks name or nickname", rg)
	}
}
