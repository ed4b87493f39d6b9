package sandbox

import (
	"encoding/json"
	"time"

	"github.com/memset-order/memset-order/model"
)

// paymentMethodJSON is one entry of payment_method.available; status and
// name exist only for cards and billing accounts (documented).
type paymentMethodJSON struct {
	ID      string  `json:"id"`
	Type    string  `json:"type"`
	Default bool    `json:"default"`
	Status  *string `json:"status,omitempty"`
	Name    *string `json:"name,omitempty"`
}

// paymentMethods answers payment_method.available.
func (s *Sandbox) paymentMethods(c *call) (any, *apiError) {
	if err := c.allow(); err != nil {
		return nil, err
	}
	out := make([]paymentMethodJSON, 0, len(s.acct.PaymentMethods))
	for _, m := range s.acct.PaymentMethods {
		pm := paymentMethodJSON{ID: m.ID, Type: string(m.Type), Default: m.Default}
		if m.Type == model.PayCard || m.Type == model.PayAccount {
			status, name := m.Status, m.Name
			if status == "" {
				status = "AVAILABLE"
			}
			pm.Status, pm.Name = &status, &name
		}
		out = append(out, pm)
	}
	return out, nil
}

// serviceJSON is service.info's answer (all keys documented; the renewal
// price includes VAT).
type serviceJSON struct {
	Name                 string         `json:"name"`
	Status               string         `json:"status"`
	Nickname             string         `json:"nickname"`
	StartDate            string         `json:"start_date"`
	ExpiryDate           string         `json:"expiry_date"`
	RenewalPriceAmount   json.Number    `json:"renewal_price_amount"`
	RenewalPriceCurrency model.Currency `json:"renewal_price_currency"`
	RenewalPriceVAT      json.Number    `json:"renewal_price_vat"`
	Type                 string         `json:"type"`
	NetworkZones         []string       `json:"network_zones"`
	DataZone             string         `json:"data_zone"`
}

// serviceInfo answers service.info(name) for the account's servers and the
// services the sandbox created.
func (s *Sandbox) serviceInfo(c *call) (any, *apiError) {
	if err := c.allow("name"); err != nil {
		return nil, err
	}
	name, err := c.required("name")
	if err != nil {
		return nil, err
	}
	if v, ok := s.serviceView(name); ok {
		return v, nil
	}
	return nil, notFound("Couldn't find service with name %s", echo(name))
}

// serviceView describes the service called name. The account's own servers
// are taken to have started when the sandbox did (inferred dates); their
// renewal price is the catalogue's sample price for their SKU and OS. s.mu
// must be held.
func (s *Sandbox) serviceView(name string) (serviceJSON, bool) {
	for _, srv := range s.acct.Servers {
		if srv.Name != name {
			continue
		}
		p, _ := s.productOfSKU(srv.SKU)
		var renewal model.Amount
		if p != nil {
			if pr, err := model.SamplePrice(s.cat, model.Order{Product: p.ID, SKU: srv.SKU, OS: srv.OS}, nil, s.modelAccount()); err == nil {
				renewal = pr.Recurring
			}
		}
		return s.serviceJSON(srv.Name, srv.Nickname, p, s.started, 1, renewal, []string{"reading"}), true
	}
	for _, svc := range s.services {
		if svc.name == name {
			return s.serviceJSON(svc.name, "", svc.product, svc.start, svc.months, svc.renewal, svc.zones), true
		}
	}
	return serviceJSON{}, false
}

func (s *Sandbox) serviceJSON(name, nick string, p *model.Product, start time.Time, months int, renewalNet model.Amount, zones []string) serviceJSON {
	vat, gross := withVAT(renewalNet)
	return serviceJSON{
		Name:                 name,
		Status:               "LIVE",
		Nickname:             nick,
		StartDate:            start.UTC().Format(dateLayout),
		ExpiryDate:           start.UTC().AddDate(0, months, 0).Format(dateLayout),
		RenewalPriceAmount:   number(gross),
		RenewalPriceCurrency: s.currency(),
		RenewalPriceVAT:      number(vat),
		Type:                 serviceType(p),
		NetworkZones:         zones,
		DataZone:             "",
	}
}
