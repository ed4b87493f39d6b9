package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// openstackOverride is the overrides file for a Memset that calls
// create.openstack create.openstack_project.
const openstackOverride = `{"methods": {"create.openstack": "create.openstack_project"}}`

// TestDefaultOverridesPath: XDG_CONFIG_HOME when it is absolute, else
// ~/.config, else none.
func TestDefaultOverridesPath(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"XDG_CONFIG_HOME": "/cfg", "HOME": "/home/a"}, "/cfg/memset-order/overrides.json"},
		{map[string]string{"XDG_CONFIG_HOME": "relative", "HOME": "/home/a"}, "/home/a/.config/memset-order/overrides.json"},
		{map[string]string{"HOME": "/home/a"}, "/home/a/.config/memset-order/overrides.json"},
		{nil, ""},
	} {
		if got := DefaultOverridesPath(env(tc.env)); got != tc.want {
			t.Errorf("DefaultOverridesPath(%v) = %q, want %q", tc.env, got, tc.want)
		}
	}
}

// writeFile writes data to name in a new directory and returns its path.
func writeFile(t *testing.T, name, data string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestLoadOverrides: the file --overrides names must be there; the default
// one may be missing; every refusal names the file and what is wrong.
func TestLoadOverrides(t *testing.T) {
	good := writeFile(t, "overrides.json", openstackOverride)
	missing := filepath.Join(t.TempDir(), "none.json")
	for _, tc := range []struct {
		name     string
		path     string
		explicit bool
		found    bool
		err      string
	}{
		{name: "a good file", path: good, explicit: true, found: true},
		{name: "the default, there", path: good, found: true},
		{name: "the default, missing", path: missing},
		{name: "no default path", path: ""},
		{name: "--overrides, missing", path: missing, explicit: true, err: "--overrides: stat " + missing},
		{name: "a directory", path: t.TempDir(), explicit: true, err: "is a directory, not a regular file (give --overrides a regular file)"},
		{name: "a named pipe", path: mkfifo(t, filepath.Join(t.TempDir(), "fifo")), explicit: true, err: "is a named pipe (FIFO), not a regular file"},
		{name: "the default, a directory", path: t.TempDir(), err: "(the default; --overrides names another)"},
		{name: "bad JSON", path: writeFile(t, "bad.json", `{"methods": {"create.openstack": 1}}`), explicit: true, err: `overrides file `},
		{name: "an unknown method", path: writeFile(t, "bad.json", `{"methods": {"create.cloud": "create.x"}}`), explicit: true, err: `bad.json: "methods": "create.cloud" is not one of memset-order's methods`},
		{name: "too large", path: writeFile(t, "big.json", `{"methods": {}}`+strings.Repeat(" ", api.MaxOverridesBytes)), explicit: true, err: "larger than the 64 KiB cap"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, found, err := LoadOverrides(tc.path, tc.explicit)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one containing %q", err, tc.err)
				}
				return
			}
			if err != nil || found != tc.found {
				t.Fatalf("found %v, error %v", found, err)
			}
			if found && o.Methods[model.MethodOpenStack] != "create.openstack_project" {
				t.Errorf("overrides %+v", o)
			}
		})
	}
}

// TestWriteOverrides: a new file (and its directory) private to its
// owner; an existing one replaced only with force; never through a link.
func TestWriteOverrides(t *testing.T) {
	o := api.Overrides{Methods: map[model.Method]model.Method{model.MethodOpenStack: "create.openstack_project"}}
	path := filepath.Join(t.TempDir(), "memset-order", "overrides.json")
	if err := WriteOverrides(path, o, false); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("written file %v, %v; want mode 0600", fi, err)
	}
	if di, _ := os.Stat(filepath.Dir(path)); di.Mode().Perm() != 0o700 {
		t.Errorf("made directory mode %v, want 0700", di.Mode().Perm())
	}
	back, found, err := LoadOverrides(path, true)
	if err != nil || !found || !back.Equal(o) {
		t.Errorf("read back %+v, %v", back, err)
	}
	o2 := api.Overrides{ErrorTypes: map[string]model.ErrorType{"ApiErrorInvalidParams": model.ErrorBadParameters}}
	if err := WriteOverrides(path, o2, false); err == nil || !strings.Contains(err.Error(), "already exists; add --force to replace it") {
		t.Errorf("over an existing file without --force: %v", err)
	}
	if err := WriteOverrides(path, o2, true); err != nil {
		t.Fatal(err)
	}
	if back, _, _ := LoadOverrides(path, true); !back.Equal(o2) {
		t.Errorf("after --force the file holds %+v", back)
	}
	link := filepath.Join(t.TempDir(), "link.json")
	if err := os.Symlink(path, link); err != nil {
		t.Skip("no symbolic links here")
	}
	if err := WriteOverrides(link, o, true); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Errorf("through a symbolic link: %v", err)
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".overrides.json.*"))
	if len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
}

// TestOpenBackendOverrides: the overrides file is applied to the real API
// (and --api-url), never to the embedded sandbox, which answers
// memset-order's own names; a bad default file stops the program with its
// name.
func TestOpenBackendOverrides(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "memset-order"), 0o700); err != nil {
		t.Fatal(err)
	}
	def := filepath.Join(dir, "memset-order", "overrides.json")
	if err := os.WriteFile(def, []byte(openstackOverride), 0o600); err != nil {
		t.Fatal(err)
	}
	withKey := env(map[string]string{"MEMSET_API_KEY": testKey, "XDG_CONFIG_HOME": dir})
	live, err := OpenBackend(BackendOptions{Getenv: withKey}, KeyIO{})
	if err != nil {
		t.Fatal(err)
	}
	defer live.Close()
	if got := live.Client.MethodName(model.MethodOpenStack); got != "create.openstack_project" || !live.OverridesApplied || live.OverridesFile != def {
		t.Errorf("real API: sends %s, applied %v, file %q", got, live.OverridesApplied, live.OverridesFile)
	}
	box, err := OpenBackend(BackendOptions{Getenv: withKey, Sandbox: true}, KeyIO{})
	if err != nil {
		t.Fatal(err)
	}
	defer box.Close()
	if got := box.Client.MethodName(model.MethodOpenStack); got != model.MethodOpenStack || box.OverridesApplied || box.OverridesFile != def {
		t.Errorf("embedded sandbox: sends %s, applied %v, file %q", got, box.OverridesApplied, box.OverridesFile)
	}
	if err := os.WriteFile(def, []byte(`{"methods": {"create.openstack": "job.status"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenBackend(BackendOptions{Getenv: withKey}, KeyIO{}); err == nil || !strings.Contains(err.Error(), "overrides file "+def) || !strings.Contains(err.Error(), "job.status is memset-order's name for another method") {
		t.Errorf("a bad default file: %v", err)
	}
}
