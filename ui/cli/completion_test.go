package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// completionTree is a small memset-order: the root's file and account
// flags, `order PRODUCT` with the flags of the real one, `job follow ID`,
// `orders settle ID`, `apply FILE` and `catalogue`, with their completions
// registered as the real tree registers them.
func completionTree(t *testing.T) *cobra.Command {
	t.Helper()
	f, _, _ := testFactory(nil)
	g := &Globals{}
	root := &cobra.Command{Use: "memset-order", Run: func(*cobra.Command, []string) {}}
	pf := root.PersistentFlags()
	pf.StringVar(&g.APIURL, "api-url", "", "")
	pf.StringVar(&g.APIKeyFile, "api-key-file", "", "")
	pf.StringVar(&g.CatalogueFile, "catalogue", "", "")
	pf.StringVar(&g.JournalPath, "journal", "", "")
	pf.StringVar(&g.DebugLog, "debug-log", "", "")
	pf.StringVar(&g.Account, "sandbox-account", "default", "")

	var set []string
	var sku, osName, discount, billTo string
	orderCmd := &cobra.Command{Use: "order PRODUCT", Run: func(*cobra.Command, []string) {}}
	fl := orderCmd.Flags()
	fl.StringVar(&sku, "sku", "", "")
	fl.StringVar(&osName, "os", "", "")
	fl.StringArrayVar(&set, "set", nil, "")
	fl.StringVar(&discount, "discount", "", "")
	fl.StringVar(&billTo, "bill-to", "", "")
	completeOrder(orderCmd, f, g)

	var latest bool
	follow := &cobra.Command{Use: "follow ID", Run: func(*cobra.Command, []string) {}}
	follow.Flags().BoolVar(&latest, "latest", false, "")
	completeJobIDs(follow, f, g)
	job := &cobra.Command{Use: "job"}
	job.AddCommand(follow)

	settle := &cobra.Command{Use: "settle ID", Run: func(*cobra.Command, []string) {}}
	completeEntryIDs(settle, f, g)
	orders := &cobra.Command{Use: "orders"}
	orders.AddCommand(settle)
	apply := &cobra.Command{Use: "apply FILE", Run: func(*cobra.Command, []string) {}}
	completePlanFiles(apply)

	root.AddCommand(orderCmd, job, orders, apply, newCmdCatalogue(f, g))
	completeGlobals(root)
	return root
}

// complete runs `memset-order __complete ARGS` on a new completionTree and
// returns the values offered (each "value" or "value\tdescription") and
// the directive.
func complete(t *testing.T, args ...string) ([]string, cobra.ShellCompDirective) {
	t.Helper()
	root := completionTree(t)
	var out, errOut bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errOut)
	root.SetArgs(append([]string{cobra.ShellCompRequestCmd}, args...))
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("__complete %q: %v", args, err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	last := lines[len(lines)-1]
	d, err := strconv.Atoi(strings.TrimPrefix(last, ":"))
	if !strings.HasPrefix(last, ":") || err != nil {
		t.Fatalf("__complete %q: no directive in %q", args, out.String())
	}
	return lines[:len(lines)-1], cobra.ShellCompDirective(d)
}

// values are the offered values without their descriptions.
func values(offered []string) []string {
	var out []string
	for _, o := range offered {
		v, _, _ := strings.Cut(o, "\t")
		out = append(out, v)
	}
	return out
}

