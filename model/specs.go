package model

import "strconv"

// Specs returns the memory and storage the order actually gives the
// server: the plan's, replaced by a "ram" or "disk" choice (their ram_mb
// and disk_gb) or by a classic Miniserver's "disk_gb" size when those are
// sent. Both are 0 when the order's plan is not one of p's; a part the
// catalogue does not describe keeps the plan's figure.
func (o Order) Specs(p *Product) (ramMB int, diskGB int) {
	if p == nil {
		return 0, 0
	}
	s, ok := p.SKU(o.SKU)
	if !ok {
		return 0, 0
	}
	ramMB, diskGB = s.RAMMB, s.DiskGB
	for _, e := range p.Extras {
		v, sent := o.Extras[e.Param]
		if !sent {
			continue
		}
		switch e.Type {
		case ExtraChoice:
			ch, ok := e.Choice(v)
			if !ok {
				continue
			}
			if e.Param == "ram" && ch.RAMMB > 0 {
				ramMB = ch.RAMMB
			}
			if e.Param == "disk" && ch.DiskGB > 0 {
				diskGB = ch.DiskGB
			}
		case ExtraNumber:
			if e.Param == "disk_gb" {
				if n, err := strconv.Atoi(v); err == nil && n > 0 {
					diskGB = n
				}
			}
		}
	}
	return ramMB, diskGB
}
