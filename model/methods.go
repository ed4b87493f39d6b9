package model

// Method is the name of a Memset API method, as it appears in the URL
// (https://api.memset.com/v1/json/<method>/).
type Method string

// MethodInfo describes one Memset API method this program calls or the
// sandbox answers.
type MethodInfo struct {
	Name   Method
	Source Source
	// Why explains an inferred name: what it was inferred from.
	Why string
}

// The Memset API methods memset-order uses.
//
// THIS IS THE ONE PLACE where method names live. Five of them are not
// documented anywhere we could read (memset-api.md §2.2, gap 3): their names
// are inferred from the alphabetical order of Memset's "create" page and its
// wording. When the real names are known, correct them here; the
// catalogue (CreateMethods), the client, the sandbox and the wizard all
// follow.
//
// The table sits in model rather than api (design §2 asks for api/) because
// the sandbox must answer the same names and may not import api (design
// §1); one table in model is one place, two copies would be two.
const (
	// MethodMonthlyMiniserver orders a Miniserver VM billed by the month. Documented.
	MethodMonthlyMiniserver Method = "create.monthly_miniserver"
	// MethodHourlyMiniserver orders a Miniserver billed by the hour. Documented; deprecated by Memset.
	MethodHourlyMiniserver Method = "create.hourly_miniserver"
	// MethodMonthlyFullserver orders a dedicated server billed by the month. Documented.
	MethodMonthlyFullserver Method = "create.monthly_fullserver"
	// MethodMemstore orders a Memstore (object storage) instance. Inferred name.
	MethodMemstore Method = "create.memstore"
	// MethodOpenStack orders a Cloud IaaS (OpenStack) project. Inferred name.
	MethodOpenStack Method = "create.openstack"
	// MethodBandwidthBank adds GB to a metered server's bandwidth bank. Inferred name.
	MethodBandwidthBank Method = "create.bandwidth_bank"
	// MethodServicesList lists the services that can be provisioned through the API. Inferred name.
	MethodServicesList Method = "create.available_services"
	// MethodDiscountCode checks a discount code. Inferred name.
	MethodDiscountCode Method = "create.verify_discount_code"
	// MethodJobStatus reads a job. Documented.
	MethodJobStatus Method = "job.status"
	// MethodSnapshotList lists the account's server snapshots. Documented (parameters not).
	MethodSnapshotList Method = "server.snapshot_list"
	// MethodServerList lists the account's servers. Client-seen.
	MethodServerList Method = "server.list"
	// MethodPaymentMethods lists the account's payment methods. Documented.
	MethodPaymentMethods Method = "payment_method.available"
	// MethodServiceInfo describes one service. Documented.
	MethodServiceInfo Method = "service.info"
	// MethodInvoiceInfo describes one invoice. Documented.
	MethodInvoiceInfo Method = "invoice.info"
	// MethodInvoiceList lists invoices. Documented.
	MethodInvoiceList Method = "invoice.list"
	// MethodServerInfo describes one server: host name, IP addresses, OS.
	// Documented.
	MethodServerInfo Method = "server.info"
	// MethodBandwidthInfo describes a service's bandwidth, by service type
	// (a metered server's bandwidth bank among it). Documented.
	MethodBandwidthInfo Method = "bandwidth.info"
	// MethodAccountInfo reads the account's billing settings (whether it
	// has consolidated billing, its currency). Inferred name and answer:
	// Memset documents that consolidated billing changes where an order's
	// charge goes, but no read of it was found.
	MethodAccountInfo Method = "account.info"
	// MethodListMethods lists the public methods the API answers
	// ("List all the public methods", Memset's API shell). Documented.
	MethodListMethods Method = "system.listMethods"
)

// Methods is the table of every method above with where its name came from.
var Methods = []MethodInfo{
	{MethodServicesList, SourceInferred, `create page: "Returns the services which can be provisioned using the API"; listed first, so it sorts before the bandwidth method`},
	{MethodBandwidthBank, SourceInferred, `create page: "Adds bandwidth to a server's extra bandwidth bank"; listed second, before hourly_miniserver`},
	{MethodHourlyMiniserver, SourceDocumented, ""},
	{MethodMemstore, SourceInferred, `create page: "Provisions a Memstore instance"; listed between hourly_miniserver and monthly_fullserver`},
	{MethodMonthlyFullserver, SourceDocumented, ""},
	{MethodMonthlyMiniserver, SourceDocumented, ""},
	{MethodOpenStack, SourceInferred, `create page: "Provisions a Cloud IaaS (powered by OpenStack) project"; listed after monthly_miniserver`},
	{MethodDiscountCode, SourceInferred, `create page: "Returns information about a discount code", parameter "Discount code to verify"; listed last, after openstack`},
	{MethodJobStatus, SourceDocumented, ""},
	{MethodSnapshotList, SourceDocumented, ""},
	{MethodServerList, SourceClientSeen, "Memset's Ansible inventory script calls it"},
	{MethodPaymentMethods, SourceDocumented, ""},
	{MethodServiceInfo, SourceDocumented, ""},
	{MethodInvoiceInfo, SourceDocumented, ""},
	{MethodInvoiceList, SourceDocumented, ""},
	{MethodServerInfo, SourceDocumented, ""},
	{MethodBandwidthInfo, SourceDocumented, ""},
	{MethodAccountInfo, SourceInferred, `create page: "If the account has consolidated billing, charges go onto the next consolidated bill"; the read of that setting is not documented, so both its name and its keys (consolidated_billing, currency) are guesses`},
	{MethodListMethods, SourceDocumented, ""},
}

// LookupMethod returns the table entry for name.
func LookupMethod(name Method) (MethodInfo, bool) {
	for _, m := range Methods {
		if m.Name == name {
			return m, true
		}
	}
	return MethodInfo{}, false
}

// CreateMethods maps each orderable product to the create method that
// orders it. The catalogue fills Product.Method from it, so a catalogue file
// cannot disagree with this table.
var CreateMethods = map[ProductID]Method{
	ProductMonthlyMiniserver: MethodMonthlyMiniserver,
	ProductHourlyMiniserver:  MethodHourlyMiniserver,
	ProductMonthlyFullserver: MethodMonthlyFullserver,
	ProductMemstore:          MethodMemstore,
	ProductOpenStack:         MethodOpenStack,
	ProductBandwidthBank:     MethodBandwidthBank,
}
