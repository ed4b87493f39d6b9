package api_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// leaks returns the forms of the key that must never appear.
func leaks() []string {
	return []string{
		testKey,
		strings.ToUpper(testKey),
		base64.StdEncoding.EncodeToString([]byte(testKey + ":")),
	}
}

// assertNoKey fails when text holds the key in any form.
func assertNoKey(t *testing.T, what, text string) {
	t.Helper()
	for _, k := range leaks() {
		if strings.Contains(text, k) {
			t.Errorf("%s contains the key (%s…):\n%s", what, k[:6], text)
		}
	}
}

// assertErrorHasNoKey checks every way an error may be printed, for the
// error and everything it wraps.
func assertErrorHasNoKey(t *testing.T, err error) {
	t.Helper()
	queue := []error{err}
	for len(queue) > 0 {
		e := queue[0]
		queue = queue[1:]
		if e == nil {
			continue
		}
		for _, form := range []string{e.Error(), fmt.Sprint(e), fmt.Sprintf("%v", e), fmt.Sprintf("%+v", e), fmt.Sprintf("%#v", e), fmt.Sprintf("%q", e)} {
			assertNoKey(t, fmt.Sprintf("error %T", e), form)
		}
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			queue = append(queue, u.Unwrap())
		case interface{ Unwrap() []error }:
			queue = append(queue, u.Unwrap()...)
		}
	}
}

// echoKey is a server that repeats the credentials it was sent in every
// place an answer can carry text: the worst case for scrubbing.
func echoKey(status int, contentType string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		user, _, _ := r.BasicAuth()
		auth := r.Header.Get("Authorization")
		w.Header().Set("Content-Type", contentType+"; key="+user)
		w.Header().Set("Location", "https://"+user+":@elsewhere.example/"+user)
		w.WriteHeader(status)
		switch {
		case strings.Contains(contentType, "html"):
			fmt.Fprintf(w, "<html><title>Denied %s</title><p>%s %s</p></html>", user, auth, strings.ToUpper(user))
		case status >= 300:
			fmt.Fprintf(w, `{"error": "API key %s (%s) is not known", "error_type": "ApiError%s", "error_code": 4}`, user, auth, user)
		default:
			fmt.Fprintf(w, `{"id": "%s", "note": "%s", "status": `, user, auth)
		}
	}
}

func TestKeyNeverLeaks(t *testing.T) {
	cases := faultCases()
	for _, st := range []int{200, 302, 403, 429, 500, 502} {
		for _, ct := range []string{"application/json", "text/html"} {
			cases = append(cases, faultCase{
				name: fmt.Sprintf("server echoes the key: %d %s", st, ct), handler: echoKey(st, ct),
				run: readJob, opts: []api.Option{api.WithRetry(api.RetryPolicy{MaxAttempts: 2})},
			}, faultCase{
				name: fmt.Sprintf("server echoes the key on a real order: %d %s", st, ct), handler: echoKey(st, ct),
				run: place,
			})
		}
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := server(t, tc.handler)
			var log syncBuffer
			c, _ := client(t, srv.URL, append(tc.opts, api.WithDebugLog(&log))...)
			err := tc.run(t.Context(), c)
			if err == nil {
				t.Fatal("no error")
			}
			assertErrorHasNoKey(t, err)
			if log.String() == "" {
				t.Error("the debug log is empty")
			}
			assertNoKey(t, "debug log", log.String())
			if !strings.Contains(log.String(), "Authorization: [redacted]") {
				t.Errorf("debug log does not show the redacted Authorization header:\n%s", log.String())
			}
		})
	}
}

// TestKeyNeverLeaksFromLocalErrors covers inputs that are refused before
// anything is sent, including a key pasted where it does not belong.
func TestKeyNeverLeaksFromLocalErrors(t *testing.T) {
	c, err := api.New(api.WithAPIKey(testKey), api.WithBaseURL("https://127.0.0.1:1/v1/json"), api.WithRetry(api.NoRetry))
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	var nilClient *api.Client
	var nilCtx context.Context // a caller's bug, which must be an error, not a panic
	runs := map[string]func() error{
		"New with a bad key":     func() error { _, err := api.New(api.WithAPIKey(testKey + "0")); return err },
		"New with a key not hex": func() error { _, err := api.New(api.WithAPIKey(testKey[:31] + "g")); return err },
		"New with the key in the URL": func() error {
			_, err := api.New(api.WithBaseURL("https://" + testKey + ":@api.memset.com/v1/json"))
			return err
		},
		"New with the key in a bad URL": func() error {
			_, err := api.New(api.WithBaseURL("https://" + testKey + "@api.memset.com:bad/v1/json"))
			return err
		},
		"New with the key as user, no scheme": func() error { _, err := api.New(api.WithBaseURL(testKey + "@api.memset.com")); return err },
		"job id is the key":                   func() error { _, err := c.JobStatus(ctx, strings.ToUpper(testKey)); return err },
		"service name holds the key":          func() error { _, err := c.ServiceInfo(ctx, testKey+"!"); return err },
		"discount code is the key":            func() error { _, err := c.VerifyDiscountCode(ctx, testKey+strings.Repeat("x", 40)); return err },
		"api_key parameter": func() error {
			return c.Call(ctx, model.MethodJobStatus, map[string][]string{"api_key": {testKey}}, nil)
		},
		"invoice filter holds the key": func() error { _, err := c.InvoiceList(ctx, api.InvoiceFilter{Status: testKey}); return err },
		"nil client":                   func() error { _, err := nilClient.Quote(ctx, docOrder); return err },
		"nil context":                  func() error { _, err := c.Place(nilCtx, docOrder); return err },
	}
	for name, run := range runs {
		t.Run(name, func(t *testing.T) {
			var err error
			panicked := func() (p any) {
				defer func() { p = recover() }()
				err = run()
				return nil
			}()
			if panicked != nil {
				t.Fatalf("panicked: %s", fmt.Sprint(panicked))
			}
			if err == nil {
				t.Fatal("no error")
			}
			assertErrorHasNoKey(t, err)
		})
	}
	for _, form := range []string{fmt.Sprint(c), fmt.Sprintf("%+v", c), fmt.Sprintf("%#v", c), fmt.Sprintf("%+v", *c)} {
		assertNoKey(t, "a printed Client", form)
	}
}

// TestKeyPastedIntoAFieldIsNotSent covers an order whose own fields hold
// the key (pasted into a text field by mistake): nothing is sent.
func TestKeyPastedIntoAFieldIsNotSent(t *testing.T) {
	srv, count := server(t, status(200, quoteBody))
	var log syncBuffer
	c, _ := client(t, srv.URL, api.WithDebugLog(&log), api.WithTimeout(time.Second))
	o := docOrder
	o.Extras = map[string]string{"pub_ssh_key": "ssh-ed25519 AAAA" + strings.ToUpper(testKey)}
	for name, run := range map[string]func(context.Context, model.Order) (model.Quote, error){"Quote": c.Quote, "Place": c.Place} {
		_, err := run(context.Background(), o)
		if err == nil || !strings.Contains(err.Error(), `parameter "pub_ssh_key" holds the API key; it was not sent`) {
			t.Errorf("%s: err = %v, want a refusal naming pub_ssh_key", name, err)
		}
		if api.IsOutcomeUnknown(err) {
			t.Errorf("%s: a refusal before sending is not outcome-unknown", name)
		}
		assertErrorHasNoKey(t, err)
	}
	if got := count.get(createPath); got != 0 {
		t.Errorf("server saw %d requests, want 0", got)
	}
	assertNoKey(t, "debug log", log.String())
}
