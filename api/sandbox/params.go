package sandbox

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/memset-order/memset-order/model"
)

// formType is the one request body type the API takes.
const formType = "application/x-www-form-urlencoded"

// readParams gathers the request's parameters: the query string and, for
// POST, a form-encoded body; name, when not empty, is the service name given
// as an extra path segment. Every parameter must come once, except that
// name may come both as the path segment and as a parameter with the same
// value: a real Memstore client sends
// GET /v1/json/memstore.user.create/<tenant>?name=<tenant>&… (memset-api.md
// §6b). Nothing is interpreted yet: all values are strings, as on the wire.
func readParams(r *http.Request, maxBody int64, name string) (map[string]string, *apiError) {
	if int64(len(r.URL.RawQuery)) > maxBody {
		return nil, badRequest("The query string is longer than %d bytes; send the parameters in a POST body.", maxBody)
	}
	query, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return nil, badRequest("The query string is malformed: %v.", err)
	}
	sources := []url.Values{query}
	if r.Method == http.MethodPost {
		form, e := readForm(r, maxBody)
		if e != nil {
			return nil, e
		}
		sources = append(sources, form)
	}
	params := map[string]string{}
	var repeated []string
	for _, src := range sources {
		for k, vs := range src {
			if _, dup := params[k]; dup || len(vs) > 1 {
				repeated = append(repeated, k)
			}
			params[k] = vs[0]
		}
	}
	if _, ok := params[""]; ok {
		return nil, badRequest("A parameter without a name was sent; check for a stray '=' or '&'.")
	}
	if len(repeated) > 0 {
		sort.Strings(repeated)
		return nil, badParam(repeated[0], "The parameter was given more than once; send each parameter once.")
	}
	if name != "" {
		if v, sent := params["name"]; sent && v != name {
			return nil, badParam("name", "The path names %s but the name parameter is %s; send one name, or the same in both.", echo(name), echo(v))
		}
		params["name"] = name
	}
	return params, nil
}

// readForm reads a POST body of at most maxBody bytes.
func readForm(r *http.Request, maxBody int64) (url.Values, *apiError) {
	if r.Body == nil {
		return url.Values{}, nil
	}
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != formType {
			return nil, badRequest("Content-Type %s is not supported; send the parameters as %s (curl -d, not -F).", echo(ct), formType)
		}
	}
	body, e := readBody(r, maxBody)
	if e != nil {
		return nil, e
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, badRequest("The request body is not valid %s: %v.", formType, err)
	}
	return form, nil
}

// readBody reads a request body of at most maxBody bytes (none: empty).
func readBody(r *http.Request, maxBody int64) ([]byte, *apiError) {
	if r.Body == nil {
		return nil, nil
	}
	if r.ContentLength > maxBody {
		return nil, tooLarge(maxBody)
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, tooLarge(maxBody)
		}
		return nil, badRequest("The request body could not be read: %v.", err)
	}
	if int64(len(body)) > maxBody {
		return nil, tooLarge(maxBody)
	}
	return body, nil
}

func tooLarge(maxBody int64) *apiError {
	return badRequest("The request body is larger than %d bytes.", maxBody)
}

// call is one authenticated request to a known method.
type call struct {
	// method is the method's canonical name (model.Methods).
	method model.Method
	// as is the name the client called it by: method, or the name it is
	// served under (WithMethodName). Messages use it.
	as model.Method
	// params are the parameters as received, without api_key.
	params map[string]string
	now    time.Time
}

// allow refuses any parameter not in names, naming the first (by name) so
// the answer is deterministic. A misspelt or misplaced parameter is a client
// bug, better caught than ignored.
func (c *call) allow(names ...string) *apiError {
	var unknown []string
	for k := range c.params {
		if !slices.Contains(names, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return nil
	}
	sort.Strings(unknown)
	return badParam(unknown[0], "Unknown parameter for %s.", c.as)
}

// required returns a parameter that must be sent and not be empty.
func (c *call) required(name string) (string, *apiError) {
	v := c.params[name]
	if v == "" {
		return "", badParam(name, "This field is required.")
	}
	return v, nil
}

// boolean reads a Boolean parameter, def when it is not sent. Memset's
// documented form is 1/0; true/false and True/False are accepted as real
// clients send them.
func (c *call) boolean(name string, def bool) (bool, *apiError) {
	v, ok := c.params[name]
	if !ok {
		return def, nil
	}
	b, ok := parseBool(v)
	if !ok {
		return false, badParam(name, "%s is not a valid boolean; send 1 or 0.", echo(v))
	}
	return b, nil
}

func parseBool(v string) (value, ok bool) {
	switch v {
	case "1", "true", "True":
		return true, true
	case "0", "false", "False":
		return false, true
	}
	return false, false
}

var integerPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^-?[0-9]+$`) })

// integer reads an Integer parameter that must be sent: decimal digits with
// an optional minus sign, nothing else.
func (c *call) integer(name string) (int, *apiError) {
	v, err := c.required(name)
	if err != nil {
		return 0, err
	}
	if !integerPattern().MatchString(v) {
		return 0, badParam(name, "%s is not a whole number.", echo(v))
	}
	n, perr := strconv.Atoi(v)
	if perr != nil {
		return 0, badParam(name, "%s is out of range.", echo(v))
	}
	return n, nil
}

// dateLayout is the API's JSON date form.
const dateLayout = "2006-01-02"

// date reads an optional Date parameter in YYYY-MM-DD form.
func (c *call) date(name string) (t time.Time, sent bool, e *apiError) {
	v, ok := c.params[name]
	if !ok {
		return time.Time{}, false, nil
	}
	t, err := time.Parse(dateLayout, v)
	if err != nil {
		return time.Time{}, false, badParam(name, "%s is not a date; send YYYY-MM-DD.", echo(v))
	}
	return t, true, nil
}
