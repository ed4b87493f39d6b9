package sandbox

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

// serverListJSON is one entry of server.list: server.info's answer for the
// server, every key of it, as Memset's inventory script reads os,
// host_name, network_zones, backups, firewall_type, monitor,
// support_level, vulnscan, penetration_patrol … straight from the list's
// items (memset-api.md §3.2, client-seen; the script:
// github.com/Memset/memset-ansible-dynamic-inventory, memset: _simple_os,
// _get_zone, _build_vars), plus
// bandwidth_type (inferred: the top-up needs it, and server.info
// documents no bandwidth key; bandwidth.info calls it connection_type).
type serverListJSON struct {
	serverInfoJSON
	BandwidthType string `json:"bandwidth_type"`
}

// serverList answers server.list: the account's servers, then those the
// sandbox created, in order of creation.
func (s *Sandbox) serverList(c *call) (any, *apiError) {
	if err := c.allow(); err != nil {
		return nil, err
	}
	srvs := s.servers()
	out := make([]serverListJSON, 0, len(srvs))
	for _, srv := range srvs {
		if v, ok := s.serverView(srv); ok {
			out = append(out, serverListJSON{serverInfoJSON: v, BandwidthType: srv.bandwidth})
		}
	}
	return out, nil
}
