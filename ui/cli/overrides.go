package cli

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/credentials"
)

// The overrides file corrects method names and error types without a
// rebuild (api.ParseOverrides says what it holds). It is read from
// --overrides FILE, or from the default path when that file exists, and
// written by `memset-order doctor --write-overrides`.

// OverridesFileName is the default overrides file's name, in
// $XDG_CONFIG_HOME/memset-order/.
const OverridesFileName = "overrides.json"

// overridesFile is how messages name the file given with --overrides.
var overridesFile = credentials.UserFile{Label: "--overrides", Flag: "--overrides"}

// DefaultOverridesPath is $XDG_CONFIG_HOME/memset-order/overrides.json,
// or ~/.config/memset-order/overrides.json when XDG_CONFIG_HOME is unset
// or not absolute, both read with getenv; "" when neither it nor HOME is
// set.
func DefaultOverridesPath(getenv func(string) string) string {
	if d := getenv("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "memset-order", OverridesFileName)
	}
	if home := getenv("HOME"); home != "" && filepath.IsAbs(home) {
		return filepath.Join(home, ".config", "memset-order", OverridesFileName)
	}
	return ""
}

// LoadOverrides reads the overrides file at path: the one --overrides
// named (explicit; it must exist), or the default one (a missing default
// file means no overrides, and found is false). Like --catalogue it must be
// a regular file; its size is capped and its JSON is read strictly; every
// error names the file.
func LoadOverrides(path string, explicit bool) (o api.Overrides, found bool, err error) {
	if path == "" {
		return api.Overrides{}, false, nil
	}
	label := overridesFile
	if !explicit {
		label = credentials.UserFile{Label: "overrides file " + oneLine(path) + " (the default; --overrides names another)", Flag: "--overrides"}
		if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
			return api.Overrides{}, false, nil
		}
	}
	f, err := label.OpenRead(path)
	if err != nil {
		return api.Overrides{}, false, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, api.MaxOverridesBytes+1))
	if err != nil {
		return api.Overrides{}, false, fmt.Errorf("overrides file %s: %w", oneLine(path), err)
	}
	o, err = api.ParseOverrides(data)
	if err != nil {
		return api.Overrides{}, false, fmt.Errorf("overrides file %s: %w", oneLine(path), err)
	}
	return o, true, nil
}

// errOverridesExist refuses to replace an overrides file.
var errOverridesExist = errors.New("already exists; add --force to replace it")

// WriteOverrides writes o to path as an overrides file, mode 0600, making
// its directory (mode 0700) if needed. It refuses to replace a file that
// exists unless force, and never writes through a symbolic link or into
// anything but a regular file. The file appears whole or not at all: it is
// written beside its place, then linked (renamed, with force) into it.
func WriteOverrides(path string, o api.Overrides, force bool) error {
	label := credentials.UserFile{Label: "--write-overrides", Flag: "--overrides"}
	if err := label.CheckRegular(path); err != nil {
		return err
	}
	if _, err := os.Lstat(path); err == nil && !force {
		return fmt.Errorf("--write-overrides: %s %w", oneLine(path), errOverridesExist)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("--write-overrides: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+OverridesFileName+".*")
	if err != nil {
		return fmt.Errorf("--write-overrides: %w", err)
	}
	defer os.Remove(tmp.Name()) // the file's other name, or nothing after a rename
	_, err = tmp.Write(o.Encode())
	if err == nil {
		err = tmp.Chmod(0o600)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
	case force:
		err = os.Rename(tmp.Name(), path)
	default:
		// A link, unlike a rename, fails when the file appeared meanwhile.
		if err = os.Link(tmp.Name(), path); errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("--write-overrides: %s %w", oneLine(path), errOverridesExist)
		}
	}
	if err != nil {
		return fmt.Errorf("--write-overrides: %w", err)
	}
	return nil
}
