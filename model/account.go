package model

import "slices"

// PaymentType is the type of a payment method (payment_method.info).
type PaymentType string

// The payment method types Memset documents.
const (
	PayAccount          PaymentType = "account" // a billing account
	PayCard             PaymentType = "card"
	PayBankTransfer     PaymentType = "bank_transfer"
	PayCheque           PaymentType = "cheque"
	PayPayPal           PaymentType = "paypal"
	PayTransferOrCheque PaymentType = "transfer_or_cheque"
	PayNotSet           PaymentType = "notset"
)

// Label is the type for people.
func (t PaymentType) Label() string {
	switch t {
	case PayAccount:
		return "billing account"
	case PayCard:
		return "card"
	case PayBankTransfer:
		return "bank transfer"
	case PayCheque:
		return "cheque"
	case PayPayPal:
		return "PayPal"
	case PayTransferOrCheque:
		return "transfer or cheque"
	case PayNotSet:
		return "not set"
	}
	return string(t)
}

// CanPayArrears reports whether Memset accepts this type for services
// billed in arrears (a card or a billing account).
func (t PaymentType) CanPayArrears() bool { return t == PayCard || t == PayAccount }

// PaymentMethod is one of the account's payment methods.
type PaymentMethod struct {
	ID      string
	Type    PaymentType
	Default bool
	// Status is AVAILABLE or EXPIRED (cards and billing accounts only).
	Status string
	// Name is the customer's nickname (cards and billing accounts only).
	Name string
}

// Describe is a one-line description: "card “Company Visa”" or "PayPal".
func (m PaymentMethod) Describe() string {
	s := m.Type.Label()
	if m.Name != "" {
		s += " “" + m.Name + "”"
	}
	if m.Status == "EXPIRED" {
		s += " (expired)"
	}
	return s
}

// Snapshot is a server image stored in Memstore (server.snapshot_list).
type Snapshot struct {
	// Name is the snapshot's folder name, e.g. "myacc.2012-08-21-17-08-27".
	Name string
	// OSOption is the value to pass as os to order a server from it.
	OSOption string
	// Status is DONE once the snapshot can be used.
	Status string
	// Miniserver is the server it was taken from, if any.
	Miniserver string
	// ImageType is tar (Linux), raw (any) or ntfsclone (Windows).
	ImageType string
	Comment   string
	Date      string
	DiskBytes int64
}

// Usable reports whether the snapshot can be ordered from.
func (s Snapshot) Usable() bool { return s.Status == "DONE" }

// Windows reports whether the snapshot is known to hold Windows.
func (s Snapshot) Windows() bool { return s.ImageType == "ntfsclone" }

// Server is an existing server of the account (server.list).
type Server struct {
	Name     string
	Nickname string
	OS       string
	SKU      string
	// BandwidthType is "metered" or "unmetered"; only metered servers have
	// a bandwidth bank.
	BandwidthType string
}

// Metered reports whether the server's bandwidth is metered.
func (s Server) Metered() bool { return s.BandwidthType == "metered" }

// Account is what the rules need to know of the account placing an order.
// A zero Account means "not known yet": account rules are then skipped.
type Account struct {
	Known          bool
	Currency       Currency
	PaymentMethods []PaymentMethod
	// ConsolidatedBilling is meaningful only when BillingKnown: whether
	// the account has consolidated billing could be read (an inferred
	// method, model.MethodAccountInfo).
	ConsolidatedBilling bool
	BillingKnown        bool
	Snapshots           []Snapshot
	Servers             []Server
	// OfferedSKUs is what Memset's services list (an inferred method, see
	// Offer) says of each product's plans: the plan codes it offers this
	// account. With an entry for a product the list decides which of its
	// plans can be ordered: a plan it offers that the catalogue lacks is a
	// valid choice whose specs are unknown (Memset prices it in the dry run),
	// and a catalogue plan it does not offer is unavailable. Without an entry
	// (the list was not read, could not be, or names no plans for the
	// product) the catalogue alone decides, as it always did. Unlike the
	// other fields it applies whether or not Known is set: the list is read
	// apart from the account. See OfferedSKUsOf.
	OfferedSKUs map[ProductID][]string
}

// OfferedSKUsOf builds Account.OfferedSKUs from the services list: for each
// product whose offers name plans, those plans in the list's order without
// repeats. Offers that name no plans add no entry.
func OfferedSKUsOf(offers []Offer) map[ProductID][]string {
	var out map[ProductID][]string
	for _, o := range offers {
		for _, code := range o.SKUs {
			if code == "" || slices.Contains(out[o.Product], code) {
				continue
			}
			if out == nil {
				out = map[ProductID][]string{}
			}
			out[o.Product] = append(out[o.Product], code)
		}
	}
	return out
}

// Offered returns the plan codes the services list offers for product id;
// listed is false when it says nothing of them (no entry in OfferedSKUs),
// and the catalogue alone then decides.
func (a Account) Offered(id ProductID) (codes []string, listed bool) {
	codes, listed = a.OfferedSKUs[id]
	return codes, listed
}

// OffersSKU reports whether the services list offers plan code for product
// id; listed is false when it says nothing of the product's plans.
func (a Account) OffersSKU(id ProductID, code string) (offered, listed bool) {
	codes, listed := a.Offered(id)
	return listed && slices.Contains(codes, code), listed
}

// DefaultPaymentMethod returns the method marked default.
func (a Account) DefaultPaymentMethod() (PaymentMethod, bool) {
	for _, m := range a.PaymentMethods {
		if m.Default {
			return m, true
		}
	}
	return PaymentMethod{}, false
}

// Snapshot returns the snapshot whose os_option is opt.
func (a Account) Snapshot(opt string) (Snapshot, bool) {
	for _, s := range a.Snapshots {
		if s.OSOption == opt {
			return s, true
		}
	}
	return Snapshot{}, false
}

// Server returns the server with the given name.
func (a Account) Server(name string) (Server, bool) {
	for _, s := range a.Servers {
		if s.Name == name {
			return s, true
		}
	}
	return Server{}, false
}

// ChargedNow reports whether an order with this billing choice is invoiced
// at once (true) or goes on the next consolidated bill (false).
func (a Account) ChargedNow(b BillTo) bool {
	// add_to_next_bill=1 on an account without consolidated billing has no
	// next bill to go on, so it is invoiced now like the default.
	return b == BillNow || !a.ConsolidatedBilling
}

// DiscountCode is what the discount-code check answers for a valid code.
type DiscountCode struct {
	Code        string
	Description string
	// PercentOff is the reduction of the recurring price, in percent.
	PercentOff int
	// Products lists the products it applies to; empty means all.
	Products []ProductID
	Expires  string
}

// AppliesTo reports whether the code reduces p's price.
func (d DiscountCode) AppliesTo(p ProductID) bool {
	if len(d.Products) == 0 {
		return true
	}
	for _, x := range d.Products {
		if x == p {
			return true
		}
	}
	return false
}
