package sandbox

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/memset-order/memset-order/model"
)

// Fault is trouble injected into the sandbox's answers, for tests and
// demos. A request that matches several faults gets the first one added.
type Fault struct {
	// Method is the method it hits; "" hits every method.
	Method model.Method
	// Times is how many requests it hits before it is spent; 0 means all.
	Times int
	// Delay makes the answer late. It is wall-clock time (a slow network),
	// not the sandbox's Clock, and it honours the request's context: when
	// the client gives up, the request is not processed at all.
	Delay time.Duration
	// Status answers this HTTP status instead of processing the request,
	// with an ApiErrorInternal error in the form of the request's interface
	// (a JSON error body, an XML-RPC fault, a JSON-RPC error), or Body if
	// set.
	Status int
	// Body is a raw body to answer instead (an HTML proxy page, truncated
	// JSON); with Status 0 it comes with 200.
	Body string
	// Drop processes the request fully (a create IS recorded), then closes
	// the connection without answering: hijack and close on a real
	// listener, an error from Transport.
	Drop bool
}

// faultState is a fault with the hits it has left.
type faultState struct {
	Fault
	left int // for Times > 0
}

// AddFault adds a fault after those already set.
func (s *Sandbox) AddFault(f Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &faultState{Fault: f, left: f.Times})
}

// ClearFaults removes every fault.
func (s *Sandbox) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// arrive counts a request for a method (by its canonical name) and returns
// the fault that hits it, if any, spending one of its hits. Only methods of
// model.Methods reachable under the name the client used are counted, so
// made-up names cannot grow the count table without bound; a fault for a
// method hits it under whatever name it is served (WithMethodName).
func (s *Sandbox) arrive(method model.Method, reachable bool) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, known := model.LookupMethod(method); known && reachable {
		s.requests[method]++
	}
	for i, f := range s.faults {
		if f.Method != "" && (f.Method != method || !reachable) {
			continue
		}
		if f.Times > 0 {
			f.left--
			if f.left <= 0 {
				s.faults = append(s.faults[:i:i], s.faults[i+1:]...)
			}
		}
		return f.Fault, true
	}
	return Fault{}, false
}

// wait sleeps for d unless ctx ends first; it reports whether the full time
// passed.
func wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// faultReply is the answer a Status or Body fault gives instead of the real
// one: the raw Body, or an ApiErrorInternal in the request's interface's
// form with the fault's status.
func faultReply(f Fault, out answerer) reply {
	status := f.Status
	if status == 0 {
		status = http.StatusOK
	}
	if f.Body != "" {
		return reply{status: status, contentType: rawContentType(f.Body), body: []byte(f.Body)}
	}
	e := internalError("Simulated fault: the server answered %d %s.", status, http.StatusText(status))
	e.status = status
	return out.refuse(e)
}

// ParseFault reads a fault from its command-line form: comma-separated
// key=value fields among method=NAME, times=N, delay=DURATION, status=CODE,
// drop, and body=TEXT, which must come last and takes the rest of the text
// (commas included). Example: "method=job.status,status=503,times=2".
func ParseFault(spec string) (Fault, error) {
	var f Fault
	rest := strings.TrimSpace(spec)
	if rest == "" {
		return f, fmt.Errorf("fault: empty; want e.g. method=job.status,status=503,times=2")
	}
	for rest != "" {
		if strings.HasPrefix(rest, "body=") {
			f.Body = strings.TrimPrefix(rest, "body=")
			break
		}
		field, tail, _ := strings.Cut(rest, ",")
		rest = tail
		key, val, hasVal := strings.Cut(strings.TrimSpace(field), "=")
		if err := f.setField(key, val, hasVal); err != nil {
			return Fault{}, fmt.Errorf("fault %q: %w", spec, err)
		}
	}
	if f.Delay == 0 && f.Status == 0 && f.Body == "" && !f.Drop {
		return Fault{}, fmt.Errorf("fault %q: does nothing; give delay, status, body or drop", spec)
	}
	return f, nil
}

// setField sets one field of ParseFault's form.
func (f *Fault) setField(key, val string, hasVal bool) error {
	if key != "drop" && !hasVal {
		return fmt.Errorf("%q needs a value (%s=…)", key, key)
	}
	switch key {
	case "method":
		if _, ok := model.LookupMethod(model.Method(val)); !ok {
			return fmt.Errorf("method %q is not a method the sandbox answers", val)
		}
		f.Method = model.Method(val)
	case "times":
		n, err := strconv.Atoi(val)
		if err != nil || n < 0 {
			return fmt.Errorf("times %q is not a whole number ≥ 0", val)
		}
		f.Times = n
	case "delay":
		d, err := time.ParseDuration(val)
		if err != nil || d < 0 {
			return fmt.Errorf("delay %q is not a duration such as 500ms or 3s", val)
		}
		f.Delay = d
	case "status":
		n, err := strconv.Atoi(val)
		if err != nil || n < 100 || n > 599 {
			return fmt.Errorf("status %q is not an HTTP status (100–599)", val)
		}
		f.Status = n
	case "drop":
		if hasVal {
			return fmt.Errorf("drop takes no value")
		}
		f.Drop = true
	default:
		return fmt.Errorf("unknown field %q (want method, times, delay, status, drop or body)", key)
	}
	return nil
}
