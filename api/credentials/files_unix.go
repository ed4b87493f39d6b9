//go:build unix

package credentials

import (
	"io/fs"
	"syscall"
)

// noFollow makes open(2) fail on a symbolic link instead of following it.
const noFollow = syscall.O_NOFOLLOW

// nonBlock makes open(2) return at once on a named pipe that has no other
// end, instead of waiting for one.
const nonBlock = syscall.O_NONBLOCK

// ownerLinks is the file's owner's user id and its number of hard links;
// ok is false where the system does not say.
func ownerLinks(fi fs.FileInfo) (uid int, links uint64, ok bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return 0, 0, false
	}
	return int(st.Uid), uint64(st.Nlink), true
}
