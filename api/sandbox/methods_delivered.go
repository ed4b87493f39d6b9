package sandbox

import (
	"strconv"

	"github.com/memset-order/memset-order/model"
)

// server.info and bandwidth.info: what an order delivered, as the
// customer reads it after the job (memset-api.md §3.2, §3.6). Their keys
// are documented; their values for what the order did not choose are the
// sandbox's own (inferred): no VLAN, basic monitoring that Memset
// watches (nothing to acknowledge, no auto-reboot opt-out), standard
// support, no vulnerability scan, no Penetration Patrol (alert level 0),
// a firewall rule group named after the server, 100 GB of
// monthly transfer on a metered connection bursting to 100 Mbps, 10 Mbps
// at 20:1 unmetered, and no traffic yet.

// serverIPJSON is one entry of server.info's ips (documented).
type serverIPJSON struct {
	Address           string `json:"address"`
	ReverseMap        string `json:"reverse_map"`
	BytesInYesterday  int64  `json:"bytes_in_yesterday"`
	BytesOutYesterday int64  `json:"bytes_out_yesterday"`
	BytesInToday      int64  `json:"bytes_in_today"`
	BytesOutToday     int64  `json:"bytes_out_today"`
}

// vlansJSON is server.info's vlans (documented).
type vlansJSON struct {
	Tagged   []string `json:"tagged"`
	Untagged []string `json:"untagged"`
}

// serverInfoJSON is server.info's answer: service.info's keys, then the
// server's own: the documented ones (memset-api.md §3.2's first table),
// then those seen in client samples (its second table) that Memset's own
// Ansible dynamic inventory script reads from every server.list item
// (github.com/Memset/memset-ansible-dynamic-inventory, file memset,
// _build_vars: server["ignore_monitoring_off"], server["no_auto_reboot"],
// server["support_level"], server["vulnscan"], server["penetration_patrol"],
// server["penetration_patrol_alert_level"]; without any one of them the
// script dies with a KeyError). Their types are the script's
// Docs/Variables.md: Booleans, strings, and an int alert level.
type serverInfoJSON struct {
	serviceJSON
	HostName          string            `json:"host_name"`
	PrimaryIP         string            `json:"primary_ip"`
	IPs               []serverIPJSON    `json:"ips"`
	VLANs             vlansJSON         `json:"vlans"`
	OS                string            `json:"os"`
	Backups           bool              `json:"backups"`
	ControlPanel      string            `json:"control_panel"`
	FirewallType      string            `json:"firewall_type"`
	FirewallRuleGroup map[string]string `json:"firewall_rule_group"`
	MonitoringLevel   string            `json:"monitoring_level"`
	Monitor           bool              `json:"monitor"`
	// IgnoreMonitoringOff: the customer has acknowledged that Memset is
	// not monitoring the server; the sandbox's servers are monitored.
	IgnoreMonitoringOff bool `json:"ignore_monitoring_off"`
	// NoAutoReboot: monitoring will not reboot the server; the sandbox
	// never sets it.
	NoAutoReboot bool `json:"no_auto_reboot"`
	// SupportLevel is the order's support_level extra, "standard" when
	// it chose none (the catalogue's default).
	SupportLevel string `json:"support_level"`
	// Vulnscan is the order's vulnscan extra: none, basic or managed.
	Vulnscan string `json:"vulnscan"`
	// PenetrationPatrol is Memset's intrusion detection: none, basic,
	// monitored or protected (documented), from the order's
	// intrusion_detection extra (see penetrationPatrol).
	PenetrationPatrol string `json:"penetration_patrol"`
	// PenetrationPatrolAlertLevel is 1–15, 0 when PenetrationPatrol is
	// none (documented).
	PenetrationPatrolAlertLevel int `json:"penetration_patrol_alert_level"`
}

// Values of server.info's client-seen keys for what the order did not
// choose (inferred; the catalogue's defaults where it has the extra).
const (
	defaultSupportLevel = "standard"
	defaultVulnscan     = "none"
	// defaultAlertLevel is the sandbox's Penetration Patrol alert level
	// when the server has intrusion detection: the middle of 1–15.
	defaultAlertLevel = 8
)

