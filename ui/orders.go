package ui

import (
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/model"
)

// WriteOrders prints the order journal as a table, newest first, for
// `memset-order orders`. Under the table, each order with a job gets the
// command that follows it (`memset-order job follow ID`), and orders whose
// outcome is unknown or was never recorded get a line saying what to check
// before ordering again.
func WriteOrders(w io.Writer, recs []journal.Record) error {
	if len(recs) == 0 {
		_, err := fmt.Fprintln(w, "No orders in the journal yet.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "WHEN (UTC)\tSTATE\tWHAT\tINVOICE\tJOB\tWHERE")
	var notes, follow []string
	for _, r := range recs {
		inv := "—"
		if r.InvoiceRef != 0 {
			inv = fmt.Sprint(r.InvoiceRef)
		}
		job := oneLine(r.JobID)
		if job == "" {
			job = "—"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n",
			r.Time.UTC().Format("2006-01-02 15:04"), stateLabel(r.State), describeRecord(r), inv, job, where(r))
		if model.ValidJobID(r.JobID) {
			follow = append(follow, followLine(r))
		}
		switch r.State {
		case journal.StateUnknown, journal.StatePending:
			check := "check your invoices (invoice.list) before ordering it again."
			if len(r.Candidates) > 0 {
				check = "invoice.list found " + refList(r.Candidates) + ", which may be it; check before ordering it again."
			}
			notes = append(notes, fmt.Sprintf("%s: %s may or may not have been ordered; %s",
				r.Time.UTC().Format(time.DateTime), describeRecord(r), check))
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

// followLine is the command that follows r's job, with what it was for:
// "  memset-order job follow ID  # 2026-11-27 09:00 monthly_miniserver MSVM001 …".
// An order placed through another endpoint gets its --api-url; a sandbox
// order's job is known only to the sandbox that ran it.
func followLine(r journal.Record) string {
	cmd := "memset-order job follow " + r.JobID
	if !r.Sandbox && r.Endpoint != "" && r.Endpoint != api.DefaultBaseURL {
		cmd += " --api-url " + shellQuote(r.Endpoint)
	}
	about := r.Time.UTC().Format("2006-01-02 15:04") + " " + describeRecord(r)
	if r.Sandbox {
		about += " (SANDBOX: only that sandbox knows the job)"
	}
	return "  " + cmd + "  # " + oneLine(about)
}

// refList is "invoice 100291" or "invoices 100291, 100292".
func refList(refs []int) string {
	parts := make([]string, len(refs))
	for i, r := range refs {
		parts[i] = fmt.Sprint(r)
	}
	if len(refs) == 1 {
		return "invoice " + parts[0]
	}
	return "invoices " + strings.Join(parts, ", ")
}

// shellQuote quotes s for a POSIX shell unless it needs none.
func shellQuote(s string) string {
	if shellSafe.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

var shellSafe = regexp.MustCompile(`^[A-Za-z0-9_./:@%+=,-]+$`)

// oneLine keeps a journal value (a file anyone could have edited) on one
// line of printable text.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7f {
			return ' '
		}
		return r
	}, s)
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
	return oneLine(strings.Join(parts, " "))
}

func where(r journal.Record) string {
	if r.Sandbox {
		return "SANDBOX"
	}
	if u, err := url.Parse(r.Endpoint); err == nil && u.Host != "" {
		return oneLine(u.Host)
	}
	return oneLine(r.Endpoint)
}
