package api_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// xmlrpcNames is an XML-RPC answer listing names, some typed and some not.
const xmlrpcNames = `<?xml version="1.0"?>
<methodResponse><params><param><value><array><data>
<value><string>job.status</string></value>
<value>create.openstack_project</value>
<value><string>system.listMethods</string></value>
</data></array></value></param></params></methodResponse>`

// xmlrpcFault is an XML-RPC fault for a bad key (fault 4).
const xmlrpcFault = `<?xml version="1.0"?>
<methodResponse><fault><value><struct>
<member><name>faultCode</name><value><int>4</int></value></member>
<member><name>faultString</name><value><string>Bad API key</string></value></member>
</struct></value></fault></methodResponse>`

// checkXMLRPCCall checks a request is system.listMethods with one empty
// struct, with the key in the Authorization header only.
func checkXMLRPCCall(t *testing.T, r *http.Request) {
	t.Helper()
	body, _ := io.ReadAll(r.Body)
	var call struct {
		Name   string `xml:"methodName"`
		Params []struct {
			Inner string `xml:",innerxml"`
		} `xml:"params>param>value"`
	}
	if err := xml.Unmarshal(body, &call); err != nil {
		t.Errorf("the XML-RPC call does not parse: %v\n%s", err, body)
	}
	if call.Name != "system.listMethods" || len(call.Params) != 1 || call.Params[0].Inner != "<struct></struct>" {
		t.Errorf("XML-RPC call %+v, want system.listMethods with one empty struct", call)
	}
	user, _, ok := r.BasicAuth()
	if r.Header.Get("Content-Type") != "text/xml" || !ok || user != testKey || bytes.Contains(body, []byte(testKey)) {
		t.Errorf("XML-RPC headers %v, body %s", r.Header, body)
	}
}

// TestListMethods: the JSON interface first; XML-RPC at the sibling
// endpoint when the JSON one does not answer with a list; every failure
// said, for each interface.
func TestListMethods(t *testing.T) {
	notOnJSON := `{"error":"Method system.listMethods does not exist","error_type":"ApiErrorDoesNotExist","error_code":3}`
	for _, tc := range []struct {
		name    string
		json    func(w http.ResponseWriter)
		xmlrpc  func(w http.ResponseWriter)
		via     string
		names   []string
		skipped int
		err     string
		auth    bool
	}{
		{name: "over JSON", json: func(w http.ResponseWriter) {
			jsonReply(w, 200, `["job.status","create.openstack_project","job.status","bad name","x\u001b[2J"]`)
		}, via: "JSON", names: []string{"job.status", "create.openstack_project"}, skipped: 2},
		{name: "over XML-RPC when JSON lacks it", json: func(w http.ResponseWriter) { jsonReply(w, 404, notOnJSON) },
			xmlrpc: func(w http.ResponseWriter) {
				w.Header().Set("Content-Type", "text/xml")
				_, _ = io.WriteString(w, xmlrpcNames)
			},
			via: "XML-RPC", names: []string{"job.status", "create.openstack_project", "system.listMethods"}},
		{name: "a fault for a bad key", json: func(w http.ResponseWriter) { jsonReply(w, 404, notOnJSON) },
			xmlrpc: func(w http.ResponseWriter) { _, _ = io.WriteString(w, xmlrpcFault) },
			err:    "over JSON: system.listMethods: Method system.listMethods does not exist (ApiErrorDoesNotExist, HTTP 404); over XML-RPC: system.listMethods: the API key was refused (check MEMSET_API_KEY): Bad API key (HTTP 200)", auth: true},
		{name: "a refused key is not tried again over XML-RPC", json: func(w http.ResponseWriter) {
			jsonReply(w, 403, `{"error":"Authentication failed","error_type":"ApiErrorAuthenticationFailed","error_code":4}`)
		}, err: "system.listMethods: the API key was refused", auth: true},
		{name: "neither", json: func(w http.ResponseWriter) { w.WriteHeader(404) },
			xmlrpc: func(w http.ResponseWriter) { _, _ = io.WriteString(w, "<html><title>Not here</title></html>") },
			err:    "over JSON: system.listMethods: HTTP 404 with an empty body (Not Found); over XML-RPC: system.listMethods: HTTP 200 with an XML-RPC answer that could not be read"},
		{name: "an XML-RPC list of something else", json: func(w http.ResponseWriter) { jsonReply(w, 404, notOnJSON) },
			xmlrpc: func(w http.ResponseWriter) {
				_, _ = io.WriteString(w, `<methodResponse><params><param><value><array><data><value><int>1</int></value></data></array></value></param></params></methodResponse>`)
			},
			err: "item 0 of the array is not a string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := server(t, func(w http.ResponseWriter, r *http.Request) {
				switch r.URL.Path {
				case "/v1/json/system.listMethods/":
					tc.json(w)
				case "/v1/xmlrpc":
					if tc.xmlrpc == nil {
						t.Errorf("asked over XML-RPC")
						return
					}
					checkXMLRPCCall(t, r)
					tc.xmlrpc(w)
				default:
					t.Errorf("unexpected request to %s", r.URL.Path)
				}
			})
			c, _ := client(t, srv.URL)
			l, contact, err := c.ListMethods(context.Background())
			if contact.URL != srv.URL+"/v1/json/system.listMethods/" || contact.Status == 0 || contact.Date.IsZero() || contact.TLS != "" {
				t.Errorf("contact %+v", contact)
			}
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || api.IsAuthentication(err) != tc.auth {
					t.Fatalf("error %v (authentication %v), want %q", err, api.IsAuthentication(err), tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if l.Via != tc.via || !slices.Equal(l.Names, tc.names) || l.Skipped != tc.skipped {
				t.Errorf("listing %+v, want %s %v (%d skipped)", l, tc.via, tc.names, tc.skipped)
			}
			if !l.Has("job.status") || l.Has("create.openstack") {
				t.Errorf("Has is wrong for %v", l.Names)
			}
		})
	}
}

