package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"

	"github.com/memset-order/memset-order/model"
)

// The JSON-RPC interface, at /v1/jsonrpc/ (memset-api.md §1.1). Memset's
// own Ansible inventory script calls it through Python's jsonrpclib
// (github.com/Memset/memset-ansible-dynamic-inventory, file memset:
// Server("https://KEY:@api.memset.com/v1/jsonrpc/"), then s.server.list()
// and s.service.info(name=…)).
//
// jsonrpclib (github.com/joshmarshall/jsonrpclib, jsonrpclib/jsonrpc.py,
// config.py: version = 2.0) speaks JSON-RPC 2.0: it POSTs
// {"jsonrpc": "2.0", "method": …, "params": …, "id": "<8 random letters
// and digits>"} with Content-Type application/json-rpc and the key as the
// Basic-auth user; params is an object for keyword arguments, an array for
// positional ones, and absent when there are none. Its transport is
// xmlrpclib's, which reads no body unless the status is 200, and it takes
// an answer for an error when "error" is there and not null
// (check_for_errors reads error.code and error.message), for a result
// otherwise.
//
// The sandbox matches that: every answer is HTTP 200 and carries "result"
// and "error", one of them null (the JSON-RPC 1.0 shape, which jsonrpclib
// reads), the request's "id", and "jsonrpc": "2.0" when the request had
// it. An error object is {"code": error_code, "message": …, "name":
// error_type, "error_type": error_type}: the type under JSON-RPC 1.1's
// member name and under the JSON interface's. Parameters are one object of
// named parameters, or an array holding one such object (the XML-RPC
// style). Memset's own JSON-RPC answers were not seen: the shape is
// inferred.

// nullID is the id of an answer to a request without a usable one.
var nullID = json.RawMessage("null")

// readJSONRPC reads a JSON-RPC request: POST, one JSON object.
func readJSONRPC(r *http.Request, maxBody int64) (incoming, *apiError) {
	in := incoming{out: jsonrpcAnswers{id: nullID}}
	if e := postOnly(r, "JSON-RPC"); e != nil {
		return in, e
	}
	body, e := readBody(r, maxBody)
	if e != nil {
		return in, e
	}
	body = bytes.TrimSpace(body)
	if len(body) > 0 && body[0] == '[' {
		return in, badRequest("JSON-RPC batches are not supported; send one call per request.")
	}
	var env map[string]json.RawMessage
	if err := json.Unmarshal(body, &env); err != nil || env == nil {
		return in, badRequest(`The JSON-RPC request is not a JSON object; send {"method": "job.status", "params": {"id": …}, "id": 1}.`)
	}
	out := jsonrpcAnswers{id: nullID}
	if id := bytes.TrimSpace(env["id"]); validID(id) {
		out.id = id
	}
	out.v2 = string(bytes.TrimSpace(env["jsonrpc"])) == `"2.0"`
	in.out = out
	var method string
	if err := json.Unmarshal(env["method"], &method); err != nil || method == "" {
		return in, badRequest(`The JSON-RPC request names no method; send {"method": "job.status", "params": {"id": …}, "id": 1}.`)
	}
	in.name = model.Method(method)
	in.params, in.perr = jsonrpcParams(env["params"])
	return in, nil
}

// validID reports whether a request's id can be echoed: a string, a number
// or null (JSON-RPC 2.0); another id is answered as null.
func validID(id []byte) bool {
	if len(id) == 0 {
		return false
	}
	var v any
	if json.Unmarshal(id, &v) != nil {
		return false
	}
	switch v.(type) {
	case string, float64, nil:
		return true
	}
	return false
}

