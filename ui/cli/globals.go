package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/sandbox"
)

// Globals are the values of the flags several commands share: the
// backend, the files and the sandbox's demo account. Each command
// registers only the ones it honours (addGlobals), so that its --help
// lists only those and any other is refused as an unknown flag (exit 2).
type Globals struct {
	Sandbox       bool
	Live          bool
	APIURL        string
	APIKeyFile    string
	CatalogueFile string
	OverridesFile string
	JournalPath   string
	DebugLog      string
	Account       string
}

// The names of the shared flags.
const (
	flagSandbox    = "sandbox"
	flagLive       = "live"
	flagAPIURL     = "api-url"
	flagAPIKeyFile = "api-key-file"
	flagCatalogue  = "catalogue"
	flagOverrides  = "overrides"
	flagJournal    = "journal"
	flagDebugLog   = "debug-log"
	flagAccount    = "sandbox-account"
)

// backendFlags are the shared flags that choose and open the backend
// (BackendOptions): every command that talks to Memset or the embedded
// sandbox takes them.
var backendFlags = []string{flagSandbox, flagLive, flagAPIURL, flagAPIKeyFile, flagCatalogue, flagOverrides, flagDebugLog, flagAccount}

// withJournal is names and --journal.
func withJournal(names ...string) []string {
	return append(append([]string(nil), names...), flagJournal)
}

// addGlobals registers the shared flags named on cmd, bound to g. The
// defaults are g's values (zero, but for tests that fill g in). --sandbox
// and --live, when both are registered, exclude each other.
func (g *Globals) addGlobals(cmd *cobra.Command, names ...string) {
	fl := cmd.Flags()
	for _, name := range names {
		switch name {
		case flagSandbox:
			fl.BoolVar(&g.Sandbox, name, g.Sandbox, "use the embedded sandbox even if an API key is set (not with --live or --api-url)")
		case flagLive:
			fl.BoolVar(&g.Live, name, g.Live, "use the real Memset API; ask for the key if none is set")
		case flagAPIURL:
			fl.StringVar(&g.APIURL, name, g.APIURL, "Memset API base URL (default "+api.DefaultBaseURL+"; https, or http to a loopback address)")
		case flagAPIKeyFile:
			fl.StringVar(&g.APIKeyFile, name, g.APIKeyFile, "read the API key from PATH (must be readable by you only)")
		case flagCatalogue:
			fl.StringVar(&g.CatalogueFile, name, g.CatalogueFile, "load the catalogue from a JSON FILE instead of the built-in one")
		case flagOverrides:
			fl.StringVar(&g.OverridesFile, name, g.OverridesFile, "correct method names and error types from FILE (default $XDG_CONFIG_HOME/memset-order/overrides.json; see doctor)")
		case flagJournal:
			fl.StringVar(&g.JournalPath, name, g.JournalPath, "order journal PATH (default $XDG_STATE_HOME/memset-order/orders.jsonl)")
		case flagDebugLog:
			fl.StringVar(&g.DebugLog, name, g.DebugLog, "append every API request and answer to FILE (the key is redacted)")
		case flagAccount:
			fl.StringVar(&g.Account, name, g.Account, accountHelp())
		default:
			panic("no shared flag --" + name)
		}
	}
	if fl.Lookup(flagSandbox) != nil && fl.Lookup(flagLive) != nil {
		cmd.MarkFlagsMutuallyExclusive(flagSandbox, flagLive)
	}
	completeGlobals(cmd)
}

// accountHelp is --sandbox-account's help: the presets, the one used
// without the flag marked. The flag's default is empty (accountName reads
// it as that one), so that fang does not end the list with "(default)",
// as if the last name were the default.
func accountHelp() string {
	names := sandbox.AccountPresetNames()
	for i, n := range names {
		if n == accountName("") {
			names[i] += " (used when not given)"
		}
	}
	return "demo account of the embedded sandbox: " + strings.Join(names, ", ")
}

// tolerate registers the shared flags named on cmd, hidden, for a
// command that does not use them but must accept them (the test suite
// passes them to every command): given, each is said on stderr to be
// ignored, rather than ignored silently.
func (g *Globals) tolerate(cmd *cobra.Command, f *Factory, names ...string) {
	g.addGlobals(cmd, names...)
	for _, name := range names {
		_ = cmd.Flags().MarkHidden(name)
	}
	cmd.PreRun = func(c *cobra.Command, _ []string) {
		for _, name := range names {
			if c.Flags().Changed(name) {
				fmt.Fprintf(f.IO.ErrOut, "note: %s does not use --%s: it is ignored\n", c.CommandPath(), name)
			}
		}
	}
}

// backend is the BackendOptions the flags ask for.
func (g *Globals) backend(f *Factory) BackendOptions {
	return BackendOptions{
		Sandbox: g.Sandbox, Live: g.Live, APIURL: g.APIURL, APIKeyFile: g.APIKeyFile,
		CatalogueFile: g.CatalogueFile, OverridesFile: g.OverridesFile, DebugLog: g.DebugLog, Account: g.Account,
		UserAgent: f.userAgent(), Getenv: f.Getenv, Redact: f.Redact,
	}
}

// journal is the --journal path or the default one.
func (g *Globals) journal() (string, error) {
	if g.JournalPath != "" {
		return g.JournalPath, nil
	}
	return journal.DefaultPath()
}