// penetrationPatrol maps the order's intrusion_detection extra (none,
// basic, managed in the catalogue) to server.info's penetration_patrol and
// its alert level (inferred): basic is the self-monitored "basic" and
// managed the Memset-monitored "monitored", as vulnscan's managed is
// Memset-monitored in the inventory script's Docs/Variables.md. The
// sandbox never answers "protected", which no extra orders.
func penetrationPatrol(extra string) (string, int) {
	switch extra {
	case "basic":
		return "basic", defaultAlertLevel
	case "managed":
		return "monitored", defaultAlertLevel
	}
	return "none", 0
}

// extraOr is the order's extra key, or def when the order did not send it.
func (srv serverRecord) extraOr(key, def string) string {
	if v := srv.extras[key]; v != "" {
		return v
	}
	return def
}

// serverRecord is a server of the account, configured or created.
type serverRecord struct {
	name      string
	product   *model.Product
	os        string
	bandwidth string
	ip, ip6   string
	extras    map[string]string
}

// servers returns the account's servers, then those the sandbox created,
// in order of creation. s.mu must be held.
func (s *Sandbox) servers() []serverRecord {
	out := make([]serverRecord, 0, len(s.acct.Servers)+len(s.services))
	for i, srv := range s.acct.Servers {
		p, _ := s.productOfSKU(srv.SKU)
		out = append(out, serverRecord{name: srv.Name, product: p, os: srv.OS, bandwidth: srv.BandwidthType,
			ip: docIP(0, i), ip6: docIP6(0, i)})
	}
	for _, svc := range s.services {
		if svc.product.Kind == model.KindServer {
			out = append(out, serverRecord{name: svc.name, product: svc.product, os: svc.os, bandwidth: svc.bandwidth,
				ip: svc.ip, ip6: svc.ip6, extras: svc.extras})
		}
	}
	return out
}

// findServer returns the server called name: one of the account's, or one
// the sandbox created. s.mu must be held.
func (s *Sandbox) findServer(name string) (serverRecord, bool) {
	for _, srv := range s.servers() {
		if srv.name == name {
			return srv, true
		}
	}
	return serverRecord{}, false
}

// serviceName reads and checks the name parameter of a method that
// describes one service.
func (c *call) serviceName() (string, *apiError) {
	if err := c.allow("name"); err != nil {
		return "", err
	}
	name, err := c.required("name")
	if err != nil {
		return "", err
	}
	if !model.ValidServiceName(name) {
		return "", badParam("name", "%s is not a service name (1 to 64 letters, digits, '-', '.' or '_').", echo(name))
	}
	return name, nil
}

// serverInfo answers server.info(name) for the account's servers and the
// servers the sandbox created.
func (s *Sandbox) serverInfo(c *call) (any, *apiError) {
	name, err := c.serviceName()
	if err != nil {
		return nil, err
	}
	if srv, ok := s.findServer(name); ok {
		if out, ok := s.serverView(srv); ok {
			return out, nil
		}
	}
	return nil, notFound("Couldn't find server with name %s", echo(name))
}

// serverView is server.info's answer for a server. s.mu must be held.
func (s *Sandbox) serverView(srv serverRecord) (serverInfoJSON, bool) {
	svc, ok := s.serviceView(srv.name)
	if !ok {
		return serverInfoJSON{}, false
	}
	host := srv.name + ".miniserver.com"
	out := serverInfoJSON{
		serviceJSON: svc,
		HostName:    host,
		PrimaryIP:   srv.ip,
		IPs: []serverIPJSON{
			{Address: srv.ip, ReverseMap: host},
			{Address: srv.ip6, ReverseMap: host},
		},
		VLANs:             vlansJSON{Tagged: []string{}, Untagged: []string{}},
		OS:                srv.os,
		Backups:           srv.extras["backups"] != "" && srv.extras["backups"] != "none",
		ControlPanel:      "none",
		FirewallType:      "none",
		FirewallRuleGroup: map[string]string{},
		MonitoringLevel:   "basic",
		Monitor:           true,
		SupportLevel:      srv.extraOr("support_level", defaultSupportLevel),
		Vulnscan:          srv.extraOr("vulnscan", defaultVulnscan),
	}
	out.PenetrationPatrol, out.PenetrationPatrolAlertLevel = penetrationPatrol(srv.extras["intrusion_detection"])
	if os, ok := s.cat.OS(srv.os); ok && os.CPanel {
		out.ControlPanel = "cpanel"
	}
	if v := srv.extras["vlan"]; v != "" {
		out.VLANs.Untagged = []string{v}
	}
	if f := srv.extras["firewall"]; f != "" && f != "none" {
		// Memset's inventory script reads the group's name and nickname
		// whenever firewall_type is not none (client-seen); the values are
		// the sandbox's.
		out.FirewallType = f
		out.FirewallRuleGroup = map[string]string{"name": srv.name + "-rules", "nickname": srv.name + "-rules"}
	}
	if m := srv.extras["monitoring_level"]; m != "" {
		out.MonitoringLevel = m
	}
	return out, true
}

