package model

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Amount is an exact decimal amount of money with six decimal places, held
// as an integer count of millionths of the currency unit. It is never a
// float: hourly prices such as £0.0104 are exact, and sums never drift.
type Amount int64

// AmountScale is the number of Amount units in one currency unit.
const AmountScale = 1_000_000

// amountDecimals is the number of decimal places an Amount holds.
const amountDecimals = 6

// ErrAmountSyntax is returned (wrapped) by ParseAmount for text that is not a
// plain decimal number.
var ErrAmountSyntax = errors.New("not a decimal amount")

// ErrNegativeAmount is returned (wrapped) by ParsePrice, and so by every
// reading of money from outside the program, for an amount below zero: no
// price, fee, surcharge, charge or invoice Memset or a catalogue states is
// negative, and one that is would be shown as a price.
var ErrNegativeAmount = errors.New("negative")

// ParsePrice is ParseAmount for money read from outside the program (an API
// answer, a catalogue file, a journal): a negative amount is refused with
// ErrNegativeAmount, its text in the message ("amount -7.50 is negative").
// Zero written with a sign ("-0.00") is zero.
func ParsePrice(s string) (Amount, error) {
	a, err := ParseAmount(s)
	if err != nil {
		return 0, err
	}
	if a < 0 {
		return 0, fmt.Errorf("amount %s is %w", s, ErrNegativeAmount)
	}
	return a, nil
}

