package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// `memset-order catalogue`: the command, its options, and what its three
// views share: the text view (catalogue_text.go), the -o json view
// (catalogue_json.go) and the export subcommand (catalogue_export.go).

// samplePricesNote is what every listing says about its prices: the
// catalogue's prices are samples for the sandbox.
const samplePricesNote = "Prices in the catalogue are sample prices for the sandbox: real prices come only from Memset's dry runs (the price check before an order is sent)."

// samplePricesText is samplePricesNote on lines a terminal does not wrap.
const samplePricesText = `Prices in the catalogue are sample prices for the sandbox: real prices
come only from Memset's dry runs (the price check before an order is sent).`

// CatalogueOptions is what `memset-order catalogue` needs.
type CatalogueOptions struct {
	IO *IOStreams
	// CatalogueFile is the --catalogue file ("" for the built-in one).
	CatalogueFile string
	// Product, when set, lists only that product.
	Product string
	// Output is "table" or "json".
	Output string
}

// newCmdCatalogue is `memset-order catalogue [PRODUCT]`, with its export
// subcommand.
func newCmdCatalogue(f *Factory, g *Globals) *cobra.Command {
	opts := &CatalogueOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "catalogue [PRODUCT]",
		Short: "List what can be ordered: products, plans, OSes and settings",
		Long: `List what can be ordered: each product with its plans (--sku), the
operating systems it takes (--os) and its settings (--set NAME=VALUE), with
every value memset-order order accepts. PRODUCT lists only that product.
The catalogue is the built-in one, or the file given with --catalogue.

` + samplePricesText + `

-o json prints this shape (every key is always present; money is a decimal
string such as "7.50", in the catalogue's currency, never a number):

  {
    "version": "2026-11-27.2",        the catalogue's version
    "currency": "GBP",
    "price_note": "…",                 the prices are samples (see above)
    "products": [{
      "id": "monthly_miniserver",      memset-order order PRODUCT
      "name": "…", "summary": "…",
      "kind": "server",                server, storage, cloud or topup
      "billing": "monthly",            monthly, hourly or one-off
      "price_unit": "month",           month, hour, or "" (one-off)
      "method": "create.monthly_miniserver",
      "deprecated": "",                Memset's reason, or ""
      "needs_os": true,                whether --os must be given
      "target_param": "",              --set name of the service a top-up
      "target_help": "",               is for ("name"), and what it takes
      "skus": [{                       --sku values
        "sku": "MSVM001", "name": "…",
        "ram_mb": 1024, "disk_gb": 25, "vcpus": 1,   0 when not stated
        "classic": false,              takes the classic_only settings
        "price": "7.50",               sample, per price_unit
        "setup": "0.00",               sample, once
        "price_source": "documented"   sample, documented, client-seen or inferred
      }],
      "oses": [{                       --os values
        "name": "debian_trixie_64", "display": "…", "family": "debian",
        "windows": false, "cpanel": false, "eol": false,
        "price": "0.00"                sample licence, per price_unit
      }],
      "extras": [{                     --set NAME=VALUE
        "param": "period", "label": "…", "help": "…",
        "type": "choice",              choice, number or text
        "default": "1",                what Memset assumes when not given, or ""
        "required": false, "classic_only": false,
        "multiplier": true,            the value multiplies the price
        "choices": [{"value": "1", "label": "1 month", "price": "0.00"}],
        "min": 0, "max": 0, "unit": "", "unit_price": "0.00",   number only
        "format": ""                   text only: any, name or ssh-public-key
      }]
    }]
  }

With PRODUCT, "products" holds that product only.`,
		Example: `  memset-order catalogue
  memset-order catalogue monthly_miniserver
  memset-order catalogue -o json | jq -r '.products[].skus[].sku'
  memset-order catalogue export --output my-catalogue.json
  memset-order --catalogue my-catalogue.json catalogue`,
		Args: func(cmd *cobra.Command, args []string) error {
			return usageError(cobra.MaximumNArgs(1)(cmd, args))
		},
		ValidArgsFunction: productCompletion(g),
		RunE: func(_ *cobra.Command, args []string) error {
			if opts.Output != "table" && opts.Output != "json" {
				return usageError(fmt.Errorf("output format %s is not known: use table or json", quoteArg(opts.Output)))
			}
			opts.CatalogueFile = g.CatalogueFile
			opts.Product = ""
			if len(args) == 1 {
				opts.Product = args[0]
			}
			return runCatalogue(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "table", "output format: table or json")
	cmd.AddCommand(newCmdCatalogueExport(f, g))
	g.addGlobals(cmd, flagCatalogue)
	return cmd
}

// runCatalogue lists the catalogue, or one product of it.
func runCatalogue(opts *CatalogueOptions) error {
	cat, err := LoadCatalogue(opts.CatalogueFile)
	if err != nil {
		return err
	}
	products := cat.Products
	if opts.Product != "" {
		p, ok := cat.Product(model.ProductID(opts.Product))
		if !ok {
			return usageError(fmt.Errorf("%s is not a product: use one of %s", quoteArg(opts.Product), strings.Join(order.ProductIDs(cat), ", ")))
		}
		products = []*model.Product{p}
	}
	if opts.Output == "json" {
		return writeCatalogueJSON(opts.IO.Out, cat, products)
	}
	return writeCatalogueText(opts.IO.Out, cat, products, opts.Product == "")
}

// productOSes lists the stock OSes p offers, in the order of OSGroups
// (by family, current releases before those past their end of life).
func productOSes(cat *model.Catalogue, p *model.Product) []model.OS {
	var out []model.OS
	for _, g := range cat.OSGroups(p) {
		out = append(out, g.OSes...)
	}
	return out
}

// osLicence is the sample licence o adds to p's price per billing unit,
// as the sandbox charges it.
func osLicence(o model.OS, p *model.Product) model.Amount {
	if p.Billing == model.BillingHourly {
		return o.Hourly
	}
	return o.Monthly
}

// textFormat names a text extra's format: "any", "name" or
// "ssh-public-key".
func textFormat(f model.TextFormat) string {
	if f == model.FormatAny {
		return "any"
	}
	return oneLine(string(f))
}

// targetHelp says what p's target parameter takes ("" when it has none).
func targetHelp(p *model.Product) string {
	if p.TargetParam == "" {
		return ""
	}
	return "the name of one of your servers with metered bandwidth"
}

// encodeJSON writes v to w as indented JSON (each level indented by
// indent), leaving "<", ">" and "&" as they are: the catalogue's views
// are read by people and jq, not embedded in HTML.
func encodeJSON(w io.Writer, v any, indent string) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", indent)
	return enc.Encode(v)
}
