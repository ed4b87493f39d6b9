package sandbox

import "github.com/memset-order/memset-order/model"

// uniqueNames lists, per product, the order parameter whose value must not
// already be in use on the account. Memset documents ApiErrorNotUnique for
// a Memstore or OpenStack user name that is taken
// (methods_memstore.user, methods_openstack.user); that an OpenStack
// project's name is unique on its account in the same way is inferred
// (OpenStack itself keeps project names unique within a domain).
var uniqueNames = map[model.ProductID]string{
	model.ProductOpenStack: "project_name",
}

// nameTaken refuses an order (dry run or real) whose unique name is already
// used by a service of the same product, or reserved by an order whose job
// has not ended. s.mu must be held.
func (s *Sandbox) nameTaken(p *model.Product, o model.Order) *apiError {
	param, ok := uniqueNames[p.ID]
	if !ok {
		return nil
	}
	v := o.Extra(param)
	if v == "" {
		return nil
	}
	taken := false
	for _, svc := range s.services {
		taken = taken || (svc.product.ID == p.ID && svc.extras[param] == v)
	}
	for _, j := range s.jobs {
		taken = taken || (!j.settled && j.outcome.product != nil && j.outcome.product.ID == p.ID && j.outcome.order.Extra(param) == v)
	}
	if !taken {
		return nil
	}
	return &apiError{typ: model.ErrorNotUnique, msg: param + ": " + echo(v) + " is already used on this account; choose another name."}
}