// ipTrafficJSON is one address's traffic today in bandwidth.info's ips.
type ipTrafficJSON struct {
	BytesIn  int64 `json:"bytes_in"`
	BytesOut int64 `json:"bytes_out"`
}

// bandwidthJSON is one entry of bandwidth.info (documented keys): the
// first four always, then a server's connection, then what metered or
// unmetered connections have.
type bandwidthJSON struct {
	BytesIn           int64                      `json:"bytes_in"`
	BytesOut          int64                      `json:"bytes_out"`
	DailyRate         int64                      `json:"daily_rate"`
	Predicted         int64                      `json:"predicted"`
	ConnectionType    string                     `json:"connection_type,omitempty"`
	MaxBurst          int                        `json:"max_burst,omitempty"`
	IPs               []map[string]ipTrafficJSON `json:"ips,omitempty"`
	Remaining         *int                       `json:"remaining,omitempty"`
	InclusiveTransfer *int                       `json:"inclusive_transfer,omitempty"`
	BandwidthBank     *int                       `json:"bandwidth_bank,omitempty"`
	Contention        string                     `json:"contention,omitempty"`
}

// Inferred connection figures (see the top of this file).
const (
	meteredBurstMbps   = 100
	unmeteredBurstMbps = 10
	unmeteredContended = "20:1"
	defaultTransferGB  = 100
)

// bandwidthInfo answers bandwidth.info(name): for a server one entry keyed
// by its service type, with its connection and, when metered, its
// bandwidth bank (what top-ups added); for a Memstore storage and CDN
// entries; for another service one entry of its type.
func (s *Sandbox) bandwidthInfo(c *call) (any, *apiError) {
	name, err := c.serviceName()
	if err != nil {
		return nil, err
	}
	if srv, ok := s.findServer(name); ok {
		return map[string]bandwidthJSON{serviceType(srv.product): s.serverBandwidth(srv)}, nil
	}
	for _, svc := range s.services {
		if svc.name != name {
			continue
		}
		if svc.product.Kind == model.KindStorage {
			return map[string]bandwidthJSON{serviceType(svc.product): {}, "cdn": {}}, nil
		}
		return map[string]bandwidthJSON{serviceType(svc.product): {}}, nil
	}
	return nil, notFound("Couldn't find service with name %s", echo(name))
}

// serverBandwidth is a server's bandwidth.info entry. s.mu must be held.
func (s *Sandbox) serverBandwidth(srv serverRecord) bandwidthJSON {
	out := bandwidthJSON{
		ConnectionType: srv.bandwidth,
		IPs:            []map[string]ipTrafficJSON{{srv.ip: {}}, {srv.ip6: {}}},
	}
	if srv.bandwidth != "metered" {
		out.ConnectionType = "unmetered"
		out.MaxBurst, out.Contention = unmeteredBurstMbps, unmeteredContended
		return out
	}
	inclusive := defaultTransferGB
	if n, err := strconv.Atoi(srv.extras["monthly_transfer_gb"]); err == nil && n > 0 {
		inclusive = n
	}
	bank := s.banks[srv.name]
	remaining := inclusive + bank
	out.MaxBurst = meteredBurstMbps
	out.Remaining, out.InclusiveTransfer, out.BandwidthBank = &remaining, &inclusive, &bank
	return out
}
