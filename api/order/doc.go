// Package order is the life of one Memset order, shared by every front end
// (the wizard, scripted commands, line prompts, SSH sessions, a basket):
//
//   - Check: the rules (model.Check) against the account: the only gate
//     before a real order.
//   - Quote: a dry run for exactly one configuration.
//   - PlaceOnce: the journal's intent (nothing is sent if it cannot be
//     written), exactly one create, the journal's outcome, and the answer
//     compared with the price the person confirmed. Desk.PlaceOnce is the only
//     caller of the client's real create in the program.
//   - Settle: after an unknown outcome, the invoices that may be the order,
//     leaving out those the journal ties to other orders, stated as a
//     likelihood, never as fact.
//   - Follow: job.status with backoff (Tracker, a pure state machine, or
//     Desk.Follow, a blocking loop), how long ago Memset last answered,
//     statuses the catalogue does not know, and the job's end written back
//     to the journal.
//
// The package does no rendering and knows nothing of Bubble Tea: a front
// end calls these from its own goroutines (the wizard, from tea.Cmds).
//
// A Desk trips when a dry run is answered with a real order: the order is
// journalled and every later Quote and PlaceOnce is refused with *Halt, so a
// misbehaving endpoint cannot turn price checks into orders.
//
//	desk := order.New(order.Config{Backend: client, Catalogue: cat, Journal: log, Endpoint: url})
//	q, err := desk.Quote(ctx, o)                 // the price to confirm
//	p := desk.PlaceOnce(ctx, o, acct, q)             // once, after the confirmation
//	switch p.Outcome { case order.Unknown: s, _ := desk.Settle(ctx, p) … }
package order
