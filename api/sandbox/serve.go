package sandbox

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"time"

	"github.com/memset-order/memset-order/model"
)

// shutdownGrace is how long Serve waits for answers in progress when it
// stops.
const shutdownGrace = 5 * time.Second

// Serve answers the API over HTTP on addr until ctx is done, then shuts down
// and returns nil. It prints the base URL and a curl example to out; it
// never prints the key (the caller prints it once), and warns when addr is
// not a loopback address, since anyone who can reach it can then use the
// sandbox.
func (s *Sandbox) Serve(ctx context.Context, addr string, out io.Writer) error {
	if out == nil {
		out = io.Discard
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("sandbox: listen on %s: %w", addr, err)
	}
	tcp, _ := ln.Addr().(*net.TCPAddr)
	base := "http://" + ln.Addr().String() + "/v1/json"
	if tcp != nil && tcp.IP.IsUnspecified() {
		base = "http://" + net.JoinHostPort("127.0.0.1", fmt.Sprint(tcp.Port)) + "/v1/json"
	}
	fmt.Fprintf(out, "Memset API sandbox listening on %s\n", base)
	if tcp == nil || !tcp.IP.IsLoopback() {
		fmt.Fprintf(out, "Warning: %s is not a loopback address; anyone who can reach it can use this sandbox.\n", ln.Addr())
	}
	fmt.Fprintf(out, "Try (with the key in MEMSET_API_KEY):\n  curl -u \"$MEMSET_API_KEY:\" %s/%s/ -d sku=MSVM001 -d os=debian_jessie_64 -d dry_run=1\n", base, model.MethodMonthlyMiniserver)

	reqCtx, cancelRequests := context.WithCancel(context.Background())
	defer cancelRequests()
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          log.New(io.Discard, "", 0),
		BaseContext:       func(net.Listener) context.Context { return reqCtx },
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
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
