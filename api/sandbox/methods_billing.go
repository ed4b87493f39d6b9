package sandbox

import "github.com/memset-order/memset-order/model"

// accountJSON is the answer of the account's billing read
// (model.MethodAccountInfo). Its name and keys are inferred: Memset
// documents the consolidated-billing rule but no read of the setting.
type accountJSON struct {
	ConsolidatedBilling bool           `json:"consolidated_billing"`
	Currency            model.Currency `json:"currency"`
}

// accountInfo answers the account's billing settings. It takes no
// parameters.
func (s *Sandbox) accountInfo(c *call) (any, *apiError) {
	if err := c.allow(); err != nil {
		return nil, err
	}
	return accountJSON{ConsolidatedBilling: s.acct.ConsolidatedBilling, Currency: s.currency()}, nil
}
