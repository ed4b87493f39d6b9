package prompt

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// Config is what the line prompts need; its fields mean what ui.Config's
// of the same names mean.
type Config struct {
	In  io.Reader
	Out io.Writer
	// Backend answers every question (*api.Client satisfies it).
	Backend   ui.Backend
	Desk      *order.Desk
	Catalogue *model.Catalogue
	Sandbox   bool
	// Ephemeral: the backend's jobs end with the program.
	Ephemeral    bool
	Endpoint     string
	AccountLabel string
	// Now is the clock (time.Now); Poll bounds job.status polling.
	Now  func() time.Time
	Poll order.Backoff
	// Start, when set, is an order part answered, as ui.Config.Start.
	Start *model.Order
}

// Run asks for the order one numbered prompt at a time, places it once
// after the typed confirmation and follows its job, until the order ends,
// the person leaves ("q"), the input ends or ctx ends.
func Run(ctx context.Context, cfg Config) (ui.Result, error) {
	return ui.Result{}, errors.New("the line-prompt mode is being built")
}
