package sandbox

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// Memset serves one API through several interfaces (memset-api.md §1.1):
// the method names, parameters and answers are the same, only the
// encoding differs. So does the sandbox: each interface reads a request
// into an incoming (the method as the client named it, its parameters as
// strings, as the JSON interface receives them) and encodes the outcome;
// everything between (counting, faults, throttling, authentication, the
// method's handler) is respond's and process's, shared by all three.

// incoming is a request as an interface read it.
type incoming struct {
	// name is the method as the client named it.
	name model.Method
	// params are the parameters as strings (Booleans 1 or 0), a path
	// segment or an RPC struct's members alike.
	params map[string]string
	// perr is why the parameters could not be read: answered after the
	// request is counted, before authentication, as on the JSON interface.
	perr *apiError
	// out encodes the answer in the interface's form.
	out answerer
}

// answerer encodes one request's answer in its interface's form.
type answerer interface {
	// answer encodes a method's value.
	answer(v any) reply
	// refuse encodes an error: a method's, or one about the request.
	refuse(e *apiError) reply
}

// iface is one interface of the API.
type iface struct {
	// read reads the method and parameters of r; a fatal error is answered
	// at once (nothing could be read: no method, a malformed body).
	read func(r *http.Request, maxBody int64) (incoming, *apiError)
	// plain answers for a request nothing could be read from.
	plain answerer
}

// The paths of the interfaces. The RPC ones are whole paths, with or
// without the trailing slash (Memset's examples use both, memset-api.md
// §1.1); the JSON one is a prefix, followed by the method.
const (
	apiPrefix   = "/v1/json/"
	xmlrpcPath  = "/v1/xmlrpc"
	jsonrpcPath = "/v1/jsonrpc"
)

// The interfaces the sandbox serves.
var (
	jsonIface    = iface{read: readJSON, plain: jsonAnswers{}}
	xmlrpcIface  = iface{read: readXMLRPC, plain: xmlrpcAnswers{}}
	jsonrpcIface = iface{read: readJSONRPC, plain: jsonrpcAnswers{id: nullID}}
)

// interfaceOf picks the interface a request's path names; any path that is
// not an RPC endpoint is the JSON interface's (which refuses what is not
// /v1/json/<method>/).
func interfaceOf(u *url.URL) iface {
	switch strings.TrimSuffix(u.EscapedPath(), "/") {
	case xmlrpcPath:
		return xmlrpcIface
	case jsonrpcPath:
		return jsonrpcIface
	}
	return jsonIface
}

// Interface describes one interface the sandbox serves, for the startup
// lines and the command's help.
type Interface struct {
	// Name is the interface's name: JSON, XML-RPC or JSON-RPC.
	Name string
	// Path is its base path: /v1/json/<method>/, /v1/xmlrpc, /v1/jsonrpc/.
	Path string
	// How says what to send there.
	How string
}

// Interfaces lists the interfaces the sandbox serves, JSON first. All take
// HTTP Basic authentication with the API key as user name (any password)
// and answer the same methods.
func Interfaces() []Interface {
	return []Interface{
		{"JSON", apiPrefix + "<method>/", "POST or GET, form-encoded parameters"},
		{"XML-RPC", xmlrpcPath, "POST a methodCall with one struct of named parameters"},
		{"JSON-RPC", jsonrpcPath + "/", `POST {"method": …, "params": {…}, "id": …}`},
	}
}

// DescribeInterfaces is one indented line per interface: its name, its
// base path under root (e.g. "http://127.0.0.1:8080"; "" for the paths
// alone) and what to send.
func DescribeInterfaces(root string) string {
	ifs := Interfaces()
	width := 0
	for _, i := range ifs {
		width = max(width, len(root+i.Path))
	}
	var b strings.Builder
	for _, i := range ifs {
		fmt.Fprintf(&b, "  %-9s %-*s  (%s)\n", i.Name, width, root+i.Path, i.How)
	}
	return b.String()
}
