package sandbox

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// apiPrefix is where every method lives: /v1/json/<method>/.
const apiPrefix = "/v1/json/"

// handler answers one method. It runs with s.mu held, after authentication,
// and returns the value to send as JSON or the error.
type handler func(s *Sandbox, c *call) (any, *apiError)

// handlers maps the non-create methods to their handlers; create methods are
// answered by create through the catalogue.
var handlers = map[model.Method]handler{
	model.MethodServicesList:   (*Sandbox).availableServices,
	model.MethodDiscountCode:   (*Sandbox).verifyDiscountCode,
	model.MethodJobStatus:      (*Sandbox).jobStatus,
	model.MethodSnapshotList:   (*Sandbox).snapshotList,
	model.MethodServerList:     (*Sandbox).serverList,
	model.MethodPaymentMethods: (*Sandbox).paymentMethods,
	model.MethodServiceInfo:    (*Sandbox).serviceInfo,
	model.MethodInvoiceInfo:    (*Sandbox).invoiceInfo,
	model.MethodInvoiceList:    (*Sandbox).invoiceList,
	model.MethodServerInfo:     (*Sandbox).serverInfo,
	model.MethodBandwidthInfo:  (*Sandbox).bandwidthInfo,
	model.MethodAccountInfo:    (*Sandbox).accountInfo,
}

// ServeHTTP answers one API request. Every answer is JSON with
// Content-Type application/json, except what a Fault injects on purpose.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rep := s.respond(r)
	switch {
	case rep.gone:
		// Usually nobody is listening any more; when Serve is shutting
		// down, the client still is and gets JSON rather than an empty 200.
		e := internalError("The sandbox stopped before answering.")
		e.status = http.StatusServiceUnavailable
		errorReply(e).write(w)
		return
	case rep.drop:
		dropConnection(w)
		return
	}
	rep.write(w)
}

// dropConnection closes the client's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	// No hijacking (HTTP/2, a recorder): the server's own way to abort.
	panic(http.ErrAbortHandler)
}

// respond computes the answer to r. It never panics: a panic in the
// sandbox's own code becomes a 500 ApiErrorInternal answer.
func (s *Sandbox) respond(r *http.Request) (rep reply) {
	defer func() {
		if v := recover(); v != nil {
			rep = errorReply(internalError("The sandbox failed: %v", v)).redact(s.apiKey)
		}
	}()
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		e := badRequest(http.StatusMethodNotAllowed, "HTTP method %s is not allowed; use POST (or GET).", echo(r.Method))
		e.header = map[string]string{"Allow": "GET, POST"}
		return errorReply(e).redact(s.apiKey)
	}
	method, name, perr := parsePath(r.URL)
	if perr != nil {
		return errorReply(perr).redact(s.apiKey)
	}
	f, faulty := s.arrive(method)
	// The body is read before any delay: only then can the server notice a
	// client that hangs up while it waits.
	params, paramErr := readParams(r, s.maxBody, name)
	if faulty && !wait(r.Context(), f.Delay) {
		return reply{gone: true}
	}
	if faulty && (f.Status != 0 || f.Body != "") {
		return faultReply(f)
	}
	rep = s.process(r, method, params, paramErr).redact(s.apiKey)
	rep.drop = faulty && f.Drop
	return rep
}

// parsePath splits /v1/json/<method>[/<name>][/] into the method and the
// optional service name.
func parsePath(u *url.URL) (model.Method, string, *apiError) {
	path := u.EscapedPath()
	rest, ok := strings.CutPrefix(path, apiPrefix)
	if !ok || rest == "" || rest == "/" {
		return "", "", notFound("There is no API method at %s; use %s<method>/, e.g. %s%s/.", echo(path), apiPrefix, apiPrefix, model.MethodJobStatus)
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

// process answers a request whose path named a method, given its
// parameters or the error reading them: throttling, parameter errors,
// authentication, then the method itself, all under the lock.
func (s *Sandbox) process(r *http.Request, method model.Method, params map[string]string, perr *apiError) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	if e := s.throttled(now); e != nil {
		return errorReply(e)
	}
	if perr != nil {
		return errorReply(perr)
	}
	if e := s.authenticate(r, params, now); e != nil {
		return errorReply(e)
	}
	h, ok := s.handlerFor(method)
	if !ok {
		return errorReply(notFound("Method %s does not exist", echo(string(method))))
	}
	s.advance(now)
	v, e := h(s, &call{method: method, params: params, now: now})
	if e != nil {
		return errorReply(e)
	}
	return okReply(v)
}

// handlerFor returns the handler of a method in model.Methods: a create
// method of the catalogue, or one of handlers.
func (s *Sandbox) handlerFor(m model.Method) (handler, bool) {
	if _, ok := model.LookupMethod(m); !ok {
		return nil, false
	}
	if h, ok := handlers[m]; ok {
		return h, true
	}
	if p, ok := s.cat.ProductByMethod(m); ok {
		return func(s *Sandbox, c *call) (any, *apiError) { return s.create(c, p) }, true
	}
	return nil, false
}
