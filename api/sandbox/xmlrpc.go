package sandbox

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/memset-order/memset-order/model"
)

// The XML-RPC interface, at /v1/xmlrpc (memset-api.md §1.1): Memset's API
// shell and its example scripts (github.com/Memset/memset-api-examples,
// zone_record_changer/zone_record_changer.py) call it with Python's
// xmlrpclib at https://KEY:x@api.memset.com/v1/xmlrpc, each call with one
// struct of named arguments or none, e.g. s.job.status(dict(id=…)),
// s.dns.reload(); a public load tester posts to /v1/xmlrpc/. A
// methodCall's struct members become the method's parameters as the JSON
// interface receives them (int as its digits, boolean as 1 or 0, double as
// written, dateTime.iso8601 as YYYY-MM-DD), and the answer is a
// methodResponse (xmlrpc_answer.go).

// xmlrpcMaxDepth bounds how deeply arrays and structs may nest in a
// request; no method takes more than one struct of scalars.
const xmlrpcMaxDepth = 16

// readXMLRPC reads an XML-RPC request: POST, a methodCall with at most one
// param, a struct of named parameters.
func readXMLRPC(r *http.Request, maxBody int64) (incoming, *apiError) {
	in := incoming{out: xmlrpcAnswers{}}
	if e := postOnly(r, "XML-RPC"); e != nil {
		return in, e
	}
	body, e := readBody(r, maxBody)
	if e != nil {
		return in, e
	}
	name, args, err := parseMethodCall(body)
	if err != nil {
		return in, badRequest("The XML-RPC request is malformed: %s.", clipText(err.Error(), 160))
	}
	in.name = model.Method(name)
	in.params, in.perr = structParams(args)
	return in, nil
}

// postOnly refuses a verb other than POST, which an RPC interface never
// takes. Its Content-Type is not checked: the path fixes the encoding
// (xmlrpclib sends text/xml, jsonrpclib application/json-rpc, curl -d
// application/x-www-form-urlencoded, and each means the same).
func postOnly(r *http.Request, what string) *apiError {
	if r.Method == http.MethodPost {
		return nil
	}
	e := badRequest("HTTP method %s is not allowed; %s takes POST.", echo(r.Method), what)
	e.header = map[string]string{"Allow": http.MethodPost}
	return e
}

// clipText shortens a message part to n runes.
func clipText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// structParams turns a call's params into the method's parameters: none,
// or one struct whose members are scalars.
func structParams(args []xrValue) (map[string]string, *apiError) {
	params := map[string]string{}
	const want = "XML-RPC methods take one struct of named parameters, e.g. job.status({'id': …})"
	switch {
	case len(args) == 0:
		return params, nil
	case len(args) > 1:
		return nil, badRequest("%s; this call sent %d parameters.", want, len(args))
	case args[0].kind != "struct":
		return nil, badRequest("%s; this call sent a %s.", want, args[0].kind)
	}
	for _, m := range args[0].members {
		if m.name == "" {
			return nil, badRequest("A parameter without a name was sent; every struct member needs a <name>.")
		}
		if _, dup := params[m.name]; dup {
			return nil, badParam(m.name, "The parameter was given more than once; send each parameter once.")
		}
		v, present, e := scalarParam(m.name, m.value)
		if e != nil {
			return nil, e
		}
		if present {
			params[m.name] = v
		}
	}
	return params, nil
}

// xmlrpcDateLayouts are the forms of dateTime.iso8601 accepted:
// 20110917T00:00:00 as Memset writes it (memset-api.md §1.4), and the
// dashed form.
var xmlrpcDateLayouts = []string{"20060102T15:04:05", "2006-01-02T15:04:05"}

// scalarParam turns one member's value into the string the JSON interface
// would have received; present is false for <nil/>.
func scalarParam(name string, v xrValue) (s string, present bool, e *apiError) {
	text := strings.TrimSpace(v.text)
	switch v.kind {
	case "string":
		return v.text, true, nil
	case "int":
		n, err := strconv.ParseInt(text, 10, 64)
		if err != nil {
			return "", false, badParam(name, "%s is not a valid XML-RPC int.", echo(v.text))
		}
		return strconv.FormatInt(n, 10), true, nil
	case "boolean":
		if text != "0" && text != "1" {
			return "", false, badParam(name, "%s is not a valid XML-RPC boolean; send 1 or 0.", echo(v.text))
		}
		return text, true, nil
	case "double":
		if _, err := strconv.ParseFloat(text, 64); err != nil {
			return "", false, badParam(name, "%s is not a valid XML-RPC double.", echo(v.text))
		}
		return text, true, nil
	case "dateTime.iso8601":
		for _, layout := range xmlrpcDateLayouts {
			if t, err := time.Parse(layout, text); err == nil {
				if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
					return t.Format(dateLayout), true, nil
				}
				return t.Format("2006-01-02 15:04:05"), true, nil
			}
		}
		return "", false, badParam(name, "%s is not a valid XML-RPC dateTime.iso8601; send e.g. 20260101T00:00:00.", echo(v.text))
	case "base64":
		b, err := base64.StdEncoding.DecodeString(text)
		if err != nil {
			return "", false, badParam(name, "The base64 value is malformed.")
		}
		return string(b), true, nil
	case "nil":
		return "", false, nil
	}
	return "", false, badParam(name, "A List or Dictionary was sent; this parameter takes a single value.")
}
