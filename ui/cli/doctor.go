package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/memset-order/memset-order/model"
)

// `memset-order doctor`: the command, its options and its run. The checks
// are in doctor_checks.go (the methods' in doctor_methods.go, the error
// types' and the services list's in doctor_answers.go), what it sends in
// doctor_probe.go, the report in doctor_report.go and the close-match rule
// in doctor_match.go.

// DoctorOptions is what `memset-order doctor` needs.
type DoctorOptions struct {
	IO      *IOStreams
	Backend BackendOptions
	// Output is "text" or "json".
	Output string
	// WriteOverrides writes the overrides found to the overrides file;
	// Force lets it replace one that exists.
	WriteOverrides bool
	Force          bool
	// Now is the clock compared with the server's (time.Now).
	Now func() time.Time
}

// newCmdDoctor is `memset-order doctor`; runF, when given, replaces the
// run (tests stop there, after the flags are parsed).
func newCmdDoctor(f *Factory, g *Globals, runF func(context.Context, *DoctorOptions) error) *cobra.Command {
	opts := &DoctorOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "doctor",
		Short: "Check the endpoint, the key and Memset's methods against memset-order's",
		Long: `Check what memset-order depends on, on the real Memset API (the key from
MEMSET_API_KEY or --api-key-file, or typed with --live; --api-url for another
endpoint), or with --sandbox on the embedded sandbox. It never orders.

It reaches the endpoint (TLS, and the server's clock against this one: more
than a minute apart is a warning), checks the key (a key scoped to some
methods is refused by the others: it says which of memset-order's methods the
key may call), lists the API's methods with ` + string(model.MethodListMethods) + ` and compares them
with memset-order's (found, missing, or a close match), and compares Memset's
services list with the catalogue (services and plans one has and the other
lacks). One line per finding; for a name memset-order has wrong, the line
ends with the override that corrects it.

What it sends, and nothing else:
` + doctorSends() + `

` + closeMatchRule + `

Corrections go in an overrides file, read on every run without a rebuild:
--overrides FILE, or by default $XDG_CONFIG_HOME/memset-order/overrides.json
(~/.config/memset-order/overrides.json):

  {
    "methods":     {"create.openstack": "create.openstack_project"},
    "error_types": {"ApiErrorInvalidParams": "ApiErrorBadParameters"}
  }

"methods" maps memset-order's name of a method to Memset's; "error_types"
maps an error_type Memset sends to the one of memset-order's it means. It
applies to the real API and --api-url, never to the embedded sandbox.
--write-overrides writes it from what the doctor found (the overrides in use
that still apply, the close matches and the error types), mode 0600; it does
not replace a file that exists without --force.

Exit status 1 when something the wizard needs is missing: the endpoint, the
key, a create method or a read it uses (refused by the key, unknown to the
API, or answered in a way memset-order cannot read); 0 otherwise, warnings
included.

-o json prints this shape (every key is always present):

  {
    "endpoint": "https://api.memset.com/v1/json",
    "sandbox": false,
    "key": "key sha256:3f9a1c2e (from MEMSET_API_KEY)",
    "overrides_file": "",            the file read, or ""
    "overrides_applied": false,
    "listed_via": "JSON",             JSON, XML-RPC, or "" (not listed)
    "listed": 312,
    "findings": [{
      "check": "method",             endpoint, clock, overrides, listing,
                                     method, key, error_type or services
      "subject": "create.openstack", the method, plan, service or error type
      "status": "fail",              ok, warn or fail
      "message": "…",
      "override": {"section": "methods", "key": "create.openstack",
                   "value": "create.openstack_project",
                   "line": "\"create.openstack\": \"create.openstack_project\""}
                                     or null
    }],
    "methods": [{
      "name": "create.openstack", "source": "inferred", "needed": true,
      "sent_as": "create.openstack",
      "listed": "no",                yes, no or unknown
      "key": "missing",              may call, refused, missing, misread,
                                     unsure, ordered or not tried
      "close_matches": ["create.openstack_project"]
    }],
    "overrides": {"methods": {…}, "error_types": {…}},   what
                                     --write-overrides writes
    "wrote_overrides": "",           the file written, or ""
    "status": "fail", "exit": 1
  }`,
		Example: `  MEMSET_API_KEY=… memset-order doctor
  memset-order doctor --sandbox
  memset-order doctor -o json | jq -r '.findings[] | select(.status != "ok") | .message'
  memset-order doctor --write-overrides`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if opts.Output != "text" && opts.Output != "json" {
				return usageError(fmt.Errorf("output format %s is not known: use text or json", quoteArg(opts.Output)))
			}
			if opts.Force && !opts.WriteOverrides {
				return usageError(errors.New("--force goes with --write-overrides"))
			}
			if opts.WriteOverrides && g.Sandbox {
				return usageError(errors.New("--write-overrides has nothing to write for the embedded sandbox, which answers memset-order's own names"))
			}
			opts.Backend = g.backend(f)
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runDoctor(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Output, "output", "o", "text", "output format: text or json")
	fl.BoolVar(&opts.WriteOverrides, "write-overrides", false, "write the overrides found to the overrides file (--overrides FILE, or the default)")
	fl.BoolVar(&opts.Force, "force", false, "with --write-overrides, replace an overrides file that exists")
	g.addGlobals(cmd, backendFlags...)
	return cmd
}

