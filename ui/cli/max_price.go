package cli

import (
	"fmt"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// maxPrice is --max-price: an amount, and the currency when one was
// written.
type maxPrice struct {
	Amount   model.Amount
	Currency model.Currency
}

// parseMaxPrice reads --max-price: a decimal amount ("40", "40.50"), with
// an optional currency as a sign in front ("£40", "€40", "$40") or a code
// before or after it ("GBP 40", "40 GBP"). "" is no limit.
func parseMaxPrice(s string) (*maxPrice, error) {
	if s == "" {
		return nil, nil
	}
	bad := func(why string) error {
		return fmt.Errorf("--max-price %s: %s; give an amount such as 40, 40.50 or £40", quoteArg(s), why)
	}
	t := strings.TrimSpace(s)
	var cur model.Currency
	for _, c := range []model.Currency{model.GBP, model.EUR, model.USD} {
		sym := strings.TrimSpace(c.Symbol())
		switch {
		case strings.HasPrefix(t, sym):
			t, cur = strings.TrimSpace(strings.TrimPrefix(t, sym)), c
		case strings.HasPrefix(strings.ToUpper(t), string(c)):
			t, cur = strings.TrimSpace(t[len(c):]), c
		case strings.HasSuffix(strings.ToUpper(t), string(c)):
			t, cur = strings.TrimSpace(t[:len(t)-len(c)]), c
		}
		if cur != "" {
			break
		}
	}
	if t == "" {
		return nil, bad("there is no amount")
	}
	a, err := model.ParsePrice(t)
	if err != nil {
		if strings.HasPrefix(t, "-") {
			return nil, bad("a price limit cannot be negative")
		}
		return nil, bad("not an amount")
	}
	return &maxPrice{Amount: a, Currency: cur}, nil
}
