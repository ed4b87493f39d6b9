package sandbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/memset-order/memset-order/model"
)

// shutdownGrace is how long Serve waits for answers in progress when it
// stops.
const shutdownGrace = 5 * time.Second

// The defaults of the ServeOptions: a handful of clients on one machine send
// small requests; nobody needs a minute to send 64 KiB.
const (
	defaultHeaderTimeout  = 10 * time.Second
	defaultBodyTimeout    = 10 * time.Second
	defaultIdleTimeout    = time.Minute
	defaultMaxHeaderBytes = 64 << 10
	defaultMaxConns       = 128
)

// serveConfig is what the ServeOptions set.
type serveConfig struct {
	headerTimeout  time.Duration
	bodyTimeout    time.Duration
	idleTimeout    time.Duration
	maxHeaderBytes int
	maxConns       int
}

// Serve answers the API over HTTP on addr until ctx is done, then shuts down
// and returns nil. When addr is not a loopback address it first warns on out
// that anyone who can reach it can use the sandbox; once listening, it
// prints the address it is bound to (a :0 port's real port), the base URL
// of each interface (JSON, XML-RPC, JSON-RPC; see Interfaces) and a curl
// example. It never prints the key (the caller prints it once).
//
// A client has a limited time to send each request's headers and body and
// to keep an idle connection, and only so many connections are served at
// once; opts change these limits.
func (s *Sandbox) Serve(ctx context.Context, addr string, out io.Writer, opts ...ServeOption) error {
	cfg := serveConfig{
		headerTimeout:  defaultHeaderTimeout,
		bodyTimeout:    defaultBodyTimeout,
		idleTimeout:    defaultIdleTimeout,
		maxHeaderBytes: defaultMaxHeaderBytes,
		maxConns:       defaultMaxConns,
	}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if out == nil {
		out = io.Discard
	}
	warned := false
	if where := beyondLoopback(ctx, addr); where != "" {
		warnExposed(out, where)
		warned = true
	}
	ln, err := net.Listen(network(addr), addr)
	if err != nil {
		return fmt.Errorf("sandbox: listen on %s: %w", addr, err)
	}
	base, local := "http://"+ln.Addr().String()+"/v1/json", ""
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok {
		ap := tcp.AddrPort()
		if where := exposure(ap.Addr(), ap.Port()); where != "" && !warned {
			warnExposed(out, where) // the name resolved otherwise when listening
		}
		if ap.Addr().IsUnspecified() {
			lo := netip.IPv6Loopback()
			if ap.Addr().Unmap().Is4() {
				lo = netip.AddrFrom4([4]byte{127, 0, 0, 1})
			}
			local = "http://" + netip.AddrPortFrom(lo, ap.Port()).String() + "/v1/json"
		}
	}
	if local == "" {
		fmt.Fprintf(out, "Memset API sandbox listening on %s\n", base)
		local = base
	} else {
		fmt.Fprintf(out, "Memset API sandbox listening on %s (every interface; from this machine, %s)\n", base, local)
	}
	fmt.Fprintf(out, "Interfaces (HTTP Basic auth: the key as user name, any password):\n%s", DescribeInterfaces(strings.TrimSuffix(local, "/v1/json")))
	fmt.Fprintf(out, "Try (with the key in MEMSET_API_KEY):\n  curl -u \"$MEMSET_API_KEY:\" %s/%s/ -d sku=MSVM001 -d os=debian_jessie_64 -d dry_run=1\n", local, model.MethodMonthlyMiniserver)

	reqCtx, cancelRequests := context.WithCancel(context.Background())
	defer cancelRequests()
	srv := &http.Server{
		Handler:           s.bodyDeadline(cfg.bodyTimeout),
		ReadHeaderTimeout: cfg.headerTimeout,
		IdleTimeout:       cfg.idleTimeout,
		MaxHeaderBytes:    cfg.maxHeaderBytes,
		ErrorLog:          log.New(io.Discard, "", 0),
		BaseContext:       func(net.Listener) context.Context { return reqCtx },
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(limitListener(ln, cfg.maxConns)) }()
	select {
	case err := <-done:
		return fmt.Errorf("sandbox: %w", err)
	case <-ctx.Done():
	}
	cancelRequests() // delayed answers (faults) give up at once
	shutCtx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		_ = srv.Close()
		return fmt.Errorf("sandbox: shutdown: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("sandbox: %w", err)
	}
	fmt.Fprintln(out, "Memset API sandbox stopped.")
	return nil
}

// network is "tcp4" for an IPv4 address, so that 0.0.0.0 is IPv4's every
// interface (as "tcp" it would be IPv6's too), and "tcp" otherwise.
func network(addr string) string {
	if host, _, err := net.SplitHostPort(addr); err == nil {
		if a, err := netip.ParseAddr(host); err == nil && a.Is4() {
			return "tcp4"
		}
	}
	return "tcp"
}

