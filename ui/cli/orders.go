package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// defaultOrdersLimit is how many orders the table shows unless --limit
// says otherwise.
const defaultOrdersLimit = 50

// OrdersOptions is what `memset-order orders` needs.
type OrdersOptions struct {
	IO          *IOStreams
	JournalPath string
	// Output is "table" or "json".
	Output string
	// Limit is how many of the newest orders to show; 0 shows all.
	Limit int
	// Since, when not zero, shows only the orders placed at or after it.
	Since time.Time
}

// newCmdOrders is `memset-order orders` with its settle subcommand; runF,
// when given, replaces runOrders.
func newCmdOrders(f *Factory, g *Globals, runF func(*OrdersOptions) error) *cobra.Command {
	opts := &OrdersOptions{IO: f.IO}
	var since string
	cmd := &cobra.Command{
		Use:   "orders",
		Short: "List the orders in the local journal, newest first",
		Long: `List the real orders this machine placed, newest first, from the local
journal: what was ordered, where, how it stands (ordered, ready, set-up
failed, OUTCOME UNKNOWN…), its net total, its invoice reference, job id and
new service. An order whose answer was lost is shown as OUTCOME UNKNOWN:
check your invoices (memset-order orders settle ID) before ordering it
again. -o json prints the journal's own fields (state, net_total,
currency, service, stage, …), with ssh_user and ssh_key (the SHA256
fingerprint of the session's key) for an order placed through
memset-order serve.

The table shows the ` + strconv.Itoa(defaultOrdersLimit) + ` newest orders and, under it, how many older ones
there are and how many of those need a look; --limit N shows N, --limit 0
all of them. -o json prints every order unless --limit is given. --since
keeps the orders placed from a date (2026-11-27, in UTC), a date and time
(2026-11-27 09:30 in UTC, or RFC 3339 with its zone), or a time ago (36h,
90m, 7d, 2w). The journal is read a line at a time and each order is
written out as it is read (the table keeps the text of its rows), so a
long journal costs time, not memory.`,
		Example: `  memset-order orders
  memset-order orders --since 7d
  memset-order orders --limit 0
  memset-order orders -o json | jq '.[0].job_id'
  memset-order orders settle 5f0c1a2b`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Output != "table" && opts.Output != "json" {
				return usageError(fmt.Errorf("output format %s is not known: use table or json", quoteArg(opts.Output)))
			}
			if opts.Limit < 0 {
				return usageError(fmt.Errorf("--limit %d: give a number of orders, or 0 for all", opts.Limit))
			}
			if opts.Output == "json" && !cmd.Flags().Changed("limit") {
				opts.Limit = 0
			}
			if since != "" {
				t, err := parseSince(since, time.Now())
				if err != nil {
					return usageError(err)
				}
				opts.Since = t
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
	cmd.Flags().IntVar(&opts.Limit, "limit", defaultOrdersLimit, "show the N newest orders; 0 shows all (-o json shows all unless --limit is given)")
	cmd.Flags().StringVar(&since, "since", "", "show the orders placed from a DATE (2026-11-27, 2026-11-27 09:30, RFC 3339) or a time ago (36h, 7d, 2w)")
	cmd.AddCommand(newCmdOrdersSettle(f, g, nil))
	g.addGlobals(cmd, flagJournal)
	g.tolerate(cmd, f, flagDebugLog)
	return cmd
}

// parseSince reads --since: a date or a date and time (in UTC unless the
// RFC 3339 form gives a zone), or a time ago from now: a Go duration
// (36h, 90m) or a whole number of days or weeks (7d, 2w).
func parseSince(s string, now time.Time) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.DateOnly, "2006-01-02 15:04", "2006-01-02T15:04", time.DateTime, "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, time.UTC); err == nil {
			return t, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil && len(s) > 1 {
		unit := map[byte]time.Duration{'d': 24 * time.Hour, 'w': 7 * 24 * time.Hour}[s[len(s)-1]]
		if n, nerr := strconv.Atoi(s[:len(s)-1]); nerr == nil && unit != 0 && n >= 0 && n <= 100_000 {
			d, err = time.Duration(n)*unit, nil
		}
	}
	if err != nil || d < 0 {
		return time.Time{}, fmt.Errorf("--since %s: give a date (2026-11-27), a date and time (2026-11-27 09:30, in UTC) or a time ago (36h, 7d, 2w)", quoteArg(s))
	}
	return now.Add(-d), nil
}

// selectJournal chooses the records of the journal at path that q asks
// for, reading it a line at a time, and warns on w about lines it had to
// skip, as readJournal does. The selection must be closed.
func selectJournal(path string, q journal.Query, w io.Writer) (*journal.Selection, error) {
	sel, err := journal.Select(path, q)
	if err != nil {
		return nil, err
	}
	if sel.Damaged > 0 {
		fmt.Fprintf(w, "warning: %d damaged line(s) in %s were skipped\n", sel.Damaged, oneLine(path))
	}
	return sel, nil
}

// runOrders prints the orders opts asks for. No record is held longer
// than it takes to write it out: -o json writes each as it is read, and
// the table keeps only the text of its rows.
func runOrders(opts *OrdersOptions) error {
	sel, err := selectJournal(opts.JournalPath, journal.Query{Since: opts.Since, Limit: opts.Limit}, opts.IO.ErrOut)
	if err != nil {
		return err
	}
	defer sel.Close()
	if opts.Output == "json" {
		return writeOrdersJSON(opts.IO.Out, sel)
	}
	if sel.Len() == 0 && sel.Total > 0 {
		_, err := fmt.Fprintf(opts.IO.Out, "No orders since %s UTC (%s in the journal, all older).\n",
			opts.Since.UTC().Format("2006-01-02 15:04"), count(sel.Total, "order", "orders"))
		return err
	}
	// The table is written in many small pieces: one write each would be
	// a system call each.
	out := bufio.NewWriter(opts.IO.Out)
	t := newOrdersTable(out)
	if err := sel.Each(func(r journal.Record) error { t.add(r); return nil }); err != nil {
		return err
	}
	if err := t.close(); err != nil {
		return err
	}
	if err := writeOmitted(out, sel); err != nil {
		return err
	}
	return out.Flush()
}

// writeOrdersJSON writes the chosen records as one JSON array, as
// json.Encoder with a two-space indent writes a slice of them, but one
// record at a time.
func writeOrdersJSON(w io.Writer, sel *journal.Selection) error {
	bw := bufio.NewWriter(w)
	if sel.Len() == 0 {
		bw.WriteString("[]\n")
		return bw.Flush()
	}
	bw.WriteString("[\n")
	first := true
	err := sel.Each(func(r journal.Record) error {
		b, err := json.MarshalIndent(r, "  ", "  ")
		if err != nil {
			return err
		}
		if !first {
			bw.WriteString(",\n")
		}
		first = false
		bw.WriteString("  ")
		_, err = bw.Write(b)
		return err // a closed pipe stops the reading
	})
	if err != nil {
		return err
	}
	bw.WriteString("\n]\n")
	return bw.Flush()
}

// writeOmitted says, under the table, how many older orders the limit left
// out and how many of those need a look (what note would say something
// about), so that an order whose outcome is unknown is never out of sight
// without a word.
func writeOmitted(w io.Writer, sel *journal.Selection) error {
	left := sel.Matched - sel.Len()
	if left <= 0 {
		return nil
	}
	looks := map[string]int{}
	n := 0
	sel.Briefs(func(i int, b journal.Brief) bool {
		if i >= sel.Len() && needsLook(b) {
			looks[lookLabel(b.State)]++
			n++
		}
		return true
	})
	older := count(left, "older order", "older orders")
	if n == 0 {
		_, err := fmt.Fprintf(w, "\n%s not shown: memset-order orders --limit 0 lists them all.\n", older)
		return err
	}
	var parts []string
	for _, label := range lookLabels {
		if looks[label] > 0 {
			parts = append(parts, count(looks[label], label, label))
		}
	}
	_, err := fmt.Fprintf(w, "\n! %s not shown, %s (%s): memset-order orders --limit 0 lists them all.\n",
		older, count(n, "of which needs a look", "of which need a look"), strings.Join(parts, ", "))
	return err
}

// lookStates are the states note always has something to say about; in
// any other, it speaks only of a price that differed. Each has its word
// in writeOmitted's count (the table's words, without their commas).
var lookStates = map[string]string{
	journal.StateUnknown:     "OUTCOME UNKNOWN",
	journal.StatePending:     "no answer recorded",
	journal.StateDryRunOrder: "ORDERED BY A PRICE CHECK",
	journal.StateMismatch:    "PRICE DIFFERS",
	journal.StateFailed:      "SET-UP FAILED",
}

// lookLabels are the words writeOmitted counts the orders that need a
// look by, in its order: the orders that may or may not exist first.
var lookLabels = []string{lookStates[journal.StateUnknown], lookStates[journal.StatePending],
	lookStates[journal.StateDryRunOrder], lookStates[journal.StateMismatch], lookStates[journal.StateFailed], priceDiffered}

// priceDiffered is the word for an order that needs a look only because
// its price differed (its job has ended since).
const priceDiffered = "price differed"

// lookLabel is the word for an order in state that needs a look.
func lookLabel(state string) string {
	if w, ok := lookStates[state]; ok {
		return w
	}
	return priceDiffered
}

// needsLook reports whether note says something about the record b is
// the brief of.
func needsLook(b journal.Brief) bool { return lookStates[b.State] != "" || b.Mismatch }

// count is "1 order", "2 orders", "1,234 orders".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s + " " + many
}

