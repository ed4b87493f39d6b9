package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// stepModel is the contract every step keeps, with the same signatures for
// every step. A step reads the env (the order being edited, the account,
// the quote book, styles and size) and answers with an action for the root
// to apply; it never changes the order itself. Because the order a step
// edits arrives in the env and leaves as actions, the steps from Service to
// Discount can edit any order: an item of a basket as well as the wizard's
// one order.
type stepModel interface {
	// enter is called as the step comes on screen: it places the cursor
	// and may choose a first possible option.
	enter(e *env) (action, tea.Cmd)
	// update handles a key or a field's own message.
	update(msg tea.Msg, e *env) (action, tea.Cmd)
	// view is the step's body, at most e.width × e.height.
	view(e *env) string
	// keys are the step's own keys for the help line.
	keys(e *env) []key.Binding
	// typing reports whether a text field has the focus, so that letters
	// are text and not commands.
	typing() bool
	// ownsBack reports whether esc belongs to the step (closing an open
	// list or field) rather than going back a step.
	ownsBack() bool
	// resize fits open fields to a new body size.
	resize(w, h int) tea.Cmd
	// resync keeps the cursor on the chosen value after the rows changed
	// (the account arrived), and may choose a first possible option.
	resync(e *env) action
}

// stepDefaults are the usual answers, for steps to embed: nothing on
// entering, nothing to update, no text field, esc goes back, nothing to
// resize or resync.
type stepDefaults struct{}

func (stepDefaults) enter(*env) (action, tea.Cmd)           { return nil, nil }
func (stepDefaults) update(tea.Msg, *env) (action, tea.Cmd) { return nil, nil }
func (stepDefaults) typing() bool                           { return false }
func (stepDefaults) ownsBack() bool                         { return false }
func (stepDefaults) resize(int, int) tea.Cmd                { return nil }
func (stepDefaults) resync(*env) action                     { return nil }

// Every step keeps the contract.
var (
	_ stepModel = (*serviceStep)(nil)
	_ stepModel = (*planStep)(nil)
	_ stepModel = (*imageStep)(nil)
	_ stepModel = (*extrasStep)(nil)
	_ stepModel = (*targetStep)(nil)
	_ stepModel = (*discountStep)(nil)
	_ stepModel = (*reviewStep)(nil)
	_ stepModel = (*placingStep)(nil)
	_ stepModel = (*followingStep)(nil)
	_ stepModel = (*doneStep)(nil)
)

// steps are the wizard's step models, one per Step; the root looks the
// current one up once (Model.current).
type steps struct {
	service   *serviceStep
	plan      *planStep
	image     *imageStep
	extras    *extrasStep
	target    *targetStep
	disc      *discountStep
	review    *reviewStep
	placing   *placingStep
	following *followingStep
	done      *doneStep
	byStep    map[Step]stepModel
}

// newSteps makes every step, at its zero state.
func newSteps() steps {
	s := steps{
		service: &serviceStep{}, plan: &planStep{}, image: &imageStep{}, extras: &extrasStep{},
		target: &targetStep{}, disc: &discountStep{}, review: &reviewStep{}, placing: &placingStep{},
		following: &followingStep{}, done: &doneStep{},
	}
	s.byStep = map[Step]stepModel{
		StepService: s.service, StepPlan: s.plan, StepImage: s.image, StepExtras: s.extras,
		StepTarget: s.target, StepDiscount: s.disc, StepReview: s.review, StepPlacing: s.placing,
		StepFollowing: s.following, StepDone: s.done,
	}
	return s
}
