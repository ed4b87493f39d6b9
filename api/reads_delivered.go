package api

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// The reads that describe what an order delivered, once its job has
// ended: server.info for a server, bandwidth.info for a bandwidth bank
// (service.info, for any service, is in reads.go). They only read, so
// they are retried like every read.

// serviceNameParam checks a service name before it is sent: 1–64 of
// A-Z a-z 0-9 - . _.
func (c *Client) serviceNameParam(name string) (string, error) {
	name = strings.TrimSpace(name)
	if !model.ValidServiceName(name) {
		return "", c.redactErr(fmt.Errorf("api: %q is not a service name (1 to 64 letters, digits, '-', '.' or '_')", clip(name, 70)))
	}
	return name, nil
}

// ServerInfo calls server.info for the named server: its host name, IP
// addresses, OS, control panel, firewall and monitoring. The name is
// checked before anything is sent; an answer about another server is a
// *ProtocolError. A server Memset does not know is an *Error with
// IsDoesNotExist true.
func (c *Client) ServerInfo(ctx context.Context, name string) (model.ServerInfo, error) {
	if err := c.usable(ctx); err != nil {
		return model.ServerInfo{}, err
	}
	name, err := c.serviceNameParam(name)
	if err != nil {
		return model.ServerInfo{}, err
	}
	var w wireServerInfo
	if err := c.read(ctx, model.MethodServerInfo, url.Values{"name": {name}}, &w); err != nil {
		return model.ServerInfo{}, err
	}
	s := w.toModel()
	if s.Name != name {
		return model.ServerInfo{}, c.mismatch(model.MethodServerInfo, fmt.Sprintf("about server %q although %s was asked for", clip(s.Name, 70), name))
	}
	return s, nil
}

// BandwidthInfo calls bandwidth.info for the named service: one entry per
// service type, a metered server's bandwidth bank (GB) among them. The
// name is checked before anything is sent.
func (c *Client) BandwidthInfo(ctx context.Context, name string) (model.Bandwidth, error) {
	if err := c.usable(ctx); err != nil {
		return nil, err
	}
	name, err := c.serviceNameParam(name)
	if err != nil {
		return nil, err
	}
	var w wireBandwidth
	if err := c.read(ctx, model.MethodBandwidthInfo, url.Values{"name": {name}}, &w); err != nil {
		return nil, err
	}
	return w.toModel(), nil
}
