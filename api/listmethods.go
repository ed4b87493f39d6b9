package api

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/memset-order/memset-order/model"
)

// The answers ListMethods accepts: at most this many names, each at most
// this long (longer ones are skipped).
const (
	maxListedMethods = 20000
	maxMethodName    = 128
)

// MethodListing is the API's list of its methods.
type MethodListing struct {
	// Names are the methods listed, in the order given, without repeats.
	Names []string
	// Via is the interface that answered: "JSON" or "XML-RPC".
	Via string
	// URL is where the list was asked for.
	URL string
	// Skipped counts listed names that were not printable names of at most
	// 128 characters (left out of Names).
	Skipped int
}

// Has reports whether name is listed.
func (l MethodListing) Has(name model.Method) bool {
	for _, n := range l.Names {
		if n == string(name) {
			return true
		}
	}
	return false
}

// Contact is how the endpoint answered the first request of ListMethods,
// for checking that it is reachable, its TLS and its clock.
type Contact struct {
	// URL is where the request went.
	URL string
	// Status is the answer's HTTP status; 0 when no answer came.
	Status int
	// Date is the answer's Date header; zero when it had none (an
	// in-memory sandbox) or it did not parse.
	Date time.Time
	// TLS describes the connection's TLS ("TLS 1.3"); "" without TLS.
	TLS string
	// Took is how long the answer took.
	Took time.Duration
}

// ListMethods asks the API for its methods with system.listMethods: first
// on the JSON interface (POST {base}/system.listMethods/, answered with a
// JSON array of names), then, when that answers anything else but a
// refusal of the key or throttling, over XML-RPC at the endpoint beside it
// (the base's last segment "json" replaced by "xmlrpc":
// https://api.memset.com/v1/xmlrpc) with one empty struct as its argument.
// Each is sent once, never retried. contact describes the first answer,
// whatever it said; its Status is 0 when the endpoint could not be
// reached. When neither interface answers with a list, the error says
// what each said.
func (c *Client) ListMethods(ctx context.Context) (listing MethodListing, contact Contact, err error) {
	if err := c.usable(ctx); err != nil {
		return MethodListing{}, Contact{}, err
	}
	jsonURL := c.methodURL(model.MethodListMethods)
	start := c.now()
	ex, _, jerr := c.roundTrip(ctx, model.MethodListMethods, "", 1, 1, false)
	contact = c.contact(jsonURL, ex, c.now().Sub(start))
	var names []string
	if jerr == nil {
		if jerr = c.decode(model.MethodListMethods, ex, &names); jerr == nil {
			listing = listed(names)
			listing.Via, listing.URL = "JSON", jsonURL
			return listing, contact, nil
		}
	}
	var ne *NetworkError
	if errors.As(jerr, &ne) || IsAuthentication(jerr) || IsThrottled(jerr) {
		// Another interface of the same host, with the same key, would
		// only fail again (and a refused key counts towards throttling).
		return MethodListing{}, contact, jerr
	}
	xmlURL, ok := xmlrpcURL(c.base)
	if !ok {
		return MethodListing{}, contact, fmt.Errorf("over JSON: %w (and the API URL does not end in /json, so there is no XML-RPC endpoint beside it to ask)", jerr)
	}
	names, xerr := c.listOverXMLRPC(ctx, xmlURL)
	if xerr != nil {
		return MethodListing{}, contact, &listError{json: jerr, xmlrpc: xerr}
	}
	listing = listed(names)
	listing.Via, listing.URL = "XML-RPC", xmlURL
	return listing, contact, nil
}

// listError is the failure of both interfaces to list the methods.
type listError struct{ json, xmlrpc error }

// Error says what each interface answered.
func (e *listError) Error() string {
	return fmt.Sprintf("over JSON: %v; over XML-RPC: %v", e.json, e.xmlrpc)
}

// Unwrap gives the XML-RPC failure first: the JSON interface may simply
// lack the method, so XML-RPC's answer says more of the key and the
// endpoint (errors.As finds it first).
func (e *listError) Unwrap() []error { return []error{e.xmlrpc, e.json} }

// contact describes an answer (none when ex has no status).
func (c *Client) contact(url string, ex exchange, took time.Duration) Contact {
	ct := Contact{URL: url, Status: ex.status, Took: took}
	if ex.status == 0 {
		return ct
	}
	if d := ex.header.Get("Date"); d != "" {
		if t, err := http.ParseTime(d); err == nil {
			ct.Date = t
		}
	}
	if ex.tls != nil {
		ct.TLS = tls.VersionName(ex.tls.Version)
	}
	return ct
}

// listed keeps the printable, short names, once each.
func listed(names []string) MethodListing {
	var l MethodListing
	seen := map[string]bool{}
	for i, n := range names {
		if i >= maxListedMethods {
			l.Skipped += len(names) - i
			break
		}
		if n == "" || len(n) > maxMethodName || printable(n) != n || strings.ContainsAny(n, " /") {
			l.Skipped++
			continue
		}
		if !seen[n] {
			seen[n] = true
			l.Names = append(l.Names, n)
		}
	}
	return l
}

