//go:build unix

package credentials

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// testFile names files in these tests' messages.
var testFile = UserFile{Label: "--thing", Flag: "--thing"}

// within runs f and fails the test if it has not returned after d: a
// named pipe opened the wrong way blocks until killed. The pipes of a
// test are opened for both ends at its end, so nothing is left blocked.
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

// mkfifo makes a named pipe at path, and opens both of its ends when the
// test ends so that an open left waiting on it returns.
func mkfifo(t *testing.T, path string) string {
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
	return path
}

// otherUser makes every file look as if another user owned it, for the
// length of the test.
func otherUser(t *testing.T) {
	me := euid()
	euid = func() int { return me + 4242 }
	t.Cleanup(func() { euid = os.Geteuid })
}

// fileCase is one file the person named, made by setup in dir.
type fileCase struct {
	name  string
	setup func(t *testing.T, dir string) string
	// want is what OpenPrivate's refusal says ("" for none); read what
	// OpenRead's says.
	want, read []string
}

// regularFile writes a file with mode.
func regularFile(mode os.FileMode) func(*testing.T, string) string {
	return func(t *testing.T, dir string) string {
		p := filepath.Join(dir, "file")
		if err := os.WriteFile(p, []byte("x\n"), mode); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(p, mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
}

// fileCases are the files every UserFile open is tried on.
var fileCases = []fileCase{
	{name: "a private file", setup: regularFile(0o600)},
	{name: "readable by others", setup: regularFile(0o644), want: []string{"has mode 0644", "readable by you only", "chmod 600"}},
	{name: "readable by the group", setup: regularFile(0o640), want: []string{"has mode 0640", "chmod 600"}},
	{name: "a named pipe", setup: func(t *testing.T, dir string) string { return mkfifo(t, filepath.Join(dir, "fifo")) },
		want: []string{"named pipe (FIFO), not a regular file", "give --thing a regular file"},
		read: []string{"named pipe (FIFO), not a regular file", "give --thing a regular file"}},
	{name: "a directory", setup: func(t *testing.T, dir string) string { return dir },
		want: []string{"a directory, not a regular file"}, read: []string{"a directory, not a regular file"}},
	{name: "a device", setup: func(*testing.T, string) string { return os.DevNull },
		want: []string{"a device, not a regular file"}, read: []string{"a device, not a regular file"}},
	{name: "a link to a private file", setup: func(t *testing.T, dir string) string {
		target := regularFile(0o600)(t, dir)
		link := filepath.Join(dir, "link")
		if err := os.Symlink(target, link); err != nil {
			t.Fatal(err)
		}
		return link
	}, want: []string{"is a symbolic link", "never followed", "remove the link"}},
	{name: "a link to a named pipe", setup: func(t *testing.T, dir string) string {
		link := filepath.Join(dir, "link")
		if err := os.Symlink(mkfifo(t, filepath.Join(dir, "fifo")), link); err != nil {
			t.Fatal(err)
		}
		return link
	}, want: []string{"is a symbolic link"}, read: []string{"named pipe (FIFO)"}},
	{name: "a link to nowhere", setup: func(t *testing.T, dir string) string {
		link := filepath.Join(dir, "link")
		if err := os.Symlink(filepath.Join(dir, "planted"), link); err != nil {
			t.Fatal(err)
		}
		return link
	}, want: []string{"is a symbolic link"}, read: []string{"no such file"}},
	{name: "a second name (hard link)", setup: func(t *testing.T, dir string) string {
		target := regularFile(0o600)(t, dir)
		link := filepath.Join(dir, "second")
		if err := os.Link(target, link); err != nil {
			t.Fatal(err)
		}
		return link
	}, want: []string{"has 2 names (hard links)", "give --thing a file of its own"}},
}

// TestUserFileOpenPrivate: a private file opens only when it is a regular
// file of the program's user that nobody else can reach; every refusal
// comes at once, names the path and says what to do, and nothing is
// created or written where a link points.
func TestUserFileOpenPrivate(t *testing.T) {
	for _, tc := range fileCases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := tc.setup(t, dir)
			type opened struct {
				f   *os.File
				err error
			}
			got := within(t, 5*time.Second, func() opened {
				f, err := testFile.OpenPrivate(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE)
				return opened{f, err}
			})
			if len(tc.want) == 0 {
				if got.err != nil {
					t.Fatalf("refused: %v", got.err)
				}
				got.f.Close()
				return
			}
			if got.err == nil {
				got.f.Close()
				t.Fatalf("opened; want a refusal saying %q", tc.want)
			}
			msg := got.err.Error()
			for _, w := range append([]string{"--thing: ", path}, tc.want...) {
				if !strings.Contains(msg, w) {
					t.Errorf("the refusal %q does not say %q", msg, w)
				}
			}
			if _, err := os.Lstat(filepath.Join(dir, "planted")); err == nil {
				t.Errorf("a file was created where the link points")
			}
		})
	}
}

// TestUserFileOpenPrivateCreates: a missing file is created with mode 0600
// whatever the umask allows.
func TestUserFileOpenPrivateCreates(t *testing.T) {
	old := syscall.Umask(0)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "new.log")
	f, err := testFile.OpenPrivate(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("created %v (%v), want mode 0600", st, err)
	}
}

