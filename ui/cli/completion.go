package cli

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// Shell completion. Each completion runs in a process of its own (the
// shell calls the hidden __complete command), so nothing is cached; the
// globals (--catalogue, --journal) are parsed before a completion function
// runs. A completion never prints: what it cannot read it offers nothing
// for.

// maxJournalCompletions bounds how many ids a completion from the journal
// offers (the newest ones).
const maxJournalCompletions = 100

// planExt is the extension completePlanFiles prefers: the one the help's
// examples give --plan-out (a plan file may have any name).
const planExt = "plan"

// keepOrder is a directive for values whose order means something (plans
// by size, OSes by family, newest job first): no file names, and the shell
// keeps the order given.
const keepOrder = cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder

// completeOrder registers the completions of `memset-order order PRODUCT`
// (cmd): product ids for PRODUCT, and for --sku, --os, --set, --bill-to and
// --discount what the catalogue (--catalogue, or the built-in one) offers
// the product in the first argument. The Factory is not needed today; it is
// taken so that every completion is wired the same way.
func completeOrder(cmd *cobra.Command, _ *Factory, g *Globals) {
	cmd.ValidArgsFunction = productCompletion(g)
	registerCompletion(cmd, "sku", productFlagCompletion(g, skuCompletions))
	registerCompletion(cmd, "os", productFlagCompletion(g, osCompletions))
	registerCompletion(cmd, "set", productFlagCompletion(g, setCompletions))
	registerCompletion(cmd, "bill-to", billToCompletion)
	registerCompletion(cmd, "discount", cobra.NoFileCompletions)
}

// completeJobIDs makes cmd's single argument complete the job ids of the
// local order journal (--journal, or the default one), newest first, each
// described by its order. Jobs of the embedded sandbox are left out (they
// ended with the program that placed them) unless --api-url is given. A
// journal that is missing or cannot be read offers nothing.
func completeJobIDs(cmd *cobra.Command, _ *Factory, g *Globals) {
	cmd.ValidArgsFunction = func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 || flagChanged(cmd, "latest") {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		path, err := g.journal()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		return jobIDCompletions(path, toComplete, g.APIURL != "")
	}
}

// completeEntryIDs makes cmd's single argument (`orders settle ID`)
// complete the ids of the journal entries (--journal, or the default
// journal) whose outcome is unknown, the only ones settle looks into:
// newest first, each described by its order and when it was sent. Entries
// sent to the embedded sandbox are left out, as settle refuses them, and so
// are ids the shell could not take as typed. A journal that is missing or
// cannot be read offers nothing.
func completeEntryIDs(cmd *cobra.Command, _ *Factory, g *Globals) {
	cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		path, err := g.journal()
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		return entryIDCompletions(path, toComplete)
	}
}

// completePlanFiles makes cmd's single argument (`apply FILE`) complete
// file names, preferring plan files (*.plan). Cobra's
// ShellCompDirectiveFilterFileExt alone would hide every other file in
// bash (_filedir) and zsh (_files -g) — fish and PowerShell ignore it and
// complete any file — and --plan-out takes any name. So the filter is
// asked for only while a *.plan file starts with what was typed; once
// none does (or the directory cannot be read), any file completes. In a
// directory with ms.plan and ms.json, "" or "ms." offers ms.plan (and the
// directories), and "ms.j" offers ms.json.
func completePlanFiles(cmd *cobra.Command) {
	cmd.ValidArgsFunction = func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		if hasPlanFile(toComplete) {
			return []cobra.Completion{planExt}, cobra.ShellCompDirectiveFilterFileExt
		}
		return nil, cobra.ShellCompDirectiveDefault
	}
}

// completeGlobals registers the completions of the shared flags cmd has:
// the sandbox's demo accounts, the default endpoint, and file names for the
// flags that name files.
func completeGlobals(cmd *cobra.Command) {
	registerCompletion(cmd, "sandbox-account", accountCompletion)
	registerCompletion(cmd, "api-url", cobra.FixedCompletions([]cobra.Completion{api.DefaultBaseURL}, cobra.ShellCompDirectiveNoFileComp))
	for _, name := range []string{"catalogue", "journal", "debug-log", "api-key-file"} {
		registerCompletion(cmd, name, fileCompletion)
	}
}

// registerCompletion registers fn for cmd's flag name. A flag cmd does
// not have, or one already registered, is left as it is: completion must
// never stop the program from starting.
func registerCompletion(cmd *cobra.Command, name string, fn cobra.CompletionFunc) {
	if cmd.Flag(name) == nil {
		return
	}
	_ = cmd.RegisterFlagCompletionFunc(name, fn)
}

// fileCompletion lets the shell complete file names.
func fileCompletion(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
	return nil, cobra.ShellCompDirectiveDefault
}

