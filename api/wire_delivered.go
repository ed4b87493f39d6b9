package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/netip"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// The wire types of the reads that describe what an order delivered:
// server.info and bandwidth.info (keys documented, memset-api.md §3.2 and
// §3.6; testdata/wire/server.info.json and bandwidth.info.json).

// wireServerInfo is server.info's answer. service.info's keys come with
// it; only those shown are read.
type wireServerInfo struct {
	Name            *string        `json:"name"`
	Nickname        *string        `json:"nickname"`
	Status          *string        `json:"status"`
	Type            *string        `json:"type"`
	HostName        *string        `json:"host_name"`
	PrimaryIP       *string        `json:"primary_ip"`
	IPs             []wireServerIP `json:"ips"`
	VLANs           *wireVLANs     `json:"vlans"`
	OS              *string        `json:"os"`
	Backups         *wireBool      `json:"backups"`
	ControlPanel    *string        `json:"control_panel"`
	FirewallType    *string        `json:"firewall_type"`
	MonitoringLevel *string        `json:"monitoring_level"`
	Monitor         *wireBool      `json:"monitor"`
	NetworkZones    []string       `json:"network_zones"`
	DataZone        *string        `json:"data_zone"`
}

// wireServerIP is one entry of server.info's ips.
type wireServerIP struct {
	Address           *string  `json:"address"`
	ReverseMap        *string  `json:"reverse_map"`
	BytesInYesterday  *wireInt `json:"bytes_in_yesterday"`
	BytesOutYesterday *wireInt `json:"bytes_out_yesterday"`
	BytesInToday      *wireInt `json:"bytes_in_today"`
	BytesOutToday     *wireInt `json:"bytes_out_today"`
}

// wireVLANs is server.info's vlans.
type wireVLANs struct {
	Tagged   []string `json:"tagged"`
	Untagged []string `json:"untagged"`
}

// maxHostName is the longest DNS name (RFC 1035).
const maxHostName = 253

// checkHostName refuses a host name that is not a DNS name: it is shown
// as what to connect to.
func checkHostName(s string) error {
	bad := s == "" || len(s) > maxHostName || strings.HasPrefix(s, ".") || strings.HasPrefix(s, "-") || strings.Contains(s, "..")
	for i := 0; i < len(s) && !bad; i++ {
		c := s[i] | 0x20
		bad = !(c >= 'a' && c <= 'z' || s[i] >= '0' && s[i] <= '9' || s[i] == '-' || s[i] == '.')
	}
	if bad {
		return fmt.Errorf("host_name %q is not a host name", clip(s, 80))
	}
	return nil
}

// checkIP refuses an address that is not an IPv4 or IPv6 address.
func checkIP(key, s string) error {
	if _, err := netip.ParseAddr(s); err != nil {
		return fmt.Errorf("%s %q is not an IP address", key, clip(s, 60))
	}
	return nil
}

func (w *wireServerInfo) check() error {
	var m missingKeys
	m.need(w.Name != nil && *w.Name != "", "name")
	m.need(w.HostName != nil, "host_name")
	m.need(w.PrimaryIP != nil, "primary_ip")
	m.need(w.OS != nil, "os")
	if err := m.err(); err != nil {
		return err
	}
	if err := checkHostName(*w.HostName); err != nil {
		return err
	}
	if err := checkIP("primary_ip", *w.PrimaryIP); err != nil {
		return err
	}
	for i := range w.IPs {
		if err := w.IPs[i].check(); err != nil {
			return fmt.Errorf("ips[%d]: %w", i, err)
		}
	}
	return nil
}

func (w *wireServerIP) check() error {
	var m missingKeys
	m.need(w.Address != nil, "address")
	if err := m.err(); err != nil {
		return err
	}
	if err := checkIP("address", *w.Address); err != nil {
		return err
	}
	for _, n := range []*wireInt{w.BytesInYesterday, w.BytesOutYesterday, w.BytesInToday, w.BytesOutToday} {
		if n != nil && *n < 0 {
			return fmt.Errorf("a byte count, %d, is negative", *n)
		}
	}
	return nil
}

func (w *wireServerInfo) toModel() model.ServerInfo {
	s := model.ServerInfo{
		Name:            *w.Name,
		Nickname:        str(w.Nickname),
		Status:          str(w.Status),
		Type:            str(w.Type),
		HostName:        strings.ToLower(*w.HostName),
		PrimaryIP:       *w.PrimaryIP,
		OS:              *w.OS,
		Backups:         boolean(w.Backups),
		ControlPanel:    str(w.ControlPanel),
		FirewallType:    str(w.FirewallType),
		MonitoringLevel: str(w.MonitoringLevel),
		Monitor:         boolean(w.Monitor),
		NetworkZones:    w.NetworkZones,
		DataZone:        str(w.DataZone),
	}
	if w.VLANs != nil {
		s.VLANs = model.VLANs{Tagged: w.VLANs.Tagged, Untagged: w.VLANs.Untagged}
	}
	for _, ip := range w.IPs {
		s.IPs = append(s.IPs, model.ServerIP{
			Address:           *ip.Address,
			ReverseMap:        str(ip.ReverseMap),
			BytesInYesterday:  integer(ip.BytesInYesterday),
			BytesOutYesterday: integer(ip.BytesOutYesterday),
			BytesInToday:      integer(ip.BytesInToday),
			BytesOutToday:     integer(ip.BytesOutToday),
		})
	}
	return s
}

