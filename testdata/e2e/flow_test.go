package e2e

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api/sandbox"
)

// startOrder runs the wizard against b with the user's key (which the
// caller set) and returns it.
func (u *user) startOrder(b *backend, extra ...string) *session {
	u.t.Helper()
	args := append([]string{"--api-url", b.url}, extra...)
	return u.startWizard(args...)
}

// startOrdering is how most ordering tests begin: a new backend, a new
// user whose MEMSET_API_KEY is testKey, and the wizard started against it.
func startOrdering(t *testing.T) (*backend, *user, *session) {
	t.Helper()
	b := newBackend(t)
	u := newUser(t).withKey(testKey)
	return b, u, u.startOrder(b)
}

// placeOrder drives the wizard to Review (see toReview), confirms once and
// returns the invoice reference and job id the Following screen shows.
func placeOrder(s *session) (int, string) {
	s.t.Helper()
	toReview(s)
	confirm(s)
	return following(s)
}

// toReview drives the wizard as a person would, from the service list to
// the Review screen for a monthly Miniserver MSVM001 with the first Debian
// image (Debian 13) and no extras or discount, and waits until the price is
// on screen and the account has been read (or failed to be), so that the
// order can be placed.
func toReview(s *session) string {
	s.t.Helper()
	return toReviewWith(s, 0, "Debian 13")
}

// toReviewWith is toReview choosing the image downs lines below the
// first, whose name starts with image.
func toReviewWith(s *session, downs int, image string) string {
	s.t.Helper()
	scr := walkToReview(s, downs, image)
	if !strings.Contains(scr, "Account") || strings.Contains(scr, "SANDBOX") {
		s.t.Fatalf("the review does not show a real-API account context (it must not say SANDBOX here):\n%s", scr)
	}
	return scr
}

// toSandboxReview is toReview in the embedded sandbox, which the review
// must name.
func toSandboxReview(s *session) string {
	s.t.Helper()
	scr := walkToReview(s, 0, "Debian 13")
	if !strings.Contains(scr, "SANDBOX") {
		s.t.Fatalf("the review of an embedded-sandbox order does not say SANDBOX:\n%s", scr)
	}
	return scr
}

// walkToReview drives the wizard from the service list to Review (see
// toReviewWith) and returns the Review screen.
func walkToReview(s *session, downs int, image string) string {
	s.t.Helper()
	s.waitScreen("What would you like to order?", "Miniserver VM (monthly)")
	s.keys(keyEnter)
	s.waitScreen("Choose a plan", "MSVM001")
	s.keys(keyEnter)
	s.waitScreen("Choose the operating system", "Debian")
	for range downs {
		s.keys(keyDown)
	}
	// The price pane names the configuration on screen.
	s.waitScreen("MSVM001 · " + image)
	s.keys(keyEnter)
	s.waitScreen("Extras", "Continue")
	s.keys(keyEnter)
	s.waitScreen("Discount code")
	s.keys(keyEnter)
	return s.waitUntil("the review with its price and account", func(scr string) bool {
		return containsAll(scr, []string{"Review your order", "MSVM001", image, "£7.50", "Payment"}) &&
			!strings.Contains(scr, "reading your payment methods")
	})
}

// confirm presses p, types the confirmation word and presses enter: one
// confirmation of one order.
func confirm(s *session) {
	s.t.Helper()
	s.keys("p")
	before := strings.Count(s.waitScreen("Type order"), "order")
	s.keys("order")
	s.waitUntil("the typed confirmation word", func(scr string) bool { return strings.Count(scr, "order") > before })
	s.keys(keyEnter)
}

var (
	placedRE = regexp.MustCompile(`invoice (\d+) · job ([0-9a-f]{32})`)
)

// following waits for the Following screen and returns the invoice
// reference and job id it shows.
func following(s *session) (int, string) {
	s.t.Helper()
	scr := s.waitScreen("Order placed", "AWAITING-PAYMENT")
	m := placedRE.FindStringSubmatch(scr)
	if m == nil {
		s.t.Fatalf("the Following screen names no invoice and job:\n%s", scr)
	}
	ref, _ := strconv.Atoi(m[1])
	return ref, m[2]
}

// oneOrder checks the ledger holds exactly one order and returns it.
func oneOrder(t *testing.T, b *backend) sandbox.Order {
	t.Helper()
	o := b.sb.Orders()
	if len(o) != 1 {
		t.Fatalf("the sandbox ledger holds %d orders for one confirmation, want exactly 1: %+v", len(o), o)
	}
	return o[0]
}
