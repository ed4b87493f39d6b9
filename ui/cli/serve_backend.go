package cli

import (
	"fmt"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
)

// sessionBackends gives each session its backend: with --real-orders the
// one real backend every session shares (an api.Client is safe for
// concurrent use), otherwise an embedded sandbox of the session's own.
type sessionBackends struct {
	opts *ServeOptions
	cat  *model.Catalogue
	acct sandbox.Account
	// real is the shared real backend (nil for sandbox sessions).
	real *Backend
}

// openSessionBackends loads the catalogue and checks the sandbox account,
// or, with --real-orders, reads the key file and opens the real backend:
// a file that cannot be used stops the server before it listens.
func openSessionBackends(opts *ServeOptions) (*sessionBackends, error) {
	if opts.RealOrders {
		b, err := OpenBackend(opts.Backend, KeyIO{})
		if err != nil {
			return nil, err
		}
		if b.Embedded {
			b.Close()
			return nil, fmt.Errorf("--real-orders: no API key was read from --api-key-file")
		}
		return &sessionBackends{opts: opts, cat: b.Catalogue, real: b}, nil
	}
	cat, err := LoadCatalogue(opts.Backend.CatalogueFile)
	if err != nil {
		return nil, err
	}
	acct, err := sandbox.AccountPreset(accountName(opts.Backend.Account))
	if err != nil {
		return nil, usageError(fmt.Errorf("--sandbox-account: %w", err))
	}
	return &sessionBackends{opts: opts, cat: cat, acct: acct}, nil
}

// open returns a session's backend: the shared real one, or a new
// embedded sandbox built as OpenBackend builds one (ids of its own, so
// that no two sessions' invoices or jobs meet), paced by --stage-duration
// and --autopay.
func (sb *sessionBackends) open() (*Backend, error) {
	if sb.real != nil {
		return sb.real, nil
	}
	opts := append([]api.Option{api.WithCatalogue(sb.cat), api.WithUserAgent(userAgentOr(sb.opts.Backend.UserAgent))},
		embeddedSandbox(sb.cat, sb.acct, sandbox.WithStageDuration(sb.opts.StageDuration), sandbox.WithAutoPay(sb.opts.AutoPay))...)
	client, err := api.New(opts...)
	if err != nil {
		return nil, err
	}
	return &Backend{Client: client, Catalogue: sb.cat, Embedded: true, Endpoint: sandbox.BaseURL}, nil
}

// close closes the shared real backend (its debug log).
func (sb *sessionBackends) close() {
	if sb.real != nil {
		sb.real.Close()
	}
}
