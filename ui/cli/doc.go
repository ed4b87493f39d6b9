// Package cli is memset-order's command line: one file per command, each
// with an options struct and a run function that tests call without cobra
// (the pattern of gh's pkg/cmd): root.go (the wizard), orders.go,
// orders_settle.go, job_follow.go and sandbox.go. main only wires it to
// fang:
//
//	f := cli.NewFactory(version)
//	status := cli.Execute(ctx, f, cli.NewCmdRoot(f), fang.WithNotifySignal(os.Interrupt))
//	os.Exit(int(status))
//
// OpenBackend picks the real API or the embedded sandbox from plain
// BackendOptions and a KeyIO for the hidden key prompt, with no cobra in
// sight, so that another front end (an SSH session) can build its own.
//
// Exit statuses are one typed table, Statuses, the same for every command.
// Everything printed that comes from the journal, from Memset or from the
// person's arguments goes through one printable filter, oneLine.
//
// Dependencies: main → ui/cli → ui → api/order → api → model; ui/cli also
// builds the backend (api, api/sandbox, api/credentials) and reads the
// journal (api/journal).
package cli
