package ui

import "github.com/memset-order/memset-order/model"

// actionKind says what a step asks the root to do after a key.
type actionKind int

const (
	actNone actionKind = iota
	// actSet changes one parameter of the order (Order.With).
	actSet
	// actFix applies a Fix, then sets param=value when param is not empty.
	actFix
	// actProduct chooses the product.
	actProduct
	// actNext and actBack move through the steps.
	actNext
	actBack
	// actJump goes to step from Review.
	actJump
	// actVerify checks a discount code; actClearCode removes it.
	actVerify
	actClearCode
	// actBill sets add_to_next_bill.
	actBill
	// actPlace places the order (after the deliberate confirmation).
	actPlace
	// actQuit leaves the wizard.
	actQuit
)

// action is a step's request to the root, which alone changes the order.
type action struct {
	kind    actionKind
	param   string
	value   string
	fix     *model.Fix
	product model.ProductID
	step    Step
	bill    model.BillTo
}

func set(param, value string) action { return action{kind: actSet, param: param, value: value} }
