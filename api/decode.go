package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"sync"

	"github.com/memset-order/memset-order/model"
)

// snippetLimit is how much of a body an error shows.
const snippetLimit = 160

// maxMessage is the most of an error message an *Error keeps.
const maxMessage = 2000

// decode turns an answer into out (a 2xx) or into the error it carries.
func (c *Client) decode(method model.Method, ex exchange, out any) error {
	if ex.tooLarge {
		return c.protocolError(method, ex, fmt.Sprintf("with a body larger than %d KiB (reading stopped there)", MaxBodyBytes>>10), c.snippet(ex.body))
	}
	if ex.status < 200 || ex.status > 299 {
		return c.errorAnswer(method, ex)
	}
	return c.decodeSuccess(method, ex, out)
}

// decodeSuccess decodes a 2xx answer and checks its required keys.
func (c *Client) decodeSuccess(method model.Method, ex exchange, out any) error {
	body := bytes.TrimSpace(ex.body)
	if len(body) == 0 {
		return c.protocolError(method, ex, "with an empty body (expected JSON)", "")
	}
	if isHTML(ex.contentType, body) {
		return c.protocolError(method, ex, "with an HTML page", c.htmlSnippet(body))
	}
	chk, isChecker := out.(checker)
	if isChecker && string(body) == "null" {
		return c.protocolError(method, ex, "with JSON null where an answer was expected", "")
	}
	if out == nil {
		if !json.Valid(body) {
			return c.protocolError(method, ex, c.jsonProblem(body, json.Unmarshal(body, new(any))), c.snippet(body))
		}
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if err := dec.Decode(out); err != nil {
		if errors.Is(err, errNotWire) {
			err = badValuePlace(body, reflect.TypeOf(out), err)
		}
		pe := c.protocolError(method, ex, c.jsonProblem(body, err), c.snippet(body))
		if _, isQuote := out.(*wireQuote); isQuote {
			pe.ordered = looseOrder(body)
		}
		return pe
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return c.protocolError(method, ex, "with more data after the JSON answer", c.snippet(body))
	}
	if isChecker {
		if err := chk.check(); err != nil {
			return c.protocolError(method, ex, "with JSON "+c.redact(err.Error()), c.snippet(body))
		}
	}
	return nil
}

// badValuePlace puts before a bad value's error the path of the value in
// the answer ("net_total", "items[0]", "[1].amount"): encoding/json does
// not say which field a decoding method refused. When the value cannot be
// found, err is returned as it is.
func badValuePlace(body []byte, t reflect.Type, err error) error {
	path, leaf := locateBadValue(body, t, "")
	if leaf == nil || path == "" {
		return err
	}
	return fmt.Errorf("%s: %w", path, leaf)
}

var jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()

// locateBadValue finds a value in data that does not decode into type t
// (the first by field order, then item order) and returns its path below
// path and the error decoding that value alone gives; the error is nil when
// data decodes. It re-decodes piece by piece, so it runs only after a
// decode failed.
func locateBadValue(data []byte, t reflect.Type, path string) (string, error) {
	err := json.Unmarshal(data, reflect.New(t).Interface())
	if err == nil {
		return "", nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(jsonUnmarshalerType) {
		return path, err // a scalar of ours: wireAmount, wireInt, an invoice item…
	}
	switch t.Kind() {
	case reflect.Struct:
		var members map[string]json.RawMessage
		if json.Unmarshal(data, &members) != nil {
			break
		}
		for i := range t.NumField() {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			raw, ok := members[name]
			if !f.IsExported() || name == "" || name == "-" || !ok {
				continue
			}
			if path != "" {
				name = path + "." + name
			}
			if p, e := locateBadValue(raw, f.Type, name); e != nil {
				return p, e
			}
		}
	case reflect.Slice, reflect.Array:
		var items []json.RawMessage
		if json.Unmarshal(data, &items) != nil {
			break
		}
		for i, raw := range items {
			if p, e := locateBadValue(raw, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); e != nil {
				return p, e
			}
		}
	}
	return path, err
}

// errorAnswer turns a non-2xx answer into an *Error when it carries
// Memset's error body, and into a *ProtocolError otherwise.
func (c *Client) errorAnswer(method model.Method, ex exchange) error {
	body := bytes.TrimSpace(ex.body)
	if ex.status >= 300 && ex.status < 400 {
		loc := ex.header.Get("Location")
		reason := "redirect (not followed: check the API URL)"
		if loc != "" {
			reason = fmt.Sprintf("redirect to %q (not followed: check the API URL)", clip(printable(scrubUserinfo(c.redact(loc))), 120))
		}
		return c.protocolError(method, ex, "with a "+reason, "")
	}
	var w wireErrorBody
	if len(body) > 0 && body[0] == '{' && json.Unmarshal(body, &w) == nil && (w.Error != nil || w.Type != nil) {
		msg := clip(strings.TrimSpace(printable(c.redact(str(w.Error)))), maxMessage)
		e := &Error{
			Status:     ex.status,
			Type:       c.errorType(clip(printable(c.redact(str(w.Type))), 80)),
			Code:       int(integer(w.Code)),
			Message:    msg,
			Param:      messageParam(msg),
			Method:     method,
			RetryAfter: parseRetryAfter(ex.header, c.now()),
			KeyFrom:    c.keyFrom,
		}
		return e
	}
	switch {
	case len(body) == 0:
		return c.protocolError(method, ex, "with an empty body ("+statusText(ex.status)+")", "")
	case isHTML(ex.contentType, body):
		return c.protocolError(method, ex, "with an HTML page", c.htmlSnippet(body))
	case json.Valid(body):
		return c.protocolError(method, ex, "with JSON that is not Memset's error body", c.snippet(body))
	}
	return c.protocolError(method, ex, c.jsonProblem(body, json.Unmarshal(body, new(any))), c.snippet(body))
}

// protocolError builds a *ProtocolError; every text in it is scrubbed.
func (c *Client) protocolError(method model.Method, ex exchange, reason, snippet string) *ProtocolError {
	return &ProtocolError{
		Method:      method,
		Status:      ex.status,
		ContentType: clip(printable(c.redact(ex.contentType)), 80),
		Snippet:     c.redact(snippet),
		Reason:      c.redact(reason),
		RetryAfter:  parseRetryAfter(ex.header, c.now()),
	}
}

// mismatch is the error for a well-formed 200 answer that is not the
// answer to the call that was made (another job, a real order for a dry
// run). The reason quotes the answer, so it is scrubbed like every other.
func (c *Client) mismatch(method model.Method, reason string) *ProtocolError {
	return c.protocolError(method, exchange{status: http.StatusOK}, reason, "")
}

// jsonProblem names what is wrong with a body that did not decode.
func (c *Client) jsonProblem(body []byte, err error) string {
	var (
		syn *json.SyntaxError
		typ *json.UnmarshalTypeError
	)
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Sprintf("with truncated JSON (%d bytes)", len(body))
	case errors.As(err, &syn):
		if syn.Offset >= int64(len(body)) {
			return fmt.Sprintf("with truncated JSON (%d bytes)", len(body))
		}
		return "with a body that is not JSON"
	case errors.As(err, &typ):
		where := typ.Field
		if where == "" {
			where = "the answer"
		}
		return fmt.Sprintf("with JSON of the wrong shape: %s is a %s, expected %s", clip(where, 60), typ.Value, jsonKind(typ.Type))
	case errors.Is(err, errNotWire):
		return "with JSON holding a bad value: " + c.redact(err.Error())
	case err != nil:
		return "with JSON that could not be read: " + clip(c.redact(err.Error()), 120)
	}
	return "with JSON that could not be read"
}

// jsonKind names the JSON form a Go type is decoded from.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "a value"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "a " + t.Kind().String()
}