// TestCompleteOrder: what the shell offers after `memset-order order`:
// the products, then for the product given its plans, OSes, settings and
// their values, as `order` takes them.
func TestCompleteOrder(t *testing.T) {
	t.Setenv("COBRA_ACTIVE_HELP", "")
	t.Setenv("MEMSET_ORDER_ACTIVE_HELP", "")
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	custom := model.DefaultCatalogue()
	custom.Products[0].SKUs[0].Code = "MSVM999"
	customPath := writeCatalogueFile(t, custom)

	const (
		noFiles  = cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
		noSpace  = noFiles | cobra.ShellCompDirectiveNoSpace
		anyOrder = cobra.ShellCompDirectiveNoFileComp
	)
	for _, tc := range []struct {
		name      string
		args      []string
		want      []string // offered, with descriptions where given
		exactly   bool     // want is all that is offered, in this order
		not       []string // values not offered
		directive cobra.ShellCompDirective
	}{
		{"products, described", []string{"order", ""}, []string{
			"monthly_miniserver\tMiniserver VM (monthly)", "hourly_miniserver\tMiniserver VM (hourly) (deprecated)", "bandwidth_bank\tBandwidth bank top-up"},
			false, nil, noFiles},
		{"products by prefix", []string{"order", "mem"}, []string{"memstore\tMemstore"}, true, nil, noFiles},
		{"no second product", []string{"order", "memstore", ""}, nil, true, nil, anyOrder},
		{"plans of the product", []string{"order", "monthly_miniserver", "--sku", ""}, []string{
			"MSVM001\tMiniserver VM 1 GB, 1 GB RAM", "MS0200\tClassic Miniserver 2 GB, 2 GB RAM, classic"}, false, []string{"MS0025", "FS001"}, noFiles},
		{"plans of another product", []string{"order", "hourly_miniserver", "--sku", "MS0"}, []string{
			"MS0025\tHourly Miniserver 1 GB, 1 GB RAM", "MS0050\tHourly Miniserver 2 GB, 2 GB RAM", "MS0100\tHourly Miniserver 4 GB, 4 GB RAM"}, true, nil, noFiles},
		{"plans of a storage product", []string{"order", "memstore", "--sku=MEMSTORE-1"}, []string{"MEMSTORE-100\tMemstore 100 GB", "MEMSTORE-1000\tMemstore 1 TB"}, true, nil, noFiles},
		{"no plans before the product", []string{"order", "--sku", ""}, nil, true, nil, anyOrder},
		{"no plans for an unknown product", []string{"order", "miniserver", "--sku", ""}, nil, true, nil, anyOrder},
		{"OSes of the product", []string{"order", "monthly_miniserver", "--os", ""}, []string{
			"debian_trixie_64\tDebian 13 (Trixie) 64-bit", "debian_jessie_64\tDebian 8 (Jessie) 64-bit (end of life)", "centos7_cpanel_64\tcPanel on CentOS 7 64-bit (end of life)"},
			false, nil, noFiles},
		{"OSes of an hourly server: no cPanel, no Windows", []string{"order", "hourly_miniserver", "--os", ""}, []string{"debian_trixie_64\tDebian 13 (Trixie) 64-bit"},
			false, []string{"centos7_cpanel_64", "win2025serverstd_64"}, noFiles},
		{"no OSes for storage", []string{"order", "memstore", "--os", ""}, nil, true, nil, noFiles},
		{"setting names, then =", []string{"order", "monthly_miniserver", "--set", ""}, []string{"period=\tBilling period", "firewall=\tFirewall", "disk_gb=\tDisk size"},
			false, []string{"name="}, noSpace},
		{"setting names by prefix", []string{"order", "monthly_miniserver", "--set", "mon"}, []string{"monitoring_level=\tMonitoring", "monthly_transfer_gb=\tMonthly transfer"}, true, nil, noSpace},
		{"no classic-only setting on a modern plan", []string{"order", "monthly_miniserver", "--sku", "MSVM001", "--set", ""}, []string{"period=\tBilling period"},
			false, []string{"disk_gb=", "disk_type=", "bandwidth_type=", "connection=", "monthly_transfer_gb="}, noSpace},
		{"classic-only settings on a classic plan", []string{"order", "monthly_miniserver", "--sku", "MS0200", "--set", "disk"}, []string{"disk_type=\tDisk type", "disk_gb=\tDisk size"}, true, nil, noSpace},
		{"a setting given is not offered again", []string{"order", "monthly_miniserver", "--set", "period=3", "--set", "p"}, []string{"pub_ssh_key=\tSSH public key"}, true, []string{"period="}, noSpace},
		{"values of a setting", []string{"order", "monthly_miniserver", "--set", "period="}, []string{
			"period=1\t1 month", "period=3\t3 months", "period=6\t6 months", "period=12\t12 months"}, true, nil, noFiles},
		{"values of a setting by prefix", []string{"order", "monthly_miniserver", "--set", "period=1"}, []string{"period=1\t1 month", "period=12\t12 months"}, true, nil, noFiles},
		{"values with --set=", []string{"order", "monthly_fullserver", "--set=ram="}, []string{"ram=64\t64 GB", "ram=128\t128 GB", "ram=256\t256 GB"}, true, nil, noFiles},
		{"a top-up's settings and target", []string{"order", "bandwidth_bank", "--set", ""}, []string{"gb=\tAmount", "name=\tthe server to top up"}, true, nil, noSpace},
		{"a number: what it takes, as help", []string{"order", "bandwidth_bank", "--set", "gb="}, []string{"_activeHelp_ gb: a whole number from 10 to 10000 GB"}, true, nil, anyOrder},
		{"the target: what it takes, as help", []string{"order", "bandwidth_bank", "--set", "name="}, []string{"_activeHelp_ name: the name of one of your servers with metered bandwidth"}, true, nil, anyOrder},
		{"an unknown setting has no values", []string{"order", "memstore", "--set", "colour="}, nil, true, nil, anyOrder},
		{"--bill-to", []string{"order", "memstore", "--bill-to", ""}, []string{
			"default\taccount default", "next-bill\tnext consolidated bill", "invoice-now\tinvoice now"}, true, nil, noFiles},
		{"no discount codes, no files", []string{"order", "memstore", "--discount", ""}, nil, true, nil, anyOrder},
		{"a --catalogue file's plans", []string{"--catalogue", customPath, "order", "monthly_miniserver", "--sku", "MSVM"}, []string{"MSVM999\tMiniserver VM 1 GB, 1 GB RAM"},
			false, []string{"MSVM001"}, noFiles},
		{"a broken --catalogue offers nothing", []string{"--catalogue", bad, "order", "monthly_miniserver", "--sku", ""}, nil, true, nil, cobra.ShellCompDirectiveError},
		{"a broken --catalogue offers no products", []string{"--catalogue", bad, "order", ""}, nil, true, nil, cobra.ShellCompDirectiveError},
		{"catalogue PRODUCT", []string{"catalogue", "open"}, []string{"openstack\tOpenStack project"}, true, nil, noFiles},
	} {
		offered, d := complete(t, tc.args...)
		if d != tc.directive {
			t.Errorf("%s: directive %d, want %d", tc.name, d, tc.directive)
		}
		if tc.exactly && !slices.Equal(offered, tc.want) {
			t.Errorf("%s: offered %q, want %q", tc.name, offered, tc.want)
			continue
		}
		for _, w := range tc.want {
			if !slices.Contains(offered, w) {
				t.Errorf("%s: %q not offered in %q", tc.name, w, offered)
			}
		}
		for _, n := range tc.not {
			if slices.Contains(values(offered), n) {
				t.Errorf("%s: %q offered", tc.name, n)
			}
		}
	}
}

