package prompt

import (
	"github.com/memset-order/memset-order/ui"
)

// target asks a top-up for its server and then its amount. With nothing
// to top up on the account it says why and goes back to choose another
// service.
func (s *session) target() error {
	f := s.facts()
	if s.acctErr != nil {
		return s.unreadServers()
	}
	if why := ui.TopUpDeadEnd(f); why != "" {
		s.out.say(why, "A bandwidth bank belongs to a server with metered bandwidth. Order one first (a monthly Miniserver or a dedicated server), then top it up.")
		s.back()
		return nil
	}
	opts := ui.ServerOptions(f)
	m := menu{title: "Server: choose the server whose bandwidth bank to top up (the bank is used only after the server's monthly transfer is spent)", zero: "back"}
	for _, o := range opts {
		text := o.Label
		if o.Detail != "" {
			text += " — " + o.Detail
		}
		m.items = append(m.items, item{text: text + chosenMark(o.Value == s.order.Target) + notPossible(o), names: []string{o.Value}})
	}
	p, err := s.choose(m)
	if err != nil {
		return err
	}
	if p.kind == pickZero {
		s.back()
		return nil
	}
	o := opts[p.index]
	if o.Reason != "" {
		s.out.say(o.Value + " cannot have a bandwidth bank: " + o.Reason + ".")
		return nil
	}
	s.set(s.prod.TargetParam, o.Value)
	return s.amount()
}

// unreadServers says the servers could not be read, and reads them
// again (r) or goes back.
func (s *session) unreadServers() error {
	p, err := s.choose(menu{
		title:   "Your servers could not be read (" + ui.Describe(s.acctErr) + ").",
		zero:    "back",
		letters: []letter{{key: "r", text: "read them again", short: "read again"}},
	})
	switch {
	case err != nil:
		return err
	case p.kind == pickZero:
		s.back()
	default:
		s.readAccount()
	}
	return nil
}

// amount asks how much to top up, checked by the rules as the wizard's
// field is; 0 goes back to the servers.
func (s *session) amount() error {
	x, ok := ui.AmountExtra(s.prod)
	if !ok {
		s.next()
		return nil
	}
	for {
		v, err := s.ask(ui.AmountTitle(x) + ": type a whole number; 0 back, q to leave:")
		if err != nil {
			return err
		}
		switch {
		case v == "0":
			return nil
		case isQuit(v):
			if err := s.confirmLeave(); err != nil {
				return err
			}
			continue
		}
		if err := ui.CheckField(s.facts(), x.Param, v, false, s.prod.TargetParam, x.Param); err != nil {
			s.out.say("Not accepted: " + err.Error() + ".")
			continue
		}
		s.set(x.Param, v)
		refused, err := s.price(ui.StepTarget, true)
		if err != nil {
			return err
		}
		if refused != "" {
			s.out.say("Memset refused this top-up: " + refused)
			continue
		}
		s.next()
		return nil
	}
}
