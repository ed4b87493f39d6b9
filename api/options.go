package api

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"strings"
	"time"

	"github.com/memset-order/memset-order/model"
)

// Option configures a Client in New. An option that is given a bad value
// makes New fail with an error that names it.
type Option func(*Client) error

// WithBaseURL sets the API's base URL, e.g. DefaultBaseURL or a sandbox's
// "http://127.0.0.1:PORT/v1/json". It must be https://, or http:// to a
// loopback address (127.0.0.0/8, ::1, localhost), and must not contain a
// user name or password.
func WithBaseURL(u string) Option {
	return func(c *Client) error {
		base, err := parseBaseURL(u)
		if err != nil {
			return err
		}
		c.base = base
		return nil
	}
}

// WithHTTPClient sets the HTTP client, e.g. one whose Transport is the
// sandbox's in-memory transport. The client is copied: New never changes
// it, and redirects are never followed.
func WithHTTPClient(h *http.Client) Option {
	return func(c *Client) error {
		if h == nil {
			return errors.New("WithHTTPClient: nil *http.Client")
		}
		c.http = h
		return nil
	}
}

// WithAPIKey sets the API key: 32 hexadecimal digits (surrounding spaces
// and a trailing newline, as read from a file, are ignored). The key is sent
// only in the Authorization header; the error for a malformed key does not
// contain it.
func WithAPIKey(key string) Option {
	return func(c *Client) error {
		key = strings.TrimSpace(key)
		if err := checkAPIKey(key); err != nil {
			return err
		}
		c.setKey(key)
		return nil
	}
}

// WithKeySource names where the key came from ("MEMSET_API_KEY", "the
// key file", "the prompt"), so that a refused key's error says what to
// check. The default is MEMSET_API_KEY.
func WithKeySource(from string) Option {
	return func(c *Client) error {
		c.keyFrom = from
		return nil
	}
}

// WithUserAgent sets the User-Agent header; the default is
// "memset-order/<version>".
func WithUserAgent(ua string) Option {
	return func(c *Client) error {
		if strings.TrimSpace(ua) == "" {
			return errors.New("WithUserAgent: empty user agent")
		}
		if len(ua) > 256 {
			return errors.New("WithUserAgent: user agent longer than 256 characters")
		}
		for _, r := range ua {
			if r < 0x20 || r == 0x7f || r > 0x7e {
				return fmt.Errorf("WithUserAgent: user agent may hold only printable ASCII characters, not %q", r)
			}
		}
		c.userAgent = ua
		return nil
	}
}

// WithTimeout sets how long one attempt (request and whole answer) may
// take; the default is DefaultTimeout.
func WithTimeout(d time.Duration) Option {
	return func(c *Client) error {
		if d <= 0 {
			return fmt.Errorf("WithTimeout: %s is not a positive duration", d)
		}
		c.timeout = d
		return nil
	}
}

// WithRetry sets the retry policy for reads and dry runs; NoRetry turns
// retries off. Real orders are never retried, whatever the policy.
func WithRetry(p RetryPolicy) Option {
	return func(c *Client) error {
		if err := p.validate(); err != nil {
			return fmt.Errorf("WithRetry: %w", err)
		}
		c.retry = p
		return nil
	}
}

// WithDebugLog writes every request and answer to w: the Authorization
// header is replaced by "[redacted]", the key is scrubbed from all text,
// and bodies are cut to a few KiB. A nil w turns the log off (the default).
func WithDebugLog(w io.Writer) Option {
	return func(c *Client) error {
		if w == nil {
			c.debug = nil
			return nil
		}
		c.debug = &debugLog{w: w}
		return nil
	}
}

// WithCatalogue sets the catalogue that maps an Order's Product to its
// create method and target parameter; the default is
// model.DefaultCatalogue().
func WithCatalogue(cat *model.Catalogue) Option {
	return func(c *Client) error {
		if cat == nil {
			return errors.New("WithCatalogue: nil catalogue")
		}
		c.catalogue = cat
		return nil
	}
}

// WithSleep replaces the wait between retries, so tests need not wait.
// sleep must return ctx.Err() when ctx ends first.
func WithSleep(sleep func(ctx context.Context, d time.Duration) error) Option {
	return func(c *Client) error {
		if sleep == nil {
			return errors.New("WithSleep: nil function")
		}
		c.sleep = sleep
		return nil
	}
}

// WithMethodOverrides makes the client send, for each of its methods that
// m names (a method of model.Methods), the name m gives instead: the name
// Memset really uses, for the five inferred names (model.Methods). It
// applies to every call, creates included, and the debug log shows the
// name sent; what the client decides about a call (whether it may order,
// whether it may be retried) is still decided by its own name. A name that
// is not a method name, a method memset-order does not have, another of
// its methods' names, two methods under one name, or a read under a
// create method's name makes New fail. A nil or empty m changes nothing.
func WithMethodOverrides(m map[model.Method]model.Method) Option {
	return func(c *Client) error {
		if err := checkMethodOverrides(m); err != nil {
			return fmt.Errorf("WithMethodOverrides: %w", err)
		}
		c.overrides.methods = maps.Clone(m)
		return nil
	}
}

// WithErrorTypeOverrides makes the client read an error answer whose
// error_type is a key of m as the error type m gives (one of
// model.ErrorTypes), so that IsBadParameters and the like recognise
// Memset's real names. A key that is not an error type name or is already
// one of memset-order's, or a value that is not one of model.ErrorTypes,
// makes New fail. A nil or empty m changes nothing.
func WithErrorTypeOverrides(m map[string]model.ErrorType) Option {
	return func(c *Client) error {
		if err := checkErrorTypeOverrides(m); err != nil {
			return fmt.Errorf("WithErrorTypeOverrides: %w", err)
		}
		c.overrides.errorTypes = maps.Clone(m)
		return nil
	}
}
