package sandbox

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// The JSON interface (design §2): POST or GET to /v1/json/<method>/,
// form-encoded string parameters, the answer as bare JSON, errors as
// {"error", "error_type", "error_code"} with the type's HTTP status.

// readJSON reads a JSON-interface request: the method from the path, the
// parameters from the query string, a POST body and a name segment.
func readJSON(r *http.Request, maxBody int64) (incoming, *apiError) {
	in := incoming{out: jsonAnswers{}}
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		e := badRequest("HTTP method %s is not allowed; use POST (or GET).", echo(r.Method))
		e.header = map[string]string{"Allow": "GET, POST"}
		return in, e
	}
	method, name, perr := parsePath(r.URL)
	if perr != nil {
		return in, perr
	}
	in.name = method
	in.params, in.perr = readParams(r, maxBody, name)
	return in, nil
}

// parsePath splits /v1/json/<method>[/<name>][/] into the method and the
// optional service name.
func parsePath(u *url.URL) (model.Method, string, *apiError) {
	path := u.EscapedPath()
	rest, ok := strings.CutPrefix(path, apiPrefix)
	if !ok || rest == "" || rest == "/" {
		return "", "", notFound("There is no API method at %s; use %s<method>/, e.g. %s%s/ (or XML-RPC at %s, JSON-RPC at %s/).", echo(path), apiPrefix, apiPrefix, model.MethodJobStatus, xmlrpcPath, jsonrpcPath)
	}
	rest = strings.TrimSuffix(rest, "/")
	segs := strings.Split(rest, "/")
	if len(segs) > 2 || slices.Contains(segs, "") {
		return "", "", notFound("There is no API method at %s; use %s<method>/ or %s<method>/<name>/.", echo(path), apiPrefix, apiPrefix)
	}
	var out [2]string
	for i, seg := range segs {
		v, err := url.PathUnescape(seg)
		if err != nil {
			return "", "", notFound("There is no API method at %s: the path is malformed.", echo(path))
		}
		out[i] = v
	}
	return model.Method(out[0]), out[1], nil
}

// jsonAnswers encodes the JSON interface's answers.
type jsonAnswers struct{}

// answer is the value as bare JSON, status 200.
func (jsonAnswers) answer(v any) reply { return okReply(v) }

// refuse is the documented error body with the type's status.
func (jsonAnswers) refuse(e *apiError) reply { return errorReply(e) }
