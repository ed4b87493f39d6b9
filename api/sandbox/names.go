package sandbox

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/memset-order/memset-order/model"
)

// rename is one WithMethodName: canonical answered as served.
type rename struct{ canonical, served model.Method }

// WithMethodName makes the sandbox answer the method canonical (a name of
// model.Methods) under the name served instead, on every interface:
// requests for served reach canonical's handler, requests for canonical
// answer ApiErrorDoesNotExist, and system.listMethods lists served. It lets
// a test (or `memset-order doctor`) play a Memset whose real name for an
// inferred method differs from ours, e.g. create.openstack served as
// create.openstack_project. Requests, Orders and Fault.Method keep the
// canonical name.
//
// A later WithMethodName for the same canonical method replaces an earlier
// one; served == canonical undoes it. A served name that another method
// answers to hides that method (the later option wins).
func WithMethodName(canonical, served model.Method) Option {
	return func(s *Sandbox) {
		s.renames = slices.DeleteFunc(s.renames, func(r rename) bool { return r.canonical == canonical })
		if served != "" && served != canonical {
			s.renames = append(s.renames, rename{canonical, served})
		}
	}
}

// methodNamePattern is what a served name may look like: dotted words, as
// Memset's own method names.
var methodNamePattern = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$`)
})

// ParseMethodName reads WithMethodName's command-line form,
// CANONICAL=SERVED, e.g. "create.openstack=create.openstack_project".
func ParseMethodName(spec string) (canonical, served model.Method, err error) {
	c, sv, ok := strings.Cut(strings.TrimSpace(spec), "=")
	canonical, served = model.Method(strings.TrimSpace(c)), model.Method(strings.TrimSpace(sv))
	switch {
	case !ok:
		return "", "", fmt.Errorf("method name %q: want CANONICAL=SERVED, e.g. %s=%s_project", spec, model.MethodOpenStack, model.MethodOpenStack)
	case !knownMethod(canonical):
		return "", "", fmt.Errorf("method name %q: %q is not a method the sandbox answers", spec, canonical)
	case !methodNamePattern().MatchString(string(served)):
		return "", "", fmt.Errorf("method name %q: %q is not a method name (dotted words, e.g. create.openstack_project)", spec, served)
	}
	return canonical, served, nil
}

func knownMethod(m model.Method) bool {
	_, ok := model.LookupMethod(m)
	return ok
}

// resolve returns the canonical name of the method a client named, and
// whether the method is reachable under that name: false for a canonical
// name served under another one. A name no method answers to comes back
// as it is; handlerFor refuses it.
func (s *Sandbox) resolve(name model.Method) (model.Method, bool) {
	for i := len(s.renames) - 1; i >= 0; i-- {
		if s.renames[i].served == name {
			return s.renames[i].canonical, true
		}
	}
	for _, r := range s.renames {
		if r.canonical == name {
			return name, false
		}
	}
	return name, true
}

// servedName is the name the method canonical is answered under.
func (s *Sandbox) servedName(canonical model.Method) model.Method {
	for _, r := range s.renames {
		if r.canonical == canonical {
			return r.served
		}
	}
	return canonical
}

// servedMethods lists, sorted, the names of every method the sandbox
// answers: the methods of model.Methods it has a handler for (the create
// methods of its catalogue, every other one), each under its served name.
func (s *Sandbox) servedMethods() []string {
	var out []string
	for _, m := range model.Methods {
		if _, ok := s.handlerFor(m.Name); !ok {
			continue
		}
		name := s.servedName(m.Name)
		if c, ok := s.resolve(name); ok && c == m.Name {
			out = append(out, string(name))
		}
	}
	slices.Sort(out)
	return out
}

// listMethods answers system.listMethods ("List all the public methods",
// Memset's API shell, memset-api.md §1.1): the names of the methods the
// sandbox answers, sorted.
func (s *Sandbox) listMethods(c *call) (any, *apiError) {
	if err := c.allow(); err != nil {
		return nil, err
	}
	return s.servedMethods(), nil
}
