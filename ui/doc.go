// Package ui is the ordering wizard: a full-screen Bubble Tea v2 program
// that takes a person from "what do you want" to a followed Memset job.
//
// The root Model (ui.go) only routes: it owns the order, the quote book and
// the account context, and hands keys to one small sub-model per step
// (step_*.go). Steps never mutate the order themselves; they return an
// action the root applies with model.Order.With, so there is one place where
// the configuration changes and one place (scheduleQuote) that asks the
// backend for a dry run afterwards.
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
// When a create's answer is lost (api.OutcomeUnknownError), Done says the
// order may or may not exist, shows the journal entry, looks once in
// invoice.list for invoices of that day that mention the plan and records
// them as candidates in the journal; no key orders again.
//
// FollowModel (follow.go) follows any job by its id with the Following
// step's own code, for `memset-order job follow ID`:
//
//	m := ui.NewFollow(ui.FollowConfig{Backend: client, JobID: id, Sandbox: sandboxed})
//	final, err := tea.NewProgram(m).Run()
//	fmt.Println(final.(ui.FollowModel).Result().Summary())
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