// wireQuantity is a quantity that is not money (GB, Mbps): a JSON number
// (or a string holding one), read exactly, never through float64. Its
// sign is kept: check says where a negative one is wrong.
type wireQuantity model.Quantity

// UnmarshalJSON reads the number's text exactly.
func (q *wireQuantity) UnmarshalJSON(data []byte) error {
	s, ok := numberText(data)
	if !ok {
		return badValue("%s is not a number", clip(s, 40))
	}
	v, err := parseWireAmount(s)
	if err != nil {
		return badValue("%s is not a number", clip(s, 40))
	}
	*q = wireQuantity(v)
	return nil
}

func quantity(p *wireQuantity) model.Quantity {
	if p == nil {
		return 0
	}
	return model.Quantity(*p)
}

// wireText is a value Memset may write as a string or a number (a
// contention ratio: "20:1" or 20), kept as text.
type wireText string

// UnmarshalJSON reads a JSON string, or a number's text.
func (t *wireText) UnmarshalJSON(data []byte) error {
	raw := bytes.TrimSpace(data)
	if len(raw) > 0 && raw[0] == '"' {
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return badValue("%s is not a string", clip(string(raw), 40))
		}
		*t = wireText(s)
		return nil
	}
	if _, err := plainDecimal(string(raw)); err != nil {
		return badValue("%s is not a string or a number", clip(string(raw), 40))
	}
	*t = wireText(raw)
	return nil
}

// wireBandwidth is bandwidth.info's answer: one entry per service type.
type wireBandwidth map[string]wireBandwidthUse

// wireBandwidthUse is one entry of bandwidth.info. Its ips (today's
// traffic per address) are not read.
type wireBandwidthUse struct {
	BytesIn           *wireInt      `json:"bytes_in"`
	BytesOut          *wireInt      `json:"bytes_out"`
	DailyRate         *wireQuantity `json:"daily_rate"`
	Predicted         *wireQuantity `json:"predicted"`
	ConnectionType    *string       `json:"connection_type"`
	MaxBurst          *wireQuantity `json:"max_burst"`
	Remaining         *wireQuantity `json:"remaining"`
	InclusiveTransfer *wireQuantity `json:"inclusive_transfer"`
	BandwidthBank     *wireQuantity `json:"bandwidth_bank"`
	Contention        *wireText     `json:"contention"`
}

func (w wireBandwidth) check() error {
	for typ, u := range w {
		if typ == "" {
			return fmt.Errorf("an entry has an empty service type")
		}
		if err := u.check(); err != nil {
			return fmt.Errorf("%s: %w", clip(typ, 40), err)
		}
	}
	return nil
}

func (w wireBandwidthUse) check() error {
	var m missingKeys
	m.need(w.BytesIn != nil, "bytes_in")
	m.need(w.BytesOut != nil, "bytes_out")
	if w.ConnectionType != nil && *w.ConnectionType == "metered" {
		m.need(w.InclusiveTransfer != nil, "inclusive_transfer")
		m.need(w.BandwidthBank != nil, "bandwidth_bank")
	}
	if err := m.err(); err != nil {
		return err
	}
	if *w.BytesIn < 0 || *w.BytesOut < 0 {
		return fmt.Errorf("a byte count is negative")
	}
	for _, q := range []struct {
		key string
		v   *wireQuantity
	}{{"max_burst", w.MaxBurst}, {"inclusive_transfer", w.InclusiveTransfer}, {"bandwidth_bank", w.BandwidthBank}} {
		if q.v != nil && *q.v < 0 {
			return fmt.Errorf("%s %s is negative", q.key, model.Quantity(*q.v))
		}
	}
	return nil
}

func (w wireBandwidth) toModel() model.Bandwidth {
	out := make(model.Bandwidth, len(w))
	for typ, u := range w {
		c := ""
		if u.Contention != nil {
			c = string(*u.Contention)
		}
		out[typ] = model.BandwidthUse{
			BytesIn:           integer(u.BytesIn),
			BytesOut:          integer(u.BytesOut),
			DailyRate:         quantity(u.DailyRate),
			Predicted:         quantity(u.Predicted),
			ConnectionType:    str(u.ConnectionType),
			MaxBurst:          quantity(u.MaxBurst),
			Remaining:         quantity(u.Remaining),
			InclusiveTransfer: quantity(u.InclusiveTransfer),
			BandwidthBank:     quantity(u.BandwidthBank),
			Contention:        c,
		}
	}
	return out
}
