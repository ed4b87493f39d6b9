// Package ui is the ordering wizard: a full-screen Bubble Tea v2 program
// that takes a person from "what do you want" to a followed Memset job.
//
// The root Model (ui.go) only routes: it owns the order, the quote book and
// the account context, and hands keys to the current step, looked up once
// (Model.current). Every step keeps one contract (stepModel in
// step_contract.go: enter, update, view, keys, with defaults for typing,
// owning esc, resizing and resync). Steps never change the order
// themselves; they return a small typed action (action.go) that Model.apply
// carries out, the one place the configuration changes, followed by
// scheduleQuote. Because a step edits whatever order the env hands it,
// Service to Discount can later edit one item of a basket.
//
// The order's life is not here: dry runs, the one real create (intent →
// create → outcome), the invoice search after a lost answer and the job
// polling policy belong to api/order, which every front end shares. The
// wizard calls an *order.Desk from its tea.Cmds and draws what it answers.
//
// Steps per product (see transition in step.go):
//
//	servers (monthly/hourly Miniserver, dedicated): Service → Plan → Image → Extras → Discount → Review
//	Memstore:                                       Service → Plan → Discount → Review
//	OpenStack project:                              Service → Plan → Extras → Discount → Review
//	bandwidth bank top-up:                          Service → Target → Discount → Review
//
// and then Placing → Following → Done for every product.
//
// Option lists (plans, images, choices, servers) are the wizard's own, so
// impossible options can stay visible, disabled, with their reason. Free
// text and numbers (the text extras, the top-up's amount, the discount
// code) are embedded huh forms (form.go): one huh.Input each, validated by
// model.Check so that the message shown is the rule's Reason, themed from
// Styles, with the wizard's own help line; a completed form is replaced by
// a new one whenever the field is edited again.
//
// When a create's answer is lost, Done says the order may or may not
// exist, shows the journal entry and what order.Desk.Settle found (the
// invoices of that day that mention the plan, stated as a likelihood); no
// key orders again. When Memset's answer differs from the confirmed price,
// Following and Done say how; when a dry run comes back as a real order,
// nothing more is sent and Done says what came back.
//
// Following always says how long ago Memset last answered, and that it is
// retrying while polls fail. When the job is done, what it delivered is
// read from Memset (server.info, service.info or bandwidth.info, by
// product; delivered.go) before Done shows it: a server's name, host name,
// addresses, OS and login, a Memstore's endpoint and user, an OpenStack
// project's name and dashboard, a top-up's GB and the bank's new balance.
// What no read gives (logins, endpoints, dashboards, support's contact) is
// inferred and kept in one place, delivered_words.go. A failed job's Done
// keeps its stage list with the failing stage marked ✗.
//
// FollowModel (follow.go) follows any job by its id with the Following
// step's own code, and ends on the same Done screen, for
// `memset-order job follow ID`:
//
//	m := ui.NewFollow(ui.FollowConfig{Desk: desk, JournalID: rec, JobID: id, Sandbox: sandboxed})
//	final, err := tea.NewProgram(m).Run()
//	res := final.(ui.FollowModel).Result() // ui/cli prints what it means
//
// The package never builds HTTP requests and never imports the sandbox: it
// talks to a Backend, which is *api.Client in production whether that client
// points at api.memset.com or at the embedded sandbox. Prices on screen come
// only from the backend's dry runs, keyed by model.Order.Key, so a price is
// only ever shown next to the configuration it was computed for.
//
// Run it with:
//
//	m := ui.New(ui.Config{Backend: client, Catalogue: model.DefaultCatalogue(), Sandbox: true})
//	final, err := tea.NewProgram(m).Run()
//	res := final.(ui.Model).Result()
package ui
