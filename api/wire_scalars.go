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
		return badValue("%s is not true or false", clip(string(data), 40))
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
		return badValue("%s is not a whole number", clip(s, 40))
	}
	*n = wireInt(v)
	return nil
}

// badValueError is a scalar of the wrong form in an answer. It is
// errNotWire (and its cause, when it has one), but its text is only what is
// wrong: the decoder puts the field's path before it.
type badValueError struct {
	msg   string
	cause error
}

func (e *badValueError) Error() string { return e.msg }

// Unwrap makes errors.Is see errNotWire and the cause.
func (e *badValueError) Unwrap() []error {
	if e.cause == nil {
		return []error{errNotWire}
	}
	return []error{errNotWire, e.cause}
}

// badValue builds a *badValueError.
func badValue(format string, args ...any) error {
	return &badValueError{msg: fmt.Sprintf(format, args...)}
}

// wireAmount is an amount of money Memset states — a price, a total, an
// invoice's amount or VAT, a renewal price: a JSON number such as 7.50
// (never read through float64) or a string holding one ("30.00", as some
// answers have). It is never negative: a negative one is a bad value
// (model.ErrNegativeAmount), not a price to show.
type wireAmount model.Amount

// UnmarshalJSON reads the number's text exactly and refuses a negative
// amount; zero written with a sign is zero.
func (a *wireAmount) UnmarshalJSON(data []byte) error {
	v, s, err := readWireAmount(data)
	if err != nil {
		return err
	}
	if v < 0 {
		return &badValueError{msg: fmt.Sprintf("amount %s is negative", clip(s, 40)), cause: model.ErrNegativeAmount}
	}
	*a = wireAmount(v)
	return nil
}

// wireSignedAmount is a line of an invoice, which may take money off (a
// discount line is negative); the invoice's own amount and VAT are
// wireAmounts.
type wireSignedAmount model.Amount

// UnmarshalJSON reads the number's text exactly.
func (a *wireSignedAmount) UnmarshalJSON(data []byte) error {
	v, _, err := readWireAmount(data)
	if err != nil {
		return err
	}
	*a = wireSignedAmount(v)
	return nil
}

// readWireAmount reads an amount of either sign, and returns its text too.
func readWireAmount(data []byte) (model.Amount, string, error) {
	s, ok := numberText(data)
	if !ok {
		return 0, s, badValue("%s is not an amount", clip(s, 40))
	}
	v, err := parseWireAmount(s)
	return v, s, err
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
		return 0, &badValueError{msg: err.Error(), cause: err}
	}
	return a, nil
}

// plainDecimal rewrites a decimal number with an optional exponent as
// [-]digits[.dddddd], at most six decimals, rounding the rest.
func plainDecimal(s string) (string, error) {
	bad := func() (string, error) {
		return "", badValue("%q is not a decimal amount", clip(s, 40))
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
// triple (the period may be missing or null). Its amount may be negative
// (a discount).
type wireInvoiceItem struct {
	Description string
	Amount      wireSignedAmount
	Period      string
}

// UnmarshalJSON reads the triple.
func (it *wireInvoiceItem) UnmarshalJSON(data []byte) error {
	var parts []json.RawMessage
	if err := json.Unmarshal(data, &parts); err != nil {
		return badValue("an invoice item is not a [description, amount, period] list")
	}
	if len(parts) < 2 {
		return badValue("an invoice item has %d of its 3 parts", len(parts))
	}
	if err := json.Unmarshal(parts[0], &it.Description); err != nil {
		return badValue("an invoice item's description is not a string")
	}
	if err := it.Amount.UnmarshalJSON(parts[1]); err != nil {
		return err
	}
	if len(parts) > 2 && string(bytes.TrimSpace(parts[2])) != "null" {
		if err := json.Unmarshal(parts[2], &it.Period); err != nil {
			return badValue("an invoice item's period is not a string")
		}
	}
	return nil
}
