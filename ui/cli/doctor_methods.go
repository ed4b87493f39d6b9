package cli

import (
	"fmt"
	"slices"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// The doctor's judgement of each of memset-order's methods: listed or
// not, what calling it said, and the override for one the API has under
// another name.

// methods reports each of memset-order's methods, and the overrides that
// would fix the missing ones.
func (d *doctor) methods() {
	d.r.suggested.Methods = map[model.Method]model.Method{}
	taken := d.takenNames()
	for _, info := range model.Methods {
		m := info.Name
		sent := d.c.MethodName(m)
		rep := methodReport{Name: m, Source: info.Source, SentAs: sent, Listed: "unknown"}
		_, opt := optional[m]
		rep.Needed = !opt
		if d.listed {
			rep.Listed = "no"
			if d.listing.Has(sent) {
				rep.Listed = "yes"
			}
		}
		o := d.outcome(m)
		rep.Key = keyWords[o.v]
		missing := (rep.Listed == "no" && o.v != answered) || o.v == notThere
		unique := false
		if missing {
			rep.Key = keyWords[notThere]
			if d.listed {
				rep.CloseMatches, unique = closeMatches(m, d.listing.Names, taken)
			}
		}
		if theirs, ok := d.b.Overrides.Methods[m]; ok && !missing {
			d.r.suggested.Methods[m] = theirs // the override in use still applies
		}
		d.r.Methods = append(d.r.Methods, rep)
		if m == model.MethodListMethods {
			continue // the listing's own line says it
		}
		d.methodLine(rep, o, missing, unique)
	}
	d.dropSharedTargets()
}

// outcome is what calling m said; the listing's answer for
// system.listMethods.
func (d *doctor) outcome(m model.Method) outcome {
	if m != model.MethodListMethods {
		if o, ok := d.outcomes[m]; ok {
			return o
		}
		return outcome{v: notTried, detail: "not called: no call of it is in the doctor (nor, for a create method, a product of the catalogue)"}
	}
	if d.listErr == nil {
		return outcome{v: answered}
	}
	return outcome{v: judge(d.listErr, m, false), err: d.listErr}
}

// keyWords say what a verdict means for the key, in the JSON report.
var keyWords = map[verdict]string{
	notTried: "not tried", answered: "may call", refused: "refused", notThere: "missing",
	misread: "misread", ordered: "ordered", unsure: "unsure",
}

// methodLine adds the line of one method.
func (d *doctor) methodLine(rep methodReport, o outcome, missing, unique bool) {
	add := func(status, msg string, fix *overrideEntry) {
		if rep.SentAs != rep.Name {
			msg = "sent as " + string(rep.SentAs) + " (the overrides file): " + msg
		}
		d.r.add("method", string(rep.Name), status, msg, fix)
	}
	bad := statusFail
	if !rep.Needed {
		bad = statusWarn
	}
	because := ""
	if why, ok := optional[rep.Name]; ok {
		because = "; memset-order can do without it: " + why
	}
	switch {
	case o.v == ordered:
		add(statusFail, "a DRY RUN WAS ANSWERED WITH A REAL ORDER: "+errText(o.err)+"; check your invoices (invoice.list) before anything else, and the doctor sent no further dry runs", nil)
	case missing:
		msg, fix := d.missing(rep, o, unique)
		add(bad, msg+because, fix)
	case o.v == refused:
		add(bad, "the key may not call it ("+errText(o.err)+"): it is scoped to other methods"+because, nil)
	case o.v == misread:
		add(bad, "it answered, but not as memset-order reads it: "+errText(o.err)+because, nil)
	case o.v == unsure:
		add(statusWarn, "could not tell whether the key may call it: "+errText(o.err), nil)
	case o.v == notTried:
		add(statusWarn, listedWords(rep.Listed, false)+"; "+o.detail, nil)
	case rep.Listed == "no":
		add(statusWarn, "not in the API's list of methods, but it answered the doctor's call, and the key may call it", nil)
	default:
		msg := listedWords(rep.Listed, true) + ", and the key may call it"
		if o.detail != "" {
			msg += " (" + o.detail + ")"
		}
		add(statusOK, msg, nil)
	}
}

// listedWords says whether a method is listed (and, when that is not
// known, whether it answered).
func listedWords(listed string, answered bool) string {
	switch {
	case listed == "yes":
		return "listed"
	case listed == "no":
		return "not listed"
	case answered:
		return "answered"
	}
	return "whether the API has it is not known"
}

// missing says of a method the API does not have under the name sent what
// was found instead, and the override that fixes it (nil when there is
// none to suggest); the override is added to the suggestions.
func (d *doctor) missing(rep methodReport, o outcome, unique bool) (string, *overrideEntry) {
	msg := "the API does not have it"
	if rep.Listed == "no" {
		msg = "not in the API's list of methods"
	}
	if o.v == notThere && o.err != nil {
		msg += " (" + errText(o.err) + ")"
	}
	best, by := d.bestMatch(rep, unique)
	switch {
	case best != "":
		d.r.suggested.Methods[rep.Name] = model.Method(best)
		return msg + "; " + by, newOverride("methods", string(rep.Name), best)
	case len(rep.CloseMatches) > 0:
		return msg + "; close matches, none better than the others: " + strings.Join(rep.CloseMatches, ", ") + " (choose one and add it to the overrides file by hand)", nil
	case !d.listed:
		return msg + "; the API did not list its methods, so no close match could be looked for", nil
	}
	return msg + "; no listed method is a close match", nil
}

// bestMatch is the name to suggest for a missing method, and the words
// that say what found it: the method the services list names for its
// product, when that is a method name no other method is sent as (and
// listed, when the API lists its methods), or else the best close match
// when it is the only best (unique). It is "" when there is none.
func (d *doctor) bestMatch(rep methodReport, unique bool) (best, by string) {
	if p, ok := d.b.Catalogue.ProductByMethod(rep.Name); ok && d.world.offered {
		taken := d.takenNames()
		for _, o := range d.world.offers {
			n := string(o.Method)
			if o.Product == p.ID && n != string(rep.SentAs) && !taken[n] && methodNamePattern().MatchString(n) && (!d.listed || d.listing.Has(o.Method)) {
				return n, fmt.Sprintf("the services list names %s for %s", n, p.ID)
			}
		}
	}
	if len(rep.CloseMatches) > 0 && unique {
		return rep.CloseMatches[0], "close match: " + rep.CloseMatches[0]
	}
	return "", ""
}

// takenNames are the names memset-order's methods are sent as.
func (d *doctor) takenNames() map[string]bool {
	taken := map[string]bool{}
	for _, m := range model.Methods {
		taken[string(d.c.MethodName(m.Name))] = true
	}
	return taken
}

// dropSharedTargets removes suggestions that send two methods under one
// name (the client refuses them), saying so on the methods' lines.
func (d *doctor) dropSharedTargets() {
	by := map[model.Method][]model.Method{}
	for ours, theirs := range d.r.suggested.Methods {
		by[theirs] = append(by[theirs], ours)
	}
	for theirs, ours := range by {
		if len(ours) < 2 {
			continue
		}
		slices.Sort(ours)
		for _, m := range ours {
			delete(d.r.suggested.Methods, m)
		}
		for i, f := range d.r.Findings {
			if f.Override != nil && f.Override.Section == "methods" && f.Override.Value == string(theirs) {
				d.r.Findings[i].Override = nil
				d.r.Findings[i].Message += fmt.Sprintf(" — but %s is the close match of %s alike, so it is no override: choose by hand", theirs, strings.Join(names(ours), " and "))
			}
		}
	}
}

// names are methods as strings.
func names(ms []model.Method) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = string(m)
	}
	return out
}