// doctorSends lists what the doctor sends, for --help.
func doctorSends() string {
	var b strings.Builder
	fmt.Fprintf(&b, "  1. POST {api-url}/%s/ with no parameters; when the JSON\n", model.MethodListMethods)
	b.WriteString("     interface does not answer with a list (and did not refuse the key),\n")
	b.WriteString("     the same over XML-RPC at the endpoint beside it (.../v1/xmlrpc),\n")
	b.WriteString("     with one empty struct.\n")
	b.WriteString("  2. Each read memset-order uses, once, with these made-up values where\n")
	b.WriteString("     one is needed, so that nothing real is touched:\n")
	for _, p := range reads {
		sends := p.sends
		if sends == "" {
			sends = "no parameters"
		}
		fmt.Fprintf(&b, "       %-28s %s\n", p.method, sends)
	}
	b.WriteString("  3. One dry run (dry_run=1: a price, never an order) of each product of\n")
	b.WriteString("     the catalogue: its first plan, a current Linux OS, its required\n")
	b.WriteString("     settings, and for a bandwidth top-up your first metered server.\n")
	b.WriteString("     Should a dry run ever be answered with a real order, the doctor says\n")
	b.WriteString("     so and sends no further dry run.\n")
	b.WriteString("  After three refusals of the key in a row, with no call accepting it, it\n")
	b.WriteString("  stops calling: Memset throttles after about ten failed logins.")
	return b.String()
}

// errDoctorNeedsKey: the doctor checks the real API unless told
// otherwise.
var errDoctorNeedsKey = &ExitError{Status: StatusUsage, Err: errors.New(
	"doctor checks the real Memset API and needs a key: set MEMSET_API_KEY, use --api-key-file, or --live to type it; --sandbox checks the embedded sandbox")}

// runDoctor runs the checks and prints the report. It fails (status 1)
// when something the wizard needs is missing.
func runDoctor(ctx context.Context, opts *DoctorOptions) error {
	b, err := OpenBackend(opts.Backend, opts.IO.keyIO())
	if err != nil {
		return err
	}
	defer b.Close()
	if b.Embedded && !opts.Backend.Sandbox {
		return errDoctorNeedsKey
	}
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	r := diagnose(ctx, b, now)
	if ctx.Err() != nil {
		return &ExitError{Status: StatusInterrupted, Err: errors.New("doctor interrupted; nothing was ordered")}
	}
	target := opts.Backend.OverridesFile
	def := DefaultOverridesPath(opts.Backend.getenv())
	if target == "" {
		target = def
	}
	var werr error
	if opts.WriteOverrides {
		r.writeAsked = true
		werr = writeFound(r, target, opts.Force)
	}
	if opts.Output == "json" {
		err = encodeJSON(opts.IO.Out, r, "  ")
	} else {
		err = r.writeText(opts.IO.Out, target, def)
	}
	if err := errors.Join(werr, err); err != nil {
		return err
	}
	if r.Exit != 0 {
		return &ExitError{Status: StatusError, Err: errors.New("doctor: something memset-order needs is missing (see above)")}
	}
	return nil
}

// writeFound writes the overrides the report suggests to path.
func writeFound(r *doctorReport, path string, force bool) error {
	switch {
	case path == "":
		return errors.New("--write-overrides: no place for the overrides file: set XDG_CONFIG_HOME or HOME, or give --overrides FILE")
	case !r.news(path):
		return nil
	}
	if err := WriteOverrides(path, r.suggested, force); err != nil {
		return err
	}
	r.WroteOverrides = path
	return nil
}
