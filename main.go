// Command memset-order orders Memset hosting services from a terminal: a
// full-screen wizard that walks through service, plan, image, extras and
// discount to a reviewed, live-priced order, places it and follows its job to
// the end. Without an API key it runs against an embedded sandbox that speaks
// the real Memset wire protocol.
//
// This file is wiring only (design §1): the command tree and its bodies
// live in ui/cli, the order's life in api/order.
package main

import (
	"context"
	"os"
	"syscall"

	"charm.land/fang/v2"

	"github.com/memset-order/memset-order/ui/cli"
)

// version is set at build time: go build -ldflags "-X main.version=v1.0.0".
var version = ""

func main() {
	f := cli.NewFactory(version)
	// The -ldflags version wins; without it, the module's from the build
	// information (with the commit when built from a checkout).
	opts := []fang.Option{fang.WithNotifySignal(os.Interrupt, syscall.SIGTERM), fang.WithVersion(cli.Version(version))}
	os.Exit(int(cli.Execute(context.Background(), f, cli.NewCmdRoot(f), opts...)))
}