// TestUserFileOpenPrivateOtherUser: a file that belongs to another user
// is refused, even one only its owner can read.
func TestUserFileOpenPrivateOtherUser(t *testing.T) {
	path := regularFile(0o600)(t, t.TempDir())
	otherUser(t)
	_, err := testFile.OpenPrivate(path, os.O_WRONLY|os.O_APPEND)
	if err == nil || !strings.Contains(err.Error(), path+" belongs to another user") || !strings.Contains(err.Error(), "--thing another path") {
		t.Fatalf("err = %v, want a refusal naming the owner and the fix", err)
	}
}

// TestUserFileOpenRead: a file that is read only has to be a regular
// file (a link to one is followed); anything else is refused at once.
func TestUserFileOpenRead(t *testing.T) {
	for _, tc := range fileCases {
		t.Run(tc.name, func(t *testing.T) {
			path := tc.setup(t, t.TempDir())
			type opened struct {
				f   *os.File
				err error
			}
			got := within(t, 5*time.Second, func() opened {
				f, err := testFile.OpenRead(path)
				return opened{f, err}
			})
			if len(tc.read) == 0 {
				if got.err != nil {
					t.Fatalf("refused: %v", got.err)
				}
				got.f.Close()
				return
			}
			if got.err == nil {
				got.f.Close()
				t.Fatalf("opened; want a refusal saying %q", tc.read)
			}
			for _, w := range append([]string{"--thing: "}, tc.read...) {
				if !strings.Contains(got.err.Error(), w) {
					t.Errorf("the refusal %q does not say %q", got.err, w)
				}
			}
		})
	}
}

// TestUserFileCheckRegular: a missing path or a regular file passes; a
// named pipe, a directory and a link do not.
func TestUserFileCheckRegular(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "missing"), ""},
		{"regular", regularFile(0o644)(t, dir), ""},
		{"named pipe", mkfifo(t, filepath.Join(dir, "fifo")), "named pipe (FIFO), not a regular file"},
		{"directory", dir, "a directory, not a regular file"},
		{"link", func() string {
			p := filepath.Join(dir, "link")
			if err := os.Symlink(filepath.Join(dir, "file"), p); err != nil {
				t.Fatal(err)
			}
			return p
		}(), "symbolic link"},
	} {
		err := testFile.CheckRegular(tc.path)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s: CheckRegular = %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestUserFileCheckDir: the directory of a private file must be the
// program user's own, and nobody else may write to it.
func TestUserFileCheckDir(t *testing.T) {
	dirWith := func(mode os.FileMode) func(*testing.T) string {
		return func(t *testing.T) string {
			d := filepath.Join(t.TempDir(), "state")
			if err := os.Mkdir(d, 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(d, mode); err != nil {
				t.Fatal(err)
			}
			return d
		}
	}
	linkTo := func(mode os.FileMode) func(*testing.T) string {
		return func(t *testing.T) string {
			link := filepath.Join(t.TempDir(), "link")
			if err := os.Symlink(dirWith(mode)(t), link); err != nil {
				t.Fatal(err)
			}
			return link
		}
	}
	for _, tc := range []struct {
		name  string
		dir   func(*testing.T) string
		other bool
		want  []string
	}{
		{name: "yours only", dir: dirWith(0o700)},
		{name: "readable by others", dir: dirWith(0o755)},
		{name: "writable by all", dir: dirWith(0o777), want: []string{"can be written to by its group and all other users (mode 0777)", "chmod 700"}},
		{name: "writable by all, sticky", dir: dirWith(0o777 | os.ModeSticky), want: []string{"all other users", "chmod 700"}},
		{name: "writable by the group", dir: dirWith(0o770), want: []string{"can be written to by its group (mode 0770)", "chmod 700"}},
		{name: "writable by others", dir: dirWith(0o702), want: []string{"by all other users (mode 0702)"}},
		{name: "another user's", dir: dirWith(0o700), other: true, want: []string{"belongs to another user", "give --thing a path in a directory of yours"}},
		{name: "your link to your directory", dir: linkTo(0o700)},
		{name: "your link to an open directory", dir: linkTo(0o777), want: []string{"chmod 700"}},
		{name: "another user's link", dir: linkTo(0o700), other: true, want: []string{"is a symbolic link made by another user", "remove the link"}},
		{name: "a file", dir: func(t *testing.T) string { return regularFile(0o600)(t, t.TempDir()) }, want: []string{"not a directory"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.dir(t)
			if tc.other {
				otherUser(t)
			}
			err := testFile.CheckDir(dir)
			if len(tc.want) == 0 {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("accepted; want a refusal saying %q", tc.want)
			}
			for _, w := range append([]string{"--thing: ", dir}, tc.want...) {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("the refusal %q does not say %q", err, w)
				}
			}
		})
	}
}

// TestFromFileNamedPipe: a named pipe given as the key file is refused at
// once, naming the flag and the path, instead of waiting for a writer.
func TestFromFileNamedPipe(t *testing.T) {
	fifo := mkfifo(t, filepath.Join(t.TempDir(), "key"))
	err := within(t, 5*time.Second, func() error { _, err := FromFile(fifo); return err })
	if err == nil || !strings.Contains(err.Error(), fifo+" is a named pipe (FIFO), not a regular file") || !strings.Contains(err.Error(), "--api-key-file") {
		t.Fatalf("err = %v, want a refusal naming the pipe and --api-key-file", err)
	}
}
