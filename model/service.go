package model

// Offer is one entry of the services-list method: a service that can be
// provisioned through the API. Memset documents only that the method
// returns a list of dictionaries; the fields are our inference.
type Offer struct {
	Product     ProductID
	Method      Method
	Name        string
	Description string
	Deprecated  bool
	SKUs        []string
}

// ServiceInfo is service.info's answer.
type ServiceInfo struct {
	Name         string
	Status       string // LIVE, ONHOLD, CANCELLED
	Nickname     string
	Type         string // e.g. miniserver, fullserver
	StartDate    string
	ExpiryDate   string
	RenewalPrice Money // including VAT
	RenewalVAT   Money
	NetworkZones []string
	DataZone     string
}

// Invoice is invoice.info's answer.
type Invoice struct {
	Ref    int
	Amount Money
	VAT    Money
	// Status is NEW, AWAITING-PAYMENT, RENEWAL, REFUND, CANCELLED, DONE or PROCESSING.
	Status        string
	Proforma      bool
	PaymentMethod string
	Items         []InvoiceItem
	Date          string
}

// InvoiceItem is one line of an invoice.
type InvoiceItem struct {
	Description string
	Amount      Money
	Period      string
}

// Printable returns s with every text filtered by Printable, for display.
func (s ServiceInfo) Printable() ServiceInfo {
	s.Name, s.Status, s.Nickname, s.Type = Printable(s.Name), Printable(s.Status), Printable(s.Nickname), Printable(s.Type)
	s.StartDate, s.ExpiryDate, s.DataZone = Printable(s.StartDate), Printable(s.ExpiryDate), Printable(s.DataZone)
	s.NetworkZones = mapped(s.NetworkZones, Printable)
	return s
}
