package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// readJournal reads the journal at path and warns on w about lines it
// had to skip. A path that is not a regular file (a named pipe would block
// the read past ctrl+c) is refused before it is opened.
func readJournal(path string, w io.Writer) (journal.ReadResult, error) {
	if err := journal.CheckRegular(path); err != nil {
		return journal.ReadResult{}, err
	}
	res, err := journal.Read(path)
	if err != nil {
		return res, err
	}
	if res.Damaged > 0 {
		fmt.Fprintf(w, "warning: %d damaged line(s) in %s were skipped\n", res.Damaged, oneLine(path))
	}
	return res, nil
}

// embedded reports whether r was ordered from an embedded sandbox, whose
// invoices and jobs ended with the program that placed it.
func embedded(r journal.Record) bool {
	return r.Sandbox || r.Endpoint == sandbox.BaseURL
}

// errNoEntry: no journal entry has the id or job id given.
var errNoEntry = errors.New("no such entry")

// minPrefix is the shortest id prefix findEntry accepts.
const minPrefix = 4

// userID is an id the person typed (a job id, a journal entry's id or
// the start of either) as the journal and Memset write it: hexadecimal
// digits in lower case, so that 739C99F2… finds 739c99f2…. Anything that
// is not all hexadecimal digits is left as typed, for the error to quote.
func userID(id string) string {
	for _, r := range id {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return id
		}
	}
	return strings.ToLower(id)
}

// findEntry finds the journal entry whose id or job id is id, or (at
// least minPrefix characters) starts with it when only one does. The
// error names what was looked for and where.
func findEntry(res journal.ReadResult, id, path string) (journal.Record, error) {
	if r, ok := res.Find(id); ok {
		return r, nil
	}
	var found []journal.Record
	if len(id) >= minPrefix {
		for _, r := range res.Records {
			if strings.HasPrefix(r.ID, id) || (r.JobID != "" && strings.HasPrefix(r.JobID, id)) {
				found = append(found, r)
			}
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return journal.Record{}, fmt.Errorf("%w: the journal %s has no entry or job %s (memset-order orders lists them)", errNoEntry, oneLine(path), quoteArg(id))
	}
	ids := make([]string, 0, len(found))
	for _, r := range found {
		ids = append(ids, oneLine(r.ID))
	}
	return journal.Record{}, usageError(fmt.Errorf("%s starts %d journal entries (%s): give more of the id", quoteArg(id), len(found), strings.Join(ids, ", ")))
}

// stateWords is a journal state in a customer's words.
func stateWords(s string) string {
	switch s {
	case journal.StatePending:
		return "no answer recorded"
	case journal.StateUnknown:
		return "OUTCOME UNKNOWN"
	case journal.StatePlaced:
		return "ordered"
	case journal.StateMismatch:
		return "ordered, PRICE DIFFERS"
	case journal.StateDryRunOrder:
		return "ORDERED BY A PRICE CHECK"
	case journal.StateRefused:
		return "not ordered"
	case journal.StateDone:
		return "ready"
	case journal.StateFailed:
		return "SET-UP FAILED"
	}
	return oneLine(s)
}

// describeRecord is "monthly_miniserver MSVM001 debian_jessie_64" or, for
// a top-up, "bandwidth_bank sandyaa1 +100 GB".
func describeRecord(r journal.Record) string {
	parts := []string{r.Product}
	for _, k := range []string{"sku", "os", "name"} {
		if v := r.Params[k]; v != "" {
			parts = append(parts, v)
		}
	}
	if gb := r.Params["gb"]; gb != "" {
		parts = append(parts, "+"+gb+" GB")
	}
	return oneLine(strings.Join(parts, " "))
}

// recordOrder is the order a record describes, as far as settling it
// needs: the product, its plan and a top-up's server.
func recordOrder(r journal.Record, cat *model.Catalogue) model.Order {
	o := model.Order{Product: model.ProductID(r.Product), SKU: r.Params["sku"], OS: r.Params["os"]}
	if p, ok := cat.Product(o.Product); ok && p.TargetParam != "" {
		o.Target = r.Params[p.TargetParam]
	}
	return o
}

// unsettled reports whether r's outcome is not known: the create may or
// may not have ordered.
func unsettled(r journal.Record) bool {
	return r.State == journal.StatePending || r.State == journal.StateUnknown
}