// TestCompleteGlobals: the demo accounts, the default endpoint, and file
// names for the flags that name files.
func TestCompleteGlobals(t *testing.T) {
	offered, d := complete(t, "--sandbox-account", "")
	if !slices.Equal(values(offered), sandbox.AccountPresetNames()) || d != cobra.ShellCompDirectiveNoFileComp|cobra.ShellCompDirectiveKeepOrder {
		t.Errorf("--sandbox-account: %q (directive %d), want %q", offered, d, sandbox.AccountPresetNames())
	}
	if !strings.HasPrefix(offered[0], "default\t") || len(offered[0]) < len("default\t")+5 {
		t.Errorf("--sandbox-account: %q has no description", offered[0])
	}
	for _, flag := range []string{"--catalogue", "--journal", "--debug-log", "--api-key-file"} {
		offered, d := complete(t, "order", flag, "")
		if len(offered) != 0 || d != cobra.ShellCompDirectiveDefault {
			t.Errorf("%s: %q (directive %d), want file names", flag, offered, d)
		}
	}
	if offered, _ := complete(t, "--api-url", ""); !slices.Equal(offered, []string{"https://api.memset.com/v1/json"}) {
		t.Errorf("--api-url: %q", offered)
	}
}

// TestCompleteJobIDs: `job follow` offers the journal's job ids, newest
// first and each once, described by their order; not the embedded
// sandbox's (unless --api-url is given), nothing with --latest or a second
// argument, nothing for a journal that is missing or not a file; and what
// the journal says is filtered.
func TestCompleteJobIDs(t *testing.T) {
	job1, job2, job3 := strings.Repeat("a1", 16), strings.Repeat("b2", 16), strings.Repeat("c3", 16)
	older := record("A", journal.StatePlaced, job1, 100291)
	newer := record("B", journal.StateDone, job2, 100292)
	newer.Time = older.Time.Add(time.Hour)
	newer.Params = map[string]string{"sku": "MS0200\x1b]0;pwned\x07", "os": "debian_trixie_64"}
	boxed := record("S", journal.StatePlaced, job3, 100293)
	boxed.Sandbox = true
	noJob := record("N", journal.StateUnknown, "", 0)
	badJob := record("X", journal.StatePlaced, "not-a-job-id", 3)
	again := record("R", journal.StatePlaced, job1, 100291)
	again.Time = older.Time.Add(-time.Hour)
	path := writeJournal(t, older, newer, boxed, noJob, badJob, again)

	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"newest first, described", []string{"--journal", path, "job", "follow", ""}, []string{
			job2 + "\tmonthly_miniserver MS0200\uFFFD debian_trixie_64, 2026-11-27 10:30 UTC, ready",
			job1 + "\tmonthly_miniserver MSVM001 debian_trixie_64, 2026-11-27 09:30 UTC, ordered",
		}},
		{"by prefix", []string{"--journal", path, "job", "follow", "b2"}, []string{
			job2 + "\tmonthly_miniserver MS0200\uFFFD debian_trixie_64, 2026-11-27 10:30 UTC, ready"}},
		{"the sandbox's with --api-url", []string{"--journal", path, "--api-url", "http://127.0.0.1:8080/v1/json", "job", "follow", "c"}, []string{
			job3 + "\tmonthly_miniserver MSVM001 debian_trixie_64, 2026-11-27 09:30 UTC, ordered"}},
		{"nothing with --latest", []string{"--journal", path, "job", "follow", "--latest", ""}, nil},
		{"nothing after the ID", []string{"--journal", path, "job", "follow", job1, ""}, nil},
		{"a missing journal", []string{"--journal", filepath.Join(t.TempDir(), "none.jsonl"), "job", "follow", ""}, nil},
		{"a journal that is not a file", []string{"--journal", t.TempDir(), "job", "follow", ""}, nil},
	} {
		offered, _ := complete(t, tc.args...)
		if !slices.Equal(offered, tc.want) {
			t.Errorf("%s: offered %q, want %q", tc.name, offered, tc.want)
		}
	}
}

