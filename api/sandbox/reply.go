package sandbox

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// reply is a complete answer, computed before anything is written, so that
// a fault can replace it or drop it.
type reply struct {
	status      int
	contentType string
	header      map[string]string
	body        []byte
	// drop: close the connection instead of answering (a Drop fault).
	drop bool
	// gone: the client gave up (its context ended during a Delay); nothing
	// is answered.
	gone bool
}

// errorJSON is the documented error body.
type errorJSON struct {
	Error     string          `json:"error"`
	ErrorType model.ErrorType `json:"error_type"`
	ErrorCode int             `json:"error_code"`
}

// okReply answers v as JSON with status 200.
func okReply(v any) reply {
	body, err := marshal(v)
	if err != nil {
		return errorReply(internalError("The sandbox could not encode its answer: %v", err))
	}
	return reply{status: http.StatusOK, contentType: "application/json", body: body}
}

// errorReply answers e as the documented error body. The code and the
// status come from model.ErrorTypes, the one table of them.
func errorReply(e *apiError) reply {
	e, info := e.known()
	status := info.Status
	if e.status != 0 {
		status = e.status
	}
	body, err := marshal(errorJSON{Error: e.msg, ErrorType: e.typ, ErrorCode: info.Code})
	if err != nil { // cannot happen: three plain fields
		body = []byte(`{"error":"internal error","error_type":"ApiErrorInternal","error_code":1}` + "\n")
	}
	return reply{status: status, contentType: "application/json", header: e.header, body: body}
}

// marshal encodes v as one line of JSON without HTML escaping.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// redact replaces every occurrence of key in the body. The sandbox never
// echoes a key, but a client may send one where a value belongs (a key as a
// SKU, say) and the value could be quoted back in a message.
func (r reply) redact(key string) reply {
	if len(key) < 8 || !bytes.Contains(r.body, []byte(key)) {
		return r
	}
	r.body = bytes.ReplaceAll(r.body, []byte(key), []byte("[redacted]"))
	return r
}

// headers returns every response header of the reply.
func (r reply) headers() http.Header {
	h := http.Header{}
	ct := r.contentType
	if ct == "" {
		ct = "application/json"
	}
	h.Set("Content-Type", ct)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	for k, v := range r.header {
		h.Set(k, v)
	}
	return h
}

// write sends the reply on w.
func (r reply) write(w http.ResponseWriter) {
	h := w.Header()
	for k, v := range r.headers() {
		h[k] = v
	}
	w.WriteHeader(r.status)
	_, _ = w.Write(r.body)
}

// rawContentType guesses the type of a fault's raw body: HTML when it looks
// like a page, JSON otherwise.
func rawContentType(body string) string {
	if strings.HasPrefix(strings.TrimSpace(body), "<") {
		return "text/html; charset=utf-8"
	}
	return "application/json"
}
