package sandbox

import (
	"net/http"

	"github.com/memset-order/memset-order/model"
)

// handler answers one method. It runs with s.mu held, after authentication,
// and returns the value to send or the error; the interface the request
// came by encodes either (interfaces.go).
type handler func(s *Sandbox, c *call) (any, *apiError)

// handlers maps the non-create methods to their handlers; create methods are
// answered by create through the catalogue. Every interface calls these and
// only these: there is one copy of each method.
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

// system.listMethods lists what handlers answers, so it joins the table
// once the table exists (a literal entry would be an initialization cycle).
func init() { handlers[model.MethodListMethods] = (*Sandbox).listMethods }

// ServeHTTP answers one API request, in the encoding of the interface its
// path names (JSON, XML-RPC or JSON-RPC), except what a Fault injects on
// purpose.
func (s *Sandbox) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rep := s.respond(r)
	if rep.drop {
		dropConnection(w)
		return
	}
	// A gone reply usually has nobody listening any more; when Serve is
	// shutting down, the client still is and gets the 503 it carries
	// rather than an empty 200.
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

// respond computes the answer to r: the one path every interface takes.
// The interface reads the method and its parameters; then, alike for all,
// the request is counted and may meet a fault, and process authenticates
// it and calls the method's handler; the interface encodes the outcome. It
// never panics: a panic in the sandbox's own code becomes an
// ApiErrorInternal answer.
func (s *Sandbox) respond(r *http.Request) (rep reply) {
	ifc := interfaceOf(r.URL)
	in := incoming{out: ifc.plain}
	defer func() {
		if v := recover(); v != nil {
			rep = in.out.refuse(internalError("The sandbox failed: %v", v)).redact(s.apiKey)
		}
	}()
	var fatal *apiError
	in, fatal = ifc.read(r, s.maxBody)
	if fatal != nil {
		return in.out.refuse(fatal).redact(s.apiKey)
	}
	method, reachable := s.resolve(in.name)
	f, faulty := s.arrive(method, reachable)
	// The body was read before any delay: only then can the server notice
	// a client that hangs up while it waits.
	if faulty && !wait(r.Context(), f.Delay) {
		e := internalError("The sandbox stopped before answering.")
		e.status = http.StatusServiceUnavailable
		rep = in.out.refuse(e)
		rep.gone = true
		return rep
	}
	if faulty && (f.Status != 0 || f.Body != "") {
		return faultReply(f, in.out)
	}
	rep = s.process(r, in, method, reachable).redact(s.apiKey)
	rep.drop = faulty && f.Drop
	return rep
}

// process answers a request whose method and parameters were read (or
// whose parameters could not be): throttling, parameter errors,
// authentication, then the method itself, all under the lock. method is the
// canonical name of the method the client named, reachable whether it is
// served under that name (see WithMethodName).
func (s *Sandbox) process(r *http.Request, in incoming, method model.Method, reachable bool) reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.clock.Now()
	if e := s.throttled(now); e != nil {
		return in.out.refuse(e)
	}
	if in.perr != nil {
		return in.out.refuse(in.perr)
	}
	if e := s.authenticate(r, in.params, now); e != nil {
		return in.out.refuse(e)
	}
	h, ok := s.handlerFor(method)
	if !ok || !reachable {
		return in.out.refuse(notFound("Method %s does not exist", echo(string(in.name))))
	}
	s.advance(now)
	v, e := h(s, &call{method: method, as: in.name, params: in.params, now: now})
	if e != nil {
		return in.out.refuse(e)
	}
	return in.out.answer(v)
}

// handlerFor returns the handler of a method in model.Methods, by its
// canonical name: a create method of the catalogue, or one of handlers.
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