// xmlrpcURL is the XML-RPC endpoint beside a JSON base URL: ".../v1/json"
// becomes ".../v1/xmlrpc". ok is false for a base that does not end in
// /json.
func xmlrpcURL(base string) (string, bool) {
	stem, ok := strings.CutSuffix(base, "/json")
	if !ok {
		return "", false
	}
	return stem + "/xmlrpc", true
}

// listOverXMLRPC calls system.listMethods over XML-RPC at url, once.
func (c *Client) listOverXMLRPC(ctx context.Context, url string) ([]string, error) {
	out := outgoing{url: url, contentType: "text/xml", accept: "text/xml", body: xmlrpcCall(model.MethodListMethods)}
	ex, _, err := c.post(ctx, model.MethodListMethods, out, 1, 1, false)
	if err != nil {
		return nil, err
	}
	if ex.status < 200 || ex.status > 299 || ex.tooLarge {
		return nil, c.decode(model.MethodListMethods, ex, nil)
	}
	names, fault, err := parseXMLRPCList(ex.body)
	switch {
	case fault != nil:
		msg := clip(strings.TrimSpace(printable(c.redact(fault.message))), maxMessage)
		return nil, &Error{Status: ex.status, Code: fault.code, Message: msg, Method: model.MethodListMethods, KeyFrom: c.keyFrom}
	case err != nil:
		return nil, c.protocolError(model.MethodListMethods, ex, "with an XML-RPC answer that could not be read: "+c.redact(err.Error()), c.snippet(ex.body))
	}
	return names, nil
}

// The minimal XML-RPC this one call needs (encoding/xml): a methodCall
// with one empty struct, as Memset's XML-RPC methods take one struct of
// named arguments, and a methodResponse holding an array of names or a
// fault.

// xmlrpcCall is the methodCall of method with one empty struct.
func xmlrpcCall(method model.Method) string {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString("<methodCall><methodName>")
	_ = xml.EscapeText(&b, []byte(method)) // a strings.Builder never fails
	b.WriteString("</methodName><params><param><value><struct></struct></value></param></params></methodCall>\n")
	return b.String()
}

// xmlrpcValue is one <value>: a typed scalar, an untyped string (text
// directly inside), an array or a struct.
type xmlrpcValue struct {
	Text    string          `xml:",chardata"`
	String  *string         `xml:"string"`
	Int     *string         `xml:"int"`
	I4      *string         `xml:"i4"`
	Array   *xmlrpcArray    `xml:"array"`
	Members []xmlrpcMember  `xml:"struct>member"`
	Other   []xmlrpcAnyElem `xml:",any"`
}

// xmlrpcArray is <array><data><value>…</value>…</data></array>.
type xmlrpcArray struct {
	Values []xmlrpcValue `xml:"data>value"`
}

// xmlrpcMember is one <member> of a struct.
type xmlrpcMember struct {
	Name  string      `xml:"name"`
	Value xmlrpcValue `xml:"value"`
}

// xmlrpcAnyElem catches a value of a type this client does not read.
type xmlrpcAnyElem struct {
	XMLName xml.Name
}

// xmlrpcResponse is a <methodResponse>.
type xmlrpcResponse struct {
	XMLName xml.Name      `xml:"methodResponse"`
	Params  []xmlrpcValue `xml:"params>param>value"`
	Fault   *xmlrpcValue  `xml:"fault>value"`
}

// xmlrpcFault is an XML-RPC fault: faultCode and faultString.
type xmlrpcFault struct {
	code    int
	message string
}

// str is the value as a string, and whether it is one.
func (v xmlrpcValue) str() (string, bool) {
	switch {
	case v.String != nil:
		return *v.String, true
	case v.Int == nil && v.I4 == nil && v.Array == nil && v.Members == nil && len(v.Other) == 0:
		return v.Text, true
	}
	return "", false
}

// integer is the value as an int, and whether it is one.
func (v xmlrpcValue) integer() (int, bool) {
	s := v.Int
	if s == nil {
		s = v.I4
	}
	if s == nil {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(*s))
	return n, err == nil
}

// parseXMLRPCList reads the answer to system.listMethods: the names, or
// the fault it carries, or why it could not be read.
func parseXMLRPCList(body []byte) ([]string, *xmlrpcFault, error) {
	var r xmlrpcResponse
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.Strict = true
	if err := dec.Decode(&r); err != nil {
		return nil, nil, fmt.Errorf("not an XML-RPC methodResponse (%v)", clipErr(err))
	}
	if r.Fault != nil {
		f := &xmlrpcFault{}
		for _, m := range r.Fault.Members {
			switch m.Name {
			case "faultCode":
				f.code, _ = m.Value.integer()
			case "faultString":
				f.message, _ = m.Value.str()
			}
		}
		return nil, f, nil
	}
	if len(r.Params) != 1 || r.Params[0].Array == nil {
		return nil, nil, errors.New("the answer is not one array of method names")
	}
	names := make([]string, 0, len(r.Params[0].Array.Values))
	for i, v := range r.Params[0].Array.Values {
		s, ok := v.str()
		if !ok {
			return nil, nil, fmt.Errorf("item %d of the array is not a string", i)
		}
		names = append(names, strings.TrimSpace(s))
	}
	return names, nil, nil
}

// clipErr is an error's text, short and on one line.
func clipErr(err error) string { return clip(printable(err.Error()), 120) }
