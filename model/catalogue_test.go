package model

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestDefaultCatalogueCoversEverything(t *testing.T) {
	c := DefaultCatalogue()
	for id, m := range CreateMethods {
		p, ok := c.Product(id)
		if !ok {
			t.Errorf("product %s missing from the catalogue", id)
			continue
		}
		if p.Method != m {
			t.Errorf("product %s method %q, want %q", id, p.Method, m)
		}
		if _, ok := LookupMethod(p.Method); !ok {
			t.Errorf("product %s method %q not in the method table", id, p.Method)
		}
		if got, _ := c.ProductByMethod(m); got != p {
			t.Errorf("ProductByMethod(%s) did not find %s", m, id)
		}
	}
	hourly, _ := c.Product(ProductHourlyMiniserver)
	if hourly.Deprecated == "" {
		t.Error("the hourly Miniserver must say it is deprecated")
	}
	mini, _ := c.Product(ProductMonthlyMiniserver)
	if len(mini.SKUs) != 10 {
		t.Errorf("monthly Miniserver has %d plans; the wizard's quote tests expect ten", len(mini.SKUs))
	}
	s, ok := mini.SKU("MSVM001")
	if !ok || s.Price != MustAmount("7.50") || s.Setup != 0 || s.PriceSource != SourceDocumented || s.RAMMB != 1024 {
		t.Errorf("MSVM001 = %+v, want the documented 7.50 with no setup and 1 GB", s)
	}
	for _, p := range c.Products {
		for _, s := range p.SKUs {
			if s.PriceSource != SourceDocumented && s.PriceSource != SourceSample {
				t.Errorf("%s %s: price source %q; prices are documented or samples", p.ID, s.Code, s.PriceSource)
			}
		}
	}
}

func TestCatalogueOSes(t *testing.T) {
	c := DefaultCatalogue()
	tests := []struct {
		name, display string
		windows       bool
		cpanel        bool
		source        Source
	}{
		{"debian_jessie_64", "Debian 8 (Jessie) 64-bit", false, false, SourceDocumented},
		{"win2012serverstd_r2_64", "Microsoft Windows 2012 Server R2, Standard Edition", true, false, SourceDocumented},
		{"centos7_cpanel_64", "cPanel on CentOS 7 64-bit", false, true, SourceDocumented},
		{"debian_trixie_64", "Debian 13 (Trixie) 64-bit", false, false, SourceInferred},
		{"ubuntu_noble_64", "Ubuntu 24.04 LTS (Noble Numbat) 64-bit", false, false, SourceInferred},
		{"win2025serverstd_64", "Microsoft Windows 2025 Server, Standard Edition", true, false, SourceInferred},
	}
	for _, tt := range tests {
		o, ok := c.OS(tt.name)
		if !ok {
			t.Errorf("OS %s missing", tt.name)
			continue
		}
		if o.Display != tt.display || o.Windows != tt.windows || o.CPanel != tt.cpanel || o.Source != tt.source {
			t.Errorf("OS %s = %+v", tt.name, o)
		}
	}
}

func TestOSGroups(t *testing.T) {
	c := DefaultCatalogue()
	hourly, _ := c.Product(ProductHourlyMiniserver)
	var fams []string
	for _, g := range c.OSGroups(hourly) {
		fams = append(fams, string(g.Family))
		for i := 1; i < len(g.OSes); i++ {
			if g.OSes[i-1].EOL && !g.OSes[i].EOL {
				t.Errorf("%s: EOL %s listed before current %s", g.Family, g.OSes[i-1].Name, g.OSes[i].Name)
			}
		}
	}
	if strings.Join(fams, ",") != "debian,ubuntu,rhel" {
		t.Errorf("hourly families = %v; hourly offers Linux only", fams)
	}
}

