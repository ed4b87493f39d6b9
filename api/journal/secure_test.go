//go:build unix

package journal

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/memset-order/memset-order/model"
)

// nobody is the user id given to files "another user" owns.
const nobody = 65534

// within runs f and fails the test if it has not returned after d: the
// journal opened the wrong way blocks on a named pipe until killed.
func within[T any](t *testing.T, d time.Duration, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(d):
		t.Fatalf("still waiting after %s (blocked on a named pipe?)", d)
	}
	panic("unreachable")
}

// mkfifo makes a named pipe at path; both its ends are opened when the
// test ends, so that an open left waiting on it returns.
func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if f, err := os.OpenFile(path, os.O_RDWR|syscall.O_NONBLOCK, 0); err == nil {
			time.Sleep(10 * time.Millisecond)
			f.Close()
		}
	})
}

// giveAway makes path (not following a link) another user's.
func giveAway(t *testing.T, path string) {
	t.Helper()
	if err := os.Lchown(path, nobody, nobody); err != nil {
		t.Fatal(err)
	}
}

// attackerFile is a file "another user" chose, mode 0600, in a directory of
// its own; it is another user's when the tests run as root.
func attackerFile(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "attacker.txt")
	if err := os.WriteFile(p, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if os.Geteuid() == 0 {
		giveAway(t, p)
	}
	return p
}

// mkdir makes dir with mode, whatever the umask.
func mkdir(t *testing.T, dir string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, mode); err != nil {
		t.Fatal(err)
	}
}

// symlink makes link point at target.
func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// TestOpenRefusesRedirection (issue #9, point 3): with the state directory
// open to others, another user planted orders.jsonl as a link and the
// victim's orders went to a file of the attacker's choosing. Open refuses
// a journal that another user could redirect, read or stall, at once and
// naming the fix, and writes nothing through a link.
func TestOpenRefusesRedirection(t *testing.T) {
	for _, tc := range []struct {
		name string
		// setup prepares the journal's directory dir and path (dir does
		// not exist yet) and returns a file that must stay empty.
		setup func(t *testing.T, dir, path string) string
		root  bool // needs root: files are given to another user
		want  []string
	}{
		{name: "an open state directory with a planted link", setup: func(t *testing.T, dir, path string) string {
			mkdir(t, dir, 0o777)
			target := attackerFile(t)
			symlink(t, target, path)
			return target
		}, want: []string{"journal: the directory", "can be written to by its group and all other users (mode 0777)", "chmod 700 "}},
		{name: "a state directory the group can write to", setup: func(t *testing.T, dir, _ string) string {
			mkdir(t, dir, 0o770)
			return ""
		}, want: []string{"can be written to by its group (mode 0770)", "chmod 700 "}},
		{name: "a link in a private directory", setup: func(t *testing.T, dir, path string) string {
			mkdir(t, dir, 0o700)
			target := attackerFile(t)
			symlink(t, target, path)
			return target
		}, want: []string{"is a symbolic link", "never followed", "remove the link"}},
		{name: "a link to a file that does not exist yet", setup: func(t *testing.T, dir, path string) string {
			mkdir(t, dir, 0o700)
			target := filepath.Join(t.TempDir(), "planted")
			symlink(t, target, path)
			t.Cleanup(func() {
				if _, err := os.Lstat(target); err == nil {
					t.Errorf("the journal was created where the link points")
				}
			})
			return ""
		}, want: []string{"is a symbolic link"}},
		{name: "a named pipe", setup: func(t *testing.T, dir, path string) string {
			mkdir(t, dir, 0o700)
			mkfifo(t, path)
			return ""
		}, want: []string{"is a named pipe (FIFO), not a regular file", "give --journal a regular file"}},
		{name: "a directory", setup: func(t *testing.T, dir, path string) string {
			mkdir(t, path, 0o700)
			return ""
		}, want: []string{"is a directory, not a regular file"}},
		{name: "a second name for another file", setup: func(t *testing.T, dir, path string) string {
			mkdir(t, dir, 0o700)
			other := filepath.Join(t.TempDir(), "other")
			if err := os.WriteFile(other, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Link(other, path); err != nil {
				t.Fatal(err)
			}
			return other
		}, want: []string{"has 2 names (hard links)"}},
		{name: "readable by others", setup: func(t *testing.T, dir, path string) string {
			mkdir(t, dir, 0o700)
			if err := os.WriteFile(path, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, 0o644); err != nil {
				t.Fatal(err)
			}
			return path
		}, want: []string{"has mode 0644; it must be readable by you only (chmod 600 "}},
		{name: "another user's journal", root: true, setup: func(t *testing.T, dir, path string) string {
			mkdir(t, dir, 0o700)
			if err := os.WriteFile(path, nil, 0o600); err != nil {
				t.Fatal(err)
			}
			giveAway(t, path)
			return path
		}, want: []string{"belongs to another user (uid 65534)", "remove it, or give --journal another path"}},
		{name: "another user's state directory", root: true, setup: func(t *testing.T, dir, _ string) string {
			mkdir(t, dir, 0o700)
			giveAway(t, dir)
			return ""
		}, want: []string{"the directory", "belongs to another user (uid 65534)", "give --journal a path in a directory of yours"}},
		{name: "another user's link in place of the state directory", root: true, setup: func(t *testing.T, dir, _ string) string {
			real := filepath.Join(t.TempDir(), "elsewhere")
			mkdir(t, real, 0o700)
			mkdir(t, filepath.Dir(dir), 0o700)
			symlink(t, real, dir)
			giveAway(t, dir)
			return ""
		}, want: []string{"is a symbolic link made by another user (uid 65534)", "remove the link (rm "}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.root && os.Geteuid() != 0 {
				t.Skip("giving a file to another user needs root")
			}
			dir := filepath.Join(t.TempDir(), "state", "memset-order")
			path := filepath.Join(dir, FileName)
			untouched := tc.setup(t, dir, path)
			err := within(t, 5*time.Second, func() error {
				j, err := Open(path)
				if err == nil {
					// What the refusal guards against: an order written.
					_, err = j.Intent(model.MethodMemstore, model.Order{Product: model.ProductMemstore}, nil, "e")
					if err == nil {
						return nil
					}
					t.Errorf("Open accepted the journal; only writing refused it: %v", err)
				}
				return err
			})
			if err == nil {
				t.Fatalf("the journal was opened and written; want a refusal saying %q", tc.want)
			}
			for _, w := range append([]string{"journal: "}, tc.want...) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the refusal %q does not say %q", err, w)
				}
			}
			if untouched != "" {
				if st, err := os.Stat(untouched); err != nil || st.Size() != 0 {
					t.Errorf("%s was written to (%v, %v)", untouched, st, err)
				}
			}
		})
	}
}

