// Package api is the Memset JSON API client that the wizard and every
// command go through. It speaks the wire protocol of design §2 (POST
// {base}/{method}/, form parameters, HTTP Basic auth with the API key as
// user name) against the real api.memset.com or the embedded sandbox, and
// turns every failure into an error a person can act on.
//
// Money is at stake, so two rules are enforced here:
//
//   - Never order twice. Reads and dry runs (Call, Quote and the typed
//     read methods) are retried on transient failures; a real create
//     (Place) is sent exactly once and never retried. When its answer is
//     lost the error is an *OutcomeUnknownError: the order may or may not
//     exist, and the caller must check invoice.list or the journal before
//     ordering again.
//   - Never leak the key. The API key travels only in the Authorization
//     header. It is never put in a URL or a parameter, and it is scrubbed
//     from every error text and from the opt-in debug log.
//
// A client for the sandbox over a loopback listener:
//
//	c, err := api.New(api.WithBaseURL(srv.URL+"/v1/json"), api.WithAPIKey(key))
//	q, err := c.Quote(ctx, model.Order{Product: model.ProductMonthlyMiniserver, SKU: "MSVM001", OS: "debian_jessie_64"})
package api
