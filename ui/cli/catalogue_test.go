package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// runCatalogueCmd runs `memset-order catalogue ARGS` with g's globals and
// returns what it wrote on stdout and stderr.
func runCatalogueCmd(t *testing.T, g *Globals, args ...string) (string, string, error) {
	t.Helper()
	f, out, errOut := testFactory(nil)
	// Never nil: cobra would read the test binary's own arguments.
	err := execute(newCmdCatalogue(f, g), append([]string{}, args...)...)
	return out.String(), errOut.String(), err
}

// writeCatalogueFile writes cat as a catalogue file in a temporary
// directory and returns its path.
func writeCatalogueFile(t *testing.T, cat *model.Catalogue) string {
	t.Helper()
	b, err := json.Marshal(cat)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "catalogue.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestCatalogueText: the listing a person reads: every product with its
// plans, OSes and settings as `order` takes them, the prices called
// samples, one product with PRODUCT, and bad usage said as such.
func TestCatalogueText(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`{"version":`), 0o600); err != nil {
		t.Fatal(err)
	}
	custom := model.DefaultCatalogue()
	custom.Products[0].SKUs[0].Name = "Tiny VM"
	customPath := writeCatalogueFile(t, custom)

	for _, tc := range []struct {
		name   string
		file   string
		args   []string
		status Status
		want   []string
		not    []string
	}{
		{"the whole catalogue", "", nil, StatusDone, []string{
			"Catalogue 2026-11-27.2, in GBP.",
			"Prices in the catalogue are sample prices for the sandbox: real prices\ncome only from Memset's dry runs (the price check before an order is sent).\n\n",
			"monthly_miniserver: Miniserver VM (monthly)\n  A virtual server paid monthly in advance; the usual choice.\n  Billed monthly, in advance.",
			"    SKU      NAME                     RAM    DISK    vCPU  PRICE          SETUP\n",
			"    MSVM001  Miniserver VM 1 GB       1 GB   25 GB   1     £7.50/month    none   documented prices\n",
			"    MSVM002  Miniserver VM 2 GB       2 GB   50 GB   1     £12.00/month   none   sample prices\n",
			"    MS0200   Classic Miniserver 2 GB  2 GB   40 GB   1     £10.00/month   none   sample prices; classic plan\n",
			"  Operating systems (--os):\n    debian_trixie_64        Debian 13 (Trixie) 64-bit\n",
			"    debian_stretch_64       Debian 9 (Stretch) 64-bit                           end of life\n",
			"    centos7_cpanel_64       cPanel on CentOS 7 64-bit                           cPanel, licence +£20.00/month (sample), end of life\n",
			"    win2025serverstd_64     Microsoft Windows 2025 Server, Standard Edition     Windows, licence +£15.00/month (sample)\n",
			"    period (Billing period): one of the values below; multiplies the price.\n      Months paid in advance; the price is multiplied by it.\n        period=1   1 month    default\n        period=3   3 months\n",
			"        firewall=basic         Basic (shared rules)  +£3.00/month (sample)\n",
			"    disk_gb (Disk size): a whole number from 20 to 1000 GB, £0.10 per GB a month (sample); classic plans only (MS0200).\n",
			"    pub_ssh_key (SSH public key): text, one OpenSSH public key line.\n",
			"  Example: memset-order order monthly_miniserver --sku MSVM001 --os debian_trixie_64\n",
		}, []string{"\x1b", "0.0104/month"}},
		{"the whole catalogue, every product", "", nil, StatusDone, []string{
			"hourly_miniserver: Miniserver VM (hourly)",
			"monthly_fullserver: Dedicated server (monthly)",
			"    FS001  Dedicated 4-core 32 GB    32 GB   960 GB   4     £89.00/month   £50.00   sample prices\n",
			"memstore: Memstore",
			"openstack: OpenStack project",
			"bandwidth_bank: Bandwidth bank top-up\n  ",
			"  Charged once.\n",
			"    gb (Amount): required; a whole number from 10 to 10000 GB, £0.05 per GB (sample).\n",
			"    name (server): required; the name of one of your servers with metered bandwidth.\n",
			"  Example: memset-order order bandwidth_bank --set name=SERVER --set gb=10\n",
			"memset-order catalogue PRODUCT lists one product",
		}, nil},
		{"one product: no RAM or OS for storage", "", []string{"memstore"}, StatusDone, []string{
			"memstore: Memstore",
			"    SKU            NAME             DISK     PRICE         SETUP\n",
			"    MEMSTORE-100   Memstore 100 GB  100 GB   £3.00/month   none   sample prices\n",
			"  Example: memset-order order memstore --sku MEMSTORE-100\n",
		}, []string{"monthly_miniserver", "RAM", "vCPU", "Operating systems", "Settings", "lists one product"}},
		{"an hourly product: hourly prices, no cPanel, deprecated", "", []string{"hourly_miniserver"}, StatusDone, []string{
			"  Billed hourly, in arrears",
			"  DEPRECATED: Memset has deprecated hourly Miniservers",
			"£0.0104/hour",
			"    MS0100  Hourly Miniserver 4 GB  4 GB  100 GB  2     £0.0416/hour  none   sample prices\n",
			"        firewall=basic    Basic (shared rules)  +£0.005/hour (sample)\n",
		}, []string{"centos7_cpanel_64", "win2025serverstd_64", "/month"}},
		{"a --catalogue file", customPath, []string{"monthly_miniserver"}, StatusDone, []string{"MSVM001  Tiny VM"}, []string{"Miniserver VM 1 GB"}},
		{"an unknown product names the products", "", []string{"miniserver"}, StatusUsage, []string{
			`"miniserver" is not a product: use one of monthly_miniserver, hourly_miniserver, monthly_fullserver, memstore, openstack, bandwidth_bank`}, nil},
		{"two products", "", []string{"memstore", "openstack"}, StatusUsage, nil, nil},
		{"an unknown output format", "", []string{"-o", "yaml"}, StatusUsage, []string{`output format "yaml" is not known: use table or json`}, nil},
		{"a broken --catalogue file", bad, nil, StatusError, []string{"--catalogue " + bad}, nil},
	} {
		out, _, err := runCatalogueCmd(t, &Globals{CatalogueFile: tc.file}, tc.args...)
		if StatusOf(err) != tc.status {
			t.Errorf("%s: %v (status %d), want status %d", tc.name, err, StatusOf(err), tc.status)
			continue
		}
		got := out
		if err != nil {
			got = err.Error()
		}
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s: output lacks %q:\n%s", tc.name, w, got)
			}
		}
		for _, n := range tc.not {
			if strings.Contains(got, n) {
				t.Errorf("%s: output has %q", tc.name, n)
			}
		}
	}
}

