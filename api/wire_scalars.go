package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// wireBool is a JSON boolean; 0 and 1 are accepted too.
type wireBool bool

// UnmarshalJSON reads true, false, 1 or 0.
func (b *wireBool) UnmarshalJSON(data []byte) error {
	switch string(bytes.TrimSpace(data)) {
	case "true", "1":
		*b = true
	case "false", "0":
		*b = false
	default:
		return fmt.Errorf("%w: %s is not true or false", errNotWire, clip(string(data), 40))
	}
	return nil
}

// wireInt is a whole JSON number (or a string holding one).
type wireInt int64

// UnmarshalJSON reads 100291 or "100291"; fractions and exponents are
// refused.
func (n *wireInt) UnmarshalJSON(data []byte) error {
	s, ok := numberText(data)
	v, err := strconv.ParseInt(s, 10, 64)
	if !ok || err != nil {
		return fmt.Errorf("%w: %s is not a whole number", errNotWire, clip(s, 40))
	}
	*n = wireInt(v)
	return nil
}

// wireAmount is an amount of money: a JSON number such as 7.50 (never read
// through float64) or a string holding one ("30.00", as some answers have).
type wireAmount model.Amount

// UnmarshalJSON reads the number's text exactly.
func (a *wireAmount) UnmarshalJSON(data []byte) error {
	s, ok := numberText(data)
	if !ok {
		return fmt.Errorf("%w: %s is not an amount", errNotWire, clip(s, 40))
	}
	v, err := parseWireAmount(s)
	if err != nil {
		return err
	}
	*a = wireAmount(v)
	return nil
}

// numberText returns the text of a JSON number, or of a JSON string holding
// one, without surrounding space; ok is false for a string that does not
// decode.
func numberText(data []byte) (text string, ok bool) {
	s := string(bytes.TrimSpace(data))
	if !strings.HasPrefix(s, `"`) {
		return s, true
	}
	var str string
	if err := json.Unmarshal(data, &str); err != nil {
		return s, false
	}
	return strings.TrimSpace(str), true
}

// maxExponent bounds the exponent of a number in an answer; larger ones
// are far outside any amount.
const maxExponent = 30

// parseWireAmount reads a JSON number's text as an Amount without floating
// point. Exponents (Python writes 1e-05) are shifted into place, and digits
// past the sixth decimal — the noise of a float such as 21.599999999999998
// — are rounded half away from zero to the millionth that model.Amount
// holds. Anything else model.ParseAmount refuses is an error.
func parseWireAmount(s string) (model.Amount, error) {
	plain, err := plainDecimal(s)
	if err != nil {
		return 0, err
	}
	a, err := model.ParseAmount(plain)
	if err != nil {
		return 0, fmt.Errorf("%w: %w", errNotWire, err)
	}
	return a, nil
}

// plainDecimal rewrites a decimal number with an optional exponent as
// [-]digits[.dddddd], at most six decimals, rounding the rest.
func plainDecimal(s string) (string, error) {
	bad := func() (string, error) {
		return "", fmt.Errorf("%w: %q is not a decimal amount", errNotWire, clip(s, 40))
	}
	neg := false
	rest := s
	if strings.HasPrefix(rest, "-") {
		neg, rest = true, rest[1:]
	} else if strings.HasPrefix(rest, "+") {
		rest = rest[1:]
	}
	mant, expText, hasExp := strings.Cut(strings.ToLower(rest), "e")
	exp := 0
	if hasExp {
		e, err := strconv.Atoi(expText)
		if err != nil || e > maxExponent || e < -maxExponent {
			return bad()
		}
		exp = e
	}
	whole, frac, _ := strings.Cut(mant, ".")
	if whole == "" && frac == "" {
		return bad()
	}
	if !allDigits(whole) || !allDigits(frac) {
		return bad()
	}
	digits := whole + frac
	point := len(whole) + exp // digits[:point] is the whole part
	if point > len(digits) {
		digits += strings.Repeat("0", point-len(digits))
	}
	if point < 0 {
		digits = strings.Repeat("0", -point) + digits
		point = 0
	}
	whole, frac = digits[:point], digits[point:]
	if len(frac) > 6 {
		roundUp := frac[6] >= '5'
		frac = frac[:6]
		if roundUp {
			whole, frac = incrementDecimal(whole, frac)
		}
	}
	if whole == "" {
		whole = "0"
	}
	out := whole
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// incrementDecimal adds one unit in the last place of whole.frac.
func incrementDecimal(whole, frac string) (string, string) {
	b := []byte(whole + frac)
	i := len(b) - 1
	for ; i >= 0; i-- {
		if b[i] == '9' {
			b[i] = '0'
			continue
		}
		b[i]++
		break
	}
	if i < 0 {
		b = append([]byte{'1'}, b...)
	}
	n := len(b) - len(frac)
	return string(b[:n]), string(b[n:])
}

// wireInvoiceItem is one invoice line: a [description, amount, period]
// triple (the period may be missing or null).
type wireInvoiceItem struct {
	Description string
	Amount      wireAmount
	Period      string
}

// UnmarshalJSON reads the triple.
func (it *wireInvoiceItem) UnmarshalJSON(data []byte) error {
	var parts []json.RawMessage
	if err := json.Unmarshal(data, &parts); err != nil {
		return fmt.Errorf("%w: an invoice item is not a [description, amount, period] list", errNotWire)
	}
	if len(parts) < 2 {
		return fmt.Errorf("%w: an invoice item has %d of its 3 parts", errNotWire, len(parts))
	}
	if err := json.Unmarshal(parts[0], &it.Description); err != nil {
		return fmt.Errorf("%w: an invoice item's description is not a string", errNotWire)
	}
	if err := it.Amount.UnmarshalJSON(parts[1]); err != nil {
		return err
	}
	if len(parts) > 2 && string(bytes.TrimSpace(parts[2])) != "null" {
		if err := json.Unmarshal(parts[2], &it.Period); err != nil {
			return fmt.Errorf("%w: an invoice item's period is not a string", errNotWire)
		}
	}
	return nil
}
