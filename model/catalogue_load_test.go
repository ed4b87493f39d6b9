package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// catalogueEdit changes the default catalogue in its JSON form: m is the
// decoded file (numbers kept as json.Number).
type catalogueEdit func(m map[string]any)

// editedCatalogue is the built-in catalogue's JSON with edit applied.
func editedCatalogue(t *testing.T, edit catalogueEdit) string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(DefaultCatalogueJSON()))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	b, err := json.MarshalIndent(m, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The paths into the decoded catalogue the edits use.
func jsonList(v any) []any                        { return v.([]any) }
func jsonObj(v any) map[string]any                { return v.(map[string]any) }
func osAt(m map[string]any, i int) map[string]any { return jsonObj(jsonList(m["oses"])[i]) }
func productAt(m map[string]any, i int) map[string]any {
	return jsonObj(jsonList(m["products"])[i])
}
func skuAt(m map[string]any, p, i int) map[string]any {
	return jsonObj(jsonList(productAt(m, p)["skus"])[i])
}
func extraAt(m map[string]any, p, i int) map[string]any {
	return jsonObj(jsonList(productAt(m, p)["extras"])[i])
}
func choiceAt(m map[string]any, p, e, i int) map[string]any {
	return jsonObj(jsonList(extraAt(m, p, e)["choices"])[i])
}

// The indexes of the default catalogue the edits rely on; the test checks
// them first, so a reordered catalogue.json fails clearly.
const (
	osWin2025      = 11
	osWin2022      = 12
	prodMini       = 0 // monthly_miniserver
	prodHourly     = 1 // hourly_miniserver
	prodFull       = 2 // monthly_fullserver
	prodMemstore   = 3
	prodOpenStack  = 4
	prodBandwidth  = 5
	extraPeriod    = 0 // monthly_miniserver's period
	extraFirewall  = 1 // monthly_miniserver's firewall
	extraSSHKey    = 9 // monthly_miniserver's pub_ssh_key
	extraGB        = 0 // bandwidth_bank's gb
	extraOSPRegion = 1 // openstack's region
)

func TestCatalogueFixtureIndexes(t *testing.T) {
	c := DefaultCatalogue()
	checks := []struct{ got, want string }{
		{c.OSes[osWin2025].Name, "win2025serverstd_64"},
		{c.OSes[osWin2022].Name, "win2022serverstd_64"},
		{string(c.Products[prodMini].ID), string(ProductMonthlyMiniserver)},
		{string(c.Products[prodHourly].ID), string(ProductHourlyMiniserver)},
		{string(c.Products[prodFull].ID), string(ProductMonthlyFullserver)},
		{string(c.Products[prodMemstore].ID), string(ProductMemstore)},
		{string(c.Products[prodOpenStack].ID), string(ProductOpenStack)},
		{string(c.Products[prodBandwidth].ID), string(ProductBandwidthBank)},
		{c.Products[prodMini].Extras[extraPeriod].Param, "period"},
		{c.Products[prodMini].Extras[extraFirewall].Param, "firewall"},
		{c.Products[prodMini].Extras[extraSSHKey].Param, "pub_ssh_key"},
		{c.Products[prodBandwidth].Extras[extraGB].Param, "gb"},
		{c.Products[prodOpenStack].Extras[extraOSPRegion].Param, "region"},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Fatalf("catalogue.json moved: found %q where the tests expect %q", ck.got, ck.want)
		}
	}
}

