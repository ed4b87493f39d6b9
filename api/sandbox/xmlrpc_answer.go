package sandbox

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// XML-RPC answers: the method's value, exactly the JSON interface's answer
// turned into XML-RPC (memset-api.md §1.4's type table): objects become
// structs (members in the JSON order), arrays arrays, strings strings,
// whole numbers int, other numbers double written as in JSON (money as
// 7.50, like the JSON floats), Booleans boolean, the Date keys
// dateTime.iso8601 (20110917T00:00:00, memset-api.md §1.4). Errors are
// faults: faultCode is the error_code, faultString the message. Every
// answer is HTTP 200, faults included, as XML-RPC wants and as Python's
// xmlrpclib needs (it reads no body with another status).

// xmlrpcType is the Content-Type of every XML-RPC answer.
const xmlrpcType = "text/xml; charset=utf-8"

// xmlHeader starts every XML-RPC answer.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n"

// dateKeys are the keys whose values are of the API's Date type, sent as
// dateTime.iso8601 over XML-RPC: service.info's start_date and
// expiry_date, invoice.info's date (documented), a snapshot's date
// (inferred, as the sandbox's snapshot keys are).
var dateKeys = map[string]bool{"start_date": true, "expiry_date": true, "date": true}

// xmlrpcAnswers encodes XML-RPC answers.
type xmlrpcAnswers struct{}

// answer is a methodResponse holding v.
func (a xmlrpcAnswers) answer(v any) reply {
	raw, err := marshal(v)
	var b bytes.Buffer
	if err == nil {
		b.WriteString(xmlHeader + "<methodResponse><params><param>")
		err = writeXMLRPC(&b, raw)
		b.WriteString("</param></params></methodResponse>\n")
	}
	if err != nil {
		return a.refuse(internalError("The sandbox could not encode its answer: %v", err))
	}
	return reply{status: http.StatusOK, contentType: xmlrpcType, body: b.Bytes()}
}

// refuse is a methodResponse holding a fault.
func (xmlrpcAnswers) refuse(e *apiError) reply {
	e, info := e.known()
	var b bytes.Buffer
	b.WriteString(xmlHeader + "<methodResponse><fault><value><struct>")
	b.WriteString("<member><name>faultCode</name><value><int>" + strconv.Itoa(info.Code) + "</int></value></member>")
	b.WriteString("<member><name>faultString</name><value><string>")
	xmlEscape(&b, e.msg)
	b.WriteString("</string></value></member>")
	b.WriteString("</struct></value></fault></methodResponse>\n")
	return reply{status: rpcStatus(e), contentType: xmlrpcType, header: e.header, body: b.Bytes()}
}

// rpcStatus is the HTTP status of an RPC interface's error: 200, unless
// the error carries its own (a Status fault, the sandbox stopping).
func rpcStatus(e *apiError) int {
	if e.status != 0 {
		return e.status
	}
	return http.StatusOK
}

// writeXMLRPC writes the JSON value raw as an XML-RPC <value>.
func writeXMLRPC(b *bytes.Buffer, raw []byte) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	return writeXMLValue(b, dec, "")
}

// writeXMLValue writes the next JSON value of dec; key is the member it is
// the value of ("" in an array or at the top).
func writeXMLValue(b *bytes.Buffer, dec *json.Decoder, key string) error {
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	b.WriteString("<value>")
	switch t := tok.(type) {
	case json.Delim:
		if err := writeXMLComposite(b, dec, t); err != nil {
			return err
		}
	case string:
		if d, ok := xmlrpcDate(key, t); ok {
			b.WriteString("<dateTime.iso8601>" + d + "</dateTime.iso8601>")
			break
		}
		b.WriteString("<string>")
		xmlEscape(b, t)
		b.WriteString("</string>")
	case json.Number:
		writeXMLNumber(b, t)
	case bool:
		v := "0"
		if t {
			v = "1"
		}
		b.WriteString("<boolean>" + v + "</boolean>")
	case nil:
		b.WriteString("<nil/>") // the common extension; the sandbox's answers hold no null
	default:
		return fmt.Errorf("unexpected JSON token %v", t)
	}
	b.WriteString("</value>")
	return nil
}

// writeXMLComposite writes an object as a struct or an array as an array,
// after its opening delimiter.
func writeXMLComposite(b *bytes.Buffer, dec *json.Decoder, open json.Delim) error {
	if open == '{' {
		b.WriteString("<struct>")
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				return err
			}
			k, _ := tok.(string)
			b.WriteString("<member><name>")
			xmlEscape(b, k)
			b.WriteString("</name>")
			if err := writeXMLValue(b, dec, k); err != nil {
				return err
			}
			b.WriteString("</member>")
		}
		b.WriteString("</struct>")
	} else {
		b.WriteString("<array><data>")
		for dec.More() {
			if err := writeXMLValue(b, dec, ""); err != nil {
				return err
			}
		}
		b.WriteString("</data></array>")
	}
	_, err := dec.Token() // the closing delimiter
	return err
}

// writeXMLNumber writes a JSON number: int when it is whole as written
// (also beyond 32 bits, such as a disk size in bytes: Python's xmlrpclib
// reads any <int>; inferred), double otherwise, with its decimals as
// written (7.50) and never an exponent, which XML-RPC does not allow.
func writeXMLNumber(b *bytes.Buffer, n json.Number) {
	s := n.String()
	if !strings.ContainsAny(s, ".eE") {
		b.WriteString("<int>" + s + "</int>")
		return
	}
	if strings.ContainsAny(s, "eE") {
		f, _ := n.Float64()
		s = strconv.FormatFloat(f, 'f', -1, 64)
	}
	b.WriteString("<double>" + s + "</double>")
}

// xmlrpcDate turns a Date key's YYYY-MM-DD value into dateTime.iso8601.
func xmlrpcDate(key, v string) (string, bool) {
	if !dateKeys[key] {
		return "", false
	}
	t, err := time.Parse(dateLayout, v)
	if err != nil {
		return "", false
	}
	return t.Format("20060102T15:04:05"), true
}

// xmlEscape writes s as XML text; characters XML cannot hold become
// U+FFFD.
func xmlEscape(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s))
}
