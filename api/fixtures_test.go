package api_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// fixtureFile is one testdata/wire/*.json file: example exchanges of one
// method (or of several, with a method per exchange).
type fixtureFile struct {
	Method    string `json:"method"`
	Exchanges []struct {
		Name     string            `json:"name"`
		Method   string            `json:"method"`
		Params   map[string]string `json:"params"`
		Status   int               `json:"status"`
		Response json.RawMessage   `json:"response"`
	} `json:"exchanges"`
}

func gbp(s string) model.Money { return model.Money{Amount: model.MustAmount(s), Currency: model.GBP} }

// fixtureInvoice is the invoice of invoice.info.json and invoice.list.json.
var fixtureInvoice = model.Invoice{
	Ref: 100291, Amount: gbp("9.00"), VAT: gbp("1.50"), Status: "AWAITING-PAYMENT", Proforma: true, PaymentMethod: "card",
	Items: []model.InvoiceItem{{Description: "Miniserver VM 1 GB (MSVM001), debian_jessie_64", Amount: gbp("7.50"), Period: "1 month"}},
	Date:  "2026-11-27",
}

// fixtureCall is how the client makes one fixture exchange's request and
// what it must make of the answer.
type fixtureCall struct {
	// loose: the client cannot send exactly the fixture's parameters (the
	// fixture shows a request only a broken client would make); the answer
	// is still checked.
	loose  bool
	noKey  bool
	run    func(ctx context.Context, c *api.Client) (any, error)
	want   any                                // the value on success
	wantEr func(t *testing.T, err error) bool // true when err is as expected
}

func badParam(param, msg string) func(*testing.T, error) bool {
	return func(t *testing.T, err error) bool {
		var e *api.Error
		return errors.As(err, &e) && api.IsBadParameters(err) && e.Param == param && e.Message == msg && !api.IsOutcomeUnknown(err)
	}
}

func doesNotExist(t *testing.T, err error) bool { return api.IsDoesNotExist(err) }

