//go:build !unix

package credentials

import "io/fs"

// noFollow is 0 where open has no O_NOFOLLOW: the Lstat before opening and
// the check of the open file are what refuse a link there.
const noFollow = 0

// nonBlock is 0 where open has no O_NONBLOCK.
const nonBlock = 0

// ownerLinks says nothing where file owners are not user ids.
func ownerLinks(fs.FileInfo) (uid int, links uint64, ok bool) { return 0, 0, false }