// TestCompleteEntryIDs: `orders settle` offers the ids of the journal's
// entries whose outcome is unknown, newest first, described by their order
// and when they were sent; not those whose outcome is known, not the
// embedded sandbox's (settle refuses them, --api-url or not), not an id the
// shell could not take as typed; nothing after the ID, and nothing for a
// journal that is missing or not a file.
func TestCompleteEntryIDs(t *testing.T) {
	unknown := record("0123456789abcdef", journal.StateUnknown, "", 0)
	pending := record("0fedcba987654321", journal.StatePending, "", 0)
	pending.Time = unknown.Time.Add(time.Hour)
	pending.Params = map[string]string{"sku": "MS0200\x1b]0;pwned\x07"}
	topUp := journal.Record{ID: "1111222233334444", Time: unknown.Time.Add(-time.Hour), State: journal.StateUnknown,
		Intent: journal.Intent{Endpoint: "https://api.memset.com/v1/json", Method: "create.bandwidth_bank", Product: "bandwidth_bank",
			Params: map[string]string{"name": "sandyaa1", "gb": "100"}}}
	placed := record("0aaaaaaaaaaaaaaa", journal.StatePlaced, strings.Repeat("a1", 16), 100291)
	refused := record("0bbbbbbbbbbbbbbb", journal.StateRefused, "", 0)
	boxed := record("0ccccccccccccccc", journal.StateUnknown, "", 0)
	boxed.Sandbox = true
	spaced := record("0d d", journal.StateUnknown, "", 0)
	path := writeJournal(t, unknown, pending, topUp, placed, refused, boxed, spaced)

	all := []string{
		"0fedcba987654321\tmonthly_miniserver MS0200\uFFFD, sent 2026-11-27 10:30 UTC",
		"0123456789abcdef\tmonthly_miniserver MSVM001 debian_trixie_64, sent 2026-11-27 09:30 UTC",
		"1111222233334444\tbandwidth_bank sandyaa1 +100 GB, sent 2026-11-27 08:30 UTC",
	}
	for _, tc := range []struct {
		name      string
		args      []string
		want      []string
		directive cobra.ShellCompDirective
	}{
		{"newest first, described", []string{"--journal", path, "orders", "settle", ""}, all, keepOrder},
		{"by prefix", []string{"--journal", path, "orders", "settle", "0"}, all[:2], keepOrder},
		{"not the sandbox's, even with --api-url", []string{"--journal", path, "--api-url", "http://127.0.0.1:8080/v1/json", "orders", "settle", "0c"}, nil, keepOrder},
		{"not an outcome known", []string{"--journal", path, "orders", "settle", "0a"}, nil, keepOrder},
		{"nothing after the ID", []string{"--journal", path, "orders", "settle", "0123456789abcdef", ""}, nil, cobra.ShellCompDirectiveNoFileComp},
		{"a missing journal", []string{"--journal", filepath.Join(t.TempDir(), "none.jsonl"), "orders", "settle", ""}, nil, keepOrder},
		{"a journal that is not a file", []string{"--journal", t.TempDir(), "orders", "settle", ""}, nil, cobra.ShellCompDirectiveError},
	} {
		offered, d := complete(t, tc.args...)
		if !slices.Equal(offered, tc.want) || d != tc.directive {
			t.Errorf("%s: offered %q (directive %d), want %q (directive %d)", tc.name, offered, d, tc.want, tc.directive)
		}
	}
}

