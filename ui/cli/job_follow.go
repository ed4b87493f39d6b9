package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// FollowOptions is what `memset-order job follow` needs.
type FollowOptions struct {
	IO *IOStreams
	// Backend is the flags' choice; the endpoint is the journal's for the
	// job unless --api-url was given.
	Backend     BackendOptions
	JournalPath string
	// ID is a job id, a journal entry's id, or a unique prefix of either
	// ("" with Latest).
	ID string
	// Latest follows the newest journalled order with a job.
	Latest  bool
	NoColor bool
	Run     ProgramRunner
}

// errKeyAsJobID refuses the API key given where a job id goes, before it
// is sent anywhere or shown.
var errKeyAsJobID = usageError(errors.New("that is your API key, not a job id: it was not sent anywhere, and it is not shown; job ids are listed by memset-order orders"))

// newCmdJob is `memset-order job`, the parent of follow.
func newCmdJob(f *Factory, g *Globals) *cobra.Command {
	job := &cobra.Command{
		Use:   "job",
		Short: "Work with Memset jobs",
		Args:  noArgs,
	}
	job.AddCommand(newCmdJobFollow(f, g, nil))
	return job
}

// newCmdJobFollow is `memset-order job follow`; runF, when given, replaces
// runFollow.
func newCmdJobFollow(f *Factory, g *Globals, runF func(context.Context, *FollowOptions) error) *cobra.Command {
	opts := &FollowOptions{IO: f.IO, Run: f.Run}
	cmd := &cobra.Command{
		Use:   "follow {ID | --latest}",
		Short: "Follow a job to the end, with the wizard's stages view",
		Long: `Follow a Memset job until it finishes, showing its stages and how long
each took. ID is the job id (32 hex digits), or the id of its order's
journal entry; --latest follows the newest order in the journal that has a
job. The endpoint the journal recorded for the order is used unless
--api-url is given, and the job's end (done with its new service, or failed
at a stage) is written back to the journal.

q or ctrl+c leaves at once: the job goes on at Memset, and the command to
resume is printed (ctrl+c exits 130). With stdout a pipe or a file, or
without a terminal, it writes one plain line per change instead of the
stages view, and exits 0 when the job is done, 6 when it failed.`,
		Example: `  memset-order job follow 739c99f25ed8d13e48ba94ec6a4a0102
  memset-order job follow --latest`,
		Args: func(cmd *cobra.Command, args []string) error {
			if err := cobra.MaximumNArgs(1)(cmd, args); err != nil {
				return usageError(err)
			}
			switch {
			case len(args) == 1 && opts.Latest:
				return usageError(errors.New("give a job ID or --latest, not both"))
			case len(args) == 0 && !opts.Latest:
				return usageError(errors.New("give the job ID to follow, or --latest for the newest order's job"))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			path, err := g.journal()
			if err != nil {
				return err
			}
			opts.Backend, opts.JournalPath, opts.NoColor = g.backend(f), path, f.noColor()
			if len(args) == 1 {
				opts.ID = userID(args[0])
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runFollow(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Latest, "latest", false, "follow the job of the newest order in the journal")
	g.addGlobals(cmd, withJournal(backendFlags...)...)
	return cmd
}

// followPlan is what to follow, and where.
type followPlan struct {
	JobID string
	// Record is the journal entry of the job's order, when the journal has
	// it.
	Record *journal.Record
	// Endpoint is where to ask: --api-url, the journal's, or "" (the
	// default endpoint).
	Endpoint string
}

// planFollow finds the job to follow and where to ask about it, before
// anything is sent.
func planFollow(opts *FollowOptions, res journal.ReadResult) (followPlan, error) {
	var rec journal.Record
	var found bool
	switch {
	case opts.Latest:
		if rec, found = res.LatestWithJob(); !found {
			return followPlan{}, fmt.Errorf("the journal %s has no order with a job to follow", oneLine(opts.JournalPath))
		}
	case model.ValidJobID(opts.ID):
		rec, found = res.Find(opts.ID)
	default:
		r, err := findEntry(res, opts.ID, opts.JournalPath)
		if errors.Is(err, errNoEntry) {
			return followPlan{}, usageError(fmt.Errorf("%s is not a job id: a job id is 32 lower-case hexadecimal digits, upper case accepted (memset-order orders lists yours)", quoteArg(opts.ID)))
		}
		if err != nil {
			return followPlan{}, err
		}
		rec, found = r, true
	}
	plan := followPlan{JobID: opts.ID, Endpoint: opts.Backend.APIURL}
	if !found {
		return plan, nil
	}
	switch {
	case rec.JobID == "":
		return followPlan{}, usageError(fmt.Errorf("entry %s (%s, %s) has no job to follow", oneLine(rec.ID), describeRecord(rec), stateWords(rec.State)))
	case !model.ValidJobID(rec.JobID):
		return followPlan{}, fmt.Errorf("entry %s's job id %s is not a job id (was the journal edited?)", oneLine(rec.ID), quoteArg(rec.JobID))
	case embedded(rec) && plan.Endpoint == "":
		return followPlan{}, fmt.Errorf("job %s was ordered in the embedded sandbox, and the embedded sandbox's jobs ended with the program that placed them: nothing real was ordered, and there is nothing to follow", rec.JobID)
	}
	plan.JobID, plan.Record = rec.JobID, &rec
	if plan.Endpoint == "" {
		plan.Endpoint = rec.Endpoint
	}
	return plan, nil
}

// followRecords reads from the journal only the entries planFollow may
// pick: for --latest the newest with a job; else those whose id or job id
// is opts.ID or, from minPrefix characters, starts with it (findEntry
// needs every such entry to see that a prefix is ambiguous). The journal
// is read a line at a time, so its length costs time but not memory.
func followRecords(opts *FollowOptions) (journal.ReadResult, error) {
	q := journal.Query{Match: followMatch(opts.ID)}
	if opts.Latest {
		q = journal.Query{Limit: 1, Match: func(b journal.Brief) bool { return b.JobID != "" }}
	}
	sel, err := selectJournal(opts.JournalPath, q, opts.IO.ErrOut)
	if err != nil {
		return journal.ReadResult{}, err
	}
	defer sel.Close()
	res := journal.ReadResult{Damaged: sel.Damaged}
	err = sel.Each(func(r journal.Record) error {
		res.Records = append(res.Records, r)
		return nil
	})
	return res, err
}

// followMatch accepts the entries whose id or job id is id or, when id
// has at least minPrefix characters, starts with it: every entry Find or
// findEntry could answer with.
func followMatch(id string) func(journal.Brief) bool {
	return func(b journal.Brief) bool {
		if id == "" {
			return false
		}
		if b.ID == id || b.JobID == id {
			return true
		}
		return len(id) >= minPrefix && (strings.HasPrefix(b.ID, id) || strings.HasPrefix(b.JobID, id))
	}
}

// runFollow follows one job in the stages view, then says how it stands.
func runFollow(ctx context.Context, opts *FollowOptions) error {
	if opts.Backend.Redact.IsKey(opts.ID) {
		return errKeyAsJobID
	}
	res, err := followRecords(opts)
	if err != nil {
		if opts.Latest || !model.ValidJobID(opts.ID) {
			return err
		}
		// A job id can be followed without the journal.
		fmt.Fprintf(opts.IO.ErrOut, "warning: %s; following without it\n", errText(err))
		res = journal.ReadResult{}
	}
	plan, err := planFollow(opts, res)
	if err != nil {
		return err
	}
	bo := opts.Backend
	bo.APIURL = plan.Endpoint
	b, err := OpenBackend(bo, opts.IO.keyIO())
	switch {
	case err == nil && b.Embedded:
		b.Close()
		return errors.New("the embedded sandbox starts empty on every run, so it knows no earlier job; " +
			"follow real jobs with MEMSET_API_KEY set, or a sandbox server's jobs with --api-url and its key")
	case errors.Is(err, ErrAPIURLNeedsKey) && plan.Record != nil && opts.Backend.APIURL == "":
		return fmt.Errorf("following job %s asks %s, where it was ordered: set MEMSET_API_KEY (or use --api-key-file) to the key of that account", plan.JobID, host(plan.Endpoint))
	case err != nil:
		return err
	}
	defer b.Close()
	if opts.Backend.Redact.IsKey(plan.JobID) {
		// A key read from a file or the prompt is known only now.
		return errKeyAsJobID
	}
	dc := order.Config{Backend: b.Client, Catalogue: b.Catalogue, Endpoint: b.Endpoint}
	cfg := ui.FollowConfig{Backend: b.Client, Catalogue: b.Catalogue, JobID: plan.JobID, NoColor: opts.NoColor,
		ASCII: !ui.UTF8Locale(opts.Backend.Getenv)}
	if r := opts.Backend.Redact; r != nil {
		cfg.Redact = r.Redact
	}
	journalled := false
	if r := plan.Record; r != nil {
		cfg.Product, cfg.InvoiceRef = model.ProductID(r.Product), r.InvoiceRef
		cfg.Order = journalledOrder(*r, b.Catalogue)
		if r.State == journal.StateFailed {
			cfg.FailedStage = r.Stage
		}
		if j, err := journal.Open(opts.JournalPath); err != nil {
			fmt.Fprintf(opts.IO.ErrOut, "warning: the job's end cannot be written to the journal: %s\n", errText(err))
		} else {
			dc.Journal = journal.OrderLog{Journal: j, Catalogue: b.Catalogue}
			cfg.JournalID, journalled = r.ID, true
		}
	}
	cfg.Desk = order.New(dc)
	cfg.ResumeArgs = resumeArgs(b.Endpoint, plan.Record != nil)
	resume := resumeCommand(plan.JobID, b.Endpoint, plan.Record != nil)
	if opts.IO.plainOut() || !opts.IO.hasTerminal() {
		return runFollowPlain(ctx, opts.IO.Out, cfg, resume, journalled)
	}
	m, interrupted, err := runScreen[ui.FollowModel](ctx, opts.Run, ui.NewFollow(cfg), opts.IO, opts.NoColor, "following")
	if errors.Is(err, errNoTerminal) {
		return runFollowPlain(ctx, opts.IO.Out, cfg, resume, journalled)
	}
	if err != nil {
		return err
	}
	r := m.Result()
	return followSummary(opts.IO.Out, r, resume, journalled, interrupted || r.Interrupted)
}

// runFollowPlain follows the job cfg names without a screen (stdout is a
// pipe or a file, or there is no terminal): one plain line per change on
// w (followPlain), then the same summary as the screen's.
func runFollowPlain(ctx context.Context, w io.Writer, cfg ui.FollowConfig, resume string, journalled bool) error {
	var prod *model.Product
	if p, ok := cfg.Catalogue.Product(cfg.Product); ok && cfg.Product != "" {
		prod = p
	}
	t := order.ByJobID(cfg.JobID, cfg.InvoiceRef, prod, time.Now(), order.Backoff{})
	t.FailedAt = oneLine(cfg.FailedStage)
	t, err := followPlain(ctx, cfg.Desk, t, cfg.JournalID, w, nil)
	r := ui.FollowResult{Job: t.Job, Err: t.EndErr}
	if t.Answered() {
		r.State = t.Job.State()
		r.Stage, _ = t.LastStage()
	}
	if t.Ended() && t.EndErr == nil {
		r.JournalErr = err
	}
	return followSummary(w, r, resume, journalled, followStatus(t, err) == StatusInterrupted)
}

// journalledOrder is the order a journal record describes, extras
// included (an OpenStack project's name, a top-up's GB and server), for
// the Done screen.
func journalledOrder(r journal.Record, cat *model.Catalogue) model.Order {
	o := model.Order{Product: model.ProductID(r.Product), SKU: r.Params[model.ParamSKU], OS: r.Params[model.ParamOS], Extras: map[string]string{}}
	p, _ := cat.Product(o.Product)
	for k, v := range r.Params {
		switch {
		case k == model.ParamSKU || k == model.ParamOS || k == model.ParamDiscountCode || k == model.ParamAddToNextBill || k == model.ParamDryRun:
		case p != nil && k == p.TargetParam:
			o.Target = v
		default:
			o.Extras[k] = v
		}
	}
	return o
}

// followSummary prints how the job stands once following has ended, and
// returns the exit status as an error.
func followSummary(w io.Writer, r ui.FollowResult, resume string, journalled, interrupted bool) error {
	id := oneLine(r.Job.ID)
	var status error
	switch {
	case r.Err != nil:
		fmt.Fprintf(w, "Could not follow job %s: %s\n", id, sentence(followErr(r.Err)))
		status = errors.New("could not follow the job")
	case r.State == model.JobDone && r.Job.Service != "":
		fmt.Fprintf(w, "Job %s is done: the new service is %s.\n", id, oneLine(r.Job.Service))
	case r.State == model.JobDone:
		fmt.Fprintf(w, "Job %s is done.\n", id)
	case r.State == model.JobFailed:
		at := ""
		if r.Stage != "" {
			at = " at " + oneLine(r.Stage)
		}
		fmt.Fprintf(w, "Job %s failed%s (status %s). %s with the job id.\n", id, at, orDash(oneLine(r.Job.Status)), ui.SupportContact)
		status = &ExitError{Status: StatusJobFailed, Err: errors.New("the job failed")}
	default:
		if r.State == 0 {
			fmt.Fprintf(w, "Job %s was not read yet.\n", id)
		} else {
			fmt.Fprintf(w, "Job %s is %s (%s).\n", id, orDash(oneLine(r.Job.Status)), r.State)
		}
		fmt.Fprintln(w, "The job keeps running at Memset. Resume with: "+resume)
		if interrupted {
			status = &ExitError{Status: StatusInterrupted, Err: errors.New("interrupted")}
		}
	}
	if r.JournalErr != nil {
		fmt.Fprintf(w, "! The journal could not record the job's end (%s).\n", strings.TrimSuffix(errText(r.JournalErr), "."))
	} else if journalled && (r.State == model.JobDone || r.State == model.JobFailed) {
		fmt.Fprintln(w, "The journal records how it ended (memset-order orders).")
	}
	return status
}

// followErr says why a job could not be followed.
func followErr(err error) string {
	switch {
	case api.IsDoesNotExist(err):
		return "Memset has no such job (" + describe(err) + ")"
	case api.IsAuthentication(err):
		return "Memset refused the API key (" + describe(err) + "); use the key of the account that placed the order"
	}
	return describe(err)
}
