package ui

import "github.com/memset-order/memset-order/model"

// Step is one screen of the wizard.
type Step int

// The steps, in the order a server order visits them. Steps that do not
// apply to a product are skipped by transition.
const (
	// StepService picks one of the six orderable things.
	StepService Step = iota
	// StepPlan picks the SKU.
	StepPlan
	// StepImage picks the OS, cPanel or a snapshot (servers only).
	StepImage
	// StepExtras sets the optional parameters.
	StepExtras
	// StepTarget picks the server and amount of a bandwidth top-up.
	StepTarget
	// StepDiscount checks an optional discount code.
	StepDiscount
	// StepReview shows everything and asks for the deliberate confirmation.
	StepReview
	// StepPlacing is the one create call in flight.
	StepPlacing
	// StepFollowing polls the setup job.
	StepFollowing
	// StepDone is how it ended.
	StepDone
)

// String names the step as the breadcrumb shows it.
func (s Step) String() string {
	switch s {
	case StepService:
		return "Service"
	case StepPlan:
		return "Plan"
	case StepImage:
		return "Image"
	case StepExtras:
		return "Extras"
	case StepTarget:
		return "Server"
	case StepDiscount:
		return "Discount"
	case StepReview:
		return "Review"
	case StepPlacing:
		return "Placing"
	case StepFollowing:
		return "Following"
	case StepDone:
		return "Done"
	}
	return "Step(" + itoa(int(s)) + ")"
}

// event is what happened on a step; transition turns it into the next step.
type event int

const (
	// evNext: the person finished the step.
	evNext event = iota
	// evBack: esc.
	evBack
	// evPlaced: the create call answered with a job to follow.
	evPlaced
	// evPlacedNoJob: the create call answered without a job.
	evPlacedNoJob
	// evRefused: the create call was refused and nothing was ordered; the
	// person can fix the order on Review.
	evRefused
	// evUnknown: the create call's outcome is unknown; never retried.
	evUnknown
	// evJobEnded: the job finished or failed.
	evJobEnded
)

// applies reports whether step s is part of ordering product p. With no
// product chosen only Service applies.
func applies(p *model.Product, s Step) bool {
	if p == nil {
		return s == StepService
	}
	switch s {
	case StepPlan:
		return len(p.SKUs) > 0
	case StepImage:
		return p.NeedsOS()
	case StepExtras:
		return p.Kind != model.KindTopUp && len(p.Extras) > 0
	case StepTarget:
		return p.TargetParam != ""
	}
	return true
}

// stepsFor lists the steps the person chooses things on for product p,
// Service to Review: the breadcrumb.
func stepsFor(p *model.Product) []Step {
	var out []Step
	for s := StepService; s <= StepReview; s++ {
		if applies(p, s) {
			out = append(out, s)
		}
	}
	return out
}

// transition is the wizard's one transition function: the step that follows
// s when ev happens while ordering product p.
func transition(p *model.Product, s Step, ev event) Step {
	switch ev {
	case evNext:
		switch s {
		case StepReview:
			return StepPlacing
		case StepPlacing, StepFollowing, StepDone:
			return s
		}
		if p == nil {
			return s
		}
		for n := s + 1; n <= StepReview; n++ {
			if applies(p, n) {
				return n
			}
		}
		return StepReview
	case evBack:
		if s == StepService || s >= StepPlacing {
			return s
		}
		for n := s - 1; n > StepService; n-- {
			if applies(p, n) {
				return n
			}
		}
		return StepService
	case evPlaced:
		if s == StepPlacing {
			return StepFollowing
		}
	case evPlacedNoJob, evUnknown:
		if s == StepPlacing {
			return StepDone
		}
	case evRefused:
		if s == StepPlacing {
			return StepReview
		}
	case evJobEnded:
		if s == StepFollowing {
			return StepDone
		}
	}
	return s
}
