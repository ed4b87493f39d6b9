package cli

import (
	"cmp"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/memset-order/memset-order/model"
)

// The close-match rule of `memset-order doctor`: which of the API's
// listed methods may be the real name of one of memset-order's methods
// that the API does not list. closeMatchRule says it; --help and the
// README repeat it.

// closeMatchRule is the close-match rule in words, for --help.
const closeMatchRule = `A listed method is a close match for a missing one when it is in the
same namespace (create in create.openstack), no method of memset-order's is
already sent under it, and its last word shares a word of four letters or
more with the missing one's (words split at _, a final s ignored:
create.openstack_project for create.openstack) or is at most two edits
from it once the _ are dropped (create.open_stack). The best shares the
most words, then needs the fewest edits; a tie becomes no override.`

// methodNamePattern is the form of a method name an override may hold:
// dotted lower_snake words (api's own check).
var methodNamePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`) })

// match is one candidate with its score.
type match struct {
	name   string
	shared int // words shared
	edits  int // edits between the last words, "_" dropped
}

// closeMatches returns the listed names that are close matches for
// missing, best first, and whether the first is the one best (no tie).
// taken are names already accounted for (sent as one of memset-order's
// methods).
func closeMatches(missing model.Method, listed []string, taken map[string]bool) (matches []string, unique bool) {
	ns, last := splitMethod(string(missing))
	var found []match
	for _, name := range listed {
		if taken[name] || name == string(missing) || !methodNamePattern().MatchString(name) {
			continue
		}
		nns, nlast := splitMethod(name)
		if nns != ns {
			continue
		}
		m := match{name: name, shared: sharedWords(last, nlast), edits: editDistance(strings.ReplaceAll(last, "_", ""), strings.ReplaceAll(nlast, "_", ""))}
		if m.shared > 0 || m.edits <= 2 {
			found = append(found, m)
		}
	}
	slices.SortFunc(found, func(a, b match) int {
		return cmp.Or(cmp.Compare(b.shared, a.shared), cmp.Compare(a.edits, b.edits), cmp.Compare(a.name, b.name))
	})
	for _, m := range found {
		matches = append(matches, m.name)
	}
	unique = len(found) == 1 || (len(found) > 1 && (found[0].shared != found[1].shared || found[0].edits != found[1].edits))
	return matches, unique
}

// splitMethod splits a method name into its namespace and last word.
func splitMethod(name string) (ns, last string) {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return "", name
	}
	return name[:i], name[i+1:]
}

// sharedWords counts the words of four letters or more that a and b
// share (split at "_", a final "s" ignored).
func sharedWords(a, b string) int {
	words := func(s string) map[string]bool {
		out := map[string]bool{}
		for _, w := range strings.Split(s, "_") {
			if w = strings.TrimSuffix(w, "s"); len(w) >= 4 {
				out[w] = true
			}
		}
		return out
	}
	wb := words(b)
	n := 0
	for w := range words(a) {
		if wb[w] {
			n++
		}
	}
	return n
}

// editDistance is the Levenshtein distance between a and b, in bytes
// (method names are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