// TestCatalogueJSON: -o json is the documented shape: every key present,
// money as decimal strings, one product with PRODUCT.
func TestCatalogueJSON(t *testing.T) {
	for _, tc := range []struct {
		args     []string
		products []string
	}{
		{[]string{"-o", "json"}, order.ProductIDs(model.DefaultCatalogue())},
		{[]string{"-o", "json", "bandwidth_bank"}, []string{"bandwidth_bank"}},
	} {
		out, _, err := runCatalogueCmd(t, &Globals{}, tc.args...)
		if err != nil {
			t.Fatalf("catalogue %v: %v", tc.args, err)
		}
		var doc map[string]any
		if err := json.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("catalogue %v: not JSON: %v\n%s", tc.args, err, out)
		}
		wantKeys(t, "catalogue", doc, "version", "currency", "price_note", "products")
		if doc["currency"] != "GBP" || !strings.Contains(doc["price_note"].(string), "sample prices") {
			t.Errorf("catalogue %v: currency %v, note %v", tc.args, doc["currency"], doc["price_note"])
		}
		var ids []string
		for _, p := range doc["products"].([]any) {
			p := p.(map[string]any)
			ids = append(ids, p["id"].(string))
			wantKeys(t, "product", p, "id", "name", "summary", "kind", "billing", "price_unit", "method", "deprecated",
				"needs_os", "target_param", "target_help", "skus", "oses", "extras")
			for _, s := range p["skus"].([]any) {
				wantKeys(t, "sku", s.(map[string]any), "sku", "name", "ram_mb", "disk_gb", "vcpus", "classic", "price", "setup", "price_source")
				wantDecimal(t, s.(map[string]any), "price", "setup")
			}
			for _, o := range p["oses"].([]any) {
				wantKeys(t, "os", o.(map[string]any), "name", "display", "family", "windows", "cpanel", "eol", "price")
				wantDecimal(t, o.(map[string]any), "price")
			}
			for _, e := range p["extras"].([]any) {
				e := e.(map[string]any)
				wantKeys(t, "extra", e, "param", "label", "help", "type", "default", "required", "classic_only", "multiplier",
					"choices", "min", "max", "unit", "unit_price", "format")
				wantDecimal(t, e, "unit_price")
				for _, c := range e["choices"].([]any) {
					wantKeys(t, "choice", c.(map[string]any), "value", "label", "price")
					wantDecimal(t, c.(map[string]any), "price")
				}
			}
		}
		if !slices.Equal(ids, tc.products) {
			t.Errorf("catalogue %v: products %v, want %v", tc.args, ids, tc.products)
		}
	}

	out, _, err := runCatalogueCmd(t, &Globals{}, "-o", "json")
	if err != nil {
		t.Fatal(err)
	}
	var v catalogueView
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	mini := v.Products[0]
	if mini.ID != "monthly_miniserver" || mini.Method != "create.monthly_miniserver" || mini.PriceUnit != "month" || !mini.NeedsOS ||
		mini.SKUs[0] != (skuView{SKU: "MSVM001", Name: "Miniserver VM 1 GB", RAMMB: 1024, DiskGB: 25, VCPUs: 1, Price: "7.50", Setup: "0.00", PriceSource: "documented"}) {
		t.Errorf("monthly_miniserver: %+v", mini)
	}
	hourly := v.Products[1]
	if hourly.SKUs[0].Price != "0.0104" || hourly.PriceUnit != "hour" || hourly.Deprecated == "" {
		t.Errorf("hourly_miniserver: %+v", hourly.SKUs[0])
	}
	top := v.Products[5]
	gb := top.Extras[0]
	if top.TargetParam != "name" || top.PriceUnit != "" || gb.Param != "gb" || gb.Min != 10 || gb.Max != 10000 || gb.Unit != "GB" || gb.UnitPrice != "0.05" || !gb.Required {
		t.Errorf("bandwidth_bank: %+v", top)
	}
}

