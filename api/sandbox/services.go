package sandbox

import (
	"fmt"
	"maps"
	"time"

	"github.com/memset-order/memset-order/model"
)

// service is a service the sandbox created when a job finished.
type service struct {
	name    string
	product *model.Product
	sku     string
	os      string // servers: the OS or snapshot os_option ordered
	// bandwidth is a server's bandwidth type, metered unless the order chose
	// unmetered.
	bandwidth string
	start     time.Time
	months    int
	renewal   model.Amount // net, per billing unit
	zones     []string
	ip        string
	// ip6 is a server's second address (IPv6, documentation range).
	ip6 string
	// extras are the order's extras (a server's firewall, backups,
	// monitoring, VLAN; a project's name), as sent.
	extras map[string]string
}

// addService creates the service a finished job set up. s.mu must be held.
func (s *Sandbox) addService(j *job, at time.Time) {
	p, o := j.outcome.product, j.outcome.order
	svc := &service{
		name:    j.service,
		product: p,
		sku:     o.SKU,
		os:      o.OS,
		start:   at,
		months:  max(j.outcome.price.Period, 1),
		renewal: j.outcome.price.Recurring,
		zones:   []string{"reading"},
		extras:  maps.Clone(o.Extras),
	}
	if p.Billing != model.BillingMonthly {
		svc.months = 1
	}
	if r := o.Extra("region"); r != "" {
		svc.zones = []string{r}
	}
	if p.Kind == model.KindServer {
		svc.bandwidth = "metered"
		if o.Extra("bandwidth_type") == "unmetered" {
			svc.bandwidth = "unmetered"
		}
		svc.ip, svc.ip6 = docIP(1, s.newSrv), docIP6(1, s.newSrv)
		s.newSrv++
	}
	s.services = append(s.services, svc)
}

// docNets are the documentation address blocks (RFC 5737): no address the
// sandbox shows can belong to a real machine.
var docNets = [...]string{"192.0.2", "198.51.100", "203.0.113"}

// docIP is the n-th address of a documentation block: the account's own
// servers use block 0, servers the sandbox creates block 1 onwards.
func docIP(block, n int) string {
	k := block*240 + n
	return fmt.Sprintf("%s.%d", docNets[(k/240)%len(docNets)], 10+k%240)
}

// docIP6 is docIP's IPv6 counterpart, in the documentation prefix
// 2001:db8::/32 (RFC 3849).
func docIP6(block, n int) string {
	return fmt.Sprintf("2001:db8:%x::%x", 0x10+block, 0x10+n)
}

// serviceName reserves the next free name for a new service: prefix +
// account stem + two letters + digit (sandyaa3, mssandyaa1). s.mu must be
// held.
func (s *Sandbox) serviceName(prefix string) string {
	used := map[string]bool{}
	for _, srv := range s.acct.Servers {
		used[srv.Name] = true
	}
	for _, svc := range s.services {
		used[svc.name] = true
	}
	for _, j := range s.jobs {
		used[j.service] = true
	}
	stem := s.acct.Name
	if !model.ValidServiceName(prefix + stem + "aa1") {
		stem = "sandbox"
	}
	for a := 'a'; a <= 'z'; a++ {
		for b := 'a'; b <= 'z'; b++ {
			for d := 1; d <= 9; d++ {
				if name := fmt.Sprintf("%s%s%c%c%d", prefix, stem, a, b, d); !used[name] {
					return name
				}
			}
		}
	}
	for n := 1; ; n++ { // 6,084 names used: carry on with plain numbers
		if name := fmt.Sprintf("%s%s%d", prefix, stem, n); !used[name] {
			return name
		}
	}
}

// modelAccount is the account as model's rules see it: the configured
// account plus the servers the sandbox has created. s.mu must be held.
func (s *Sandbox) modelAccount() model.Account {
	a := model.Account{
		Known:               true,
		Currency:            s.currency(),
		PaymentMethods:      s.acct.PaymentMethods,
		ConsolidatedBilling: s.acct.ConsolidatedBilling,
		BillingKnown:        true,
		Snapshots:           s.acct.Snapshots,
		Servers:             append([]model.Server(nil), s.acct.Servers...),
	}
	for _, svc := range s.services {
		if svc.product.Kind == model.KindServer {
			a.Servers = append(a.Servers, model.Server{Name: svc.name, OS: svc.os, SKU: svc.sku, BandwidthType: svc.bandwidth})
		}
	}
	return a
}

// serviceType is service.info's type for a product: "miniserver",
// "fullserver", "memstore" or "openstack".
func serviceType(p *model.Product) string {
	switch {
	case p == nil:
		return "miniserver"
	case p.ID == model.ProductMonthlyFullserver:
		return "fullserver"
	case p.Kind == model.KindServer:
		return "miniserver"
	}
	return string(p.ID)
}

// productOfSKU finds the server product that sells a SKU.
func (s *Sandbox) productOfSKU(code string) (*model.Product, bool) {
	for _, p := range s.cat.Products {
		if _, ok := p.SKU(code); ok && p.Kind == model.KindServer {
			return p, true
		}
	}
	return nil, false
}
