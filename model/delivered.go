package model

import (
	"slices"
	"strconv"
	"strings"
)

// What an order delivered, as Memset's own reads describe it once the
// setup job has ended: server.info for a server, service.info for a
// Memstore or an OpenStack project, bandwidth.info for a bandwidth-bank
// top-up (memset-api.md §3.2, §3.4, §3.6). Facts that no read gives (how
// to log in, a Memstore's endpoint, an OpenStack dashboard) are not here:
// they are inferred, and the wizard keeps them in one place of its own.

// ServerInfo is server.info's answer: what a server is and how it is
// reached.
type ServerInfo struct {
	// Name is the service name, e.g. "sandyaa3".
	Name     string
	Nickname string
	// Status is LIVE, ONHOLD or CANCELLED; Type miniserver or fullserver.
	Status string
	Type   string
	// HostName is e.g. "sandyaa3.miniserver.com".
	HostName  string
	PrimaryIP string
	// IPs lists every address of the server, the primary among them.
	IPs   []ServerIP
	VLANs VLANs
	// OS is the OS's API name, e.g. "debian_bookworm_64" (or the os_option
	// of the snapshot the server was made from).
	OS      string
	Backups bool
	// ControlPanel is "none" or "cpanel".
	ControlPanel string
	// FirewallType is none, basic, self_managed or managed.
	FirewallType string
	// MonitoringLevel is basic, advanced or managed; Monitor is whether
	// Memset is monitoring the server.
	MonitoringLevel string
	Monitor         bool
	NetworkZones    []string
	DataZone        string
}

// ServerIP is one address of a server, with yesterday's and today's
// traffic in bytes.
type ServerIP struct {
	Address    string
	ReverseMap string
	// BytesInYesterday and the others are the traffic counters.
	BytesInYesterday, BytesOutYesterday int64
	BytesInToday, BytesOutToday         int64
}

// VLANs are the VLANs a server is on, by name.
type VLANs struct {
	Tagged, Untagged []string
}

// OtherIPs returns the server's addresses other than its primary one, in
// Memset's order, each once.
func (s ServerInfo) OtherIPs() []string {
	var out []string
	for _, ip := range s.IPs {
		if ip.Address != "" && ip.Address != s.PrimaryIP && !slices.Contains(out, ip.Address) {
			out = append(out, ip.Address)
		}
	}
	return out
}

// HasCPanel reports whether the server runs cPanel.
func (s ServerInfo) HasCPanel() bool { return s.ControlPanel == "cpanel" }

// Printable returns s with every text filtered by Printable, for display.
func (s ServerInfo) Printable() ServerInfo {
	s.Name, s.Nickname, s.Status, s.Type = Printable(s.Name), Printable(s.Nickname), Printable(s.Status), Printable(s.Type)
	s.HostName, s.PrimaryIP, s.OS = Printable(s.HostName), Printable(s.PrimaryIP), Printable(s.OS)
	s.ControlPanel, s.FirewallType, s.MonitoringLevel = Printable(s.ControlPanel), Printable(s.FirewallType), Printable(s.MonitoringLevel)
	s.DataZone = Printable(s.DataZone)
	s.NetworkZones = mapped(s.NetworkZones, Printable)
	s.VLANs.Tagged, s.VLANs.Untagged = mapped(s.VLANs.Tagged, Printable), mapped(s.VLANs.Untagged, Printable)
	s.IPs = mapped(s.IPs, func(ip ServerIP) ServerIP {
		ip.Address, ip.ReverseMap = Printable(ip.Address), Printable(ip.ReverseMap)
		return ip
	})
	return s
}

// Quantity is an exact, non-negative decimal quantity that is not money —
// gigabytes of transfer, megabits per second — held as millionths, never
// as a float.
type Quantity int64

// QuantityScale is the number of Quantity units in one whole unit.
const QuantityScale = 1_000_000

// Whole returns n whole units as a Quantity.
func Whole(n int64) Quantity { return Quantity(n * QuantityScale) }

// String writes q as a plain decimal without trailing zeros: "50",
// "12.5", "0.000001".
func (q Quantity) String() string {
	neg := q < 0
	if neg {
		q = -q
	}
	whole, frac := int64(q)/QuantityScale, int64(q)%QuantityScale
	s := strconv.FormatInt(whole, 10)
	if frac != 0 {
		f := strconv.FormatInt(frac+QuantityScale, 10)[1:]
		s += "." + strings.TrimRight(f, "0")
	}
	if neg {
		s = "-" + s
	}
	return s
}

// BandwidthUse is one entry of bandwidth.info: a service type's traffic
// this month and, for a server, its connection. Keys documented as
// present only for some services are zero when absent.
type BandwidthUse struct {
	// BytesIn and BytesOut are this month's traffic.
	BytesIn, BytesOut int64
	// DailyRate is the average use per day, Predicted the forecast for the
	// month's end (their units are not documented).
	DailyRate, Predicted Quantity
	// ConnectionType is metered, unmetered or inarrears (servers only).
	ConnectionType string
	// MaxBurst is in Mbps (servers only).
	MaxBurst Quantity
	// Remaining is this month's remaining transfer; InclusiveTransfer the
	// monthly allowance in GB; BandwidthBank the extra transfer bank in GB
	// (metered servers only).
	Remaining, InclusiveTransfer, BandwidthBank Quantity
	// Contention is the contention ratio (unmetered servers only), as
	// Memset writes it.
	Contention string
}

// Metered reports whether the entry is a metered connection, the only kind
// with a bandwidth bank.
func (u BandwidthUse) Metered() bool { return u.ConnectionType == "metered" }

// Bandwidth is bandwidth.info's answer: one entry per service type (a
// server has one; a Memstore has storage and CDN entries).
type Bandwidth map[string]BandwidthUse

// Connection returns the entry that describes a server's connection (the
// one with a connection type), and whether there is one.
func (b Bandwidth) Connection() (BandwidthUse, bool) {
	keys := make([]string, 0, len(b))
	for k := range b {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if b[k].ConnectionType != "" {
			return b[k], true
		}
	}
	return BandwidthUse{}, false
}

// Printable returns b with every text filtered by Printable, for display.
func (b Bandwidth) Printable() Bandwidth {
	if b == nil {
		return nil
	}
	out := make(Bandwidth, len(b))
	for k, u := range b {
		u.ConnectionType, u.Contention = Printable(u.ConnectionType), Printable(u.Contention)
		out[Printable(k)] = u
	}
	return out
}
