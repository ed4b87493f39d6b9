package cli

import (
	"errors"
	"fmt"
	"net"
	"slices"
	"strings"

	"github.com/memset-order/memset-order/model"
)

// checkSandbox refuses the sandbox's flags that cannot work, before
// anything is printed or listened on (exit 2, naming the flag): a
// negative --stage-duration or --autopay, and a --fail-jobs-at stage that
// no product of cat goes through.
func checkSandbox(opts *SandboxOptions, cat *model.Catalogue) error {
	switch {
	case opts.StageDuration < 0:
		return usageError(fmt.Errorf("--stage-duration %s: give a duration of 0 or more", opts.StageDuration))
	case opts.AutoPay < 0:
		return usageError(fmt.Errorf("--autopay %s: give a duration of 0 or more (0: never pay)", opts.AutoPay))
	}
	if opts.FailJobsAt == "" {
		return nil
	}
	stages := jobStages(cat)
	if !slices.Contains(stages, opts.FailJobsAt) {
		return usageError(fmt.Errorf("--fail-jobs-at %s: no product's job goes through that stage; the stages are %s",
			quoteArg(opts.FailJobsAt), strings.Join(stages, ", ")))
	}
	return nil
}

// jobStages are the job stages of cat's products, each once, in the
// order they are first met.
func jobStages(cat *model.Catalogue) []string {
	var stages []string
	for _, p := range cat.Products {
		for _, st := range p.JobStages {
			if !slices.Contains(stages, st) {
				stages = append(stages, st)
			}
		}
	}
	return stages
}

// checkListen makes sure addr can be listened on before the sandbox
// prints its key: a busy port or a bad address is said at once, with
// nothing else printed. The address is let go again for the sandbox to
// take.
func checkListen(addr string) error {
	network := "tcp"
	if host, _, err := net.SplitHostPort(addr); err == nil {
		if ip := net.ParseIP(host); ip != nil && ip.To4() != nil {
			network = "tcp4"
		}
	}
	ln, err := net.Listen(network, addr)
	if err != nil {
		var op *net.OpError
		if errors.As(err, &op) && op.Err != nil {
			err = op.Err
		}
		return fmt.Errorf("--listen %s: cannot listen there: %w", quoteArg(addr), err)
	}
	return ln.Close()
}