// writeOrders prints the journal as a table, newest first. Under the
// table: the command that follows each job still under way, and a line
// for each order that needs a look (an outcome unknown, a price that
// differs, an order from a price check, a failed set-up).
func writeOrders(w io.Writer, recs []journal.Record) error {
	t := newOrdersTable(w)
	for _, r := range recs {
		t.add(r)
	}
	return t.close()
}

// ordersTable is the table writeOrders prints, filled a record at a time:
// it keeps each record's row, follow line and note as text, never the
// record, so that a table of every order of a long journal costs the
// text it shows and no more.
type ordersTable struct {
	w             io.Writer
	tw            *tabwriter.Writer
	notes, follow []string
	rows          int
}

func newOrdersTable(w io.Writer) *ordersTable {
	return &ordersTable{w: w, tw: tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)}
}

// add puts r's row in the table.
func (t *ordersTable) add(r journal.Record) {
	if t.rows == 0 {
		fmt.Fprintln(t.tw, "WHEN (UTC)\tSTATE\tWHAT\tNET\tINVOICE\tJOB\tSERVICE\tWHERE")
	}
	t.rows++
	fmt.Fprintf(t.tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n",
		r.Time.UTC().Format("2006-01-02 15:04"), stateWords(r.State), describeRecord(r), netColumn(r),
		orDash(invoiceColumn(r.InvoiceRef)), orDash(oneLine(r.JobID)), orDash(serviceColumn(r)), whereColumn(r))
	if l, ok := followLine(r); ok {
		t.follow = append(t.follow, l)
	}
	if n := note(r); n != "" {
		t.notes = append(t.notes, n)
	}
}

// close writes the table, or says that there is no order, then the
// follow commands and the notes.
func (t *ordersTable) close() error {
	if t.rows == 0 {
		_, err := fmt.Fprintln(t.w, "No orders in the journal yet.")
		return err
	}
	if err := t.tw.Flush(); err != nil {
		return err
	}
	if len(t.follow) > 0 {
		if _, err := fmt.Fprintln(t.w, "\nTo follow a job:\n"+strings.Join(t.follow, "\n")); err != nil {
			return err
		}
	}
	for _, n := range t.notes {
		if _, err := fmt.Fprintln(t.w, "\n! "+n); err != nil {
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
		return fmt.Sprintf("%s: the set-up job of %s failed%s. %s, quoting job %s.", when, what, at, ui.SupportContact, orDash(oneLine(r.JobID)))
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