func fixtureCalls() map[string]fixtureCall {
	job := func(status, service string, finished bool) model.Job {
		return model.Job{ID: testJobID, Type: "SETUP-NEW-MINISERVER", Status: status, Service: service, Finished: finished}
	}
	return map[string]fixtureCall{
		"create.available_services/list": {
			run: func(ctx context.Context, c *api.Client) (any, error) { return c.AvailableServices(ctx) },
			want: []model.Offer{{Product: model.ProductMonthlyMiniserver, Method: model.MethodMonthlyMiniserver, Name: "Miniserver VM (monthly)",
				Description: "A virtual server paid monthly in advance; the usual choice.", SKUs: []string{"MSVM001", "MSVM002"}}},
		},
		"create.bandwidth_bank/dry run": {
			run: func(ctx context.Context, c *api.Client) (any, error) {
				return c.CreateBandwidthBank(ctx, model.Order{Target: "sandyaa1", Extras: map[string]string{"gb": "100"}})
			},
			want: model.Quote{Currency: model.GBP, DryRun: true, NetSetup: gbp("0"), NetTotal: gbp("5.00")},
		},
		"create.bandwidth_bank/unmetered server": {
			run: func(ctx context.Context, c *api.Client) (any, error) {
				return c.CreateBandwidthBank(ctx, model.Order{Target: "sandyaa2", Extras: map[string]string{"gb": "100"}})
			},
			wantEr: badParam("name", "name: Please select a valid choice. Server sandyaa2 is not available for the current configuration. A bandwidth bank is only available for servers with metered bandwidth."),
		},
		"create.monthly_miniserver/dry run": {
			run:  func(ctx context.Context, c *api.Client) (any, error) { return c.Quote(ctx, docOrder) },
			want: model.Quote{SKU: "MSVM001", Currency: model.GBP, DryRun: true, NetSetup: gbp("0"), NetTotal: gbp("7.50")},
		},
		"create.monthly_miniserver/real order": {
			run: func(ctx context.Context, c *api.Client) (any, error) { return c.Place(ctx, docOrder) },
			want: model.Quote{SKU: "MSVM001", Currency: model.GBP, NetSetup: gbp("0"), NetTotal: gbp("7.50"), InvoiceRef: 100291,
				Job: &model.Job{ID: testJobID, Type: "SETUP-NEW-MINISERVER", Status: "AWAITING-PAYMENT"}},
		},
		"create.monthly_miniserver/windows on 1 GB": {
			run: func(ctx context.Context, c *api.Client) (any, error) {
				o := docOrder
				o.OS = "win2012serverstd_r2_64"
				o.Product = model.ProductMonthlyMiniserver
				return c.Place(ctx, o)
			},
			wantEr: badParam("os", "os: Please select a valid choice. Microsoft Windows 2012 Server R2, Standard Edition is not available for the current configuration. Windows requires at least 2 GB RAM."),
		},
		"create.verify_discount_code/valid": {
			run:  func(ctx context.Context, c *api.Client) (any, error) { return c.VerifyDiscountCode(ctx, " WELCOME10 ") },
			want: model.DiscountCode{Code: "WELCOME10", Description: "10% off any new service", PercentOff: 10, Expires: "2027-12-31"},
		},
		"create.verify_discount_code/unknown": {
			run:    func(ctx context.Context, c *api.Client) (any, error) { return c.VerifyDiscountCode(ctx, "NOPE") },
			wantEr: doesNotExist,
		},
		"errors/no key": {
			noKey:  true,
			run:    func(ctx context.Context, c *api.Client) (any, error) { return c.JobStatus(ctx, testJobID) },
			wantEr: func(t *testing.T, err error) bool { return api.IsAuthentication(err) },
		},
		"errors/unknown method": {
			loose: true, // Call sends an unknown create.* method only as a dry run
			run: func(ctx context.Context, c *api.Client) (any, error) {
				return nil, c.Call(ctx, "create.teleporter", url.Values{"dry_run": {"1"}}, nil)
			},
			wantEr: doesNotExist,
		},
		"errors/bad boolean": {
			loose:  true, // the client never sends dry_run=maybe
			run:    func(ctx context.Context, c *api.Client) (any, error) { return c.Quote(ctx, docOrder) },
			wantEr: badParam("dry_run", "dry_run: 'maybe' is not a valid boolean; send 1 or 0."),
		},
		"invoice.info/info": {
			run:  func(ctx context.Context, c *api.Client) (any, error) { return c.InvoiceInfo(ctx, 100291) },
			want: fixtureInvoice,
		},
		"invoice.info/unknown": {
			run:    func(ctx context.Context, c *api.Client) (any, error) { return c.InvoiceInfo(ctx, 1) },
			wantEr: doesNotExist,
		},
		"invoice.list/awaiting payment": {
			run: func(ctx context.Context, c *api.Client) (any, error) {
				return c.InvoiceList(ctx, api.InvoiceFilter{Status: "awaiting-payment"})
			},
			want: []model.Invoice{fixtureInvoice},
		},
		"job.status/running": {
			run:  func(ctx context.Context, c *api.Client) (any, error) { return c.JobStatus(ctx, testJobID) },
			want: job("INSTALLING-OS", "", false),
		},
		"job.status/finished": {
			run: func(ctx context.Context, c *api.Client) (any, error) {
				return c.JobStatus(ctx, strings.ToUpper(testJobID))
			},
			want: job("DONE", "sandyaa3", true),
		},
		"job.status/unknown": {
			run: func(ctx context.Context, c *api.Client) (any, error) {
				return c.JobStatus(ctx, strings.Repeat("0", 32))
			},
			wantEr: doesNotExist,
		},
		"payment_method.available/list": {
			run: func(ctx context.Context, c *api.Client) (any, error) { return c.PaymentMethods(ctx) },
			want: []model.PaymentMethod{
				{ID: "pm-card-1", Type: model.PayCard, Default: true, Status: "AVAILABLE", Name: "Company Visa"},
				{ID: "pm-bank-1", Type: model.PayBankTransfer},
			},
		},
		"server.list/list": {
			run:  func(ctx context.Context, c *api.Client) (any, error) { return c.ServerList(ctx) },
			want: []model.Server{{Name: "sandyaa1", Nickname: "web", OS: "debian_bookworm_64", BandwidthType: "metered"}},
		},
		"server.snapshot_list/list": {
			run: func(ctx context.Context, c *api.Client) (any, error) { return c.SnapshotList(ctx) },
			want: []model.Snapshot{{Name: "sandyaa1.2026-10-01-03-00-00", OSOption: "sandyaa1.2026-10-01-03-00-00", Status: "DONE", Miniserver: "sandyaa1",
				ImageType: "tar", Comment: "web server before upgrade", Date: "2026-10-01", DiskBytes: 21474836480}},
		},
		"service.info/info": {
			run: func(ctx context.Context, c *api.Client) (any, error) { return c.ServiceInfo(ctx, "sandyaa1") },
			want: model.ServiceInfo{Name: "sandyaa1", Status: "LIVE", Nickname: "web", Type: "miniserver", StartDate: "2026-01-15", ExpiryDate: "2026-12-15",
				RenewalPrice: gbp("9.00"), RenewalVAT: gbp("1.50"), NetworkZones: []string{"reading"}},
		},
		"service.info/unknown": {
			run:    func(ctx context.Context, c *api.Client) (any, error) { return c.ServiceInfo(ctx, "BADSERVERNAME") },
			wantEr: doesNotExist,
		},
		"server.info/info": {
			run:  func(ctx context.Context, c *api.Client) (any, error) { return c.ServerInfo(ctx, "sandyaa1") },
			want: fixtureServerInfo,
		},
		"server.info/unknown": {
			run:    func(ctx context.Context, c *api.Client) (any, error) { return c.ServerInfo(ctx, "BADSERVERNAME") },
			wantEr: doesNotExist,
		},
		"bandwidth.info/metered server": {
			run: func(ctx context.Context, c *api.Client) (any, error) { return c.BandwidthInfo(ctx, "sandyaa1") },
			want: model.Bandwidth{"miniserver": {ConnectionType: "metered", MaxBurst: model.Whole(100),
				Remaining: model.Whole(100), InclusiveTransfer: model.Whole(100), BandwidthBank: 0}},
		},
		"bandwidth.info/unmetered server": {
			run:  func(ctx context.Context, c *api.Client) (any, error) { return c.BandwidthInfo(ctx, "sandyaa2") },
			want: model.Bandwidth{"miniserver": {ConnectionType: "unmetered", MaxBurst: model.Whole(10), Contention: "20:1"}},
		},
		"bandwidth.info/unknown": {
			run:    func(ctx context.Context, c *api.Client) (any, error) { return c.BandwidthInfo(ctx, "BADSERVERNAME") },
			wantEr: doesNotExist,
		},
		"account.info/info": {
			run:  func(ctx context.Context, c *api.Client) (any, error) { return c.AccountBilling(ctx) },
			want: api.Billing{ConsolidatedBilling: false, Currency: model.GBP},
		},
	}
}