// productCompletion completes a PRODUCT first argument: the product ids,
// each described by its name.
func productCompletion(g *Globals) cobra.CompletionFunc {
	return func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		cat, err := LoadCatalogue(g.CatalogueFile)
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []cobra.Completion
		for _, p := range cat.Products {
			desc := p.Name
			if p.Deprecated != "" {
				desc += " (deprecated)"
			}
			out = appendMatch(out, toComplete, string(p.ID), desc)
		}
		return out, keepOrder
	}
}

// productFlagCompletion completes a flag of `order` with what complete
// offers for the product named by the first argument; nothing before a
// product is named, or for one the catalogue does not have.
func productFlagCompletion(g *Globals, complete func(*cobra.Command, *model.Catalogue, *model.Product, string) ([]cobra.Completion, cobra.ShellCompDirective)) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		cat, err := LoadCatalogue(g.CatalogueFile)
		if err != nil {
			return nil, cobra.ShellCompDirectiveError
		}
		if len(args) == 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		p, ok := cat.Product(model.ProductID(args[0]))
		if !ok {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return complete(cmd, cat, p, toComplete)
	}
}

// skuCompletions are p's plans, described by name and memory.
func skuCompletions(_ *cobra.Command, _ *model.Catalogue, p *model.Product, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, s := range p.SKUs {
		desc := s.Name
		if s.RAMMB > 0 {
			desc += ", " + sizeMB(s.RAMMB) + " RAM"
		}
		if s.Classic {
			desc += ", classic"
		}
		out = appendMatch(out, toComplete, s.Code, desc)
	}
	return out, keepOrder
}

// osCompletions are the stock OSes p offers, described by their display
// names.
func osCompletions(_ *cobra.Command, cat *model.Catalogue, p *model.Product, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for _, o := range productOSes(cat, p) {
		desc := o.Display
		if o.EOL {
			desc += " (end of life)"
		}
		out = appendMatch(out, toComplete, o.Name, desc)
	}
	return out, keepOrder
}

// setCompletions complete --set: before the "=", the names p takes (with
// the "=", and no space after it), leaving out those already given and,
// once --sku names a plan that is not classic, the classic-only ones;
// after "NAME=", that setting's values as NAME=VALUE.
func setCompletions(cmd *cobra.Command, _ *model.Catalogue, p *model.Product, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	name, value, hasValue := strings.Cut(toComplete, "=")
	if hasValue {
		return setValueCompletions(p, name, value)
	}
	given := map[string]bool{}
	for _, kv := range flagValues(cmd, "set") {
		n, _, _ := strings.Cut(kv, "=")
		given[strings.TrimSpace(n)] = true
	}
	modern := false
	if code := flagValue(cmd, "sku"); code != "" {
		s, ok := p.SKU(code)
		modern = ok && !s.Classic
	}
	var out []cobra.Completion
	for _, e := range p.Extras {
		if given[e.Param] || (e.ClassicOnly && modern) {
			continue
		}
		out = appendMatch(out, toComplete, e.Param+"=", e.Label)
	}
	if p.TargetParam != "" && !given[p.TargetParam] {
		out = appendMatch(out, toComplete, p.TargetParam+"=", "the server to top up")
	}
	return out, cobra.ShellCompDirectiveNoSpace | keepOrder
}

