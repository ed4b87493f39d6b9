package api

import (
	"slices"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// Request is one create call as it goes on the wire, for people to read
// and copy: the method, its endpoint URL and its form parameters. It never
// holds the key: the key travels in the Authorization header, and the curl
// line reads it from $MEMSET_API_KEY.
type Request struct {
	// Method is the create method, e.g. create.monthly_miniserver.
	Method model.Method
	// URL is {base}/{method}/, where the form is POSTed.
	URL string
	// Params are the form parameters, dry_run among them, sorted by name.
	Params []Param
}

// Param is one form parameter.
type Param struct {
	Name, Value string
}

// OrderRequest is the request that prices (dryRun) or places o: the same
// method and parameters Quote and Place send.
func (c *Client) OrderRequest(o model.Order, dryRun bool) (Request, error) {
	r, err := RequestFor(c.base, c.catalogue, o, dryRun)
	if err != nil {
		return r, err
	}
	// The name the person's overrides file says Memset uses.
	if sent := c.MethodName(r.Method); sent != r.Method {
		r.Method, r.URL = sent, c.methodURL(sent)
	}
	return r, nil
}

// RequestFor is the request a client at base URL base, with catalogue
// cat, sends to price (dryRun) or place o: what OrderRequest says, for a
// front end that has the endpoint and the catalogue but not the client.
func RequestFor(base string, cat *model.Catalogue, o model.Order, dryRun bool) (Request, error) {
	if cat == nil {
		cat = model.DefaultCatalogue()
	}
	if base == "" {
		base = DefaultBaseURL
	}
	method, params, err := orderParams(cat, o)
	if err != nil {
		return Request{}, err
	}
	flag := "0"
	if dryRun {
		flag = "1"
	}
	params.Set(model.ParamDryRun, flag)
	r := Request{Method: method, URL: strings.TrimRight(base, "/") + "/" + string(method) + "/"}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range params {
			if !yield(k) {
				return
			}
		}
	}) {
		r.Params = append(r.Params, Param{Name: k, Value: params.Get(k)})
	}
	return r, nil
}

// Curl is the request as one curl command line. The key is read from the
// MEMSET_API_KEY environment variable when the line runs (HTTP Basic, the
// key as user name, as Memset's documentation says); the line never holds
// it. Every value is shell-quoted.
func (r Request) Curl() string {
	var b strings.Builder
	b.WriteString(`curl -sS -u "$MEMSET_API_KEY:x"`)
	for _, p := range r.Params {
		b.WriteString(" --data-urlencode ")
		b.WriteString(ShellQuote(p.Name + "=" + p.Value))
	}
	b.WriteString(" ")
	b.WriteString(ShellQuote(r.URL))
	return b.String()
}

// ShellQuote makes s one word for a POSIX shell: as it is when it holds
// only characters no shell treats specially, otherwise in single quotes
// (a single quote inside becomes '\”). Control characters are replaced by
// the printable filter first, so a quoted word is always safe to show.
func ShellQuote(s string) string {
	s = model.Printable(s)
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./=:,+@%", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
