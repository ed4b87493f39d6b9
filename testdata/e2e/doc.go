// Package e2e runs the memset-order binary as a person would: the wizard in
// a pseudo-terminal read back through a virtual terminal, and every
// subcommand as a plain process, against a Memset sandbox that each test
// serves over a loopback listener so that it can inject faults, read the
// ledger of orders and pay invoices.
//
// It guards what only the real binary can prove (issues #4 and #5): the
// Debian flow completes; at most one order per confirmation whatever fails;
// the journal keeps every invoice reference and job id, even across a
// SIGKILL; the API key appears in no output, log, journal or golden; and
// credential problems get a clear message.
//
// Go skips testdata/ in ./..., so run it by name:
//
//	go test -race ./testdata/e2e/
//
// For the same reason `go mod tidy` does not see this package's imports and
// drops github.com/charmbracelet/x/vt from go.mod; after a tidy, put it back
// with `go get github.com/charmbracelet/x/vt@v0.1.0`.
package e2e
