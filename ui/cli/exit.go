package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"charm.land/fang/v2"
)

// Status is the exit status of memset-order, the same for every command
// (design §6). The README's exit-status table is this one.
type Status int

// The exit statuses.
const (
	// StatusDone: the command did what was asked.
	StatusDone Status = 0
	// StatusError: something went wrong (a file, the network, a key Memset
	// refused); nothing was ordered by this run, or what was is reported.
	StatusError Status = 1
	// StatusUsage: bad usage (an unknown flag, a malformed argument, an
	// argument that names nothing this command can act on) or a missing
	// answer.
	StatusUsage Status = 2
	// StatusUnknown: a real order was sent and its outcome is unknown; it
	// may exist. Check before ordering again (memset-order orders settle).
	StatusUnknown Status = 3
	// StatusRefused: Memset refused the order; nothing was ordered.
	StatusRefused Status = 4
	// StatusPriceGuard: what came back is not what was confirmed — Memset
	// answered with a price or currency other than the one confirmed, or a
	// price check (dry run) was answered with a real order.
	StatusPriceGuard Status = 5
	// StatusJobFailed: the order's set-up job failed.
	StatusJobFailed Status = 6
	// StatusInterrupted: a signal (or ctrl+c) ended the command with
	// nothing ordered and nothing in doubt.
	StatusInterrupted Status = 130
)

// Statuses lists every exit status with its meaning, in order: the table
// the README prints.
var Statuses = []struct {
	Status  Status
	Meaning string
}{
	{StatusDone, "done"},
	{StatusError, "error"},
	{StatusUsage, "bad usage or missing answers"},
	{StatusUnknown, "outcome unknown: an order was sent and may exist"},
	{StatusRefused, "refused by Memset: nothing was ordered"},
	{StatusPriceGuard, "price guard or changed plan: what Memset answered is not what was confirmed"},
	{StatusJobFailed, "the set-up job failed"},
	{StatusInterrupted, "interrupted, with nothing ordered or in doubt"},
}

// String is the status's meaning.
func (s Status) String() string {
	for _, e := range Statuses {
		if e.Status == s {
			return e.Meaning
		}
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// ExitError ends a command with a status other than StatusError. Its
// message is printed on stderr like any error's.
type ExitError struct {
	Status Status
	Err    error
}

// Error is the message.
func (e *ExitError) Error() string {
	if e.Err == nil {
		return e.Status.String()
	}
	return e.Err.Error()
}

// Unwrap returns the cause.
func (e *ExitError) Unwrap() error { return e.Err }

// usageError marks err as bad usage (StatusUsage).
func usageError(err error) error {
	if err == nil {
		return nil
	}
	var e *ExitError
	if errors.As(err, &e) {
		return err
	}
	return &ExitError{Status: StatusUsage, Err: err}
}

// usagePrefixes start cobra's and pflag's own usage errors, which reach
// the error handler unwrapped (an unknown command, for one).
var usagePrefixes = []string{
	"unknown flag", "unknown shorthand flag", "unknown command", "flag needs an argument",
	"invalid argument", "accepts ", "requires ", "if any flags in the group", "none of the others can be",
}

// isUsage reports whether err is bad usage.
func isUsage(err error) bool {
	var e *ExitError
	if errors.As(err, &e) {
		return e.Status == StatusUsage
	}
	return cobraUsage(err.Error())
}

// cobraUsage reports whether msg is one of cobra's or pflag's usage
// errors, which --help explains.
func cobraUsage(msg string) bool {
	for _, p := range usagePrefixes {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// StatusOf is the exit status for a command's error: nil is StatusDone,
// an *ExitError its Status, cobra's usage errors StatusUsage, anything
// else StatusError.
func StatusOf(err error) Status {
	if err == nil {
		return StatusDone
	}
	var e *ExitError
	if errors.As(err, &e) {
		return e.Status
	}
	if isUsage(err) {
		return StatusUsage
	}
	return StatusError
}

// ErrorHandler prints a command's error like fang's default, but as
// written: fang capitalises the first letter, which would change what the
// person typed ("abc" is not a job id), and adds a full stop even after
// one. cobra's usage errors get a hint to --help. The message goes through
// the printable filter: errors can carry Memset's or the journal's text. On a terminal (stderrTTY) it uses fang's
// error styles; otherwise plain lines.
func ErrorHandler(stderrTTY bool) fang.ErrorHandler {
	return func(w io.Writer, styles fang.Styles, err error) {
		msg := sentence(printableLines(err.Error()))
		if cobraUsage(msg) {
			msg += " Try --help for usage."
		}
		if !stderrTTY {
			fmt.Fprintln(w, msg)
			return
		}
		fmt.Fprintln(w, styles.ErrorHeader.String())
		fmt.Fprintln(w, styles.ErrorText.UnsetTransform().Render(msg))
		fmt.Fprintln(w)
	}
}

// printableLines is s through the printable filter line by line, so that
// an error listing several problems keeps one per line.
func printableLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = oneLine(l)
	}
	return strings.Join(lines, "\n")
}