// TestWriteRefusesRedirection: every write opens the journal again under
// the same rules, so a journal swapped for a link, a named pipe, or a
// directory opened to others after Open is not written through.
func TestWriteRefusesRedirection(t *testing.T) {
	for _, tc := range []struct {
		name string
		swap func(t *testing.T, path string) string
		want string
	}{
		{name: "swapped for a link", swap: func(t *testing.T, path string) string {
			target := attackerFile(t)
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			symlink(t, target, path)
			return target
		}, want: "is a symbolic link"},
		{name: "swapped for a named pipe", swap: func(t *testing.T, path string) string {
			if err := os.Remove(path); err != nil {
				t.Fatal(err)
			}
			mkfifo(t, path)
			return ""
		}, want: "is a named pipe"},
		{name: "its directory opened to all", swap: func(t *testing.T, path string) string {
			mkdir(t, filepath.Dir(path), 0o777)
			return path
		}, want: "chmod 700"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j, path := testJournal(t)
			untouched := tc.swap(t, path)
			err := within(t, 5*time.Second, func() error {
				_, err := j.Intent(model.MethodMemstore, model.Order{Product: model.ProductMemstore}, nil, "e")
				return err
			})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Intent = %v, want a refusal saying %q", err, tc.want)
			}
			if untouched != "" {
				if st, err := os.Stat(untouched); err != nil || st.Size() != 0 {
					t.Errorf("%s was written to (%v, %v)", untouched, st, err)
				}
			}
		})
	}
}

// TestCheckRegular (issue #9, point 4): what reads the journal checks it
// first; a named pipe would block the read past ctrl+c.
func TestCheckRegular(t *testing.T) {
	dir := t.TempDir()
	regular := filepath.Join(dir, "orders.jsonl")
	if err := os.WriteFile(regular, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	mkfifo(t, fifo)
	link := filepath.Join(dir, "link")
	symlink(t, regular, link)
	for _, tc := range []struct {
		path string
		want string
	}{
		{filepath.Join(dir, "missing"), ""},
		{regular, ""},
		{fifo, "journal: " + fifo + " is a named pipe (FIFO), not a regular file (give --journal a regular file)"},
		{dir, "is a directory, not a regular file"},
		{link, "is a symbolic link"},
	} {
		err := CheckRegular(tc.path)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("CheckRegular(%s) = %v, want %q", tc.path, err, tc.want)
		}
	}
}

// TestOpenRead: readers open the journal with OpenRead: nothing for a
// missing journal, the file for a regular one, and CheckRegular's refusal
// for anything else, at once.
func TestOpenRead(t *testing.T) {
	dir := t.TempDir()
	regular := filepath.Join(dir, "orders.jsonl")
	if err := os.WriteFile(regular, []byte("{}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo")
	mkfifo(t, fifo)
	link := filepath.Join(dir, "link")
	symlink(t, regular, link)
	for _, tc := range []struct {
		path string
		open bool
		want string
	}{
		{path: filepath.Join(dir, "missing")},
		{path: regular, open: true},
		{path: fifo, want: "journal: " + fifo + " is a named pipe (FIFO), not a regular file (give --journal a regular file)"},
		{path: dir, want: "is a directory, not a regular file"},
		{path: link, want: "is a symbolic link"},
	} {
		type opened struct {
			f   *os.File
			err error
		}
		got := within(t, 5*time.Second, func() opened { f, err := OpenRead(tc.path); return opened{f, err} })
		if got.f != nil {
			got.f.Close()
		}
		switch {
		case tc.want != "" && (got.err == nil || !strings.Contains(got.err.Error(), tc.want)):
			t.Errorf("OpenRead(%s) = %v, want %q", tc.path, got.err, tc.want)
		case tc.want == "" && (got.err != nil || (got.f != nil) != tc.open):
			t.Errorf("OpenRead(%s) = %v, %v; want a file: %v", tc.path, got.f, got.err, tc.open)
		}
	}
}