func TestLoadCatalogueErrors(t *testing.T) {
	good := string(DefaultCatalogueJSON())
	tests := []struct {
		name, json, want string
	}{
		{"not json", "{", "catalogue:"},
		{"unknown key", `{"version":"1","currency":"GBP","colour":"red"}`, "unknown field"},
		{"no version", `{"currency":"GBP"}`, "version is missing"},
		{"bad currency", `{"version":"1","currency":"XYZ"}`, "currency"},
		{"bad source", strings.Replace(good, `"source": "documented"`, `"source": "rumour"`, 1), "unknown source"},
		{"dangling os", withDanglingOS(t), `"beos_64" is not in the catalogue`},
		{"bad price", strings.Replace(good, `"price": "12.00"`, `"price": "twelve"`, 1), "not a decimal amount"},
		{"unknown product", strings.Replace(good, `"id": "memstore"`, `"id": "teleporter"`, 1), "unknown product id"},
		{"duplicate sku", strings.Replace(good, `"sku": "MSVM002"`, `"sku": "MSVM001"`, 1), "listed twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadCatalogue(strings.NewReader(tt.json))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	if _, err := LoadCatalogue(bytes.NewReader(DefaultCatalogueJSON())); err != nil {
		t.Fatalf("default catalogue: %v", err)
	}
}

func TestMethodTable(t *testing.T) {
	seen := map[Method]bool{}
	for _, m := range Methods {
		if seen[m.Name] {
			t.Errorf("%s listed twice", m.Name)
		}
		seen[m.Name] = true
		if m.Source == SourceInferred && m.Why == "" {
			t.Errorf("inferred method %s does not say what it was inferred from", m.Name)
		}
	}
	// The create page lists its methods alphabetically: services list,
	// bandwidth bank, hourly, memstore, fullserver, miniserver, openstack,
	// discount code. Inferred names must keep that order.
	order := []Method{MethodServicesList, MethodBandwidthBank, MethodHourlyMiniserver, MethodMemstore, MethodMonthlyFullserver, MethodMonthlyMiniserver, MethodOpenStack, MethodDiscountCode}
	for i := 1; i < len(order); i++ {
		if order[i-1] >= order[i] {
			t.Errorf("%s does not sort before %s, against the create page's order", order[i-1], order[i])
		}
	}
}

// withDanglingOS is the default catalogue with an OS name in a product that
// the catalogue's OS list does not have.
func withDanglingOS(t *testing.T) string {
	t.Helper()
	c := DefaultCatalogue()
	c.Products[0].OSes = append(c.Products[0].OSes, "beos_64")
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func FuzzLoadCatalogue(f *testing.F) {
	f.Add(DefaultCatalogueJSON())
	f.Add([]byte(`{"version":"1","currency":"GBP","products":[null]}`))
	f.Add([]byte(`{"version":"1","currency":"GBP","products":[{"id":"memstore"}]}`))
	f.Add([]byte(`{"version":"1","currency":"USD","products":[]}`))
	f.Add([]byte(`{"version":"1","currency":"GBP","oses":[{"name":"w","display":"W","family":"windows","windows":true,"monthly":"-92.50","hourly":"0","source":"sample"}]}`))
	f.Add([]byte(`{"version":"1","currency":"GBP","products":[{"id":"bandwidth_bank","name":"B","kind":"topup","billing":"one-off","job_type":"T","job_type_source":"sample","job_stages":["Q","DONE"],"target_param":"name","source":"sample","extras":[{"param":"gb","label":"GB","type":"number","min":1,"max":5,"unit_price":"0.05","source":"sample"}]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := LoadCatalogue(bytes.NewReader(b))
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, "catalogue: ") || Printable(msg) != msg {
				t.Fatalf("error %q: not one printable line starting with the file's name", msg)
			}
			return
		}
		// A catalogue that loads has products, and no negative money.
		if len(c.Products) == 0 {
			t.Fatal("a catalogue without products loaded")
		}
		for _, o := range c.OSes {
			if o.Monthly < 0 || o.Hourly < 0 {
				t.Fatalf("OS %s loaded with a negative surcharge", o.Name)
			}
		}
		for _, p := range c.Products {
			for _, s := range p.SKUs {
				if s.Price < 0 || s.Setup < 0 {
					t.Fatalf("plan %s loaded with a negative price", s.Code)
				}
			}
			for _, e := range p.Extras {
				if e.UnitPrice < 0 {
					t.Fatalf("extra %s loaded with a negative unit price", e.Param)
				}
				for _, ch := range e.Choices {
					if ch.Price < 0 {
						t.Fatalf("choice %s of %s loaded with a negative price", ch.Value, e.Param)
					}
				}
			}
		}
		// A catalogue that loads must be usable without panics.
		for _, p := range c.Products {
			_ = c.OSGroups(p)
			o := Order{Product: p.ID}
			if len(p.SKUs) > 0 {
				o.SKU = p.SKUs[0].Code
			}
			if len(p.OSes) > 0 {
				o.OS = p.OSes[0]
			}
			_ = Check(c, o, Account{})
			_, _ = SamplePrice(c, o, nil, Account{})
		}
	})
}

// TestFirstOSFollowsOSGroups: FirstOS answers what walking OSGroups would,
// for every product and for choices that keep current releases only, end-
// of-life ones too, or one family.
func TestFirstOSFollowsOSGroups(t *testing.T) {
	c := DefaultCatalogue()
	keeps := map[string]func(OS) bool{
		"current Linux": func(o OS) bool { return !o.Windows && !o.CPanel && !o.EOL },
		"anything":      func(OS) bool { return true },
		"end of life":   func(o OS) bool { return o.EOL },
		"Windows":       func(o OS) bool { return o.Windows },
		"nothing":       func(OS) bool { return false },
	}
	for _, p := range c.Products {
		for name, keep := range keeps {
			want := ""
		groups:
			for _, g := range c.OSGroups(p) {
				for _, o := range g.OSes {
					if keep(o) {
						want = o.Name
						break groups
					}
				}
			}
			if got := c.FirstOS(p, keep); got != want {
				t.Errorf("%s, %s: FirstOS = %q, OSGroups gives %q", p.ID, name, got, want)
			}
		}
	}
}
