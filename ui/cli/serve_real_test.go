package cli

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/sandbox"
)

// TestServeRealOrders: with --real-orders and --api-key-file, sessions
// order from the API at --api-url with that key: the screens do not say
// SANDBOX, the order reaches the API once, the journal records it as a
// real order with the SSH user and key, and the key is never written to
// the session or the log.
func TestServeRealOrders(t *testing.T) {
	const key = "0123456789abcdef0123456789abcdef"
	api := sandbox.New(sandbox.WithAPIKey(key), sandbox.WithStageDuration(50*time.Millisecond), sandbox.WithAutoPay(50*time.Millisecond))
	srv := httptest.NewServer(api)
	t.Cleanup(srv.Close)
	keyFile := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(keyFile, []byte(key+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	redact := NewRedactor()
	ts := startServe(t, func(o *ServeOptions) {
		o.RealOrders = true
		o.Backend.APIKeyFile, o.Backend.APIURL = keyFile, srv.URL+"/v1/json"
		o.Redact = redact
		o.IO.ErrOut = redact.Writer(o.IO.ErrOut)
	})
	ts.waitLog("REAL ORDERS with key", srv.URL)
	s := openScreen(t, ts.login(), 100, 30, "xterm-256color", serveLocale)
	review, ref, job := placeDebianMiniserver(t, s)
	if strings.Contains(review, "SANDBOX") || !strings.Contains(review, "Company Visa") {
		t.Errorf("the review of a real-order session says SANDBOX, or not the account's card:\n%s", review)
	}
	s.waitScreen("Your new service is ready", job)
	s.keys("q")
	if code := s.wait(); code != 0 {
		t.Fatalf("the session ended with status %d, want 0\nstderr:\n%s", code, s.stderr)
	}
	if sum := s.afterFullScreen(); !strings.Contains(sum, "Ordered: invoice "+ref+", job "+job+".") {
		t.Errorf("the real order's summary in the session:\n%s", sum)
	}
	if n := len(api.Orders()); n != 1 {
		t.Fatalf("the API received %d orders for one confirmation, want 1", n)
	}
	ts.waitLog("exit 0: Ordered: invoice " + ref)
	res, err := journal.Read(ts.opts.JournalPath)
	if err != nil || len(res.Records) != 1 {
		t.Fatalf("the journal holds %d records (%v), want 1", len(res.Records), err)
	}
	r := res.Records[0]
	if r.Sandbox || r.Endpoint != srv.URL+"/v1/json" || r.SSHUser != "alice" || r.SSHKey != gossh.FingerprintSHA256(ts.user.PublicKey()) {
		t.Errorf("the journal records sandbox %v, endpoint %q, ssh_user %q, ssh_key %q; want a real order at %s by alice with her key",
			r.Sandbox, r.Endpoint, r.SSHUser, r.SSHKey, srv.URL)
	}
	for what, text := range map[string]string{"the session": s.transcript() + s.stderr.String(), "the log": ts.log.String()} {
		if strings.Contains(text, key) {
			t.Errorf("%s shows the API key", what)
		}
	}
}
