package cli

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// What `memset-order doctor` sends to find out whether the key may call a
// method: one call of each read, with made-up arguments where one is
// needed, so that nothing real is touched, and one dry run of each create
// method. Nothing else is ever sent.

// The made-up arguments of the reads that need one.
const (
	probeName     = "memset-order-doctor"
	probeJobID    = "00000000000000000000000000000000"
	probeInvoice  = 1
	probeDiscount = "MEMSET-ORDER-DOCTOR"
)

// probe is the one call the doctor makes for a read.
type probe struct {
	method model.Method
	// sends says what goes with it, for --help ("" for no parameters).
	sends string
	// notFoundIsAnswer: ApiErrorDoesNotExist is an answer about the
	// made-up argument (or, for snapshots, an account without snapshot
	// storage), not about the method, unless its message names the method.
	notFoundIsAnswer bool
	call             func(ctx context.Context, c *api.Client, w *probeWorld) (string, error)
}

// probeWorld is what the probes learn that later ones use.
type probeWorld struct {
	now     time.Time
	offers  []model.Offer
	offered bool // the services list answered
	servers []model.Server
}

// reads are the doctor's probes of the reads, in the order they are sent:
// the account's payment methods first, as the plainest test of the key.
var reads = []probe{
	{method: model.MethodPaymentMethods, call: func(ctx context.Context, c *api.Client, _ *probeWorld) (string, error) {
		pms, err := c.PaymentMethods(ctx)
		return count(len(pms), "payment method", "payment methods"), err
	}},
	{method: model.MethodServicesList, call: func(ctx context.Context, c *api.Client, w *probeWorld) (string, error) {
		offers, err := c.AvailableServices(ctx)
		w.offers, w.offered = offers, err == nil
		return count(len(offers), "service", "services"), err
	}},
	{method: model.MethodServerList, call: func(ctx context.Context, c *api.Client, w *probeWorld) (string, error) {
		servers, err := c.ServerList(ctx)
		w.servers = servers
		return count(len(servers), "server", "servers"), err
	}},
	{method: model.MethodSnapshotList, notFoundIsAnswer: true, call: func(ctx context.Context, c *api.Client, _ *probeWorld) (string, error) {
		snaps, err := c.SnapshotList(ctx)
		return count(len(snaps), "snapshot", "snapshots"), err
	}},
	{method: model.MethodAccountInfo, call: func(ctx context.Context, c *api.Client, _ *probeWorld) (string, error) {
		_, err := c.AccountBilling(ctx)
		return "", err
	}},
	{method: model.MethodInvoiceList, sends: "date_gte=TODAY", call: func(ctx context.Context, c *api.Client, w *probeWorld) (string, error) {
		invs, err := c.InvoiceList(ctx, api.InvoiceFilter{From: w.now.Format(time.DateOnly)})
		return count(len(invs), "invoice", "invoices") + " from today", err
	}},
	{method: model.MethodJobStatus, sends: "id=" + probeJobID, notFoundIsAnswer: true, call: func(ctx context.Context, c *api.Client, _ *probeWorld) (string, error) {
		_, err := c.JobStatus(ctx, probeJobID)
		return "", err
	}},
	{method: model.MethodServiceInfo, sends: "name=" + probeName, notFoundIsAnswer: true, call: func(ctx context.Context, c *api.Client, _ *probeWorld) (string, error) {
		_, err := c.ServiceInfo(ctx, probeName)
		return "", err
	}},
	{method: model.MethodServerInfo, sends: "name=" + probeName, notFoundIsAnswer: true, call: func(ctx context.Context, c *api.Client, _ *probeWorld) (string, error) {
		_, err := c.ServerInfo(ctx, probeName)
		return "", err
	}},
	{method: model.MethodBandwidthInfo, sends: "name=" + probeName, notFoundIsAnswer: true, call: func(ctx context.Context, c *api.Client, _ *probeWorld) (string, error) {
		_, err := c.BandwidthInfo(ctx, probeName)
		return "", err
	}},
	{method: model.MethodInvoiceInfo, sends: fmt.Sprintf("ref=%d", probeInvoice), notFoundIsAnswer: true, call: func(ctx context.Context, c *api.Client, _ *probeWorld) (string, error) {
		_, err := c.InvoiceInfo(ctx, probeInvoice)
		return "", err
	}},
	{method: model.MethodDiscountCode, sends: "discount_code=" + probeDiscount, notFoundIsAnswer: true, call: func(ctx context.Context, c *api.Client, _ *probeWorld) (string, error) {
		_, err := c.VerifyDiscountCode(ctx, probeDiscount)
		return "", err
	}},
}

// probeOrder is the order whose dry run checks p's create method: its
// first plan, its first current OS that is neither Windows nor cPanel, its
// required settings at their defaults (or least values, or first choices)
// and, for a top-up, the first metered server of the account (the made-up
// name when it has none).
func probeOrder(cat *model.Catalogue, p *model.Product, servers []model.Server) model.Order {
	o := model.Order{Product: p.ID}
	if len(p.SKUs) > 0 {
		o.SKU = p.SKUs[0].Code
	}
	if oses := productOSes(cat, p); p.NeedsOS() && len(oses) > 0 {
		o.OS = oses[0].Name
		for _, x := range oses {
			if !x.EOL && !x.Windows && !x.CPanel {
				o.OS = x.Name
				break
			}
		}
	}
	if p.TargetParam != "" {
		o.Target = probeName
		for _, s := range servers {
			if s.Metered() {
				o.Target = s.Name
				break
			}
		}
	}
	for _, e := range p.Extras {
		if !e.Required {
			continue
		}
		v := e.Default
		switch {
		case v != "":
		case e.Type == model.ExtraNumber:
			v = fmt.Sprint(max(e.Min, 1))
		case len(e.Choices) > 0:
			v = e.Choices[0].Value
		default:
			v = probeName
		}
		if o.Extras == nil {
			o.Extras = map[string]string{}
		}
		o.Extras[e.Param] = v
	}
	return o
}

// verdict is what one call says of a method.
type verdict int

const (
	// notTried: the doctor did not call it.
	notTried verdict = iota
	// answered: the method exists and the key may call it.
	answered
	// refused: the key may not call it (an authentication or permission
	// error).
	refused
	// notThere: the API says the method does not exist.
	notThere
	// misread: it answered, but not as memset-order reads it.
	misread
	// ordered: a dry run was answered with a real order.
	ordered
	// unsure: no answer that says (the network, throttling, Memset's own
	// failure).
	unsure
)

// judge is what err, the outcome of calling the method sent as sent,
// says of it.
func judge(err error, sent model.Method, notFoundIsAnswer bool) verdict {
	var e *api.Error
	var dry *api.OrderedOnDryRunError
	switch {
	case err == nil:
		return answered
	case errors.As(err, &dry):
		return ordered
	case api.IsThrottled(err), api.IsServerSide(err):
		return unsure
	case api.IsAuthentication(err):
		return refused
	case api.IsDoesNotExist(err):
		if notFoundIsAnswer && errors.As(err, &e) && !strings.Contains(e.Message, string(sent)) {
			return answered
		}
		return notThere
	case errors.As(err, &e):
		if e.Status == http.StatusForbidden {
			return refused
		}
		return answered // a refusal of the made-up arguments: the method is there
	}
	var p *api.ProtocolError
	switch {
	case errors.As(err, &p) && p.Status == http.StatusNotFound:
		return notThere // a 404 page rather than Memset's error body
	case errors.As(err, &p):
		return misread
	}
	return unsure
}