// wantKeys checks that obj has exactly the keys named.
func wantKeys(t *testing.T, what string, obj map[string]any, keys ...string) {
	t.Helper()
	var got []string
	for k := range obj {
		got = append(got, k)
	}
	slices.Sort(got)
	keys = slices.Sorted(slices.Values(keys))
	if !slices.Equal(got, keys) {
		t.Errorf("%s keys %v, want %v", what, got, keys)
	}
}

// wantDecimal checks that obj's keys hold money as decimal strings.
func wantDecimal(t *testing.T, obj map[string]any, keys ...string) {
	t.Helper()
	for _, k := range keys {
		s, ok := obj[k].(string)
		if !ok {
			t.Errorf("%s is %T (%v), want a decimal string", k, obj[k], obj[k])
			continue
		}
		if a, err := model.ParsePrice(s); err != nil || a.Decimal() != s {
			t.Errorf("%s = %q is not a decimal amount", k, s)
		}
	}
}

// TestCatalogueJSONNamesOrder: every plan, OS and setting value -o json
// lists is one `memset-order order` takes: the plan and OS are the
// product's, and each setting, put in an order of its product, is accepted
// as an answer and by the rules.
func TestCatalogueJSONNamesOrder(t *testing.T) {
	cat := model.DefaultCatalogue()
	out, _, err := runCatalogueCmd(t, &Globals{}, "-o", "json")
	if err != nil {
		t.Fatal(err)
	}
	var v catalogueView
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatal(err)
	}
	for _, pv := range v.Products {
		p, ok := cat.Product(model.ProductID(pv.ID))
		if !ok {
			t.Errorf("product %s is not in the catalogue", pv.ID)
			continue
		}
		base := order.Answers{Product: pv.ID}
		for _, s := range pv.SKUs {
			if _, ok := p.SKU(s.SKU); !ok {
				t.Errorf("%s: --sku %s is not a plan of it", pv.ID, s.SKU)
			}
			base.SKU = s.SKU // the last plan: classic, so every setting applies
		}
		for _, o := range pv.OSes {
			if _, known := cat.OS(o.Name); !known || !p.OffersOS(o.Name) {
				t.Errorf("%s: --os %s is not offered", pv.ID, o.Name)
			}
			if base.OS == "" {
				base.OS = o.Name
			}
		}
		var sets []string
		for _, e := range pv.Extras {
			for _, c := range e.Choices {
				sets = append(sets, e.Param+"="+c.Value)
			}
			if e.Type == "number" {
				sets = append(sets, e.Param+"="+strconv.Itoa(e.Min), e.Param+"="+strconv.Itoa(e.Max))
			}
		}
		if pv.TargetParam != "" {
			sets = append(sets, pv.TargetParam+"=myaccaa1")
		}
		for _, kv := range sets {
			a := base
			a.Set = []string{kv}
			o, errs := order.Build(cat, a)
			if len(errs) > 0 {
				t.Errorf("%s --set %s: %v", pv.ID, kv, errs)
				continue
			}
			for _, pr := range order.Problems(cat, o, model.Account{}) {
				// A missing answer or a value unavailable with the others
				// is about the whole order, not about the name given.
				if pr.Problem != nil && (pr.Problem.Code == model.ProblemInvalid || pr.Problem.Code == model.ProblemUnknownParam) {
					t.Errorf("%s --set %s: %v", pv.ID, kv, pr)
				}
			}
		}
		// The check itself sees a value the product does not take.
		if len(sets) > 0 {
			a := base
			a.Set = []string{strings.SplitN(sets[0], "=", 2)[0] + "=no-such-value"}
			o, errs := order.Build(cat, a)
			if len(errs) == 0 && len(order.Problems(cat, o, model.Account{})) == 0 {
				t.Errorf("%s: %v is accepted", pv.ID, a.Set)
			}
		}
	}
}

