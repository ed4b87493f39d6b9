package cli

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"

	"github.com/memset-order/memset-order/api/credentials"
)

// maxKeysFile bounds what is read of the host key and authorized keys
// files.
const maxKeysFile = 1 << 20

// The files serve reads, and how messages name them.
var (
	hostKeyFile        = credentials.UserFile{Label: "--host-key", Flag: "--host-key"}
	authorizedKeysFile = credentials.UserFile{Label: "--authorized-keys", Flag: "--authorized-keys"}
)

// hostKey is the server's key and how people check it.
type hostKey struct {
	signer      ssh.Signer
	fingerprint string
	// created: there was none, and it was made now.
	created bool
}

// loadHostKey reads the host key at path, or creates it (ed25519, mode
// 0600, in a directory of mode 0700) when there is none. A key that other
// users can read, or that belongs to another user, is refused, as OpenSSH
// refuses one.
func loadHostKey(path string) (hostKey, error) {
	f, err := hostKeyFile.OpenPrivate(path, os.O_RDONLY)
	created := false
	if errors.Is(err, fs.ErrNotExist) {
		f, err = createHostKey(path)
		created = true
	}
	if err != nil {
		return hostKey{}, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxKeysFile))
	if err != nil {
		return hostKey{}, fmt.Errorf("--host-key %s: %w", path, err)
	}
	signer, err := gossh.ParsePrivateKey(b)
	if err != nil {
		return hostKey{}, fmt.Errorf("--host-key %s is not an unencrypted SSH private key: %w", path, err)
	}
	return hostKey{signer: signer, fingerprint: gossh.FingerprintSHA256(signer.PublicKey()), created: created}, nil
}

// createHostKey writes a new ed25519 host key at path and returns the
// file, open at its start for reading. It never replaces a file that
// appeared meanwhile.
func createHostKey(path string) (*os.File, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("--host-key: create %s: %w", dir, err)
	}
	if err := hostKeyFile.CheckDir(dir); err != nil {
		return nil, err
	}
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("--host-key: generate: %w", err)
	}
	block, err := gossh.MarshalPrivateKey(priv, "memset-order serve")
	if err != nil {
		return nil, fmt.Errorf("--host-key: encode: %w", err)
	}
	f, err := hostKeyFile.OpenPrivate(path, os.O_RDWR|os.O_CREATE|os.O_EXCL)
	if err != nil {
		return nil, err
	}
	if _, err := f.Write(pem.EncodeToMemory(block)); err != nil {
		f.Close()
		return nil, fmt.Errorf("--host-key: write %s: %w", path, err)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, fmt.Errorf("--host-key: %s: %w", path, err)
	}
	return f, nil
}

// authorizedKeys is the --authorized-keys file, read again at every
// login so that a key removed from it is refused from then on.
type authorizedKeys struct {
	path string
	// count is how many keys it held at start.
	count int
}

// loadAuthorizedKeys checks the file at path: it must hold at least one
// key, every line must be one, and no other user may write to it.
func loadAuthorizedKeys(path string) (*authorizedKeys, error) {
	keys, err := readAuthorizedKeys(path)
	if err != nil {
		return nil, err
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("--authorized-keys %s holds no key: nobody could log in", path)
	}
	return &authorizedKeys{path: path, count: len(keys)}, nil
}

// allows reports whether key is one the file lists now. A file that
// cannot be read (or has become wrong) lets nobody in, and says why.
func (a *authorizedKeys) allows(key ssh.PublicKey) (bool, error) {
	keys, err := readAuthorizedKeys(a.path)
	if err != nil {
		return false, err
	}
	want := key.Marshal()
	for _, k := range keys {
		if bytes.Equal(k.Marshal(), want) {
			return true, nil
		}
	}
	return false, nil
}

// readAuthorizedKeys reads the keys in an authorized_keys file: one per
// line, blank lines and # comments skipped. A line that is not a key, or
// that has options (from=, command=, restrict, cert-authority…), is an
// error: serve would not apply them, and a key meant to be restricted
// must not get in unrestricted.
func readAuthorizedKeys(path string) ([]gossh.PublicKey, error) {
	f, err := authorizedKeysFile.OpenRead(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("--authorized-keys %s: %w", path, err)
	}
	if perm := st.Mode().Perm(); perm&0o022 != 0 {
		return nil, fmt.Errorf("--authorized-keys %s has mode %04o, so other users can add their keys to it; run: chmod go-w %s", path, perm, path)
	}
	b, err := io.ReadAll(io.LimitReader(f, maxKeysFile+1))
	if err != nil {
		return nil, fmt.Errorf("--authorized-keys %s: %w", path, err)
	}
	if len(b) > maxKeysFile {
		return nil, fmt.Errorf("--authorized-keys %s is larger than %d bytes", path, maxKeysFile)
	}
	var keys []gossh.PublicKey
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, _, options, _, err := gossh.ParseAuthorizedKey([]byte(line))
		if err != nil {
			return nil, fmt.Errorf("--authorized-keys %s, line %d: not a public key (%s)", path, i+1, errText(err))
		}
		if len(options) > 0 {
			return nil, fmt.Errorf("--authorized-keys %s, line %d: its options (%s) are not applied by memset-order serve: remove them, or the key", path, i+1, oneLine(strings.Join(options, ",")))
		}
		keys = append(keys, k)
	}
	return keys, nil
}
