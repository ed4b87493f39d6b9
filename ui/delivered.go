package ui

import (
	"strings"

	"github.com/memset-order/memset-order/model"
)

// delivered is what the Done screen shows of what an order delivered,
// read from Memset once the job has finished: server.info for a server,
// service.info for a Memstore or an OpenStack project, bandwidth.info for
// a bandwidth-bank top-up. What no read gives comes from
// delivered_words.go.
type delivered struct {
	// kind is what was ordered; service what to read (the new service, or
	// the server a top-up was for).
	kind    model.Kind
	service string
	// project is the OpenStack project's name as typed; gb the GB a
	// top-up added (0: not known); sshKey whether the order gave an SSH
	// key.
	project string
	gb      int
	sshKey  bool
	// reading is set until the read answers.
	reading bool
	// One of these is filled by the read, or err says why it failed.
	server model.ServerInfo
	info   model.ServiceInfo
	bank   model.Bandwidth
	err    error
}

// planDelivered says what to read once job has finished, for an order o of
// product p (p nil: not known). ok is false when there is nothing to read.
func planDelivered(p *model.Product, o model.Order, job model.Job) (delivered, bool) {
	if p == nil || job.State() != model.JobDone {
		return delivered{}, false
	}
	d := delivered{kind: p.Kind, service: job.Service, reading: true}
	switch p.Kind {
	case model.KindTopUp:
		if o.Target != "" {
			d.service = o.Target
		}
		d.gb = o.ExtraInt("gb", 0)
	case model.KindCloud:
		d.project = model.Printable(o.Extra("project_name"))
	case model.KindServer:
		d.sshKey = o.Extra("pub_ssh_key") != ""
	}
	if !model.ValidServiceName(d.service) {
		return delivered{}, false
	}
	return d, true
}

// got takes the read's answer.
func (d *delivered) got(msg deliveredMsg) {
	if !d.reading || msg.service != d.service {
		return
	}
	d.reading = false
	d.server, d.info, d.bank, d.err = msg.server, msg.info, msg.bank, msg.err
}

// title is the Done screen's first line for a finished job.
func (d *delivered) title(job model.Job) string {
	if d.kind == model.KindTopUp {
		amount := ""
		if d.gb > 0 {
			amount = itoa(d.gb) + " GB "
		}
		return "✓ Added " + amount + "to " + d.service + "'s bandwidth bank"
	}
	if job.Service == "" {
		return "✓ The job is done"
	}
	return "✓ Your new service is ready: " + job.Service
}

// labelWidth is the width of the Done screen's labels.
const labelWidth = 10

// labelled is one "Label     value" line; more values go on lines of their own
// under the first.
func labelled(e *env, label string, values ...string) []string {
	var out []string
	for i, v := range values {
		l := strings.Repeat(" ", labelWidth)
		if i == 0 {
			l = e.st.Label.Render(padRight(label, labelWidth))
		}
		out = append(out, l+" "+truncate(v, e.width-labelWidth-1))
	}
	return out
}

// view lists what was delivered, or says it is being read or could not be.
func (d *delivered) view(e *env) []string {
	st, w := e.st, e.width
	switch {
	case d.reading:
		return []string{st.Subtle.Render(truncate(readingNote, w))}
	case d.err != nil:
		return []string{wrap(readFailedNote(d.kind), w), st.Subtle.Render(wrap("("+describe(d.err)+")", w))}
	}
	switch d.kind {
	case model.KindServer:
		return d.serverView(e)
	case model.KindStorage:
		return d.memstoreView(e)
	case model.KindCloud:
		return d.projectView(e)
	case model.KindTopUp:
		return d.bankView(e)
	}
	return nil
}

// serverView is a server's name, addresses, OS and how to log in.
func (d *delivered) serverView(e *env) []string {
	s := d.server
	out := labelled(e, "Name", s.Name)
	if s.HostName != "" {
		out = append(out, labelled(e, "Host name", s.HostName)...)
	}
	ips := []string{s.PrimaryIP + " (primary)"}
	ips = append(ips, s.OtherIPs()...)
	out = append(out, labelled(e, "IP", ips...)...)
	os, known := osOf(e.cat, s.OS)
	out = append(out, labelled(e, "OS", os.Display)...)
	return append(out, labelled(e, "Log in", loginLines(os, known, s, d.sshKey)...)...)
}

// osOf is the catalogue's OS of API name name, with its display name;
// known is false for a name the catalogue lacks (a snapshot's os_option)
// unless it looks like Windows.
func osOf(cat *model.Catalogue, name string) (model.OS, bool) {
	if cat != nil {
		if os, ok := cat.OS(name); ok {
			return os, true
		}
	}
	if isWindowsName(name) {
		return model.OS{Name: name, Display: name, Windows: true}, true
	}
	return model.OS{Name: name, Display: name}, false
}

// memstoreView is a Memstore's endpoint and user.
func (d *delivered) memstoreView(e *env) []string {
	out := labelled(e, "Memstore", d.info.Name+statusWord(d.info.Status))
	out = append(out, labelled(e, "Endpoint", memstoreEndpoint+" (Swift)")...)
	return append(out, labelled(e, "User", memstoreUser(d.info.Name), memstorePassword)...)
}

// projectView is an OpenStack project's name and dashboard.
func (d *delivered) projectView(e *env) []string {
	project := d.project
	if project == "" {
		project = d.info.Name
	}
	out := labelled(e, "Project", project)
	out = append(out, labelled(e, "Service", d.info.Name+statusWord(d.info.Status))...)
	zone := ""
	if len(d.info.NetworkZones) > 0 {
		zone = d.info.NetworkZones[0]
		out = append(out, labelled(e, "Zone", strings.Join(d.info.NetworkZones, ", "))...)
	}
	return append(out, labelled(e, "Dashboard", openStackDashboard(zone), openStackLogin)...)
}

// bankView is a metered server's bandwidth bank after a top-up.
func (d *delivered) bankView(e *env) []string {
	u, ok := d.bank.Connection()
	if !ok || !u.Metered() {
		return []string{wrap(readFailedNote(model.KindTopUp), e.width)}
	}
	out := labelled(e, "Bank", u.BandwidthBank.String()+" GB in "+d.service+"'s bandwidth bank now")
	return append(out, labelled(e, "Transfer", u.InclusiveTransfer.String()+" GB a month included · "+u.Remaining.String()+" GB left this month")...)
}

// statusWord is " (LIVE)", or nothing when the status is not known.
func statusWord(status string) string {
	if status == "" {
		return ""
	}
	return " (" + status + ")"
}