// isHTML reports an HTML page: by its content type or its first byte.
func isHTML(contentType string, body []byte) bool {
	return strings.Contains(strings.ToLower(contentType), "html") || (len(body) > 0 && body[0] == '<')
}

var titlePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(?is)<title[^>]*>(.*?)</title>`) })

// htmlSnippet shows an HTML page's title, or its start.
func (c *Client) htmlSnippet(body []byte) string {
	if m := titlePattern().FindSubmatch(body); m != nil {
		title := strings.Join(strings.Fields(printable(string(m[1]))), " ")
		return "<title>" + clip(c.redact(title), snippetLimit) + "</title>…"
	}
	return c.snippet(body)
}

// snippet shows the start of a body on one line, scrubbed.
func (c *Client) snippet(body []byte) string {
	s := strings.Join(strings.Fields(printable(string(body))), " ")
	s = c.redact(s)
	if len(s) > snippetLimit {
		cut := snippetLimit
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// statusText is the standard name of a status, or "unknown status".
func statusText(status int) string {
	if t := http.StatusText(status); t != "" {
		return t
	}
	return "unknown status"
}

// looseOrder reads a create answer that did not decode as loosely as it
// can: when it says dry_run false with an invoice or a job, it is a real
// order whatever else is wrong with it, and what it says of them is
// returned (nil otherwise). A dry run answered like that must still stop
// every further create.
func looseOrder(body []byte) *model.Quote {
	var l struct {
		DryRun     any `json:"dry_run"`
		InvoiceRef any `json:"invoice_ref"`
		Job        any `json:"job"`
	}
	if json.Unmarshal(body, &l) != nil {
		return nil
	}
	dry, isBool := l.DryRun.(bool)
	if n, isNum := l.DryRun.(float64); isNum {
		dry, isBool = n != 0, true
	}
	if !isBool || dry || (l.InvoiceRef == nil && l.Job == nil) {
		return nil
	}
	q := &model.Quote{}
	if n, ok := l.InvoiceRef.(float64); ok && n > 0 && n < 1e12 && n == float64(int(n)) {
		q.InvoiceRef = int(n)
	}
	if j, ok := l.Job.(map[string]any); ok {
		if id, ok := j["id"].(string); ok {
			q.Job = &model.Job{ID: printable(id)}
		}
	}
	return q
}
