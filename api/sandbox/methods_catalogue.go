package sandbox

// offerJSON is one entry of the services list. Memset documents only "a
// list of dictionaries"; every key is inferred (testdata/wire).
type offerJSON struct {
	Service     string   `json:"service"`
	Method      string   `json:"method"`
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Deprecated  bool     `json:"deprecated"`
	SKUs        []string `json:"skus"`
}

// availableServices answers the services list from the catalogue.
func (s *Sandbox) availableServices(c *call) (any, *apiError) {
	if err := c.allow(); err != nil {
		return nil, err
	}
	out := make([]offerJSON, 0, len(s.cat.Products))
	for _, p := range s.cat.Products {
		skus := make([]string, 0, len(p.SKUs))
		for _, sku := range p.SKUs {
			skus = append(skus, sku.Code)
		}
		out = append(out, offerJSON{
			Service:     string(p.ID),
			Method:      string(p.Method),
			Name:        p.Name,
			Description: p.Summary,
			Deprecated:  p.Deprecated != "",
			SKUs:        skus,
		})
	}
	return out, nil
}
