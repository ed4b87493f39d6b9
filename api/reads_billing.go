package api

import (
	"context"

	"github.com/memset-order/memset-order/model"
)

// wireAccountInfo is the answer of the account's billing read
// (model.MethodAccountInfo; name and keys inferred).
type wireAccountInfo struct {
	ConsolidatedBilling *wireBool `json:"consolidated_billing"`
	Currency            *string   `json:"currency"`
}

func (w *wireAccountInfo) check() error {
	var m missingKeys
	m.need(w.ConsolidatedBilling != nil, "consolidated_billing")
	if err := m.err(); err != nil {
		return err
	}
	if w.Currency != nil {
		if _, err := wireCurrency(*w.Currency); err != nil {
			return err
		}
	}
	return nil
}

// Billing is what the account's billing read says.
type Billing struct {
	ConsolidatedBilling bool
	// Currency is the account's currency, when the answer names it.
	Currency model.Currency
}

// AccountBilling reads whether the account has consolidated billing, with
// the inferred method model.MethodAccountInfo. Memset documents the rule
// (charges go on the next consolidated bill by default) but no read of the
// setting, so a caller must treat an error as "not known", never as "no".
func (c *Client) AccountBilling(ctx context.Context) (Billing, error) {
	if err := c.usable(ctx); err != nil {
		return Billing{}, err
	}
	var w wireAccountInfo
	if err := c.read(ctx, model.MethodAccountInfo, nil, &w); err != nil {
		return Billing{}, err
	}
	b := Billing{ConsolidatedBilling: bool(*w.ConsolidatedBilling)}
	if w.Currency != nil {
		b.Currency = model.Currency(*w.Currency)
	}
	return b, nil
}
