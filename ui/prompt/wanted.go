package prompt

import "strings"

// Wanted reports whether the line prompts are to be used instead of the
// full screen: asked for with a flag (flag), with ACCESSIBLE set to
// anything but empty, "0" or "false", or on a dumb terminal (TERM=dumb).
// getenv reads the environment of the person at the keyboard (an SSH
// session's, not the server's); nil reads nothing.
func Wanted(flag bool, getenv func(string) string) bool {
	if flag {
		return true
	}
	if getenv == nil {
		return false
	}
	switch a := strings.TrimSpace(getenv("ACCESSIBLE")); strings.ToLower(a) {
	case "", "0", "false":
	default:
		return true
	}
	return getenv("TERM") == "dumb"
}