// jsonrpcParams reads params: absent, null, an object of named
// parameters, or an array empty or holding one such object.
func jsonrpcParams(raw json.RawMessage) (map[string]string, *apiError) {
	params := map[string]string{}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return params, nil
	}
	if raw[0] == '[' {
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, badRequest("params is not valid JSON.")
		}
		switch {
		case len(items) == 0:
			return params, nil
		case len(items) == 1 && bytes.HasPrefix(bytes.TrimSpace(items[0]), []byte("{")):
			raw = bytes.TrimSpace(items[0])
		default:
			return nil, badRequest(`Positional parameters are not supported; send one object of named parameters, e.g. "params": {"id": …}.`)
		}
	}
	if raw[0] != '{' {
		return nil, badRequest(`params must be an object of named parameters, e.g. "params": {"id": …}.`)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil, badRequest("params is not valid JSON.")
	}
	for dec.More() {
		tok, err := dec.Token()
		var v json.RawMessage
		if err == nil {
			err = dec.Decode(&v)
		}
		if err != nil {
			return nil, badRequest("params is not valid JSON.")
		}
		k, _ := tok.(string)
		if k == "" {
			return nil, badRequest("A parameter without a name was sent.")
		}
		if _, dup := params[k]; dup {
			return nil, badParam(k, "The parameter was given more than once; send each parameter once.")
		}
		s, present, e := jsonScalar(k, v)
		if e != nil {
			return nil, e
		}
		if present {
			params[k] = s
		}
	}
	return params, nil
}

// jsonScalar turns one parameter's JSON value into the string the JSON
// interface would have received: a string as it is, a number as written,
// a Boolean as 1 or 0; null means not sent.
func jsonScalar(name string, v json.RawMessage) (string, bool, *apiError) {
	switch v[0] {
	case '"':
		var s string
		_ = json.Unmarshal(v, &s) // valid: the decoder read it
		return s, true, nil
	case 't':
		return "1", true, nil
	case 'f':
		return "0", true, nil
	case 'n':
		return "", false, nil
	case '{', '[':
		return "", false, badParam(name, "A List or Dictionary was sent; this parameter takes a single value.")
	}
	return string(v), true, nil
}

// jsonrpcAnswers encodes the answers to one JSON-RPC request.
type jsonrpcAnswers struct {
	id json.RawMessage
	v2 bool // the request said "jsonrpc": "2.0"
}

// jsonrpcReply is a JSON-RPC answer.
type jsonrpcReply struct {
	JSONRPC string          `json:"jsonrpc,omitempty"`
	Result  json.RawMessage `json:"result"`
	Error   *jsonrpcError   `json:"error"`
	ID      json.RawMessage `json:"id"`
}

// jsonrpcError is a JSON-RPC answer's error object.
type jsonrpcError struct {
	Code      int             `json:"code"`
	Message   string          `json:"message"`
	Name      model.ErrorType `json:"name"`
	ErrorType model.ErrorType `json:"error_type"`
}

// answer is {"result": v, "error": null, "id": …}.
func (a jsonrpcAnswers) answer(v any) reply {
	raw, err := marshal(v)
	if err != nil {
		return a.refuse(internalError("The sandbox could not encode its answer: %v", err))
	}
	return a.write(http.StatusOK, nil, jsonrpcReply{Result: bytes.TrimSpace(raw)})
}

// refuse is {"result": null, "error": {…}, "id": …}.
func (a jsonrpcAnswers) refuse(e *apiError) reply {
	e, info := e.known()
	return a.write(rpcStatus(e), e.header, jsonrpcReply{Error: &jsonrpcError{Code: info.Code, Message: e.msg, Name: e.typ, ErrorType: e.typ}})
}

func (a jsonrpcAnswers) write(status int, header map[string]string, r jsonrpcReply) reply {
	r.ID = a.id
	if a.v2 {
		r.JSONRPC = "2.0"
	}
	body, err := marshal(r)
	if err != nil { // cannot happen: the result is JSON the sandbox wrote
		body = []byte(`{"result":null,"error":{"code":1,"message":"internal error","name":"ApiErrorInternal","error_type":"ApiErrorInternal"},"id":null}` + "\n")
	}
	return reply{status: status, contentType: "application/json", header: header, body: body}
}