// warnExposed tells out that the sandbox listens where others can reach it.
func warnExposed(out io.Writer, where string) {
	fmt.Fprintf(out, "Warning: not a loopback address (%s): anyone who can reach it can use this sandbox.\n", where)
}

// beyondLoopback tells, before listening on addr, whether the listener
// would be reachable from other machines: it returns where (an address and
// port, numeric, never addr's own text, which a person may have pasted
// anything into), or "" when every address addr names is a loopback one or
// addr cannot be read, in which case listening fails or Serve warns after.
func beyondLoopback(ctx context.Context, addr string) string {
	host, portName, err := net.SplitHostPort(addr)
	if err != nil {
		return ""
	}
	port, err := net.DefaultResolver.LookupPort(ctx, "tcp", portName)
	if err != nil || port < 0 || port > 65535 {
		return ""
	}
	if host == "" {
		return exposure(netip.IPv6Unspecified(), uint16(port))
	}
	if a, err := netip.ParseAddr(host); err == nil {
		return exposure(a, uint16(port))
	}
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
	if err != nil {
		return ""
	}
	for _, a := range addrs {
		if where := exposure(a, uint16(port)); where != "" {
			return where
		}
	}
	return ""
}

// exposure describes a listening address that is not a loopback one, or
// returns "". Port 0, not yet chosen, is left out.
func exposure(a netip.Addr, port uint16) string {
	a = a.Unmap().WithZone("")
	switch {
	case a.IsLoopback():
		return ""
	case a.IsUnspecified() && port == 0:
		return "every interface"
	case a.IsUnspecified():
		return "port " + strconv.Itoa(int(port)) + " of every interface"
	case port == 0:
		return a.String()
	}
	return netip.AddrPortFrom(a, port).String()
}

// bodyDeadline is the sandbox as Serve's handler: it reads each request's
// body (up to one byte more than the sandbox takes) within d of the headers,
// so that a client sending it slowly holds its connection no longer, and
// refuses the request otherwise (ApiErrorBadParameters, in the form of the
// interface the path names). The deadline is lifted once the body is in, so that
// an answer a Delay fault holds back is not cut short; it stays when the
// body is too large to read whole, since the server then reads on (up to
// 256 KiB) to discard it. http.Server's ReadTimeout would bound the same
// reads, but a late body would then be answered with a raw i/o error.
func (s *Sandbox) bodyDeadline(d time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rc := http.NewResponseController(w)
		if err := rc.SetReadDeadline(time.Now().Add(d)); err != nil || r.ContentLength > s.maxBody {
			s.ServeHTTP(w, r) // no deadline to set, or refused unread (too large)
			return
		}
		body, err := io.ReadAll(io.LimitReader(r.Body, s.maxBody+1))
		if err != nil {
			e := badRequest("The request body could not be read.")
			if ne, ok := errors.AsType[net.Error](err); ok && ne.Timeout() {
				e = badRequest("The request body did not arrive within %v of the headers.", d)
			}
			w.Header().Set("Connection", "close")
			interfaceOf(r.URL).plain.refuse(e).write(w)
			return
		}
		if int64(len(body)) <= s.maxBody {
			_ = rc.SetReadDeadline(time.Time{})
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		s.ServeHTTP(w, r)
	})
}

// limitListener accepts at most n connections at a time: Accept waits for
// one of them to close first, leaving the others in the kernel's queue.
func limitListener(ln net.Listener, n int) net.Listener {
	return &limitedListener{Listener: ln, slots: make(chan struct{}, n), closed: make(chan struct{})}
}

type limitedListener struct {
	net.Listener
	slots     chan struct{}
	closed    chan struct{}
	closeOnce sync.Once
}

// Accept waits for a free slot, then for a connection.
func (l *limitedListener) Accept() (net.Conn, error) {
	select {
	case l.slots <- struct{}{}:
	case <-l.closed:
		return nil, net.ErrClosed
	}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitedConn{Conn: c, release: func() { <-l.slots }}, nil
}

// Close closes the listener and wakes an Accept waiting for a slot.
func (l *limitedListener) Close() error {
	err := l.Listener.Close()
	l.closeOnce.Do(func() { close(l.closed) })
	return err
}

// limitedConn gives its slot back when it is closed, once.
type limitedConn struct {
	net.Conn
	once    sync.Once
	release func()
}

// Close closes the connection and frees its slot.
func (c *limitedConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// CloseWrite shuts the sending side, as net/http does to end a connection
// gently, when the connection can.
func (c *limitedConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return c.Close()
}
