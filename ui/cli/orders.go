package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/model"
)

// OrdersOptions is what `memset-order orders` needs.
type OrdersOptions struct {
	IO          *IOStreams
	JournalPath string
	// Output is "table" or "json".
	Output string
}

// newCmdOrders is `memset-order orders` with its settle subcommand; runF,
// when given, replaces runOrders.
func newCmdOrders(f *Factory, g *Globals, runF func(*OrdersOptions) error) *cobra.Command {
	opts := &OrdersOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "orders",
		Short: "List the orders in the local journal, newest first",
		Long: `List every real order this machine placed, newest first, from the local
journal: what was ordered, where, how it stands (ordered, ready, set-up
failed, OUTCOME UNKNOWN…), its net total, its invoice reference, job id and
new service. An order whose answer was lost is shown as OUTCOME UNKNOWN:
check your invoices (memset-order orders settle ID) before ordering it
again. -o json prints the journal's own fields (state, net_total,
currency, service, stage, …).`,
		Example: `  memset-order orders
  memset-order orders -o json | jq '.[0].job_id'
  memset-order orders settle 5f0c1a2b`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Output != "table" && opts.Output != "json" {
				return usageError(fmt.Errorf("output format %s is not known: use table or json", quoteArg(opts.Output)))
			}
			path, err := g.journal()
			if err != nil {
				return err
			}
			opts.JournalPath = path
			if runF != nil {
				return runF(opts)
			}
			return runOrders(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "table", "output format: table or json")
	cmd.AddCommand(newCmdOrdersSettle(f, g, nil))
	return cmd
}

// runOrders prints the journal.
func runOrders(opts *OrdersOptions) error {
	res, err := readJournal(opts.JournalPath, opts.IO.ErrOut)
	if err != nil {
		return err
	}
	if opts.Output == "json" {
		enc := json.NewEncoder(opts.IO.Out)
		enc.SetIndent("", "  ")
		recs := res.Records
		if recs == nil {
			recs = []journal.Record{}
		}
		return enc.Encode(recs)
	}
	return writeOrders(opts.IO.Out, res.Records)
}

// writeOrders prints the journal as a table, newest first. Under the
// table: the command that follows each job still under way, and a line
// for each order that needs a look (an outcome unknown, a price that
// differs, an order from a price check, a failed set-up).
func writeOrders(w io.Writer, recs []journal.Record) error {
	if len(recs) == 0 {
		_, err := fmt.Fprintln(w, "No orders in the journal yet.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN (UTC)\tSTATE\tWHAT\tNET\tINVOICE\tJOB\tSERVICE\tWHERE")
	var notes, follow []string
	for _, r := range recs {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
			r.Time.UTC().Format("2006-01-02 15:04"), stateWords(r.State), describeRecord(r), netColumn(r),
			orDash(invoiceColumn(r.InvoiceRef)), orDash(oneLine(r.JobID)), orDash(serviceColumn(r)), whereColumn(r))
		if l, ok := followLine(r); ok {
			follow = append(follow, l)
		}
		if n := note(r); n != "" {
			notes = append(notes, n)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(follow) > 0 {
		if _, err := fmt.Fprintln(w, "\nTo follow a job:\n"+strings.Join(follow, "\n")); err != nil {
			return err
		}
	}
	for _, n := range notes {
		if _, err := fmt.Fprintln(w, "\n! "+n); err != nil {
			return err
		}
	}
	return nil
}

// netColumn is Memset's net total for the order or, before an answer,
// the price that was confirmed.
func netColumn(r journal.Record) string {
	if m := money(r.NetTotal, r.Currency); m != "" {
		return m
	}
	if m := money(r.ConfirmedTotal, r.ConfirmedCurrency); m != "" {
		return m + " quoted"
	}
	return "—"
}

func invoiceColumn(ref int) string {
	if ref == 0 {
		return ""
	}
	return fmt.Sprint(ref)
}

// serviceColumn is the new service, or where a failed set-up stopped.
func serviceColumn(r journal.Record) string {
	switch {
	case r.Service != "":
		return oneLine(r.Service)
	case r.State == journal.StateFailed && r.Stage != "":
		return "stopped at " + oneLine(r.Stage)
	}
	return ""
}

func whereColumn(r journal.Record) string {
	if embedded(r) {
		return "SANDBOX"
	}
	return host(r.Endpoint)
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// followLine is the command that follows r's job, while it may still be
// under way: "  memset-order job follow ID  # 2026-11-27 09:00 …". The
// command finds the endpoint in the journal. Jobs of the embedded sandbox
// ended with the program that placed them, so they get none.
func followLine(r journal.Record) (string, bool) {
	if !model.ValidJobID(r.JobID) || embedded(r) {
		return "", false
	}
	switch r.State {
	case journal.StatePlaced, journal.StateMismatch, journal.StateDryRunOrder:
	default:
		return "", false
	}
	about := r.Time.UTC().Format("2006-01-02 15:04") + " " + describeRecord(r)
	return "  memset-order job follow " + r.JobID + "  # " + oneLine(about), true
}

// note says what to check about r, or "".
func note(r journal.Record) string {
	when, what := r.Time.UTC().Format(time.DateTime), describeRecord(r)
	switch r.State {
	case journal.StateUnknown, journal.StatePending:
		if embedded(r) {
			return fmt.Sprintf("%s: %s may or may not have been ordered in the embedded sandbox; nothing real was, and its invoices ended with the program.", when, what)
		}
		check := "check your invoices before ordering it again"
		if len(r.Candidates) > 0 {
			check = "invoice.list found " + refList(r.Candidates) + ", which may be it; check before ordering it again"
		}
		return fmt.Sprintf("%s: %s may or may not have been ordered; %s: memset-order orders settle %s", when, what, check, oneLine(r.ID))
	case journal.StateMismatch:
		return fmt.Sprintf("%s: %s was ordered, but Memset's answer differs from the price confirmed (%s): check %s before paying.",
			when, what, orDash(oneLine(r.Mismatch)), orDash(invoiceLabel(r.InvoiceRef)))
	case journal.StateDryRunOrder:
		return fmt.Sprintf("%s: a price check for %s came back as a real order (%s, job %s): cancel it in the Memset control panel if you did not want it.",
			when, what, orDash(invoiceLabel(r.InvoiceRef)), orDash(oneLine(r.JobID)))
	case journal.StateFailed:
		at := ""
		if r.Stage != "" {
			at = " at " + oneLine(r.Stage)
		}
		return fmt.Sprintf("%s: the set-up job of %s failed%s: quote job %s to Memset support.", when, what, at, orDash(oneLine(r.JobID)))
	}
	if r.Mismatch != "" {
		return fmt.Sprintf("%s: Memset's answer for %s differed from the price confirmed (%s).", when, what, oneLine(r.Mismatch))
	}
	return ""
}

// invoiceLabel is "invoice 100291", or "" for none.
func invoiceLabel(ref int) string {
	if ref == 0 {
		return ""
	}
	return fmt.Sprintf("invoice %d", ref)
}
