package sandbox

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"strconv"
)

// ErrDropped is what Transport's RoundTrip returns when a Drop fault closed
// the connection: the request was processed, the answer is lost.
var ErrDropped = errors.New("sandbox: connection dropped before an answer (simulated fault)")

// Transport returns an http.RoundTripper that answers every request with
// this sandbox, in memory: no sockets, whatever the URL's host (BaseURL is
// the one to use). It honours the request's context; a Drop fault makes
// RoundTrip return ErrDropped after the request was processed.
func (s *Sandbox) Transport() http.RoundTripper { return transport{s} }

type transport struct{ s *Sandbox }

// RoundTrip answers req with the sandbox.
func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		defer req.Body.Close()
	}
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	if req.URL == nil {
		return nil, errors.New("sandbox: request without a URL")
	}
	rep := t.s.respond(req)
	switch {
	case rep.gone:
		if err := req.Context().Err(); err != nil {
			return nil, err
		}
		return nil, ErrDropped
	case rep.drop:
		return nil, ErrDropped
	}
	h := rep.headers()
	h.Set("Content-Length", strconv.Itoa(len(rep.body)))
	return &http.Response{
		Status:        strconv.Itoa(rep.status) + " " + http.StatusText(rep.status),
		StatusCode:    rep.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        h,
		Body:          io.NopCloser(bytes.NewReader(rep.body)),
		ContentLength: int64(len(rep.body)),
		Request:       req,
	}, nil
}
