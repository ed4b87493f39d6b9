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

// fragment is the length of the pieces of the key, or of its base64 form,
// that must not appear either: a message that cut a value inside the key
// would show its start or end only.
const fragment = 12

// leaks returns the forms of the key that must never appear, whole or in
// pieces of fragment characters.
func leaks() []string {
	var out []string
	for _, k := range []string{testKey, strings.ToUpper(testKey), base64.StdEncoding.EncodeToString([]byte(testKey + ":"))} {
		for i := 0; i+fragment <= len(k); i++ {
			out = append(out, k[i:i+fragment])
		}
	}
	return out
}

// assertNoKey fails when text holds the key in any form, or a piece of it.
func assertNoKey(t *testing.T, what, text string) {
	t.Helper()
	for _, k := range leaks() {
		if strings.Contains(text, k) {
			t.Errorf("%s contains (part of) the key (%s):\n%s", what, k, text)
			return
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

// keyAsValue answers 200 with body, KEY replaced by the key the request
// carried: a server quoting the key back where a value belongs, a value the
// client may repeat (or cut) in its error or log.
func keyAsValue(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		user, _, _ := r.BasicAuth()
		jsonReply(w, 200, strings.ReplaceAll(body, "KEY", user))
	}
}

// keyAsValueCases are answers that quote the key in a value the client
// checks: it must never repeat the key, whole or cut.
func keyAsValueCases() []faultCase {
	const realOrder = `{"sku": "MSVM001", "currency": "GBP", "dry_run": false, "invoice_ref": 100291, "job": {"id": "739c99f25ed8d13e48ba94ec6a4a0102", "status": "AWAITING-PAYMENT", "finished": false, "error": false}, "net_total": 7.5}`
	return []faultCase{
		{name: "key as the sku of a quote", run: quote, handler: keyAsValue(`{"sku": "KEY", "currency": "GBP", "dry_run": true, "net_total": 7.5}`)},
		{name: "key as the sku of a real order", run: place, handler: keyAsValue(strings.Replace(realOrder, "MSVM001", "KEY", 1))},
		{name: "key as the job id", run: readJob, handler: keyAsValue(`{"id": "KEY", "status": "DONE", "finished": true, "error": false}`)},
		{name: "key cut inside a bad job id", run: readJob, handler: keyAsValue(`{"id": "zzzzzzzzzzzzzzzzKEY", "status": "DONE", "finished": true, "error": false}`)},
		{name: "key cut inside a bad invoice_ref", run: place, handler: keyAsValue(strings.Replace(realOrder, "100291", `"xxxxxxxxxxxxxxxxxxxxKEY"`, 1))},
		{name: "key cut inside a bad currency", run: quote, handler: keyAsValue(`{"currency": "ABCDKEY", "dry_run": true, "net_total": 7.5}`)},
		{name: "key across the debug log's cut", run: readJob, handler: keyAsValue(`{"pad": "` + strings.Repeat("x", 4096-len(`{"pad": "`)-16) + `KEY"}`)},
	}
}

func TestKeyNeverLeaks(t *testing.T) {
	cases := append(faultCases(), keyAsValueCases()...)
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
// the key (pasted into a text field, or into a parameter's name, by
// mistake): nothing is sent.
func TestKeyPastedIntoAFieldIsNotSent(t *testing.T) {
	cases := []struct {
		name   string
		extras map[string]string
		want   string
	}{
		{"in a value", map[string]string{"pub_ssh_key": "ssh-ed25519 AAAA" + strings.ToUpper(testKey)}, `parameter "pub_ssh_key" holds the API key; it was not sent`},
		{"as a parameter name", map[string]string{"x" + testKey: "1"}, "a parameter name holds the API key; nothing was sent"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv, count := server(t, status(200, quoteBody))
			var log syncBuffer
			c, _ := client(t, srv.URL, api.WithDebugLog(&log), api.WithTimeout(time.Second))
			o := docOrder
			o.Extras = tc.extras
			for name, run := range map[string]func(context.Context, model.Order) (model.Quote, error){"Quote": c.Quote, "Place": c.Place} {
				_, err := run(context.Background(), o)
				if err == nil || !strings.Contains(err.Error(), tc.want) {
					t.Errorf("%s: err = %v, want %q", name, err, tc.want)
				}
				if api.IsOutcomeUnknown(err) {
					t.Errorf("%s: a refusal before sending is not outcome-unknown", name)
				}
				assertErrorHasNoKey(t, err)
			}
			if got := count.total(); got != 0 {
				t.Errorf("server saw %d requests, want 0", got)
			}
			assertNoKey(t, "debug log", log.String())
		})
	}
}
