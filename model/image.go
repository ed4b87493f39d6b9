package model

// Image is what an os value puts on a server: a stock OS of the catalogue,
// or one of the account's snapshots. The rules and the sample prices treat
// an image by what it carries, so a Windows snapshot is Windows: it needs
// 2 GB, it is refused where the product offers no Windows, and it pays the
// Windows licence.
type Image struct {
	// Value is the os value as sent: a stock OS name or a snapshot's
	// os_option.
	Value string
	// Display names the image for people and in Memset's messages:
	// "Microsoft Windows 2022 Server, Standard Edition", "Snapshot web.2026-10-01".
	Display string
	// Stock is the catalogue OS when Value names one (IsStock).
	Stock   OS
	IsStock bool
	// Snapshot is the account's snapshot when Value is one (IsSnapshot).
	Snapshot   Snapshot
	IsSnapshot bool
	// Windows and CPanel say what the image carries.
	Windows bool
	CPanel  bool
}

// ResolveImage finds what the os value carries: a stock OS of c, or a
// snapshot of acct (looked up only when acct.Known). ok is false when it is
// neither, which with an unknown account may still be a snapshot the API
// knows.
func ResolveImage(c *Catalogue, os string, acct Account) (Image, bool) {
	if osv, ok := c.OS(os); ok {
		return Image{Value: os, Display: osv.Display, Stock: osv, IsStock: true, Windows: osv.Windows, CPanel: osv.CPanel}, true
	}
	if !acct.Known {
		return Image{}, false
	}
	snap, ok := acct.Snapshot(os)
	if !ok {
		return Image{}, false
	}
	return Image{Value: os, Display: "Snapshot " + snap.Name, Snapshot: snap, IsSnapshot: true, Windows: snap.Windows()}, true
}

// OffersWindows reports whether p offers any stock Windows OS. A Windows
// snapshot is accepted only where it does.
func (c *Catalogue) OffersWindows(p *Product) bool {
	for _, name := range p.OSes {
		if osv, ok := c.OS(name); ok && osv.Windows {
			return true
		}
	}
	return false
}

// Licence is the sample licence price the image adds to p's price per
// billing unit (month or hour): a stock OS's own price, a Windows
// snapshot's WindowsSnapshotLicence, nothing for other snapshots.
func (im Image) Licence(c *Catalogue, p *Product) Amount {
	switch {
	case im.IsStock:
		return im.Stock.licence(p.Billing)
	case im.IsSnapshot && im.Windows:
		if osv, ok := WindowsSnapshotLicence(c, p); ok {
			return osv.licence(p.Billing)
		}
	}
	return 0
}

// WindowsSnapshotLicence is the stock Windows OS whose licence a server
// made from a Windows snapshot pays on p. This is the one place that price
// is decided.
//
// It is an inference: Memset documents neither what an order from a
// snapshot costs nor how its Windows licence is billed. A server running
// Windows needs a Windows Server licence whatever it was installed from,
// so a Windows snapshot is charged like the Windows it carries: the
// dearest current (not end-of-life) Windows the product offers, so that a
// snapshot never comes out cheaper than installing that Windows afresh.
// Among equal prices the first in the catalogue wins. Where p offers no
// current Windows the whole catalogue is searched (the order is refused
// there anyway, see Check); ok is false only when the catalogue lists no
// Windows at all.
func WindowsSnapshotLicence(c *Catalogue, p *Product) (OS, bool) {
	best, found := dearestWindows(c, p, func(o OS) bool { return p.OffersOS(o.Name) && !o.EOL })
	if !found {
		best, found = dearestWindows(c, p, func(OS) bool { return true })
	}
	return best, found
}

func dearestWindows(c *Catalogue, p *Product, keep func(OS) bool) (OS, bool) {
	var best OS
	found := false
	for _, o := range c.OSes {
		if !o.Windows || !keep(o) {
			continue
		}
		if !found || o.licence(p.Billing) > best.licence(p.Billing) {
			best, found = o, true
		}
	}
	return best, found
}

// licence is the OS's sample licence price per unit of billing b.
func (o OS) licence(b Billing) Amount {
	if b == BillingHourly {
		return o.Hourly
	}
	return o.Monthly
}