// ParseAmount reads a plain decimal number such as "7.50", "-0.0104" or
// "12"; exponents ("1e2") and other forms are refused. At most six decimal
// places are accepted, so that no amount is ever rounded silently, and the
// whole part may have at most ten digits.
func ParseAmount(s string) (Amount, error) {
	orig := s
	if s == "" {
		return 0, fmt.Errorf("amount %q: %w", orig, ErrAmountSyntax)
	}
	neg := false
	switch s[0] {
	case '-':
		neg, s = true, s[1:]
	case '+':
		s = s[1:]
	}
	intPart, frac, hasDot := strings.Cut(s, ".")
	if intPart == "" && (!hasDot || frac == "") {
		return 0, fmt.Errorf("amount %q: %w", orig, ErrAmountSyntax)
	}
	for _, part := range []string{intPart, frac} {
		for _, r := range part {
			if r < '0' || r > '9' {
				return 0, fmt.Errorf("amount %q: %w", orig, ErrAmountSyntax)
			}
		}
	}
	// Trailing zeros beyond the scale are harmless ("7.5000000").
	frac = strings.TrimRight(frac, "0")
	if len(frac) > amountDecimals {
		return 0, fmt.Errorf("amount %q: more than %d decimal places", orig, amountDecimals)
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > 10 {
		return 0, fmt.Errorf("amount %q: too large", orig)
	}
	var whole int64
	if intPart != "" {
		v, err := strconv.ParseInt(intPart, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("amount %q: %w", orig, ErrAmountSyntax)
		}
		whole = v
	}
	if whole > math.MaxInt64/AmountScale/2 {
		return 0, fmt.Errorf("amount %q: too large", orig)
	}
	var fr int64
	if frac != "" {
		v, err := strconv.ParseInt(frac+strings.Repeat("0", amountDecimals-len(frac)), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("amount %q: %w", orig, ErrAmountSyntax)
		}
		fr = v
	}
	a := Amount(whole*AmountScale + fr)
	if neg {
		a = -a
	}
	return a, nil
}

// MustAmount is ParseAmount for constants in code and tests; it panics on
// bad input.
func MustAmount(s string) Amount {
	a, err := ParseAmount(s)
	if err != nil {
		panic(err)
	}
	return a
}

// Decimal renders the amount with at least two and at most six decimal
// places and no trailing zeros past the second: "7.50", "0.0104", "-3.00".
// It is the form used on the wire and in files.
func (a Amount) Decimal() string {
	neg := a < 0
	u := uint64(a)
	if neg {
		u = uint64(-a)
	}
	whole := u / AmountScale
	frac := fmt.Sprintf("%06d", u%AmountScale)
	frac = strings.TrimRight(frac, "0")
	for len(frac) < 2 {
		frac += "0"
	}
	s := strconv.FormatUint(whole, 10) + "." + frac
	if neg {
		s = "-" + s
	}
	return s
}

// String is Decimal.
func (a Amount) String() string { return a.Decimal() }

// MarshalText writes the Decimal form.
func (a Amount) MarshalText() ([]byte, error) { return []byte(a.Decimal()), nil }

// UnmarshalText reads money from a file (a catalogue): the form ParsePrice
// accepts, so a negative amount is an error wrapping ErrNegativeAmount.
// MarshalText still writes any amount.
func (a *Amount) UnmarshalText(b []byte) error {
	v, err := ParsePrice(string(b))
	if err != nil {
		return err
	}
	*a = v
	return nil
}

// Mul multiplies by a whole number (months, gigabytes).
func (a Amount) Mul(n int64) Amount { return a * Amount(n) }

// PercentOf returns pct percent of a, rounded half away from zero to the
// nearest millionth.
func (a Amount) PercentOf(pct int64) Amount {
	p := int64(a) * pct
	q, r := p/100, p%100
	if r >= 50 {
		q++
	} else if r <= -50 {
		q--
	}
	return Amount(q)
}

// RoundToMinor rounds to whole minor units (pence, cents), half away from
// zero. Invoices are in minor units even when unit prices are not.
func (a Amount) RoundToMinor() Amount {
	const minor = AmountScale / 100
	q, r := int64(a)/minor, int64(a)%minor
	if r >= minor/2 {
		q++
	} else if r <= -minor/2 {
		q--
	}
	return Amount(q * minor)
}

// Currency is an ISO 4217 code of a currency a Memset account can have.
type Currency string

// The currencies a Memset account can be held in (partner.account.create).
const (
	GBP Currency = "GBP"
	EUR Currency = "EUR"
	USD Currency = "USD"
)

// Valid reports whether c is a currency a Memset account can have.
func (c Currency) Valid() bool { return c == GBP || c == EUR || c == USD }

// Symbol is the sign written before amounts in c.
func (c Currency) Symbol() string {
	switch c {
	case GBP:
		return "£"
	case EUR:
		return "€"
	case USD:
		return "$"
	}
	return string(c) + " "
}

// Money is an Amount in a Currency.
type Money struct {
	Amount   Amount
	Currency Currency
}

// NewMoney reads amount as ParsePrice does (a negative amount is refused)
// and pairs it with cur.
func NewMoney(amount string, cur Currency) (Money, error) {
	a, err := ParsePrice(amount)
	if err != nil {
		return Money{}, err
	}
	return Money{Amount: a, Currency: cur}, nil
}

// ErrCurrencyMismatch is returned when sums mix currencies.
var ErrCurrencyMismatch = errors.New("currencies differ")

// Add returns m+o; it fails when the currencies differ (a zero Money with
// no currency adopts the other's).
func (m Money) Add(o Money) (Money, error) {
	cur, err := sameCurrency(m, o)
	if err != nil {
		return Money{}, err
	}
	return Money{Amount: m.Amount + o.Amount, Currency: cur}, nil
}

// Sub returns m-o; it fails when the currencies differ.
func (m Money) Sub(o Money) (Money, error) {
	cur, err := sameCurrency(m, o)
	if err != nil {
		return Money{}, err
	}
	return Money{Amount: m.Amount - o.Amount, Currency: cur}, nil
}

func sameCurrency(a, b Money) (Currency, error) {
	switch {
	case a.Currency == b.Currency:
		return a.Currency, nil
	case a.Currency == "" && a.Amount == 0:
		return b.Currency, nil
	case b.Currency == "" && b.Amount == 0:
		return a.Currency, nil
	}
	return "", fmt.Errorf("%w: %s and %s", ErrCurrencyMismatch, a.Currency, b.Currency)
}

// IsZero reports whether the amount is zero.
func (m Money) IsZero() bool { return m.Amount == 0 }

// String formats for people: "£7.50", "-€3.00", "$0.0104". Amounts with more
// than two significant decimals keep them, so an hourly price is never shown
// as £0.01.
func (m Money) String() string {
	a := m.Amount
	sign := ""
	if a < 0 {
		sign, a = "-", -a
	}
	return sign + m.Currency.Symbol() + groupThousands(a.Decimal())
}

// groupThousands puts commas in the whole part of a decimal string.
func groupThousands(dec string) string {
	whole, frac, _ := strings.Cut(dec, ".")
	if len(whole) <= 3 {
		return dec
	}
	var b strings.Builder
	lead := len(whole) % 3
	if lead > 0 {
		b.WriteString(whole[:lead])
	}
	for i := lead; i < len(whole); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(whole[i : i+3])
	}
	return b.String() + "." + frac
}