// TestLoadCatalogueRefusesBadData: every broken catalogue is refused on
// load with one message naming the field. Before this test, negative prices
// and surcharges loaded (and the plan list showed -£92.50/month), a
// catalogue without products loaded empty, and most of these mistakes went
// unnoticed.
func TestLoadCatalogueRefusesBadData(t *testing.T) {
	tests := []struct {
		name string
		edit catalogueEdit
		want string
	}{
		// Money is never negative.
		{"negative OS surcharge", func(m map[string]any) { osAt(m, osWin2022)["monthly"] = "-92.50" },
			"catalogue: oses[12].monthly: amount -92.50 is negative"},
		{"negative hourly OS surcharge", func(m map[string]any) { osAt(m, osWin2025)["hourly"] = "-0.03" },
			"catalogue: oses[11].hourly: amount -0.03 is negative"},
		{"negative plan price", func(m map[string]any) { skuAt(m, prodMini, 1)["price"] = "-12.00" },
			"catalogue: products[0].skus[1].price: amount -12.00 is negative"},
		{"negative setup fee", func(m map[string]any) { skuAt(m, prodFull, 0)["setup"] = "-50.00" },
			"catalogue: products[2].skus[0].setup: amount -50.00 is negative"},
		{"negative extra's price", func(m map[string]any) { choiceAt(m, prodMini, extraFirewall, 1)["price"] = "-3.00" },
			"catalogue: products[0].extras[1].choices[1].price: amount -3.00 is negative"},
		{"negative unit price", func(m map[string]any) { extraAt(m, prodBandwidth, extraGB)["unit_price"] = "-0.05" },
			"catalogue: products[5].extras[0].unit_price: amount -0.05 is negative"},
		{"price not a number", func(m map[string]any) { skuAt(m, prodMini, 1)["price"] = "twelve" },
			`catalogue: products[0].skus[1].price: amount "twelve": not a decimal amount`},
		{"price as a JSON number", func(m map[string]any) { skuAt(m, prodMini, 1)["price"] = json.Number("12.00") },
			"catalogue: products[0].skus[1].price: a number where a string is expected"},
		{"ram as a fraction", func(m map[string]any) { skuAt(m, prodMini, 1)["ram_mb"] = json.Number("2048.5") },
			"catalogue: products[0].skus[1].ram_mb: the number 2048.5 where a whole number is expected"},

		// The file's shape.
		{"unknown key deep down", func(m map[string]any) { skuAt(m, prodMini, 0)["colour"] = "red" },
			`catalogue: products[0].skus[0]: unknown field "colour"`},
		{"unknown source deep down", func(m map[string]any) { skuAt(m, prodMini, 2)["source"] = "rumour" },
			`catalogue: products[0].skus[2].source: unknown source "rumour" (want documented, client-seen, inferred or sample)`},
		{"a product that is not an object", func(m map[string]any) { jsonList(m["products"])[3] = "memstore" },
			"catalogue: products[3]: a string where an object is expected"},
		{"null product", func(m map[string]any) { jsonList(m["products"])[3] = nil },
			"catalogue: products[3] is null"},

		// The catalogue as a whole.
		{"no products", func(m map[string]any) { m["products"] = []any{} }, "catalogue: the catalogue has no products"},
		{"products missing", func(m map[string]any) { delete(m, "products") }, "catalogue: the catalogue has no products"},
		{"no version", func(m map[string]any) { delete(m, "version") }, "catalogue: version is missing"},
		{"currency not one of Memset's", func(m map[string]any) { m["currency"] = "JPY" },
			`catalogue: currency "JPY" is not GBP, EUR or USD`},
		{"control characters in a note", func(m map[string]any) { jsonList(m["notes"])[0] = "see \x1b]0;pwned\x07" },
			"catalogue: notes[0]: holds control characters"},

		// Operating systems.
		{"OS listed twice", func(m map[string]any) { osAt(m, 1)["name"] = "debian_trixie_64" },
			`catalogue: oses[1].name: "debian_trixie_64" is listed twice (first at oses[0])`},
		{"OS without display name", func(m map[string]any) { delete(osAt(m, 0), "display") },
			"catalogue: oses[0].display is missing"},
		{"OS name not an API name", func(m map[string]any) { osAt(m, 0)["name"] = "debian 13" },
			`catalogue: oses[0].name: "debian 13" is not an API name (letters, digits, ".", "-" and "_")`},
		{"Windows family without the flag", func(m map[string]any) { delete(osAt(m, osWin2022), "windows") },
			`catalogue: oses[12].windows: false, but the family is "windows"`},
		{"Windows flag outside the family", func(m map[string]any) { osAt(m, 0)["windows"] = true },
			`catalogue: oses[0].windows: true, but the family is "debian"`},
		{"control characters in a display name", func(m map[string]any) { osAt(m, 0)["display"] = "Debian\x1b[2J" },
			"catalogue: oses[0].display: holds control characters"},

		// Products.
		{"product listed twice", func(m map[string]any) { productAt(m, prodHourly)["id"] = "monthly_miniserver" },
			`catalogue: products[1].id: "monthly_miniserver" is listed twice (first at products[0])`},
		{"unknown product", func(m map[string]any) { productAt(m, prodMemstore)["id"] = "teleporter" },
			`catalogue: products[3].id: unknown product id "teleporter" (want one of bandwidth_bank, hourly_miniserver, memstore, monthly_fullserver, monthly_miniserver, openstack)`},
		{"product without a name", func(m map[string]any) { productAt(m, prodMemstore)["name"] = "" },
			"catalogue: products[3].name is missing"},
		{"a kind the product is not", func(m map[string]any) { productAt(m, prodMemstore)["kind"] = "server" },
			`catalogue: products[3].kind: memstore is a storage product, not "server"`},
		{"a billing the method name contradicts", func(m map[string]any) { productAt(m, prodHourly)["billing"] = "monthly" },
			`catalogue: products[1].billing: hourly_miniserver is billed hourly, not "monthly"`},
		{"no job type", func(m map[string]any) { delete(productAt(m, prodMemstore), "job_type") },
			"catalogue: products[3].job_type is missing"},
		{"one job stage", func(m map[string]any) { productAt(m, prodMemstore)["job_stages"] = []any{"DONE"} },
			"catalogue: products[3].job_stages: at least two stages are needed, 1 given"},
		{"a job stage twice", func(m map[string]any) { productAt(m, prodMemstore)["job_stages"] = []any{"QUEUED", "QUEUED", "DONE"} },
			`catalogue: products[3].job_stages[1]: "QUEUED" is listed twice`},
		{"an empty job stage", func(m map[string]any) { productAt(m, prodMemstore)["job_stages"] = []any{"QUEUED", "", "DONE"} },
			"catalogue: products[3].job_stages[1] is empty"},
		{"awaiting payment as a stage", func(m map[string]any) {
			productAt(m, prodMemstore)["job_stages"] = []any{"AWAITING-PAYMENT", "QUEUED", "DONE"}
		}, `catalogue: products[3].job_stages[0]: "AWAITING-PAYMENT" is the status before a job starts, not a stage`},
		{"one job type, two lists of stages", func(m map[string]any) {
			productAt(m, prodHourly)["job_stages"] = []any{"QUEUED", "DONE"}
		}, `catalogue: products[1].job_stages: differ from those of products[0] (monthly_miniserver), which has the same job_type "SETUP-NEW-MINISERVER"`},
		{"a plan product without plans", func(m map[string]any) { productAt(m, prodMemstore)["skus"] = []any{} },
			"catalogue: products[3].skus: memstore has no plans"},
		{"a top-up without its target", func(m map[string]any) { delete(productAt(m, prodBandwidth), "target_param") },
			"catalogue: products[5].target_param is missing (a top-up names the service it is for)"},
		{"a target on a product that is not a top-up", func(m map[string]any) { productAt(m, prodMemstore)["target_param"] = "name" },
			"catalogue: products[3].target_param: only a top-up has one"},
		{"a service prefix that is not letters", func(m map[string]any) { productAt(m, prodMemstore)["service_prefix"] = "m s" },
			`catalogue: products[3].service_prefix: "m s" is not lower-case letters (at most 8)`},
		{"a price parameter the product lacks", func(m map[string]any) { productAt(m, prodMini)["price_params"] = []any{"os", "colour"} },
			`catalogue: products[0].price_params[1]: "colour" is not a parameter of monthly_miniserver`},
		{"a price parameter twice", func(m map[string]any) { productAt(m, prodMini)["price_params"] = []any{"os", "os"} },
			`catalogue: products[0].price_params[1]: "os" is listed twice`},
		{"control characters in a product name", func(m map[string]any) { productAt(m, prodMini)["name"] = "Mini\x1b]52;c;cGF5\x07" },
			"catalogue: products[0].name: holds control characters"},

		// OSes of a product.
		{"a server without OSes", func(m map[string]any) { productAt(m, prodMini)["oses"] = []any{} },
			"catalogue: products[0].oses: a server product needs at least one OS"},
		{"OSes on a product that is not a server", func(m map[string]any) { productAt(m, prodMemstore)["oses"] = []any{"debian_trixie_64"} },
			"catalogue: products[3].oses: only server products take an OS"},
		{"an OS the catalogue lacks", func(m map[string]any) {
			p := productAt(m, prodMini)
			p["oses"] = append(jsonList(p["oses"]), "beos_64")
		}, `catalogue: products[0].oses[15]: "beos_64" is not in the catalogue's oses`},
		{"an OS twice in a product", func(m map[string]any) { jsonList(productAt(m, prodMini)["oses"])[1] = "debian_trixie_64" },
			`catalogue: products[0].oses[1]: "debian_trixie_64" is listed twice`},

		// Plans.
		{"plan listed twice", func(m map[string]any) { skuAt(m, prodMini, 1)["sku"] = "MSVM001" },
			`catalogue: products[0].skus[1].sku: "MSVM001" is listed twice (first at skus[0])`},
		{"plan without a code", func(m map[string]any) { skuAt(m, prodMini, 1)["sku"] = "" },
			"catalogue: products[0].skus[1].sku is missing"},
		{"plan code not an API value", func(m map[string]any) { skuAt(m, prodMini, 1)["sku"] = "MSVM 002" },
			`catalogue: products[0].skus[1].sku: "MSVM 002" is not an API value (letters, digits, ".", "-" and "_")`},
		{"plan without a name", func(m map[string]any) { delete(skuAt(m, prodMini, 1), "name") },
			"catalogue: products[0].skus[1].name is missing"},
		{"server plan without memory", func(m map[string]any) { delete(skuAt(m, prodMini, 1), "ram_mb") },
			"catalogue: products[0].skus[1].ram_mb: a server plan needs its memory"},
		{"negative disk", func(m map[string]any) { skuAt(m, prodMemstore, 0)["disk_gb"] = json.Number("-100") },
			"catalogue: products[3].skus[0].disk_gb: -100 is negative"},
		{"plan without a price source", func(m map[string]any) { delete(skuAt(m, prodMini, 1), "price_source") },
			"catalogue: products[0].skus[1].price_source is missing"},

		// Extras.
		{"extra clashing with a fixed parameter", func(m map[string]any) { extraAt(m, prodMini, extraFirewall)["param"] = "sku" },
			`catalogue: products[0].extras[1].param: "sku" clashes with another parameter`},
		{"extra listed twice", func(m map[string]any) { extraAt(m, prodMini, 2)["param"] = "firewall" },
			`catalogue: products[0].extras[2].param: "firewall" clashes with another parameter`},
		{"extra name not a parameter name", func(m map[string]any) { extraAt(m, prodMini, extraFirewall)["param"] = "fire wall" },
			`catalogue: products[0].extras[1].param: "fire wall" is not a parameter name (lower-case letters, digits and "_")`},
		{"extra without a label", func(m map[string]any) { delete(extraAt(m, prodMini, extraFirewall), "label") },
			"catalogue: products[0].extras[1].label is missing"},
		{"extra of an unknown type", func(m map[string]any) { extraAt(m, prodMini, extraFirewall)["type"] = "slider" },
			`catalogue: products[0].extras[1].type: "slider" is not choice, number or text`},
		{"choice extra without choices", func(m map[string]any) { extraAt(m, prodMini, extraFirewall)["choices"] = []any{} },
			"catalogue: products[0].extras[1].choices: a choice extra needs choices"},
		{"choice listed twice", func(m map[string]any) { choiceAt(m, prodMini, extraFirewall, 1)["value"] = "none" },
			`catalogue: products[0].extras[1].choices[1].value: "none" is listed twice (first at choices[0])`},
		{"choice without a label", func(m map[string]any) { delete(choiceAt(m, prodMini, extraFirewall, 1), "label") },
			"catalogue: products[0].extras[1].choices[1].label is missing"},
		{"choice without a value", func(m map[string]any) { choiceAt(m, prodMini, extraFirewall, 1)["value"] = "" },
			"catalogue: products[0].extras[1].choices[1].value is missing"},
		{"negative memory in a choice", func(m map[string]any) { choiceAt(m, prodFull, 3, 0)["ram_mb"] = json.Number("-1") },
			"catalogue: products[2].extras[3].choices[0].ram_mb: -1 is negative"},
		{"negative storage in a choice", func(m map[string]any) { choiceAt(m, prodFull, 2, 0)["disk_gb"] = json.Number("-1") },
			"catalogue: products[2].extras[2].choices[0].disk_gb: -1 is negative"},
		{"default not a choice", func(m map[string]any) { extraAt(m, prodMini, extraFirewall)["default"] = "nope" },
			`catalogue: products[0].extras[1].default: "nope" is not one of the choices`},
		{"choices source missing", func(m map[string]any) { delete(extraAt(m, prodMini, extraFirewall), "choices_source") },
			"catalogue: products[0].extras[1].choices_source is missing"},
		{"a multiplier that is not a number", func(m map[string]any) { choiceAt(m, prodMini, extraPeriod, 1)["value"] = "quarter" },
			`catalogue: products[0].extras[0].choices[1].value: "quarter" is not a whole number of billing periods (the extra multiplies the price)`},
		{"a multiplier of zero", func(m map[string]any) { choiceAt(m, prodMini, extraPeriod, 1)["value"] = "0" },
			`catalogue: products[0].extras[0].choices[1].value: "0" is not a whole number of billing periods (the extra multiplies the price)`},
		{"a multiplier with a price", func(m map[string]any) { choiceAt(m, prodMini, extraPeriod, 1)["price"] = "1.00" },
			"catalogue: products[0].extras[0].choices[1].price: a choice of a multiplier extra has no price"},
		{"two multipliers", func(m map[string]any) {
			e := extraAt(m, prodMini, extraFirewall)
			e["multiplier"] = true
			e["choices"] = []any{map[string]any{"value": "1", "label": "one"}}
			e["default"] = "1"
		}, "catalogue: products[0].extras[1].multiplier: the product already has one (extras[0])"},
		{"a multiplier that is not a choice", func(m map[string]any) { extraAt(m, prodBandwidth, extraGB)["multiplier"] = true },
			"catalogue: products[5].extras[0].multiplier: only a choice extra can multiply the price"},
		{"number extra with min above max", func(m map[string]any) {
			e := extraAt(m, prodBandwidth, extraGB)
			e["min"], e["max"] = json.Number("100"), json.Number("10")
		}, "catalogue: products[5].extras[0]: min 100 is above max 10"},
		{"number extra with a negative min", func(m map[string]any) { extraAt(m, prodBandwidth, extraGB)["min"] = json.Number("-5") },
			"catalogue: products[5].extras[0].min: -5 is negative"},
		{"number extra without a max", func(m map[string]any) {
			e := extraAt(m, prodBandwidth, extraGB)
			delete(e, "min")
			delete(e, "max")
		}, "catalogue: products[5].extras[0].max: a number extra needs a max above 0"},
		{"number default out of range", func(m map[string]any) { extraAt(m, prodBandwidth, extraGB)["default"] = "5" },
			`catalogue: products[5].extras[0].default: "5" is not a whole number from 10 to 10000`},
		{"unit price on a choice", func(m map[string]any) { extraAt(m, prodMini, extraFirewall)["unit_price"] = "1.00" },
			"catalogue: products[0].extras[1].unit_price: only a number extra has one"},
		{"choices on a number", func(m map[string]any) {
			extraAt(m, prodBandwidth, extraGB)["choices"] = []any{map[string]any{"value": "10", "label": "10 GB"}}
		}, "catalogue: products[5].extras[0].choices: only a choice extra has choices"},
		{"unknown text format", func(m map[string]any) { extraAt(m, prodMini, extraSSHKey)["format"] = "email" },
			`catalogue: products[0].extras[9].format: "email" is not name or ssh-public-key`},
		{"format on a choice", func(m map[string]any) { extraAt(m, prodOpenStack, extraOSPRegion)["format"] = "name" },
			"catalogue: products[4].extras[1].format: only a text extra has one"},
		{"control characters in a choice label", func(m map[string]any) { choiceAt(m, prodMini, extraFirewall, 1)["label"] = "Basic\u009b31m" },
			"catalogue: products[0].extras[1].choices[1].label: holds control characters"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadCatalogue(strings.NewReader(editedCatalogue(t, tt.edit)))
			if err == nil {
				t.Fatalf("loaded; want %q", tt.want)
			}
			if err.Error() != tt.want {
				t.Fatalf("err = %q\nwant  %q", err, tt.want)
			}
		})
	}
}

