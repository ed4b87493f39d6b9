// Package prompt is the line-prompt front end (issue #12): the wizard's
// flow, rules and order desk as plain numbered prompts on a reader and a
// writer, for screen readers, dumb terminals and SSH sessions without a
// pty. No cursor addressing, no alternate screen, no colour, no redraws.
//
//	res, err := prompt.Run(ctx, prompt.Config{In: os.Stdin, Out: os.Stdout, Backend: client, Desk: desk, …})
//
// Run returns the same ui.Result the wizard does, so the command line's
// summary and exit statuses are the same for both.
package prompt
