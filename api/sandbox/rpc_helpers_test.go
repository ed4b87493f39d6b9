package sandbox_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// rpcAnswer is a raw answer of an RPC interface.
type rpcAnswer struct {
	status int
	header http.Header
	raw    []byte
}

// post sends body to path (/v1/xmlrpc, /v1/jsonrpc/ …) with the key as
// Basic-auth user, as Python's xmlrpclib and jsonrpclib do from a
// https://KEY:@host URL; key "" sends no credentials.
func (e *env) post(t testing.TB, path, contentType, body, key string) rpcAnswer {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if key != "" {
		req.SetBasicAuth(key, "")
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return rpcAnswer{status: resp.StatusCode, header: resp.Header, raw: raw}
}

// xmlValue is an XML-RPC <value>, for decoding answers in tests with
// encoding/xml alone (independently of the sandbox's own encoder).
type xmlValue struct {
	Text    string     `xml:",chardata"`
	String  *string    `xml:"string"`
	Int     *string    `xml:"int"`
	I4      *string    `xml:"i4"`
	Double  *string    `xml:"double"`
	Boolean *string    `xml:"boolean"`
	Date    *string    `xml:"dateTime.iso8601"`
	Nil     *struct{}  `xml:"nil"`
	Struct  *xmlStruct `xml:"struct"`
	Array   *struct {
		Values []xmlValue `xml:"data>value"`
	} `xml:"array"`
}

type xmlStruct struct {
	Members []struct {
		Name  string   `xml:"name"`
		Value xmlValue `xml:"value"`
	} `xml:"member"`
}

// methodResponse is an XML-RPC answer.
type methodResponse struct {
	XMLName xml.Name  `xml:"methodResponse"`
	Param   *xmlValue `xml:"params>param>value"`
	Fault   *xmlValue `xml:"fault>value"`
}

// plain turns a value into what the JSON interface's answer decodes to
// with UseNumber: numbers as json.Number (as written), dates back to
// YYYY-MM-DD.
func (v xmlValue) plain(t testing.TB) any {
	t.Helper()
	switch {
	case v.String != nil:
		return *v.String
	case v.Int != nil:
		return json.Number(*v.Int)
	case v.I4 != nil:
		return json.Number(*v.I4)
	case v.Double != nil:
		return json.Number(*v.Double)
	case v.Boolean != nil:
		return *v.Boolean == "1"
	case v.Date != nil:
		d, err := time.Parse("20060102T15:04:05", *v.Date)
		if err != nil {
			t.Fatalf("dateTime.iso8601 %q: %v", *v.Date, err)
		}
		return d.Format("2006-01-02")
	case v.Nil != nil:
		return nil
	case v.Struct != nil:
		m := map[string]any{}
		for _, mem := range v.Struct.Members {
			m[mem.Name] = mem.Value.plain(t)
		}
		return m
	case v.Array != nil:
		l := []any{}
		for _, item := range v.Array.Values {
			l = append(l, item.plain(t))
		}
		return l
	}
	return v.Text // no type: a string
}

// xmlrpcResult decodes an XML-RPC answer: the value, or the fault as
// {faultCode, faultString}.
func xmlrpcResult(t testing.TB, a rpcAnswer) (value any, fault map[string]any) {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("XML-RPC status %d, want 200: %s", a.status, a.raw)
	}
	if ct := a.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/xml") {
		t.Fatalf("Content-Type = %q, want text/xml", ct)
	}
	var r methodResponse
	if err := xml.Unmarshal(a.raw, &r); err != nil {
		t.Fatalf("not an XML-RPC methodResponse (%v): %s", err, a.raw)
	}
	switch {
	case r.Fault != nil && r.Param == nil:
		f, ok := r.Fault.plain(t).(map[string]any)
		if !ok || len(f) != 2 {
			t.Fatalf("fault is not a struct of faultCode and faultString: %s", a.raw)
		}
		return nil, f
	case r.Param != nil && r.Fault == nil:
		return r.Param.plain(t), nil
	}
	t.Fatalf("methodResponse holds neither one param nor a fault: %s", a.raw)
	return nil, nil
}

// jsonrpcResult decodes a JSON-RPC answer: result, error and id, all three
// required.
func jsonrpcResult(t testing.TB, a rpcAnswer) (result any, rpcErr map[string]any, id any) {
	t.Helper()
	if a.status != http.StatusOK {
		t.Fatalf("JSON-RPC status %d, want 200: %s", a.status, a.raw)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json" {
		t.Fatalf("Content-Type = %q, want application/json", ct)
	}
	dec := json.NewDecoder(bytes.NewReader(a.raw))
	dec.UseNumber()
	var env map[string]any
	if err := dec.Decode(&env); err != nil {
		t.Fatalf("not a JSON object (%v): %s", err, a.raw)
	}
	for _, k := range []string{"result", "error", "id"} {
		if _, ok := env[k]; !ok {
			t.Fatalf("JSON-RPC answer lacks %q: %s", k, a.raw)
		}
	}
	if env["error"] != nil {
		if env["result"] != nil {
			t.Fatalf("an error answer with a result: %s", a.raw)
		}
		e, ok := env["error"].(map[string]any)
		if !ok {
			t.Fatalf("error is not an object: %s", a.raw)
		}
		return nil, e, env["id"]
	}
	return env["result"], nil, env["id"]
}
