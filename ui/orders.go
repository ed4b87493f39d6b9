package ui

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/memset-order/memset-order/api/journal"
)

// WriteOrders prints the order journal as a table, newest first, for
// `memset-order orders`. Orders whose outcome is unknown or was never
// recorded get a line saying what to check before ordering again.
func WriteOrders(w io.Writer, recs []journal.Record) error {
	if len(recs) == 0 {
		_, err := fmt.Fprintln(w, "No orders in the journal yet.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN (UTC)\tSTATE\tWHAT\tINVOICE\tJOB\tWHERE")
	var notes []string
	for _, r := range recs {
		inv := "—"
		if r.InvoiceRef != 0 {
			inv = fmt.Sprint(r.InvoiceRef)
		}
		job := r.JobID
		if job == "" {
			job = "—"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n",
			r.Time.UTC().Format("2006-01-02 15:04"), stateLabel(r.State), describeRecord(r), inv, job, where(r))
		switch r.State {
		case journal.StateUnknown, journal.StatePending:
			notes = append(notes, fmt.Sprintf("%s: %s may or may not have been ordered; check your invoices (invoice.list) before ordering it again.",
				r.Time.UTC().Format(time.DateTime), describeRecord(r)))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, n := range notes {
		if _, err := fmt.Fprintln(w, "\n! "+n); err != nil {
			return err
		}
	}
	return nil
}

func stateLabel(s string) string {
	switch s {
	case journal.StatePending:
		return "no answer recorded"
	case journal.StateUnknown:
		return "OUTCOME UNKNOWN"
	}
	return s
}

// describeRecord is "monthly_miniserver MSVM001 debian_jessie_64" or, for a
// top-up, "bandwidth_bank sandyaa1 +100 GB".
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
	return strings.Join(parts, " ")
}

func where(r journal.Record) string {
	if r.Sandbox {
		return "SANDBOX"
	}
	if u, err := url.Parse(r.Endpoint); err == nil && u.Host != "" {
		return u.Host
	}
	return r.Endpoint
}
