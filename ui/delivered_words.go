package ui

import (
	"strings"

	"github.com/memset-order/memset-order/model"
)

// THE ONE PLACE for what the Done screen says that Memset's own reads do
// not: how to log in to a new server, where a Memstore is reached and as
// whom, where an OpenStack project's dashboard is, and how to reach
// Memset's support. None of it comes from the API. Each fact is marked
// with where it comes from; correct it here when Memset's documentation
// says otherwise, and every screen follows.

// memstoreEndpoint is the Swift authentication URL of Memstore.
// Client-seen, not from the API: rclone's and the Go swift library's
// provider lists and Memset's own snapshot-manager use it.
const memstoreEndpoint = "https://auth.storage.memset.com/v1.0"

// memstoreUser is the Memstore's admin user: "<service>.admin".
// memset-api.md §5.5 names the form <account>.admin with the example
// myaccaa1.admin; Cyberduck's Memset profile uses the Memstore's own name
// (mstestaa1.admin). Inferred: the service's name.
func memstoreUser(service string) string { return service + ".admin" }

// memstorePassword says where the admin user's password is. Inferred:
// Memset's reads do not return it.
const memstorePassword = "Its password is set in the Memset control panel (Memstore → Users)."

// openStackDashboard is the OpenStack (Cloud IaaS) dashboard of a project
// in network zone zone ("" when not known: reading). Inferred: Memset's
// OpenStack object storage is seen at storage.reading-a.openstack.memset.com
// in public scripts; the dashboard's host is our guess from it.
func openStackDashboard(zone string) string {
	if zone == "" {
		zone = "reading"
	}
	return "https://dashboard." + zone + "-a.openstack.memset.com/"
}

// openStackLogin says how to log in to the dashboard. Inferred.
const openStackLogin = "Log in with your Memset account's OpenStack user."

// loginLines are how to log in to a new server: the first is a command or
// an instruction, the rest explain it. host is the host name (or the
// address when there is none), ip the primary address. All inferred: Memset
// documents neither root's nor Administrator's password delivery.
func loginLines(os model.OS, known bool, s model.ServerInfo, sshKey bool) []string {
	host := s.HostName
	if host == "" {
		host = s.PrimaryIP
	}
	var out []string
	switch {
	case !known:
		// A snapshot keeps the users and passwords of the server it was
		// taken from.
		out = append(out, "as on the server the image was taken from",
			"(ssh root@"+host+", or Remote Desktop to "+s.PrimaryIP+")")
	case os.Windows:
		out = append(out, "Remote Desktop to "+s.PrimaryIP+" as Administrator",
			"The password is in the Memset control panel (the server's page).")
	case sshKey:
		out = append(out, "ssh root@"+host, "with the SSH key you gave with the order.")
	default:
		out = append(out, "ssh root@"+host,
			"The root password is in the Memset control panel (the server's page).")
	}
	if s.HasCPanel() {
		// cPanel's WHM listens on 2087 (cPanel's own default).
		out = append(out, "cPanel WHM: https://"+host+":2087/ as root")
	}
	return out
}

// SupportContact is how to reach Memset's support, for every front end
// that tells a customer to. Inferred: the control panel's Support section
// and the support address are from Memset's public site, not the API.
const SupportContact = "Contact Memset support (control panel → Support, or support@memset.com)"

// failedNote is what to do about a failed job; withInvoice adds that the
// invoice is below too.
func failedNote(withInvoice bool) string {
	what := "the job id"
	if withInvoice {
		what = "the job id and invoice below"
	}
	return "Nothing more will happen on its own. " + SupportContact + " with " + what + "."
}

// stageUnknownNote says that a job's failure has no known stage.
const stageUnknownNote = "Memset's answer does not say at which stage the job failed: it had failed already when following began, and no record here says where."

// readFailedNote is the plain sentence for what could not be read of what
// was delivered, by kind of product.
func readFailedNote(k model.Kind) string {
	switch k {
	case model.KindServer:
		return "Its address, operating system and login could not be read just now: they are on the server's page in the Memset control panel."
	case model.KindTopUp:
		return "The bank's new balance could not be read just now: it is on the server's page in the Memset control panel."
	}
	return "Its details could not be read just now: they are in the Memset control panel."
}

// readingNote is shown while what was delivered is read.
const readingNote = "reading what was delivered…"

// isWindowsName reports whether an OS API name not in the catalogue looks
// like Windows (Memset's Windows names start "win", e.g.
// win2012serverstd_r2_64). Inferred from the names seen.
func isWindowsName(name string) bool { return strings.HasPrefix(name, "win") }
