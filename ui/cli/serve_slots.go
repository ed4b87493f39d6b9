package cli

import (
	"context"
	"sync"
)

// slots counts the sessions running against a cap, and stops handing out
// new ones once the server is stopping. Unlike a sync.WaitGroup, a
// session may still ask for a slot while stop waits (on a connection
// opened before): it is refused.
type slots struct {
	mu       sync.Mutex
	n, limit int
	stopping bool
	// freed is closed and replaced whenever a slot is given back.
	freed chan struct{}
}

func newSlots(limit int) *slots { return &slots{limit: limit, freed: make(chan struct{})} }

// Refusals of take.
const (
	slotGiven = iota
	slotFull
	slotStopping
)

// take gives a slot (slotGiven), or says why not: every slot is taken
// (slotFull) or the server is stopping (slotStopping).
func (s *slots) take() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.stopping:
		return slotStopping
	case s.n >= s.limit:
		return slotFull
	}
	s.n++
	return slotGiven
}

// release gives a slot back.
func (s *slots) release() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n--
	close(s.freed)
	s.freed = make(chan struct{})
}

// running is the number of slots taken.
func (s *slots) running() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

// stop refuses every slot from now on and returns how many are taken.
func (s *slots) stop() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopping = true
	return s.n
}

// wait waits until no slot is taken or ctx ends.
func (s *slots) wait(ctx context.Context) {
	for {
		s.mu.Lock()
		n, freed := s.n, s.freed
		s.mu.Unlock()
		if n == 0 {
			return
		}
		select {
		case <-freed:
		case <-ctx.Done():
			return
		}
	}
}
