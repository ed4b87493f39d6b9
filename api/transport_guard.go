package api

import (
	"fmt"
	"net/netip"
	"net/url"
	"strings"
)

// parseBaseURL checks a base URL: absolute, https (or http to a loopback
// host only), no credentials, no query or fragment. It returns the URL
// without a trailing slash. Error texts never repeat credentials.
func parseBaseURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", fmt.Errorf("base URL is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		// url.Error repeats the whole input, which may hold a key.
		return "", fmt.Errorf("base URL %q is not a valid URL", shownURL(raw))
	}
	shown := shownURL(raw)
	if u.User != nil {
		return "", fmt.Errorf("base URL %q must not contain a user name or password: give the API key separately (MEMSET_API_KEY), never in a URL", shown)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopbackHost(u.Hostname()) {
			return "", fmt.Errorf("base URL %q uses plain http:// to a host that is not this machine; the API key would cross the network unencrypted: use https://", shown)
		}
	default:
		return "", fmt.Errorf("base URL %q must start with https:// (or http:// for a loopback address)", shown)
	}
	if u.Host == "" || u.Hostname() == "" {
		return "", fmt.Errorf("base URL %q has no host", shown)
	}
	if u.RawQuery != "" || u.ForceQuery || u.Fragment != "" {
		return "", fmt.Errorf("base URL %q must not have a query or a fragment", shown)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u.String(), nil
}

// shownURL is a URL as an error may show it: without user information and
// without its query or fragment (where a key may have been pasted), which
// become "?…".
func shownURL(raw string) string {
	s := scrubUserinfo(raw)
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i] + "?…"
	}
	return s
}

// scrubUserinfo removes anything between "://" and "@" in the authority of a
// URL-like string, for error messages about URLs that may hold a key.
func scrubUserinfo(raw string) string {
	scheme, rest, ok := strings.Cut(raw, "://")
	if !ok {
		// Without a scheme there is no authority to scrub, but a key could
		// still be written as "KEY@host": drop everything up to the last @.
		if i := strings.LastIndex(raw, "@"); i >= 0 {
			return "…@" + raw[i+1:]
		}
		return raw
	}
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	if i := strings.LastIndex(rest[:end], "@"); i >= 0 {
		rest = "…@" + rest[i+1:]
	}
	return scheme + "://" + rest
}

// isLoopbackHost reports whether host is localhost or a loopback address
// (127.0.0.0/8, ::1, or IPv4-mapped forms of them).
func isLoopbackHost(host string) bool {
	h := strings.TrimSuffix(strings.ToLower(host), ".")
	if h == "localhost" {
		return true
	}
	addr, err := netip.ParseAddr(h)
	if err != nil {
		return false
	}
	return addr.Unmap().IsLoopback()
}

// checkAPIKey reports whether key is 32 hexadecimal digits. The error says
// what is wrong without repeating any of the key.
func checkAPIKey(key string) error {
	if len(key) != 32 {
		return fmt.Errorf("API key must be 32 hexadecimal digits; the one given has %d characters", len(key))
	}
	for i := 0; i < len(key); i++ {
		if !isHex(key[i]) {
			return fmt.Errorf("API key must be 32 hexadecimal digits; the one given has a character that is not 0-9 or a-f at position %d", i+1)
		}
	}
	return nil
}

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}
