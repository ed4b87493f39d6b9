package api

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RetryPolicy bounds the retries of reads and dry runs. The wait before
// retry n (n = 1, 2, …) is a random duration in [0, min(MaxDelay,
// BaseDelay·2^(n-1))] ("full jitter"), or what a Retry-After header asks for
// on 429 and 503 answers, if that is at most MaxRetryAfter.
type RetryPolicy struct {
	// MaxAttempts is the most attempts per call, the first included (≥ 1).
	MaxAttempts int
	// BaseDelay is the cap of the first wait; MaxDelay caps every wait.
	BaseDelay, MaxDelay time.Duration
}

// NoRetry makes one attempt only (for tests).
var NoRetry = RetryPolicy{MaxAttempts: 1}

// MaxRetryAfter is the longest Retry-After the client waits for; a longer
// one ends the retries and is reported in the error.
const MaxRetryAfter = 30 * time.Second

// DefaultRetryPolicy is 4 attempts, waits from 250ms up to 4s with full
// jitter.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxAttempts: 4, BaseDelay: 250 * time.Millisecond, MaxDelay: 4 * time.Second}
}

func (p RetryPolicy) validate() error {
	switch {
	case p.MaxAttempts < 1:
		return fmt.Errorf("MaxAttempts is %d; it must be at least 1", p.MaxAttempts)
	case p.MaxAttempts > 20:
		return fmt.Errorf("MaxAttempts is %d; at most 20 are allowed", p.MaxAttempts)
	case p.BaseDelay < 0 || p.MaxDelay < 0:
		return errors.New("delays must not be negative")
	case p.MaxAttempts > 1 && p.BaseDelay > p.MaxDelay:
		return fmt.Errorf("BaseDelay %s is more than MaxDelay %s", p.BaseDelay, p.MaxDelay)
	}
	return nil
}

// backoff returns the wait before retry n (n ≥ 1) after err. ok is false
// when the server asked for a wait longer than MaxRetryAfter.
func (c *Client) backoff(n int, err error) (wait time.Duration, ok bool) {
	if ra := retryAfterOf(err); ra > 0 {
		if ra > MaxRetryAfter {
			return 0, false
		}
		return ra, true
	}
	ceiling := c.retry.BaseDelay
	for i := 1; i < n && ceiling < c.retry.MaxDelay; i++ {
		ceiling *= 2
	}
	if ceiling > c.retry.MaxDelay {
		ceiling = c.retry.MaxDelay
	}
	if ceiling <= 0 {
		return 0, true
	}
	return time.Duration(c.jitter(int64(ceiling) + 1)), true
}

// retryAfterOf returns the Retry-After an error answer carried.
func retryAfterOf(err error) time.Duration {
	var e *Error
	if errors.As(err, &e) {
		return e.RetryAfter
	}
	var p *ProtocolError
	if errors.As(err, &p) {
		return p.RetryAfter
	}
	return 0
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date.
func parseRetryAfter(h http.Header, now time.Time) time.Duration {
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 {
			return 0
		}
		if n > int64(24*time.Hour/time.Second) {
			n = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d.Round(time.Second)
		}
	}
	return 0
}

// retryableStatus lists the statuses worth another attempt for a read:
// throttling, gateway failures and Memset's own 500 (a read cannot change
// anything, so another try costs only time).
func retryableStatus(status int) bool {
	switch status {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// retryable reports whether a read that failed with err may be tried again.
// Errors of the caller's own making (a cancelled context) and failures that
// another try cannot mend (a bad certificate, an unknown host, a refusal
// such as bad parameters, garbage on a 2xx) are not retried.
func retryable(err error) bool {
	var e *Error
	if errors.As(err, &e) {
		return retryableStatus(e.Status) || e.isThrottled()
	}
	var p *ProtocolError
	if errors.As(err, &p) {
		return retryableStatus(p.Status)
	}
	var n *NetworkError
	if errors.As(err, &n) {
		if errors.Is(n.Err, errCallerDone) || errors.Is(n.Err, errCancelled) {
			return false
		}
		return !permanentNetError(n.Err)
	}
	return false
}

// permanentNetError reports failures that retrying cannot mend.
func permanentNetError(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return true
	}
	return isTLSRefusal(err)
}

// isTLSRefusal reports a failed TLS handshake: a bad certificate or a
// server that does not speak TLS. No request bytes were written.
func isTLSRefusal(err error) bool {
	var (
		certErr   *tls.CertificateVerificationError
		authErr   x509.UnknownAuthorityError
		hostErr   x509.HostnameError
		invErr    x509.CertificateInvalidError
		recordErr tls.RecordHeaderError
	)
	return errors.As(err, &certErr) || errors.As(err, &authErr) || errors.As(err, &hostErr) ||
		errors.As(err, &invErr) || errors.As(err, &recordErr)
}
