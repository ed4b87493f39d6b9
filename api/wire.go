package api

import (
	"errors"
	"fmt"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// The wire types: the JSON shapes of Memset's answers, kept apart from
// model (convert.go turns them into model values). Keys the answers must
// have are pointers, so a missing key is told apart from a zero value;
// each type's check lists what is missing. Unknown keys are ignored.
// Shapes that Memset does not document follow testdata/wire/*.json.

// checker is a wire type that can tell whether its required keys were
// present and its values make sense.
type checker interface {
	check() error
}

// missingKeys collects the names of absent keys.
type missingKeys []string

func (m *missingKeys) need(present bool, key string) {
	if !present {
		*m = append(*m, key)
	}
}

func (m missingKeys) err() error {
	if len(m) == 0 {
		return nil
	}
	return fmt.Errorf("missing required keys: %s", strings.Join(m, ", "))
}

// wireErrorBody is the documented error answer.
type wireErrorBody struct {
	Error *string  `json:"error"`
	Type  *string  `json:"error_type"`
	Code  *wireInt `json:"error_code"`
}

// wireQuote is a create method's answer (memset-create-methods.txt).
type wireQuote struct {
	SKU        *string     `json:"sku"`
	Currency   *string     `json:"currency"`
	DryRun     *wireBool   `json:"dry_run"`
	NetSetup   *wireAmount `json:"net_setup_price"`
	NetTotal   *wireAmount `json:"net_total"`
	InvoiceRef *wireInt    `json:"invoice_ref"`
	Job        *wireJob    `json:"job"`
}

func (w *wireQuote) check() error {
	var m missingKeys
	m.need(w.Currency != nil, "currency")
	m.need(w.DryRun != nil, "dry_run")
	m.need(w.NetTotal != nil, "net_total")
	if w.DryRun != nil && !*w.DryRun {
		m.need(w.InvoiceRef != nil, "invoice_ref")
		m.need(w.Job != nil, "job")
	}
	if err := m.err(); err != nil {
		return err
	}
	if _, err := wireCurrency(*w.Currency); err != nil {
		return err
	}
	if w.InvoiceRef != nil && *w.InvoiceRef < 0 {
		return fmt.Errorf("invoice_ref %d is negative", *w.InvoiceRef)
	}
	if w.Job != nil {
		if err := w.Job.check(); err != nil {
			return fmt.Errorf("job: %w", err)
		}
	}
	return nil
}

// wireJob is job.status's answer, also embedded in a real order's answer.
type wireJob struct {
	ID       *string   `json:"id"`
	Type     *string   `json:"type"`
	Status   *string   `json:"status"`
	Service  *string   `json:"service"`
	Finished *wireBool `json:"finished"`
	Error    *wireBool `json:"error"`
}

func (w *wireJob) check() error {
	var m missingKeys
	m.need(w.ID != nil, "id")
	m.need(w.Status != nil, "status")
	m.need(w.Finished != nil, "finished")
	m.need(w.Error != nil, "error")
	if err := m.err(); err != nil {
		return err
	}
	if !model.ValidJobID(strings.ToLower(*w.ID)) {
		return fmt.Errorf("job id %q is not 32 hexadecimal digits", clip(*w.ID, 40))
	}
	return nil
}

// wireOffer is one entry of the services list (keys inferred:
// testdata/wire/create.available_services.json).
type wireOffer struct {
	Service     *string   `json:"service"`
	Method      *string   `json:"method"`
	Name        *string   `json:"name"`
	Description *string   `json:"description"`
	Deprecated  *wireBool `json:"deprecated"`
	SKUs        []string  `json:"skus"`
}

func (w *wireOffer) check() error {
	var m missingKeys
	m.need(w.Service != nil, "service")
	m.need(w.Name != nil, "name")
	return m.err()
}

// wireDiscount is the discount-code check's answer (keys inferred:
// testdata/wire/create.verify_discount_code.json).
type wireDiscount struct {
	Code        *string  `json:"discount_code"`
	Description *string  `json:"description"`
	PercentOff  *wireInt `json:"percent_off"`
	Products    []string `json:"products"`
	Expires     *string  `json:"expires"`
}

func (w *wireDiscount) check() error {
	var m missingKeys
	m.need(w.Code != nil, "discount_code")
	if err := m.err(); err != nil {
		return err
	}
	if w.PercentOff != nil && (*w.PercentOff < 0 || *w.PercentOff > 100) {
		return fmt.Errorf("percent_off %d is not between 0 and 100", *w.PercentOff)
	}
	return nil
}

// wireSnapshot is one entry of server.snapshot_list (os_option documented,
// the rest inferred from the snapshot README fields).
type wireSnapshot struct {
	Name       *string  `json:"name"`
	OSOption   *string  `json:"os_option"`
	Status     *string  `json:"status"`
	Miniserver *string  `json:"miniserver"`
	ImageType  *string  `json:"image_type"`
	Comment    *string  `json:"comment"`
	Date       *string  `json:"date"`
	DiskSize   *wireInt `json:"disk_size"`
}

func (w *wireSnapshot) check() error {
	var m missingKeys
	m.need(w.OSOption != nil && *w.OSOption != "", "os_option")
	return m.err()
}

// wireServer is one entry of server.list (server.info keys; bandwidth_type
// inferred).
type wireServer struct {
	Name          *string `json:"name"`
	Nickname      *string `json:"nickname"`
	OS            *string `json:"os"`
	SKU           *string `json:"sku"`
	BandwidthType *string `json:"bandwidth_type"`
}

func (w *wireServer) check() error {
	var m missingKeys
	m.need(w.Name != nil && *w.Name != "", "name")
	return m.err()
}

// wirePaymentMethod is one entry of payment_method.available (documented).
type wirePaymentMethod struct {
	ID      *string   `json:"id"`
	Type    *string   `json:"type"`
	Default *wireBool `json:"default"`
	Status  *string   `json:"status"`
	Name    *string   `json:"name"`
}

func (w *wirePaymentMethod) check() error {
	var m missingKeys
	m.need(w.ID != nil, "id")
	m.need(w.Type != nil, "type")
	m.need(w.Default != nil, "default")
	return m.err()
}

// wireServiceInfo is service.info's answer (documented).
type wireServiceInfo struct {
	Name            *string     `json:"name"`
	Status          *string     `json:"status"`
	Nickname        *string     `json:"nickname"`
	Type            *string     `json:"type"`
	StartDate       *string     `json:"start_date"`
	ExpiryDate      *string     `json:"expiry_date"`
	RenewalAmount   *wireAmount `json:"renewal_price_amount"`
	RenewalCurrency *string     `json:"renewal_price_currency"`
	RenewalVAT      *wireAmount `json:"renewal_price_vat"`
	NetworkZones    []string    `json:"network_zones"`
	DataZone        *string     `json:"data_zone"`
}

func (w *wireServiceInfo) check() error {
	var m missingKeys
	m.need(w.Name != nil, "name")
	m.need(w.Status != nil, "status")
	if w.RenewalAmount != nil || w.RenewalVAT != nil {
		m.need(w.RenewalCurrency != nil, "renewal_price_currency")
	}
	if err := m.err(); err != nil {
		return err
	}
	if w.RenewalCurrency != nil {
		if _, err := wireCurrency(*w.RenewalCurrency); err != nil {
			return err
		}
	}
	return nil
}

// wireInvoice is invoice.info's answer and an entry of invoice.list
// (documented).
type wireInvoice struct {
	Ref           *wireInt          `json:"ref"`
	Amount        *wireAmount       `json:"amount"`
	Currency      *string           `json:"currency"`
	VAT           *wireAmount       `json:"vat"`
	Status        *string           `json:"status"`
	Proforma      *wireBool         `json:"proforma"`
	PaymentMethod *string           `json:"payment_method"`
	Items         []wireInvoiceItem `json:"items"`
	Date          *string           `json:"date"`
}

func (w *wireInvoice) check() error {
	var m missingKeys
	m.need(w.Ref != nil, "ref")
	m.need(w.Amount != nil, "amount")
	m.need(w.Currency != nil, "currency")
	m.need(w.Status != nil, "status")
	if err := m.err(); err != nil {
		return err
	}
	_, err := wireCurrency(*w.Currency)
	return err
}

// wireList is a list answer whose items are checked one by one.
type wireList[T any, P interface {
	*T
	checker
}] []T

func (l wireList[T, P]) check() error {
	for i := range l {
		if err := P(&l[i]).check(); err != nil {
			return fmt.Errorf("item %d: %w", i+1, err)
		}
	}
	return nil
}

// wireCurrency reads a currency code: three ASCII letters.
func wireCurrency(s string) (model.Currency, error) {
	if len(s) != 3 {
		return "", fmt.Errorf("currency %q is not a three-letter code", clip(s, 20))
	}
	for i := 0; i < 3; i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			return "", fmt.Errorf("currency %q is not a three-letter code", clip(s, 20))
		}
	}
	return model.Currency(strings.ToUpper(s)), nil
}

// errNotWire marks scalar values of the wrong form.
var errNotWire = errors.New("bad value")

// clip cuts s to at most n bytes for an error message, adding "…". It
// never cuts inside a word of letters, digits, '+' and '/': such a word may
// be the API key (32 hex digits) or its base64 form, which redact removes
// only when whole, so a word that does not fit is left out entirely.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && isWordByte(s[n-1]) && isWordByte(s[n]) {
		n--
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// isWordByte reports the bytes clip keeps together.
func isWordByte(b byte) bool {
	return isHex(b) || ('g' <= b && b <= 'z') || ('G' <= b && b <= 'Z') || b == '+' || b == '/'
}
