package ui

import "github.com/memset-order/memset-order/model"

// action is what a step asks the root to do after a message; nil asks
// nothing. Each kind is its own small type, and Model.apply, the one place
// the order changes, carries them out.
type action interface{ isAction() }

type (
	// setParam changes one parameter of the order (model.Order.With).
	setParam struct{ param, value string }
	// applyFix applies a rule's one-key fix, then sets param=value when
	// param is not empty (the option the fix makes possible).
	applyFix struct {
		fix          model.Fix
		param, value string
	}
	// chooseProduct starts (or goes on with) ordering product id.
	chooseProduct struct{ id model.ProductID }
	// goNext and goBack move through the steps.
	goNext struct{}
	goBack struct{}
	// jumpTo goes to step from Review; enter there comes back.
	jumpTo struct{ step Step }
	// checkCode asks the backend about a discount code.
	checkCode struct{ code string }
	// dropCode takes the discount code out of the order; keepCheck keeps
	// what the last check said (the field is being edited), otherwise it
	// is forgotten too.
	dropCode struct{ keepCheck bool }
	// setBilling sets add_to_next_bill.
	setBilling struct{ bill model.BillTo }
	// placeOrder places the order (after the deliberate confirmation).
	placeOrder struct{}
)

func (setParam) isAction()      {}
func (applyFix) isAction()      {}
func (chooseProduct) isAction() {}
func (goNext) isAction()        {}
func (goBack) isAction()        {}
func (jumpTo) isAction()        {}
func (checkCode) isAction()     {}
func (dropCode) isAction()      {}
func (setBilling) isAction()    {}
func (placeOrder) isAction()    {}

// set is the action that sets param to value.
func set(param, value string) action { return setParam{param: param, value: value} }
