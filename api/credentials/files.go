package credentials

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
)

// UserFile opens files the person named, with a flag or by default: the
// key file, the catalogue, the journal and the debug log. None of them may
// stall the program (a named pipe with nobody at its other end blocks an
// open until killed, and ctrl+c cannot end a blocked open), and the private
// ones (the journal and the debug log hold what the account bought, its
// servers and addresses) may not be redirected to a file of someone else's
// choosing. Every refusal starts with Label, names the path and says what
// to do.
type UserFile struct {
	// Label starts every message: "journal", "--debug-log".
	Label string
	// Flag is the flag that names another file: "--journal".
	Flag string
}

// euid is the user the program runs as (tests replace it).
var euid = os.Geteuid

// errorf is an error starting with the file's label.
func (u UserFile) errorf(format string, args ...any) error {
	return fmt.Errorf("%s: "+format, append([]any{u.Label}, args...)...)
}

// kind names what a file that is not regular is, for people.
func kind(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m.IsDir():
		return "a directory"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0, m&fs.ModeCharDevice != 0:
		return "a device"
	}
	return "a special file"
}

// regular refuses fi (the file at path) unless it is a regular file.
func (u UserFile) regular(path string, fi fs.FileInfo) error {
	m := fi.Mode()
	switch {
	case m.IsRegular():
		return nil
	case m&fs.ModeSymlink != 0:
		return u.errorf("%s is a symbolic link, and it is never followed (remove the link, or give %s the file itself)", path, u.Flag)
	}
	return u.errorf("%s is %s, not a regular file (give %s a regular file)", path, kind(m), u.Flag)
}

// CheckRegular refuses path when it exists and is not a regular file: a
// named pipe or a device would block or never end, and a symbolic link is
// not followed. A missing path passes.
func (u UserFile) CheckRegular(path string) error {
	fi, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return u.errorf("%w", err)
	}
	return u.regular(path, fi)
}

// OpenRead opens path for reading when it is a regular file (a symbolic
// link to one is followed). It cannot block: the path is checked before it
// is opened, it is opened without waiting for the other end of a named
// pipe that took its place meanwhile, and the open file is checked again.
func (u UserFile) OpenRead(path string) (*os.File, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, u.errorf("%w", err)
	}
	if err := u.regular(path, fi); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|nonBlock, 0)
	if err != nil {
		return nil, u.errorf("%w", err)
	}
	if err := u.checkOpen(f, path, u.regular); err != nil {
		return nil, err
	}
	return f, nil
}

// OpenPrivate opens path with flag (os.O_APPEND|os.O_CREATE and the like;
// a new file gets mode 0600) as a file only its owner may read. It is never
// opened through a symbolic link and never waits on a named pipe, and it is
// refused, with the fix, unless it is a regular file that belongs to the
// user the program runs as, that group and others can neither read nor
// write, and that has no other name (a hard link) elsewhere.
func (u UserFile) OpenPrivate(path string, flag int) (*os.File, error) {
	if err := u.CheckRegular(path); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, flag|noFollow|nonBlock, 0o600)
	if err != nil {
		// A link planted since the check: open(2) says ELOOP, which
		// does not say what to do.
		if fi, lerr := os.Lstat(path); lerr == nil && !fi.Mode().IsRegular() {
			return nil, u.regular(path, fi)
		}
		return nil, u.errorf("%w", err)
	}
	if err := u.checkOpen(f, path, u.private); err != nil {
		return nil, err
	}
	return f, nil
}

// checkOpen checks the open file f (at path) with check, and closes it when
// it is refused.
func (u UserFile) checkOpen(f *os.File, path string, check func(string, fs.FileInfo) error) error {
	st, err := f.Stat()
	if err != nil {
		err = u.errorf("%w", err)
	} else {
		err = check(path, st)
	}
	if err != nil {
		f.Close()
	}
	return err
}

// private refuses fi (the open file at path) unless it is a regular file
// of the program's user that nobody else can reach.
func (u UserFile) private(path string, fi fs.FileInfo) error {
	if err := u.regular(path, fi); err != nil {
		return err
	}
	if uid, links, ok := ownerLinks(fi); ok {
		if me := euid(); uid != me {
			return u.errorf("%s belongs to another user (uid %d), not to you (uid %d); it must be a file of yours (remove it, or give %s another path)", path, uid, me, u.Flag)
		}
		if links > 1 {
			return u.errorf("%s has %d names (hard links), so it can be reached by another; it must have one (give %s a file of its own)", path, links, u.Flag)
		}
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		return u.errorf("%s has mode %04o; it must be readable by you only (chmod 600 %s)", path, perm, path)
	}
	return nil
}

// CheckDir refuses dir as the home of a private file when another user
// could replace or remove the file in it: dir belongs to another user, its
// group or others can write to it, or it is a symbolic link another user
// made (a link of your own is followed, and where it leads is checked).
func (u UserFile) CheckDir(dir string) error {
	fi, err := os.Lstat(dir)
	if err != nil {
		return u.errorf("%w", err)
	}
	if fi.Mode()&fs.ModeSymlink != 0 {
		if uid, _, ok := ownerLinks(fi); ok && uid != euid() {
			return u.errorf("the directory %s is a symbolic link made by another user (uid %d); remove the link (rm %s)", dir, uid, dir)
		}
		if fi, err = os.Stat(dir); err != nil {
			return u.errorf("%w", err)
		}
	}
	if !fi.IsDir() {
		return u.errorf("%s is %s, not a directory", dir, kind(fi.Mode()))
	}
	uid, _, ok := ownerLinks(fi)
	if !ok {
		// No user ids, and no meaningful mode bits for directories.
		return nil
	}
	if me := euid(); uid != me {
		return u.errorf("the directory %s belongs to another user (uid %d), who could replace what is in it; give %s a path in a directory of yours", dir, uid, u.Flag)
	}
	if perm := fi.Mode().Perm(); perm&0o022 != 0 {
		return u.errorf("the directory %s can be written to by %s (mode %04o), who could replace what is in it; make it yours only (chmod 700 %s)", dir, writers(perm), perm, dir)
	}
	return nil
}

// writers says who besides the owner can write to a directory with perm.
func writers(perm fs.FileMode) string {
	switch {
	case perm&0o022 == 0o022:
		return "its group and all other users"
	case perm&0o002 != 0:
		return "all other users"
	}
	return "its group"
}
