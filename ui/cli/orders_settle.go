package cli

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/memset-order/memset-order/api/journal"
)

// SettleTimeout bounds the invoice search of `orders settle`.
const SettleTimeout = time.Minute

// SettleOptions is what `memset-order orders settle ID` needs.
type SettleOptions struct {
	IO *IOStreams
	// Backend is the flags' choice; the endpoint is the entry's unless
	// --api-url was given.
	Backend     BackendOptions
	JournalPath string
	// ID is the entry's id or job id, or a unique prefix of either.
	ID      string
	Timeout time.Duration
}

// newCmdOrdersSettle is `memset-order orders settle ID`; runF, when given,
// replaces runSettle.
func newCmdOrdersSettle(f *Factory, g *Globals, runF func(context.Context, *SettleOptions) error) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "settle ID",
		Short: "Look for the invoice of an order whose outcome is unknown",
		Long: `For a journal entry whose outcome is unknown (its answer was lost, or the
program ended before it came), look in invoice.list, from the day of the
attempt, for the invoices that may be that order — leaving out invoices the
journal ties to other orders — and record them in the journal. It says how
likely it is that the order was placed; it never orders anything.

ID is the entry's id (memset-order orders prints it with the command to
run), its job id, or the first few characters of either. The entry's
endpoint is used unless --api-url is given; the key must be that account's.
The exit status is 3: the outcome stays unknown until you have checked.`,
		Example: `  memset-order orders settle 5f0c1a2b9d3e4f60`,
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := g.journal()
			if err != nil {
				return err
			}
			opts := &SettleOptions{IO: f.IO, Backend: g.backend(f), JournalPath: path, ID: userID(args[0]), Timeout: SettleTimeout}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runSettle(cmd.Context(), opts)
		},
	}
	g.addGlobals(cmd, withJournal(backendFlags...)...)
	return cmd
}

// exactArgs is cobra.ExactArgs(n) as a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error { return usageError(cobra.ExactArgs(n)(cmd, args)) }
}

// runSettle settles one journal entry.
func runSettle(ctx context.Context, opts *SettleOptions) error {
	out := opts.IO.Out
	res, err := readJournal(opts.JournalPath, opts.IO.ErrOut)
	if err != nil {
		return err
	}
	rec, err := findEntry(res, opts.ID, opts.JournalPath)
	if err != nil {
		return err
	}
	if !unsettled(rec) {
		return usageError(fmt.Errorf("entry %s is %s: %s, so there is nothing to settle", oneLine(rec.ID), stateWords(rec.State), known(rec)))
	}
	if embedded(rec) {
		return usageError(fmt.Errorf("entry %s was sent to the embedded sandbox, whose invoices ended with the program that sent it: nothing real was ordered, and there is nothing to settle", oneLine(rec.ID)))
	}
	bo := opts.Backend
	if bo.APIURL == "" {
		bo.APIURL = rec.Endpoint
	}
	b, err := OpenBackend(bo, opts.IO.keyIO())
	if errors.Is(err, ErrAPIURLNeedsKey) || (err == nil && b.Embedded) {
		if b != nil {
			b.Close()
		}
		return fmt.Errorf("settling entry %s asks %s for its invoices: set MEMSET_API_KEY (or use --api-key-file) to the key of the account that sent it", oneLine(rec.ID), host(bo.APIURL))
	}
	if err != nil {
		return err
	}
	defer b.Close()
	j, err := journal.Open(opts.JournalPath)
	if err != nil {
		return err
	}
	desk := b.desk(j, journal.Origin{})
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = SettleTimeout
	}
	sctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	fmt.Fprintf(out, "Entry %s: %s, sent %s UTC to %s; its outcome is unknown.\n",
		oneLine(rec.ID), describeRecord(rec), rec.Time.UTC().Format("2006-01-02 15:04"), host(rec.Endpoint))
	s, err := desk.Settle(sctx, rec.ID, recordOrder(rec, b.Catalogue), rec.Time)
	if err != nil {
		return fmt.Errorf("invoice.list could not be read, so nothing was settled: %w", err)
	}
	fmt.Fprintln(out, oneLine(s.Sentence()))
	if len(s.Invoices) > 0 {
		fmt.Fprintln(out, "Invoices that may be this order:")
		for _, inv := range s.Invoices {
			fmt.Fprintf(out, "  %d  %s  %s  %s\n", inv.Ref, orDash(oneLine(inv.Date)), oneLine(inv.Amount.String()), orDash(oneLine(inv.Status)))
			for _, it := range inv.Items {
				fmt.Fprintf(out, "      %s\n", oneLine(it.Description))
			}
		}
	}
	if len(s.Excluded) > 0 {
		fmt.Fprintf(out, "Left out, as the journal ties them to other orders: %s.\n", refList(s.Excluded))
	}
	switch {
	case s.Recorded:
		fmt.Fprintf(out, "Recorded in the journal (%s).\n", oneLine(j.Path()))
	case s.JournalErr != nil:
		fmt.Fprintf(out, "! The journal could not record them (%s): note the numbers.\n", errText(s.JournalErr))
	}
	return &ExitError{Status: StatusUnknown, Err: errors.New("the order's outcome stays unknown until you have checked: " + s.Likelihood.String())}
}

// known says what the journal knows of an entry whose outcome is known.
func known(r journal.Record) string {
	switch r.State {
	case journal.StateRefused:
		return "nothing was ordered"
	case journal.StateDone:
		return fmt.Sprintf("it was ordered (%s) and set up as %s", orDash(invoiceLabel(r.InvoiceRef)), orDash(oneLine(r.Service)))
	case journal.StateFailed:
		return fmt.Sprintf("it was ordered (%s) and its set-up job %s failed", orDash(invoiceLabel(r.InvoiceRef)), orDash(oneLine(r.JobID)))
	}
	return fmt.Sprintf("Memset answered with %s, job %s", orDash(invoiceLabel(r.InvoiceRef)), orDash(oneLine(r.JobID)))
}
