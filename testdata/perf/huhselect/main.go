// Command huhselect is huh v2's Select with the wizard's six services, run
// as a form of its own (on stdout): the perf harness measures it beside
// the floor and gum choose, as the list a Charm user would reach for.
package main

import (
	"fmt"
	"os"

	"charm.land/huh/v2"
)

func main() {
	var choice string
	sel := huh.NewSelect[string]().
		Title("What would you like to order?").
		Options(huh.NewOptions(
			"Miniserver VM (monthly)",
			"Miniserver (hourly, deprecated)",
			"Dedicated server",
			"Memstore",
			"OpenStack project",
			"Bandwidth bank top-up",
		)...).
		Value(&choice)
	// huh draws on stderr unless told otherwise; the harness (like the
	// wizard) draws on stdout.
	if err := huh.NewForm(huh.NewGroup(sel)).WithOutput(os.Stdout).Run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
