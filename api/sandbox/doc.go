// Package sandbox is an embedded simulator of the Memset API: one
// http.Handler that speaks the wire protocol of design §2 (POST or GET to
// /v1/json/<method>/, form-encoded string parameters, HTTP Basic auth with
// the API key as user name, bare JSON answers, error bodies of
// {"error", "error_type", "error_code"}), and serves the same methods, as
// Memset does, over XML-RPC at /v1/xmlrpc (a methodCall with one struct of
// named parameters; faults with faultCode = error_code) and JSON-RPC at
// /v1/jsonrpc/ (the shape Memset's inventory script, through jsonrpclib,
// reads; see jsonrpc.go). All three go through one dispatch (respond) to
// one handler per method; system.listMethods lists them, and
// WithMethodName serves one under another name.
//
// It is used three ways: in-process by the wizard when no API key is set
// (Transport, an http.RoundTripper with no sockets), standalone by
// `memset-order sandbox --listen ADDR` (Serve), and by tests in every
// package (New with options, then the inspection and control methods).
//
// What is simulated, faithfully and deterministically:
//   - every create method of the catalogue (model.Catalogue): dry-run quotes
//     priced with model.SamplePrice (discount codes applied), and real orders
//     that raise an invoice and a setup job; the rules are model.Check's, so
//     the sandbox refuses exactly what the wizard predicts (Windows on 1 GB,
//     cPanel on hourly servers, top-ups of unmetered servers, PayPal …);
//   - billing: the default payment method pays; with consolidated billing
//     the charge goes on the next bill unless add_to_next_bill=0; otherwise
//     the invoice awaits payment (PayInvoice, or, when a card or billing
//     account is the default, automatic payment after a configurable delay);
//   - jobs that advance through the product's named stages on an injectable
//     clock, computed lazily from the time of payment (no goroutines), ending
//     DONE with the new service's name, or, when a test asks, FAILED after
//     the failing stage has been seen for its duration;
//   - the services list, the discount-code check, job.status,
//     server.snapshot_list, server.list (each item server.info's answer,
//     as Memset's inventory script reads it), server.info, bandwidth.info,
//     payment_method.available, service.info, invoice.info, invoice.list
//     and system.listMethods;
//   - ApiErrorNotUnique for an OpenStack project name already used on the
//     account;
//   - authentication with one key, throttling after ten failed attempts, and
//     bad input of every kind answered with an error body and a fitting
//     status, never a panic or an HTML page;
//   - faults for tests: slow answers, other statuses, raw bodies, dropped
//     connections (see Fault).
//
// Behaviours that are inferred rather than documented (memset-api.md tags
// them [I] or [NF]), and so are the sandbox's own choices:
//   - the names of five methods (model.Methods says which) and the answer
//     shapes of testdata/wire/*.json that are tagged inferred;
//   - error types, codes and statuses other than ApiErrorDoesNotExist
//     (model.ErrorTypes is the one table, and says why): only statuses
//     real clients handle (model.ClientStatuses), so a wrong verb, an
//     oversized or late body or a foreign Content-Type is
//     ApiErrorBadParameters with 400, not 405, 408, 413, 414 or 415; the
//     RPC interfaces answer every error in an HTTP 200, as XML-RPC does;
//   - the shape of JSON-RPC answers and the XML-RPC forms of Date keys and
//     of integers beyond 32 bits;
//   - that an OpenStack project name must be unique on its account;
//   - VAT at 20% of the net price, invoice amounts including VAT, a paid
//     invoice's status DONE, a consolidated-bill invoice's status NEW;
//   - job stage names other than AWAITING-PAYMENT and DONE, and the FAILED
//     status of a failed job;
//   - service names (account stem + two letters + digit, "ms"/"os" prefixes),
//     host names, documentation-range IP addresses (an IPv6 one besides the
//     primary IPv4), reverse maps and service dates;
//   - server.info's values for what the order did not choose (VLANs,
//     monitoring), and bandwidth.info's keys per service type, its
//     inclusive transfer and zero traffic for new services;
//   - a missing dry_run means a real order, as Memset's default appears to be.
//
// The sandbox never imports the api package (design §1): a wire bug shared
// by client and simulator would hide itself from every test.
package sandbox
