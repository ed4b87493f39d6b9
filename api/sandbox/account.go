package sandbox

import (
	"fmt"
	"slices"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// Account is the state of the Memset account the sandbox answers for.
type Account struct {
	// Name is the stem of new service names: "sandy" gives sandyaa1,
	// sandyaa2, …; Memstore "mssandyaa1", OpenStack "ossandyaa1". An empty
	// or unusable stem falls back to "sandbox".
	Name string
	// Currency is what quotes and invoices are in. Empty (as in every demo
	// account) means the catalogue's, whose sample prices are in it; so
	// does anything but GBP, EUR or USD. Set, it wins, and sample prices
	// keep their numbers whatever it is.
	Currency model.Currency
	// PaymentMethods are the account's methods; the one marked Default pays.
	PaymentMethods []model.PaymentMethod
	// ConsolidatedBilling puts real orders on the next bill (an invoice with
	// status NEW, the job starting at once) unless add_to_next_bill=0.
	ConsolidatedBilling bool
	// Snapshots are what server.snapshot_list answers; a DONE snapshot's
	// OSOption may be sent as os.
	Snapshots []model.Snapshot
	// Servers are the servers that exist before any order (for server.list,
	// service.info and the bandwidth-bank top-up). Servers the sandbox
	// creates are kept apart and listed after these.
	Servers []model.Server
	// DiscountCodes are the codes valid for this account. A code is valid up
	// to and including its Expires date (YYYY-MM-DD, empty for never); a code
	// whose Expires cannot be read is treated as expired.
	DiscountCodes []model.DiscountCode
	// FailJobsAt, if set, makes every new job fail in this stage: it is
	// seen in it for one stage duration, then with status "FAILED",
	// error=true, finished=true.
	FailJobsAt string
}

// DefaultAccount returns a rich demo account, in the catalogue's currency:
// the default card "Company Visa" and a bank-transfer method; no
// consolidated billing; three snapshots (a Linux tar and a Windows ntfsclone that are DONE, one still in
// progress); two servers, sandyaa1 (metered, Debian 12, MSVM001) and
// sandyaa2 (unmetered, Windows, MSVM004); and the discount codes WELCOME10
// (10% off everything) and MINI25 (25% off Miniservers, expires 2027-06-30).
func DefaultAccount() Account {
	return Account{
		Name: "sandy",
		PaymentMethods: []model.PaymentMethod{
			{ID: "pm-card-1", Type: model.PayCard, Default: true, Status: "AVAILABLE", Name: "Company Visa"},
			{ID: "pm-bank-1", Type: model.PayBankTransfer},
		},
		Snapshots: []model.Snapshot{
			{Name: "sandyaa1.2026-10-01-03-00-00", OSOption: "sandyaa1.2026-10-01-03-00-00", Status: "DONE", Miniserver: "sandyaa1", ImageType: "tar", Comment: "web server before upgrade", Date: "2026-10-01", DiskBytes: 21474836480},
			{Name: "sandyaa2.2026-09-15-02-30-00", OSOption: "sandyaa2.2026-09-15-02-30-00", Status: "DONE", Miniserver: "sandyaa2", ImageType: "ntfsclone", Comment: "windows build box", Date: "2026-09-15", DiskBytes: 42949672960},
			{Name: "sandyaa1.2026-11-27-09-00-00", OSOption: "sandyaa1.2026-11-27-09-00-00", Status: "IN-PROGRESS", Miniserver: "sandyaa1", ImageType: "tar", Comment: "nightly", Date: "2026-11-27", DiskBytes: 21474836480},
		},
		Servers: []model.Server{
			{Name: "sandyaa1", Nickname: "web", OS: "debian_bookworm_64", SKU: "MSVM001", BandwidthType: "metered"},
			{Name: "sandyaa2", Nickname: "build", OS: "win2022serverstd_64", SKU: "MSVM004", BandwidthType: "unmetered"},
		},
		DiscountCodes: []model.DiscountCode{
			{Code: "WELCOME10", Description: "10% off any new service", PercentOff: 10, Expires: "2027-12-31"},
			{Code: "MINI25", Description: "25% off Miniservers", PercentOff: 25, Products: []model.ProductID{model.ProductMonthlyMiniserver, model.ProductHourlyMiniserver}, Expires: "2027-06-30"},
		},
	}
}

// accountPresets are the named accounts a demo can pick by flag.
var accountPresets = []struct {
	name, about string
	make        func() Account
}{
	{"default", "card, no consolidated billing, snapshots, two servers, discount codes", DefaultAccount},
	{"consolidated", "the default account with consolidated billing: orders go on the next bill", func() Account {
		a := DefaultAccount()
		a.ConsolidatedBilling = true
		return a
	}},
	{"paypal", "PayPal is the default payment method: every create is refused", func() Account {
		a := DefaultAccount()
		a.PaymentMethods = []model.PaymentMethod{{ID: "pm-paypal-1", Type: model.PayPayPal, Default: true}}
		return a
	}},
	{"bank-transfer", "bank transfer is the default: hourly (arrears) services are refused, invoices wait to be paid", func() Account {
		a := DefaultAccount()
		a.PaymentMethods = []model.PaymentMethod{
			{ID: "pm-bank-1", Type: model.PayBankTransfer, Default: true},
			{ID: "pm-card-1", Type: model.PayCard, Status: "AVAILABLE", Name: "Company Visa"},
		}
		return a
	}},
	{"expired-card", "the default card has expired: every create is refused", func() Account {
		a := DefaultAccount()
		a.PaymentMethods[0].Status = "EXPIRED"
		return a
	}},
	{"empty", "a new account: a card, no servers, no snapshots, no discount codes", func() Account {
		a := DefaultAccount()
		a.Snapshots, a.Servers, a.DiscountCodes = nil, nil, nil
		return a
	}},
}

// AccountPreset returns a named demo account, for a command-line flag
// (see AccountPresetNames).
func AccountPreset(name string) (Account, error) {
	for _, p := range accountPresets {
		if p.name == name {
			return p.make(), nil
		}
	}
	return Account{}, fmt.Errorf("unknown sandbox account %q (want one of %s)", name, strings.Join(AccountPresetNames(), ", "))
}

// AccountPresetNames lists the names AccountPreset accepts, in a stable
// order ("default" first).
func AccountPresetNames() []string {
	out := make([]string, 0, len(accountPresets))
	for _, p := range accountPresets {
		out = append(out, p.name)
	}
	return out
}

// AccountPresetHelp describes the presets, one "name: description" line each.
func AccountPresetHelp() string {
	var b strings.Builder
	for _, p := range accountPresets {
		fmt.Fprintf(&b, "%s: %s\n", p.name, p.about)
	}
	return b.String()
}

// clone returns a copy that shares no slices with a.
func (a Account) clone() Account {
	a.PaymentMethods = slices.Clone(a.PaymentMethods)
	a.Snapshots = slices.Clone(a.Snapshots)
	a.Servers = slices.Clone(a.Servers)
	a.DiscountCodes = slices.Clone(a.DiscountCodes)
	for i := range a.DiscountCodes {
		a.DiscountCodes[i].Products = slices.Clone(a.DiscountCodes[i].Products)
	}
	return a
}
