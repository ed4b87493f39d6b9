package api_test

import (
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

func modelMethod(s string) model.Method { return model.Method(s) }

// TestWireFormat checks the request design §2 describes: POST
// {base}/{method}/, form parameters, booleans as 1/0, Basic auth with the
// key as user name and an empty password, the key nowhere else.
func TestWireFormat(t *testing.T) {
	type seen struct {
		method, path, contentType, auth, ua, rawQuery string
		form                                          url.Values
		body                                          string
	}
	var got seen
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		form, _ := url.ParseQuery(string(b))
		got = seen{r.Method, r.URL.Path, r.Header.Get("Content-Type"), r.Header.Get("Authorization"), r.Header.Get("User-Agent"), r.URL.RawQuery, form, string(b)}
		jsonReply(w, 200, quoteBody)
	})
	c, _ := client(t, srv.URL, api.WithUserAgent("memset-order/test"))
	o := docOrder
	o.BillTo = model.BillNow
	o.Extras = map[string]string{"backups": "1"}
	if _, err := c.Quote(t.Context(), o); err != nil {
		t.Fatal(err)
	}
	wantAuth := "Basic " + base64.StdEncoding.EncodeToString([]byte(testKey+":"))
	checks := []struct{ name, got, want string }{
		{"method", got.method, "POST"},
		{"path", got.path, "/v1/json/create.monthly_miniserver/"},
		{"content type", got.contentType, "application/x-www-form-urlencoded"},
		{"authorization", got.auth, wantAuth},
		{"user agent", got.ua, "memset-order/test"},
		{"query", got.rawQuery, ""},
		{"sku", got.form.Get("sku"), "MSVM001"},
		{"os", got.form.Get("os"), "debian_jessie_64"},
		{"dry_run", got.form.Get("dry_run"), "1"},
		{"add_to_next_bill", got.form.Get("add_to_next_bill"), "0"},
		{"backups", got.form.Get("backups"), "1"},
	}
	for _, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%s = %q, want %q", ch.name, ch.got, ch.want)
		}
	}
	if got.form.Has("api_key") || strings.Contains(got.body, testKey) || strings.Contains(got.path, testKey) {
		t.Errorf("the key travelled outside the Authorization header: %q %q", got.path, got.body)
	}
}

func TestDefaultUserAgent(t *testing.T) {
	var ua string
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		ua = r.Header.Get("User-Agent")
		jsonReply(w, 200, `[]`)
	})
	c, _ := client(t, srv.URL)
	if _, err := c.ServerList(t.Context()); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(ua, "memset-order/") {
		t.Errorf("User-Agent = %q, want memset-order/<version>", ua)
	}
}

func TestNoKeySendsNoAuthorization(t *testing.T) {
	var auth []string
	srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
		auth = r.Header.Values("Authorization")
		jsonReply(w, 403, `{"error": "Authentication failed: no API key was given", "error_type": "ApiErrorAuthenticationFailed", "error_code": 4}`)
	})
	c, err := api.New(api.WithBaseURL(srv.URL+"/v1/json"), api.WithRetry(api.NoRetry))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.JobStatus(t.Context(), testJobID)
	if !api.IsAuthentication(err) {
		t.Fatalf("err = %v, want an authentication error", err)
	}
	if len(auth) != 0 {
		t.Errorf("Authorization sent without a key: %q", auth)
	}
}
