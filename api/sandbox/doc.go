// Package sandbox is an embedded simulator of the Memset JSON API: one
// http.Handler that speaks the wire protocol of design §2 (POST or GET to
// /v1/json/<method>/, form-encoded string parameters, HTTP Basic auth with
// the API key as user name, bare JSON answers, error bodies of
// {"error", "error_type", "error_code"}).
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
//     server.snapshot_list, server.list, server.info, bandwidth.info,
//     payment_method.available, service.info, invoice.info and invoice.list;
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
//     (model.ErrorTypes is the one table); 405, 413, 414 and 415 answers use
//     ApiErrorBadParameters' type and code with the HTTP status that fits;
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