// TestCatalogueExport: export writes a catalogue --catalogue loads back
// with the same products, plans and settings: the built-in one byte for
// byte, a --catalogue file as loaded; --output refuses to replace a file
// without --force.
func TestCatalogueExport(t *testing.T) {
	custom := model.DefaultCatalogue()
	custom.Version = "mine.1"
	custom.Products = custom.Products[:2]
	custom.Products[0].SKUs[1].Price = model.MustAmount("11.25")
	custom.Products[0].Extras[0].Choices = custom.Products[0].Extras[0].Choices[:2]
	customPath := writeCatalogueFile(t, custom)

	for _, tc := range []struct {
		name, file string
	}{
		{"the built-in catalogue", ""},
		{"a --catalogue file", customPath},
	} {
		want, err := LoadCatalogue(tc.file)
		if err != nil {
			t.Fatal(err)
		}
		out, _, err := runCatalogueCmd(t, &Globals{CatalogueFile: tc.file}, "export")
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if tc.file == "" && out != string(model.DefaultCatalogueJSON()) {
			t.Errorf("%s: export is not the built-in catalogue.json", tc.name)
		}
		path := filepath.Join(t.TempDir(), "export.json")
		if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
			t.Fatal(err)
		}
		got, err := LoadCatalogue(path)
		if err != nil {
			t.Fatalf("%s: the export does not load: %v", tc.name, err)
		}
		if got.Version != want.Version || got.Currency != want.Currency || !reflect.DeepEqual(got.OSes, want.OSes) || !reflect.DeepEqual(got.Products, want.Products) {
			t.Errorf("%s: the export loads as another catalogue", tc.name)
		}
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "mine.json")
	_, errOut, err := runCatalogueCmd(t, &Globals{CatalogueFile: customPath}, "export", "--output", path)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Wrote catalogue mine.1 (2 products) to " + path + "; use it with --catalogue " + path + "\n"; errOut != want {
		t.Errorf("stderr %q, want %q", errOut, want)
	}
	if c, err := LoadCatalogue(path); err != nil || c.Version != "mine.1" {
		t.Fatalf("--output file: %v", err)
	}
	_, _, err = runCatalogueCmd(t, &Globals{}, "export", "--output", path)
	if StatusOf(err) != StatusError || !strings.Contains(err.Error(), "the file exists; add --force to replace it") {
		t.Errorf("export over an existing file: %v", err)
	}
	if c, _ := LoadCatalogue(path); c == nil || c.Version != "mine.1" {
		t.Errorf("the refused export changed the file")
	}
	if _, _, err := runCatalogueCmd(t, &Globals{}, "export", "--output", path, "--force"); err != nil {
		t.Fatalf("export --force: %v", err)
	}
	if b, _ := os.ReadFile(path); !bytes.Equal(b, model.DefaultCatalogueJSON()) {
		t.Errorf("export --force did not replace the file")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("export --force left files behind: %v", entries)
	}
	if _, _, err := runCatalogueCmd(t, &Globals{}, "export", "extra"); StatusOf(err) != StatusUsage {
		t.Errorf("export extra: %v, want bad usage", err)
	}
}
