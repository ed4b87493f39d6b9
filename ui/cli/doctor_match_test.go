package cli

import (
	"slices"
	"testing"

	"github.com/memset-order/memset-order/model"
)

// TestCloseMatches: the close-match rule, case by case.
func TestCloseMatches(t *testing.T) {
	taken := map[string]bool{"create.monthly_miniserver": true, "create.hourly_miniserver": true, "job.status": true}
	for _, tc := range []struct {
		name    string
		missing model.Method
		listed  []string
		want    []string
		unique  bool
	}{
		{"a shared word", model.MethodOpenStack, []string{"create.openstack_project", "job.status", "openstack.user.create"}, []string{"create.openstack_project"}, true},
		{"a plural", model.MethodServicesList, []string{"create.services_list", "create.bandwidth_bank"}, []string{"create.services_list"}, true},
		{"the word moved", model.MethodBandwidthBank, []string{"create.add_bandwidth"}, []string{"create.add_bandwidth"}, true},
		{"more words shared wins", model.MethodDiscountCode, []string{"create.discount_info", "create.discount_code"}, []string{"create.discount_code", "create.discount_info"}, true},
		{"underscores dropped", model.MethodOpenStack, []string{"create.open_stack"}, []string{"create.open_stack"}, true},
		{"a typo", model.MethodMemstore, []string{"create.memstor"}, []string{"create.memstor"}, true},
		{"fewer edits wins a shared-word tie", model.MethodMemstore, []string{"create.memstore_instance", "create.memstores"}, []string{"create.memstores", "create.memstore_instance"}, true},
		{"a tie", model.MethodMemstore, []string{"create.memstore_large", "create.memstore_small"}, []string{"create.memstore_large", "create.memstore_small"}, false},
		{"another namespace", model.MethodOpenStack, []string{"openstack.create", "openstack.list_projects"}, nil, false},
		{"taken by one of ours", model.MethodMonthlyFullserver, []string{"create.monthly_miniserver", "create.hourly_miniserver"}, nil, false},
		{"short words do not count", model.MethodServicesList, []string{"create.get_list"}, nil, false},
		{"not a method name", model.MethodOpenStack, []string{"create.OpenStack_Project", "create.openstack project"}, nil, false},
		{"nothing alike", model.MethodMemstore, []string{"create.monthly_fullserver_x"}, nil, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, unique := closeMatches(tc.missing, tc.listed, taken)
			if !slices.Equal(got, tc.want) || unique != tc.unique {
				t.Errorf("closeMatches(%s, %v) = %v, unique %v; want %v, unique %v", tc.missing, tc.listed, got, unique, tc.want, tc.unique)
			}
		})
	}
}

// TestEditDistance: the Levenshtein distance.
func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"openstack", "openstack", 0}, {"openstack", "openstak", 1}, {"", "abc", 3}, {"kitten", "sitting", 3},
	} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}
