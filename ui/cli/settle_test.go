package cli

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// TestRunSettle: an entry whose outcome is unknown is looked for in
// invoice.list at the endpoint it was sent to; the invoice the order
// raised is named and recorded; the exit status stays 3.
func TestRunSettle(t *testing.T) {
	sb := sandbox.New(sandbox.WithAPIKey(testKey), sandbox.WithAutoPay(0))
	srv := httptest.NewServer(sb)
	defer srv.Close()
	base := srv.URL + "/v1/json"
	c, err := api.New(api.WithBaseURL(base), api.WithAPIKey(testKey), api.WithHTTPClient(http.DefaultClient))
	if err != nil {
		t.Fatal(err)
	}
	// The order whose answer was lost, as Memset recorded it.
	q, err := c.Place(context.Background(), debian)
	if err != nil {
		t.Fatal(err)
	}
	lost := record("5f0c1a2b9d3e4f60", journal.StateUnknown, "", 0)
	lost.Time, lost.Endpoint = time.Now().UTC(), base
	done := record("0000111122223333", journal.StateDone, strings.Repeat("a1", 16), 7)
	sandboxed := record("5a5a5a5a5a5a5a5a", journal.StateUnknown, "", 0)
	sandboxed.Sandbox, sandboxed.Endpoint = true, sandbox.BaseURL
	path := writeJournal(t, lost, done, sandboxed)

	io, out, _ := testIO()
	opts := &SettleOptions{IO: io, JournalPath: path, ID: "5f0c", Backend: BackendOptions{Getenv: env(map[string]string{"MEMSET_API_KEY": testKey})}}
	err = runSettle(context.Background(), opts)
	if StatusOf(err) != StatusUnknown {
		t.Errorf("settle: %v, want status 3", err)
	}
	for _, w := range []string{"Entry 5f0c1a2b9d3e4f60: monthly_miniserver MSVM001 debian_trixie_64", "its outcome is unknown",
		"Invoice " + strconv.Itoa(q.InvoiceRef) + " mentions MSVM001: the order was most likely placed.",
		"  " + strconv.Itoa(q.InvoiceRef) + "  ", "Miniserver VM 1 GB (MSVM001)", "Recorded in the journal"} {
		if !strings.Contains(out.String(), w) {
			t.Errorf("settle's output lacks %q:\n%s", w, out)
		}
	}
	res, err := journal.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := res.Find(lost.ID); len(r.Candidates) != 1 || r.Candidates[0] != q.InvoiceRef {
		t.Errorf("the journal records candidates %v, want [%d]", r.Candidates, q.InvoiceRef)
	}

	for _, tc := range []struct {
		id, want string
		status   Status
	}{
		{done.ID, "nothing to settle", StatusUsage},
		{sandboxed.ID, "embedded sandbox", StatusUsage},
		{"ffffffff", "no entry", StatusError},
	} {
		io, _, _ := testIO()
		err := runSettle(context.Background(), &SettleOptions{IO: io, JournalPath: path, ID: tc.id, Backend: opts.Backend})
		if StatusOf(err) != tc.status || err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("settle %s: %v (status %d), want status %d saying %q", tc.id, err, StatusOf(err), tc.status, tc.want)
		}
	}
	// Without the account's key, nothing is asked.
	io, _, _ = testIO()
	if err := runSettle(context.Background(), &SettleOptions{IO: io, JournalPath: path, ID: lost.ID, Backend: BackendOptions{Getenv: env(nil)}}); err == nil || !strings.Contains(err.Error(), "MEMSET_API_KEY") {
		t.Errorf("settle without a key: %v", err)
	}
	if got := sb.Requests(model.MethodInvoiceList); got != 1 {
		t.Errorf("invoice.list was asked %d times, want once", got)
	}
}