// setValueCompletions are the values of p's setting name, as NAME=VALUE,
// that start with value. A number, a text or the target has no list: an
// active-help line says what it takes.
func setValueCompletions(p *model.Product, name, value string) ([]cobra.Completion, cobra.ShellCompDirective) {
	if name == p.TargetParam && name != "" {
		return cobra.AppendActiveHelp(nil, name+": "+targetHelp(p)), cobra.ShellCompDirectiveNoFileComp
	}
	e, ok := p.Extra(name)
	if !ok {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	var out []cobra.Completion
	switch e.Type {
	case model.ExtraChoice:
		for _, c := range e.Choices {
			out = appendMatch(out, value, c.Value, c.Label)
		}
		for i := range out {
			out[i] = name + "=" + out[i]
		}
		return out, keepOrder
	case model.ExtraNumber:
		help := name + ": a whole number from " + strconv.Itoa(e.Min) + " to " + strconv.Itoa(e.Max)
		if e.Unit != "" {
			help += " " + e.Unit
		}
		out = cobra.AppendActiveHelp(out, model.Printable(help))
	case model.ExtraText:
		out = cobra.AppendActiveHelp(out, model.Printable(name+": "+formatWords(e.Format)))
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// billToCompletion offers the --bill-to words, described as the wizard
// says them.
func billToCompletion(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	var out []cobra.Completion
	for i, w := range order.BillToWords() {
		out = appendMatch(out, toComplete, w, model.BillTo(i).String())
	}
	return out, keepOrder
}

// accountCompletion offers the embedded sandbox's demo accounts, each
// described as --help describes it.
func accountCompletion(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	about := map[string]string{}
	for _, l := range strings.Split(sandbox.AccountPresetHelp(), "\n") {
		if n, d, ok := strings.Cut(l, ": "); ok {
			about[n] = d
		}
	}
	var out []cobra.Completion
	for _, n := range sandbox.AccountPresetNames() {
		out = appendMatch(out, toComplete, n, about[n])
	}
	return out, keepOrder
}

// jobIDCompletions are the job ids of the journal at path that start with
// prefix, newest first and each once, described by their order; withSandbox
// keeps those of the embedded sandbox.
func jobIDCompletions(path, prefix string, withSandbox bool) ([]cobra.Completion, cobra.ShellCompDirective) {
	sel, err := journal.Select(path, journal.Query{Limit: maxJournalCompletions, Match: func(b journal.Brief) bool {
		return model.ValidJobID(b.JobID) && strings.HasPrefix(b.JobID, prefix)
	}})
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	defer sel.Close()
	var out []cobra.Completion
	seen := map[string]bool{}
	err = sel.Each(func(r journal.Record) error {
		if seen[r.JobID] || !model.ValidJobID(r.JobID) || (embedded(r) && !withSandbox) {
			return nil
		}
		seen[r.JobID] = true
		desc := describeRecord(r) + ", " + journalTime(r.Time) + ", " + stateWords(r.State)
		out = appendMatch(out, prefix, r.JobID, desc)
		return nil
	})
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	return out, keepOrder
}

// errEnoughCompletions stops a journal walk once it has found
// maxJournalCompletions ids.
var errEnoughCompletions = errors.New("enough completions")

// entryIDCompletions are the ids of the journal at path that start with
// prefix and whose outcome is unknown (unsettled), newest first, each
// described as settle introduces it; entries of the embedded sandbox, and
// ids that are not plain words, are left out.
func entryIDCompletions(path, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
	sel, err := journal.Select(path, journal.Query{Match: func(b journal.Brief) bool {
		// unsettled reads the state only, which the brief has.
		return unsettled(journal.Record{State: b.State}) && strings.HasPrefix(b.ID, prefix) && plainWord(b.ID)
	}})
	if err != nil {
		return nil, cobra.ShellCompDirectiveError
	}
	defer sel.Close()
	var out []cobra.Completion
	err = sel.Each(func(r journal.Record) error {
		if embedded(r) {
			return nil
		}
		out = appendMatch(out, prefix, r.ID, describeRecord(r)+", sent "+journalTime(r.Time))
		if len(out) == maxJournalCompletions {
			return errEnoughCompletions
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnoughCompletions) {
		return nil, cobra.ShellCompDirectiveError
	}
	return out, keepOrder
}

// hasPlanFile reports whether a *.plan file starts with prefix, in the
// directory prefix names (the working directory when it names none). As a
// shell does, it counts a hidden file only when prefix's name starts with
// "."; a directory that cannot be read has none.
func hasPlanFile(prefix string) bool {
	dir, base := filepath.Split(prefix)
	if dir == "" {
		dir = "."
	}
	d, err := os.Open(dir)
	if err != nil {
		return false
	}
	defer d.Close()
	for {
		entries, err := d.ReadDir(256)
		for _, e := range entries {
			name := e.Name()
			if !e.IsDir() && strings.HasPrefix(name, base) && filepath.Ext(name) == "."+planExt &&
				(!strings.HasPrefix(name, ".") || strings.HasPrefix(base, ".")) {
				return true
			}
		}
		if err != nil {
			return false
		}
	}
}

// plainWord reports whether s is a word a shell takes as typed: letters,
// digits, '-' and '_' only (a journal entry's id always is).
func plainWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// journalTime is when a journal entry was sent, as settle says it:
// "2026-11-27 09:30 UTC".
func journalTime(t time.Time) string {
	return t.UTC().Format("2006-01-02 15:04") + " UTC"
}

// appendMatch appends value, with its description, when it starts with
// prefix. Both are filtered (model.Printable): they can come from a
// catalogue file or the journal, and a tab would end the value.
func appendMatch(out []cobra.Completion, prefix, value, desc string) []cobra.Completion {
	if !strings.HasPrefix(value, prefix) {
		return out
	}
	value = model.Printable(value)
	if desc = model.Printable(desc); desc == "" {
		return append(out, value)
	}
	return append(out, cobra.CompletionWithDesc(value, desc))
}

// flagValue is the value of cmd's flag name so far ("" when it has none).
func flagValue(cmd *cobra.Command, name string) string {
	if f := cmd.Flag(name); f != nil {
		return f.Value.String()
	}
	return ""
}

// flagValues are the values a repeatable flag of cmd was given so far.
func flagValues(cmd *cobra.Command, name string) []string {
	f := cmd.Flag(name)
	if f == nil {
		return nil
	}
	if s, ok := f.Value.(cobra.SliceValue); ok {
		return s.GetSlice()
	}
	return nil
}

// flagChanged reports whether cmd's flag name was given.
func flagChanged(cmd *cobra.Command, name string) bool {
	f := cmd.Flag(name)
	return f != nil && f.Changed
}