// TestCompleteEntryIDsBound: a journal with more unknown outcomes than
// maxJournalCompletions offers the newest of them only.
func TestCompleteEntryIDsBound(t *testing.T) {
	var recs []journal.Record
	for i := range maxJournalCompletions + 5 {
		r := record(fmt.Sprintf("%016x", i), journal.StateUnknown, "", 0)
		r.Time = r.Time.Add(time.Duration(i) * time.Minute)
		recs = append(recs, r)
	}
	offered, _ := complete(t, "--journal", writeJournal(t, recs...), "orders", "settle", "")
	got := values(offered)
	if len(got) != maxJournalCompletions {
		t.Fatalf("offered %d ids, want %d", len(got), maxJournalCompletions)
	}
	if got[0] != recs[len(recs)-1].ID || got[len(got)-1] != recs[5].ID {
		t.Errorf("offered %q … %q, want the newest: %q … %q", got[0], got[len(got)-1], recs[len(recs)-1].ID, recs[5].ID)
	}
}

// TestCompletePlanFiles: `apply` asks the shell for *.plan files while one
// starts with what was typed, and for any file once none does, so that a
// plan under another name can still be completed; hidden plans and
// directories named *.plan do not count; nothing after the FILE.
func TestCompletePlanFiles(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"ms.plan", "ms.json", "notes.txt", ".hidden.plan"} {
		if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range []string{"sub", "dir.plan", "hid"} {
		if err := os.Mkdir(filepath.Join(dir, name), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "hid", ".only.plan"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	const (
		plans   = cobra.ShellCompDirectiveFilterFileExt
		anyFile = cobra.ShellCompDirectiveDefault
	)
	for _, tc := range []struct {
		name, typed string
		directive   cobra.ShellCompDirective
	}{
		{"a directory with plans", dir + "/", plans},
		{"a plan's prefix", dir + "/ms", plans},
		{"past the plans", dir + "/ms.j", anyFile},
		{"no plan starts so", dir + "/no", anyFile},
		{"a directory named *.plan is no plan", dir + "/dir", anyFile},
		{"a hidden plan, once a dot is typed", dir + "/.h", plans},
		{"a hidden plan only", dir + "/hid/", anyFile},
		{"a hidden plan only, a dot typed", dir + "/hid/.", plans},
		{"a directory without plans", dir + "/sub/", anyFile},
		{"a directory that is not there", filepath.Join(dir, "none") + "/", anyFile},
	} {
		offered, d := complete(t, "apply", tc.typed)
		want := []string(nil)
		if tc.directive == plans {
			want = []string{"plan"}
		}
		if !slices.Equal(offered, want) || d != tc.directive {
			t.Errorf("%s (%q): offered %q (directive %d), want %q (directive %d)", tc.name, tc.typed, offered, d, want, tc.directive)
		}
	}

	t.Chdir(dir)
	if offered, d := complete(t, "apply", ""); !slices.Equal(offered, []string{"plan"}) || d != plans {
		t.Errorf("the working directory: offered %q (directive %d), want plan files", offered, d)
	}
	t.Chdir(filepath.Join(dir, "sub"))
	if offered, d := complete(t, "apply", ""); len(offered) != 0 || d != anyFile {
		t.Errorf("a working directory without plans: offered %q (directive %d), want any file", offered, d)
	}
	if offered, d := complete(t, "apply", "ms.plan", ""); len(offered) != 0 || d != cobra.ShellCompDirectiveNoFileComp {
		t.Errorf("after the FILE: offered %q (directive %d), want nothing", offered, d)
	}
}

// TestCompletionScript: the tree with the completions registered still
// writes a shell's completion script.
func TestCompletionScript(t *testing.T) {
	root := completionTree(t)
	var out bytes.Buffer
	root.SetOut(&out)
	root.SetArgs([]string{"completion", "bash"})
	if err := root.ExecuteContext(context.Background()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "__start_memset-order") {
		t.Errorf("completion bash: no script:\n%.200s", out.String())
	}
}