// TestListMethodsContact: the first answer's TLS and Date are reported;
// an endpoint that cannot be reached is a NetworkError with no contact,
// and XML-RPC is not tried.
func TestListMethodsContact(t *testing.T) {
	date := time.Date(2026, 11, 27, 9, 30, 0, 0, time.UTC)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Date", date.Format(http.TimeFormat))
		jsonReply(w, 200, `["job.status"]`)
	}))
	defer srv.Close()
	c, err := api.New(api.WithBaseURL(srv.URL+"/v1/json"), api.WithAPIKey(testKey), api.WithHTTPClient(srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	l, contact, err := c.ListMethods(context.Background())
	if err != nil || l.Via != "JSON" {
		t.Fatalf("listing %+v, %v", l, err)
	}
	if !strings.HasPrefix(contact.TLS, "TLS 1.") || !contact.Date.Equal(date) || contact.Status != 200 {
		t.Errorf("contact %+v", contact)
	}

	dead := httptest.NewServer(http.NotFoundHandler())
	url := dead.URL
	dead.Close()
	c, _ = client(t, url)
	_, contact, err = c.ListMethods(context.Background())
	var ne *api.NetworkError
	if err == nil || !errors.As(err, &ne) || contact.Status != 0 || strings.Contains(err.Error(), "XML-RPC") {
		t.Errorf("unreachable: contact %+v, error %v", contact, err)
	}
}

// TestListMethodsNoSibling: a base URL that does not end in /json has no
// XML-RPC endpoint beside it, and none is guessed.
func TestListMethodsNoSibling(t *testing.T) {
	srv, count := server(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(404) })
	c, err := api.New(api.WithBaseURL(srv.URL+"/api"), api.WithAPIKey(testKey))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = c.ListMethods(context.Background())
	if err == nil || !strings.Contains(err.Error(), "does not end in /json") || count.total() != 1 {
		t.Errorf("error %v after %d requests", err, count.total())
	}
}

// roundTripFunc answers requests in memory.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// FuzzListMethodsXMLRPC: whatever the XML-RPC endpoint answers, reading
// it never panics, the key never shows in the error, and every name
// listed is printable.
func FuzzListMethodsXMLRPC(f *testing.F) {
	for _, seed := range []string{xmlrpcNames, xmlrpcFault, "", "<methodResponse>", "<a><b><c>", `<methodResponse><params><param><value><array><data><value><array><data></data></array></value></data></array></value></param></params></methodResponse>`,
		`<methodResponse><fault><value><struct><member><name>faultString</name><value>` + testKey + `</value></member></struct></value></fault></methodResponse>`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		rt := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			status, text := 200, body
			if strings.Contains(r.URL.Path, "/json/") {
				status, text = 404, `{"error":"no","error_type":"ApiErrorDoesNotExist","error_code":3}`
			}
			return &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(text)), Request: r}, nil
		})
		c, err := api.New(api.WithBaseURL("https://api.example.com/v1/json"), api.WithAPIKey(testKey), api.WithHTTPClient(&http.Client{Transport: rt}))
		if err != nil {
			t.Fatal(err)
		}
		l, _, err := c.ListMethods(context.Background())
		if err != nil {
			if strings.Contains(strings.ToLower(err.Error()), testKey) {
				t.Fatalf("the error shows the key: %v", err)
			}
			return
		}
		for _, n := range l.Names {
			if n == "" || model.Printable(n) != n {
				t.Fatalf("listed %q", n)
			}
		}
	})
}
