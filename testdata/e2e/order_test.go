package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// startSandboxCommand runs `memset-order sandbox --listen 127.0.0.1:0`
// with the user's environment until the test ends, and returns its base
// URL.
func startSandboxCommand(t *testing.T, u *user) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, binary, "sandbox", "--listen", "127.0.0.1:0")
	cmd.Env, cmd.Dir = u.environ(), u.home
	var mu sync.Mutex
	var out bytes.Buffer
	w := lockedBuffer{&mu, &out}
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = cmd.Wait() })
	deadline := time.Now().Add(screenTimeout)
	for {
		mu.Lock()
		m := listenRE.FindStringSubmatch(out.String())
		mu.Unlock()
		if m != nil {
			return m[1]
		}
		if time.Now().After(deadline) {
			t.Fatal("the sandbox did not say where it listens")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestOrderCurlAgainstSandboxCommand: the curl line memset-order prints
// for an order (the same Review's script view shows), run by a shell with
// the key exported against `memset-order sandbox`, returns the price the
// command showed; the line never holds the key.
func TestOrderCurlAgainstSandboxCommand(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed")
	}
	u := newUser(t).withKey(testKey)
	base := startSandboxCommand(t, u)
	r := u.run("order", "monthly_fullserver", "--sku", "FS001", "--os", "debian_bookworm_64", "--set", "period=3", "--set", "ram=128",
		"--dry-run", "-o", "json", "--api-url", base)
	if r.code != 0 {
		t.Fatalf("order --dry-run:\n%s", r)
	}
	var doc struct {
		Curl  string `json:"curl"`
		Quote struct {
			NetTotal json.Number `json:"net_total"`
			NetSetup json.Number `json:"net_setup_price"`
			Currency string      `json:"currency"`
		} `json:"quote"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("stdout is not the JSON document: %v\n%s", err, r)
	}
	if doc.Curl == "" || strings.Contains(doc.Curl, testKey) || !strings.Contains(doc.Curl, base) {
		t.Fatalf("curl line %q", doc.Curl)
	}
	cmd := exec.Command("sh", "-c", doc.Curl)
	cmd.Env = append(u.environ(), "MEMSET_API_KEY="+testKey)
	got, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v", doc.Curl, err)
	}
	var q struct {
		NetTotal json.Number `json:"net_total"`
		NetSetup json.Number `json:"net_setup_price"`
		Currency string      `json:"currency"`
		DryRun   bool        `json:"dry_run"`
	}
	if err := json.Unmarshal(got, &q); err != nil {
		t.Fatalf("curl answered %s: %v", got, err)
	}
	if !q.DryRun || q.Currency != doc.Quote.Currency || !sameAmount(q.NetTotal, doc.Quote.NetTotal) || !sameAmount(q.NetSetup, doc.Quote.NetSetup) {
		t.Errorf("curl got %s; the command showed %+v", got, doc.Quote)
	}
}

// sameAmount compares two decimal JSON numbers by value ("7.5" = "7.50").
func sameAmount(a, b json.Number) bool {
	x, err1 := a.Float64()
	y, err2 := b.Float64()
	return err1 == nil && err2 == nil && x == y
}

// TestOrderWithoutTerminal: from a script, a missing answer is named and
// the command exits 2, with nothing on stdout; --max-price below the
// price exits 5.
func TestOrderWithoutTerminal(t *testing.T) {
	u := newUser(t)
	r := u.run("order", "monthly_miniserver", "--set", "period=5")
	if r.code != 2 || r.stdout != "" {
		t.Fatalf("want exit 2 and nothing on stdout:\n%s", r)
	}
	for _, w := range []string{"3 answers are wrong or missing:", "--sku: missing", "--os: missing", "--set period=5: not one of the choices"} {
		if !strings.Contains(r.stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, r)
		}
	}
	r = u.run("order", "monthly_miniserver", "--sku", "MSVM001", "--os", "debian_jessie_64", "--max-price", "5", "--yes")
	if r.code != 5 || !strings.Contains(r.stderr, "above --max-price £5.00; nothing was ordered") {
		t.Errorf("want exit 5:\n%s", r)
	}
}

// TestOrderOpensWizardPrefilled: on a terminal, a missing answer opens
// the wizard on its step with the answers given already chosen.
func TestOrderOpensWizardPrefilled(t *testing.T) {
	u := newUser(t)
	s := u.startWizard("order", "monthly_miniserver", "--sku", "MSVM004", "--set", "period=3")
	s.waitScreen("Choose the operating system", "MSVM004 · Debian 13", "first payment £60.00 for 3 months")
	s.keys("\x1b")
	s.waitScreen("› MSVM004")
	if code := s.quit(); code != 0 {
		t.Errorf("q exited %d, want 0", code)
	}
}
