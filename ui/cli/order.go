package cli

import (
	"context"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// OrderOptions is what `memset-order order` needs.
type OrderOptions struct {
	IO      *IOStreams
	Backend BackendOptions
	// JournalPath is the order journal.
	JournalPath string
	// Answers are the order's answers from the flags.
	Answers order.Answers
	// DryRun prices the order and orders nothing.
	DryRun bool
	// Yes places the order without asking.
	Yes bool
	// Wait follows the order's job to its end.
	Wait bool
	// Output is "text" or "json".
	Output string
	// MaxPrice refuses an order whose fresh first payment (net of VAT) is
	// above it ("" for no limit).
	MaxPrice string
	// PlanOut saves the reviewed order with its quote; nothing is ordered.
	PlanOut string
	// Force lets PlanOut replace an existing file.
	Force bool
	// Interactive is true when a person sits at a terminal: missing
	// answers then open the wizard instead of ending the command.
	Interactive bool
	NoColor     bool
	Run         ProgramRunner
	Redact      *Redactor
	// LeaveWait bounds the wait for an answer in flight when the wizard
	// was opened and left.
	LeaveWait time.Duration
	// Now is the clock (time.Now).
	Now func() time.Time
	// Poll bounds the job.status backoff of --wait (default 1s → 10s).
	Poll order.Backoff
}

// newCmdOrder is `memset-order order PRODUCT`; runF, when given, replaces
// runOrder.
func newCmdOrder(f *Factory, g *Globals, runF func(context.Context, *OrderOptions) error) *cobra.Command {
	opts := &OrderOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "order PRODUCT [flags]",
		Short: "Price or place an order without the wizard: every answer a flag",
		Long: `Price or place one order from a script, a runbook or CI, with the same rules,
journal and send-once create as the wizard. PRODUCT is one of
` + productLines() + `.
Every answer the wizard takes is a flag: --sku (the plan), --os (an OS name,
or a snapshot's os_option), --set NAME=VALUE (any extra, and a top-up's
server as name=SERVER; repeat it), --discount CODE and --bill-to
(default, next-bill or invoice-now). memset-order catalogue lists every
value.

  --dry-run            asks Memset for the price and orders nothing
  --yes                places the order (a real order needs it)
  --max-price AMOUNT   refuses, sending nothing, when the first payment (net
                       of VAT, in the account's currency) is above AMOUNT
  --wait               follows the set-up job, one line per change on
                       stderr, and ends with its result
  --plan-out FILE      saves the reviewed order with its price and orders
                       nothing; memset-order apply FILE places it later
  -o json              prints the result as JSON (shape in the README)

On a terminal, missing or impossible answers open the wizard with the
answers given already chosen, and a complete order without --yes or
--dry-run opens it on Review. Without a terminal (or with -o json) nothing
is asked: every missing or wrong flag is named and the command exits 2.
Data goes to stdout; progress and messages to stderr.`,
		Example: `  memset-order order monthly_miniserver --sku MSVM001 --os debian_jessie_64 --dry-run
  memset-order order monthly_miniserver --sku MSVM002 --os debian_bookworm_64 \
      --set period=3 --set backups=50 --max-price 40 --yes --wait
  memset-order order bandwidth_bank --set name=myacc1 --set gb=100 --dry-run -o json
  memset-order order monthly_fullserver --sku FS001 --os debian_bookworm_64 --plan-out fs.plan`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError(errTooManyProducts(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Answers.Product = args[0]
			}
			path, err := g.journal()
			if err != nil {
				return err
			}
			opts.Backend, opts.JournalPath, opts.NoColor = g.backend(f), path, f.noColor()
			opts.Run, opts.Redact, opts.LeaveWait = f.Run, f.Redact, LeaveWait
			opts.Interactive = interactive(f.IO)
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runOrder(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Answers.SKU, "sku", "", "the plan, e.g. MSVM001 (memset-order catalogue lists them)")
	fl.StringVar(&opts.Answers.OS, "os", "", "the operating system's name, e.g. debian_bookworm_64, or a snapshot's os_option")
	fl.StringArrayVar(&opts.Answers.Set, "set", nil, "an extra as NAME=VALUE, e.g. period=3 (repeatable)")
	fl.StringVar(&opts.Answers.Discount, "discount", "", "a discount CODE")
	fl.StringVar(&opts.Answers.BillTo, "bill-to", "", "where the charge goes: default, next-bill or invoice-now")
	addScriptFlags(cmd, &scriptFlags{DryRun: &opts.DryRun, Yes: &opts.Yes, Wait: &opts.Wait, Output: &opts.Output, MaxPrice: &opts.MaxPrice})
	fl.StringVar(&opts.PlanOut, "plan-out", "", "save the reviewed order and its price to FILE; nothing is ordered")
	fl.BoolVar(&opts.Force, "force", false, "let --plan-out replace an existing file")
	g.addGlobals(cmd, withJournal(backendFlags...)...)
	return cmd
}

// scriptFlags are the flags order and apply share.
type scriptFlags struct {
	DryRun, Yes, Wait *bool
	Output, MaxPrice  *string
}

// addScriptFlags adds --dry-run, --yes, --wait, -o and --max-price.
func addScriptFlags(cmd *cobra.Command, s *scriptFlags) {
	fl := cmd.Flags()
	fl.BoolVar(s.DryRun, "dry-run", false, "ask the price only; nothing is ordered")
	fl.BoolVarP(s.Yes, "yes", "y", false, "place the order (a real order needs it)")
	fl.BoolVar(s.Wait, "wait", false, "follow the set-up job to its end (one line per change on stderr)")
	fl.StringVarP(s.Output, "output", "o", "text", "output format: text or json")
	fl.StringVar(s.MaxPrice, "max-price", "", "refuse when the first payment, net of VAT, is above AMOUNT (e.g. 40 or £40.00)")
	cmd.MarkFlagsMutuallyExclusive("dry-run", "yes")
}

// productLines is the product ids for help text, a few to a line.
func productLines() string {
	ids := order.ProductIDs(model.DefaultCatalogue())
	var lines []string
	for i := 0; i < len(ids); i += 3 {
		lines = append(lines, "  "+strings.Join(ids[i:min(i+3, len(ids))], ", "))
	}
	return strings.Join(lines, ",\n")
}