// fixtureServerInfo is the server of server.info.json.
var fixtureServerInfo = model.ServerInfo{
	Name: "sandyaa1", Nickname: "web", Status: "LIVE", Type: "miniserver", HostName: "sandyaa1.miniserver.com", PrimaryIP: "192.0.2.10",
	IPs: []model.ServerIP{
		{Address: "192.0.2.10", ReverseMap: "sandyaa1.miniserver.com"},
		{Address: "2001:db8:10::10", ReverseMap: "sandyaa1.miniserver.com"},
	},
	VLANs: model.VLANs{Tagged: []string{}, Untagged: []string{}}, OS: "debian_bookworm_64",
	ControlPanel: "none", FirewallType: "none", MonitoringLevel: "basic", Monitor: true, NetworkZones: []string{"reading"},
}

// TestFixtures serves every exchange of testdata/wire/*.json and checks
// that the client sends the fixture's request and turns its answer into the
// expected model value or error.
func TestFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "testdata", "wire", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	calls := fixtureCalls()
	seen := map[string]bool{}
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var fx fixtureFile
		if err := json.Unmarshal(b, &fx); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		base := strings.TrimSuffix(filepath.Base(file), ".json")
		for _, ex := range fx.Exchanges {
			key := base + "/" + ex.Name
			seen[key] = true
			t.Run(key, func(t *testing.T) {
				fc, ok := calls[key]
				if !ok {
					t.Fatalf("no client call for fixture exchange %q: add one to fixtureCalls", key)
				}
				method := ex.Method
				if method == "" {
					method = fx.Method
				}
				var gotPath string
				var gotParams url.Values
				srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
					body, _ := io.ReadAll(r.Body)
					gotPath = r.URL.Path
					gotParams, _ = url.ParseQuery(string(body))
					jsonReply(w, ex.Status, string(ex.Response))
				})
				opts := []api.Option{api.WithBaseURL(srv.URL + "/v1/json"), api.WithRetry(api.NoRetry)}
				if !fc.noKey {
					opts = append(opts, api.WithAPIKey(testKey))
				}
				c, err := api.New(opts...)
				if err != nil {
					t.Fatal(err)
				}
				got, err := fc.run(t.Context(), c)
				if wantPath := "/v1/json/" + method + "/"; gotPath != wantPath {
					t.Errorf("path = %q, want %q", gotPath, wantPath)
				}
				if !fc.loose {
					want := url.Values{}
					for k, v := range ex.Params {
						want.Set(k, v)
					}
					if !reflect.DeepEqual(gotParams, want) {
						t.Errorf("sent %v, fixture has %v", gotParams, want)
					}
				}
				if fc.wantEr != nil {
					if err == nil || !fc.wantEr(t, err) {
						t.Fatalf("err = %v (%T), not the expected error", err, err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, fc.want) {
					t.Errorf("got  %+v\nwant %+v", got, fc.want)
				}
			})
		}
	}
	for key := range calls {
		if !seen[key] {
			t.Errorf("fixtureCalls has %q, which no fixture file holds", key)
		}
	}
	if len(seen) < len(calls) {
		t.Errorf("only %d fixture exchanges were found, %d expected", len(seen), len(calls))
	}
}
