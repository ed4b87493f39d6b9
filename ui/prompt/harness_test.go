package prompt_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
	"github.com/memset-order/memset-order/ui/prompt"
)

// testKey is a fixed API key; no output may ever contain it.
const testKey = "5f3a9c0e7b1d4f2a8c6e0b9d7f1a3c5e"

// world is a sandbox on a fake clock, with the real api client talking to
// it through the in-memory transport and a desk on that client. Invoices
// paid by card are paid 3s after the order; each stage takes 10s.
type world struct {
	sb     *sandbox.Sandbox
	clock  *sandbox.FakeClock
	client *api.Client
	desk   *order.Desk
}

func newWorld(t *testing.T, opts ...sandbox.Option) *world {
	t.Helper()
	clock := sandbox.NewFakeClock(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC))
	all := append([]sandbox.Option{sandbox.WithAPIKey(testKey), sandbox.WithClock(clock),
		sandbox.WithAutoPay(3 * time.Second), sandbox.WithStageDuration(10 * time.Second)}, opts...)
	sb := sandbox.New(all...)
	c, err := api.New(api.WithBaseURL(sandbox.BaseURL), api.WithHTTPClient(&http.Client{Transport: sb.Transport()}),
		api.WithAPIKey(testKey), api.WithRetry(api.NoRetry))
	if err != nil {
		t.Fatal(err)
	}
	desk := order.New(order.Config{Backend: c, Catalogue: model.DefaultCatalogue(), Endpoint: sandbox.BaseURL, Now: clock.Now})
	return &world{sb: sb, clock: clock, client: c, desk: desk}
}

// config is the prompts' configuration in this world, reading input; the
// job's polls move the fake clock instead of waiting.
func (w *world) config(input string) prompt.Config {
	return prompt.Config{
		In: strings.NewReader(input), Backend: w.client, Desk: w.desk, Catalogue: model.DefaultCatalogue(),
		Sandbox: true, Ephemeral: true, Endpoint: sandbox.BaseURL, Now: w.clock.Now,
		Sleep: func(ctx context.Context, d time.Duration) error {
			if err := ctx.Err(); err != nil {
				return err
			}
			w.clock.Advance(d)
			return nil
		},
	}
}

// run runs the prompts on cfg and returns the Result and everything
// written.
func run(t *testing.T, cfg prompt.Config) (ui.Result, string) {
	t.Helper()
	var out bytes.Buffer
	cfg.Out = &out
	res, err := prompt.Run(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Run: %v\n%s", err, out.String())
	}
	return res, out.String()
}

// plain checks that out is plain text: no escape byte, no key.
func plain(t *testing.T, out string) {
	t.Helper()
	if i := strings.IndexByte(out, 0x1b); i >= 0 {
		t.Errorf("the output holds an escape byte at %d: %q", i, out[max(0, i-40):min(len(out), i+40)])
	}
	if strings.Contains(out, testKey) {
		t.Error("the output holds the API key")
	}
}

// lines is a script: one answer a line.
func lines(answers ...string) string { return strings.Join(answers, "\n") + "\n" }

// lastListing is the last listing that begins with head, up to its
// question.
func lastListing(out, head string) string {
	i := strings.LastIndex(out, head)
	if i < 0 {
		return ""
	}
	rest := out[i:]
	if j := strings.Index(rest, "Choose "); j >= 0 {
		return rest[:j]
	}
	return rest
}