// TestLoadCatalogueNegativeIsErrNegativeAmount: the refusal of a negative
// price can be told apart by errors.Is.
func TestLoadCatalogueNegativeIsErrNegativeAmount(t *testing.T) {
	bad := editedCatalogue(t, func(m map[string]any) { osAt(m, osWin2022)["monthly"] = "-92.50" })
	if _, err := LoadCatalogue(strings.NewReader(bad)); !errors.Is(err, ErrNegativeAmount) {
		t.Fatalf("err = %v, want ErrNegativeAmount", err)
	}
}

// TestLoadCatalogueFileProblems: what is wrong with the file itself is said
// plainly, the size cap by name.
func TestLoadCatalogueFileProblems(t *testing.T) {
	good := string(DefaultCatalogueJSON())
	huge := `{"version": "1", "currency": "GBP", "notes": ["` + strings.Repeat("x", MaxCatalogueBytes) + `"]}`
	tests := []struct {
		name, json, want string
	}{
		{"empty", "", "catalogue: the file is empty"},
		{"only space", " \n\t", "catalogue: the file is empty"},
		{"truncated", good[:len(good)/2], "catalogue: the JSON ends early (is the file cut short?)"},
		{"not JSON", "version = 1\n", "catalogue: not JSON: invalid character 'v' looking for beginning of value (line 1, column 1)"},
		{"syntax error on a later line", "{\n \"version\": \"1\",\n \"currency\": GBP\n}", "catalogue: not JSON: invalid character 'G' looking for beginning of value (line 3, column 14)"},
		{"a list", "[]", "catalogue: a list where an object is expected"},
		{"trailing data", good + `{"version": "2"}`, "catalogue: more data after the catalogue's JSON object"},
		{"over the size cap", huge, "catalogue: the file is larger than the 4 MiB cap on catalogue files"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadCatalogue(strings.NewReader(tt.json))
			if err == nil || err.Error() != tt.want {
				t.Fatalf("err = %v\nwant  %s", err, tt.want)
			}
		})
	}
	// Exactly at the cap is still read.
	atCap := good + strings.Repeat(" ", MaxCatalogueBytes-len(good))
	if _, err := LoadCatalogue(strings.NewReader(atCap)); err != nil {
		t.Fatalf("a catalogue of exactly %d bytes: %v", MaxCatalogueBytes, err)
	}
}

