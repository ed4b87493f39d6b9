package sandbox

import (
	"github.com/memset-order/memset-order/model"
)

// snapshotJSON is one entry of server.snapshot_list. os_option is
// documented; the other keys come from the snapshot README fields
// (inferred).
type snapshotJSON struct {
	Name       string `json:"name"`
	OSOption   string `json:"os_option"`
	Status     string `json:"status"`
	Miniserver string `json:"miniserver"`
	ImageType  string `json:"image_type"`
	Comment    string `json:"comment"`
	Date       string `json:"date"`
	DiskSize   int64  `json:"disk_size"`
}

// snapshotList answers server.snapshot_list.
func (s *Sandbox) snapshotList(c *call) (any, *apiError) {
	if err := c.allow(); err != nil {
		return nil, err
	}
	out := make([]snapshotJSON, 0, len(s.acct.Snapshots))
	for _, sn := range s.acct.Snapshots {
		out = append(out, snapshotJSON{
			Name: sn.Name, OSOption: sn.OSOption, Status: sn.Status, Miniserver: sn.Miniserver,
			ImageType: sn.ImageType, Comment: sn.Comment, Date: sn.Date, DiskSize: sn.DiskBytes,
		})
	}
	return out, nil
}

// serverJSON is one entry of server.list: server.info's keys that matter
// here, plus bandwidth_type (inferred; the top-up needs it).
type serverJSON struct {
	Name          string `json:"name"`
	Nickname      string `json:"nickname"`
	OS            string `json:"os"`
	Type          string `json:"type"`
	Status        string `json:"status"`
	HostName      string `json:"host_name"`
	PrimaryIP     string `json:"primary_ip"`
	BandwidthType string `json:"bandwidth_type"`
}

// serverList answers server.list: the account's servers, then those the
// sandbox created, in order of creation.
func (s *Sandbox) serverList(c *call) (any, *apiError) {
	if err := c.allow(); err != nil {
		return nil, err
	}
	out := make([]serverJSON, 0, len(s.acct.Servers)+len(s.services))
	for i, srv := range s.acct.Servers {
		p, _ := s.productOfSKU(srv.SKU)
		out = append(out, serverJSON{
			Name: srv.Name, Nickname: srv.Nickname, OS: srv.OS, Type: serviceType(p), Status: "LIVE",
			HostName: srv.Name + ".miniserver.com", PrimaryIP: docIP(0, i), BandwidthType: srv.BandwidthType,
		})
	}
	for _, svc := range s.services {
		if svc.product.Kind != model.KindServer {
			continue
		}
		out = append(out, serverJSON{
			Name: svc.name, OS: svc.os, Type: serviceType(svc.product), Status: "LIVE",
			HostName: svc.name + ".miniserver.com", PrimaryIP: svc.ip, BandwidthType: svc.bandwidth,
		})
	}
	return out, nil
}
