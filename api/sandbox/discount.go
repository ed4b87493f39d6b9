package sandbox

import (
	"strings"
	"time"

	"github.com/memset-order/memset-order/model"
)

// discountJSON is the discount-code check's answer (keys inferred).
type discountJSON struct {
	DiscountCode string   `json:"discount_code"`
	Description  string   `json:"description"`
	PercentOff   int      `json:"percent_off"`
	Products     []string `json:"products"`
	Expires      string   `json:"expires"`
}

// discountCode finds a code of the account, ignoring case and surrounding
// space, that has not expired at now. s.mu must be held.
func (s *Sandbox) discountCode(code string, now time.Time) (model.DiscountCode, bool) {
	code = strings.TrimSpace(code)
	for _, d := range s.acct.DiscountCodes {
		if strings.EqualFold(d.Code, code) && !expired(d, now) {
			return d, true
		}
	}
	return model.DiscountCode{}, false
}

// expired reports whether the code's last valid day is before now's. A code
// with an unreadable date is expired: better refused than silently eternal.
func expired(d model.DiscountCode, now time.Time) bool {
	if d.Expires == "" {
		return false
	}
	last, err := time.Parse(dateLayout, d.Expires)
	if err != nil {
		return true
	}
	today, _ := time.Parse(dateLayout, now.UTC().Format(dateLayout))
	return today.After(last)
}

// verifyDiscountCode answers the discount-code check: the code's details, or
// ApiErrorDoesNotExist when it does not exist or is not valid (documented).
func (s *Sandbox) verifyDiscountCode(c *call) (any, *apiError) {
	if err := c.allow("discount_code"); err != nil {
		return nil, err
	}
	code, err := c.required("discount_code")
	if err != nil {
		return nil, err
	}
	d, ok := s.discountCode(code, c.now)
	if !ok {
		return nil, notFound("Discount code %s does not exist or is not valid for this account", echo(strings.TrimSpace(code)))
	}
	products := make([]string, 0, len(d.Products))
	for _, p := range d.Products {
		products = append(products, string(p))
	}
	return discountJSON{DiscountCode: d.Code, Description: d.Description, PercentOff: d.PercentOff, Products: products, Expires: d.Expires}, nil
}
