package journal

import (
	"errors"
	"io/fs"
	"syscall"
)

// wordsError is a journal error said once, in words: what could not be
// done with which file, and why. The operating system's error stays
// underneath (errors.Is and errors.As see it), but its text, which repeats
// the operation and the path ("open X: open X: is a directory"), is not
// shown.
type wordsError struct {
	msg string
	err error
}

func (e *wordsError) Error() string { return e.msg }
func (e *wordsError) Unwrap() error { return e.err }

// failed is "journal: could not <what> <path>: <why>", why being err in
// words (see why).
func failed(what, path string, err error) error {
	return &wordsError{msg: "journal: could not " + what + " " + path + ": " + why(err), err: err}
}

// why says what err means for a file, without repeating the operation or
// the path a *fs.PathError carries.
func why(err error) string {
	var pe *fs.PathError
	if !errors.As(err, &pe) {
		return err.Error()
	}
	switch {
	case errors.Is(pe.Err, syscall.ENOTDIR):
		return "part of the path is a file, not a directory (give --journal a path in a directory)"
	case errors.Is(pe.Err, syscall.EISDIR):
		return "it is a directory, not a file (give --journal a file's path)"
	case errors.Is(pe.Err, fs.ErrNotExist):
		return "it does not exist"
	case errors.Is(pe.Err, fs.ErrPermission):
		return "permission denied (you may not write there; give --journal a path of yours)"
	case errors.Is(pe.Err, syscall.EROFS):
		return "the file system is read-only"
	case errors.Is(pe.Err, syscall.ENOSPC):
		return "the disk is full"
	}
	return pe.Err.Error()
}

// reworded is err said in words when it is the operating system's
// *fs.PathError under the journal's label ("journal: lstat X: not a
// directory"); the journal's own refusals, which already say what to do,
// pass unchanged.
func reworded(what, path string, err error) error {
	var pe *fs.PathError
	if err == nil || !errors.As(err, &pe) {
		return err
	}
	return failed(what, path, err)
}
