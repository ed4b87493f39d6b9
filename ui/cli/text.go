package cli

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// oneLine is the printable filter (model.Printable, design §5, invariant
// 6) as the command line uses it: every value that comes from the journal
// (a file anyone could have edited), from Memset's answers or from the
// person's own arguments goes through it before it is printed.
func oneLine(s string) string { return model.Printable(s) }

// errText is an error for people, on one line.
func errText(err error) string {
	if err == nil {
		return ""
	}
	return oneLine(err.Error())
}

// methodPrefix is the "create.monthly_miniserver: " the api package puts
// before its errors; a summary already says which call it was.
var methodPrefix = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z_]+\.[a-z_.]+: `) })

// describe is an API error for people, on one line, without the method
// name in front.
func describe(err error) string {
	return methodPrefix().ReplaceAllString(errText(err), "")
}

// sentence ends s with a full stop unless it already ends a sentence.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasSuffix(s, ".") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!") {
		return s
	}
	return s + "."
}

// shellQuote quotes s for a POSIX shell unless it needs none (the one
// quoting rule, api.ShellQuote).
func shellQuote(s string) string { return api.ShellQuote(s) }

// clip shortens s (already filtered) for a message.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// quoteArg shows an argument the person typed, filtered and cut short.
func quoteArg(s string) string { return fmt.Sprintf("%q", clip(oneLine(s), 40)) }

// refList is "invoice 100291" or "invoices 100291, 100292", each number
// once.
func refList(refs []int) string {
	var parts []string
	seen := map[int]bool{}
	for _, r := range refs {
		if !seen[r] {
			seen[r] = true
			parts = append(parts, fmt.Sprint(r))
		}
	}
	if len(parts) == 1 {
		return "invoice " + parts[0]
	}
	return "invoices " + strings.Join(parts, ", ")
}

// host is the host of an endpoint, for tables ("api.memset.com").
func host(endpoint string) string {
	if u, err := url.Parse(endpoint); err == nil && u.Host != "" {
		return oneLine(u.Host)
	}
	return oneLine(endpoint)
}

// money formats an amount and currency as written in the journal
// ("7.50", "GBP") for people: "£7.50"; what does not parse as a price (a
// negative amount in a hand-edited journal too) is shown as it is,
// filtered, never as a price.
func money(amount, currency string) string {
	if amount == "" {
		return ""
	}
	a, err := model.ParsePrice(amount)
	if err != nil || (currency != "" && !model.Currency(currency).Valid()) {
		return strings.TrimSpace(oneLine(amount + " " + currency))
	}
	return model.Money{Amount: a, Currency: model.Currency(currency)}.String()
}

// resumeCommand is the command that follows job id again, as it must be
// pasted: with --api-url when the journal cannot name the endpoint.
func resumeCommand(id, endpoint string, journalled bool) string {
	return "memset-order job follow " + id + resumeArgs(endpoint, journalled)
}

// resumeArgs are the flags the resume command needs: --api-url for an
// endpoint other than the default one, unless the journal names it.
func resumeArgs(endpoint string, journalled bool) string {
	if journalled || endpoint == "" || endpoint == api.DefaultBaseURL {
		return ""
	}
	return " --api-url " + shellQuote(endpoint)
}