// TestLoadCatalogueCurrency: the catalogue's currency is kept, so the
// sandbox can quote in it.
func TestLoadCatalogueCurrency(t *testing.T) {
	for _, cur := range []Currency{GBP, EUR, USD} {
		src := editedCatalogue(t, func(m map[string]any) { m["currency"] = string(cur) })
		c, err := LoadCatalogue(strings.NewReader(src))
		if err != nil {
			t.Fatalf("%s: %v", cur, err)
		}
		if c.Currency != cur {
			t.Fatalf("currency = %s, want %s", c.Currency, cur)
		}
		if p, _ := SamplePrice(c, Order{Product: ProductMonthlyMiniserver, SKU: "MSVM001", OS: "debian_jessie_64"}, nil, Account{}); p.Currency != cur {
			t.Fatalf("sample price in %s, want %s", p.Currency, cur)
		}
	}
}

// TestLoadCatalogueRoundTrip: the built-in catalogue, written out and read
// back, passes the same checks (a user's edited copy starts from it).
func TestLoadCatalogueRoundTrip(t *testing.T) {
	b, err := json.Marshal(DefaultCatalogue())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadCatalogue(bytes.NewReader(b)); err != nil {
		t.Fatalf("the built-in catalogue written back: %v", err)
	}
}

// TestProductShapesCoverEveryProduct: every product the create-method table
// knows has a shape, so none escapes the kind and billing check.
func TestProductShapesCoverEveryProduct(t *testing.T) {
	for id := range CreateMethods {
		if _, ok := productShapes[id]; !ok {
			t.Errorf("product %s has no entry in productShapes", id)
		}
	}
	if len(productShapes) != len(CreateMethods) {
		t.Errorf("productShapes has %d products, CreateMethods %d", len(productShapes), len(CreateMethods))
	}
}
