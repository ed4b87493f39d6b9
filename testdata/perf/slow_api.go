package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"
)

// slowDelay is how late the slow API answers each dry run (issue #15:
// "one dry run is sent twice in 7 of 7 runs with a 120 ms API").
const slowDelay = 120 * time.Millisecond

// slowKey is the sandbox's key for the slow-API run: a fixed test value,
// never a real key.
const slowKey = "5f3a9c0e7b1d4f2a8c6e0b9d7f1a3c5e"

// slowAPI is `memset-order sandbox` serving on loopback with every
// create.monthly_miniserver answer held back slowDelay, and what the
// wizard needs to use it as its API.
type slowAPI struct {
	cmd  *exec.Cmd
	env  []string // the key, for the wizard
	args []string // --api-url
}

// startSlowAPI starts the sandbox server of bin and waits for its address.
func startSlowAPI(bin string) (*slowAPI, error) {
	fault := fmt.Sprintf("method=create.monthly_miniserver,delay=%s,times=1000000", slowDelay)
	cmd := exec.Command(bin, "sandbox", "--listen", "127.0.0.1:0", "--fault", fault)
	cmd.Env = append(os.Environ(), "MEMSET_API_KEY="+slowKey)
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	url, err := listenURL(out)
	if err != nil {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return nil, err
	}
	go func() { _, _ = io.Copy(io.Discard, out) }()
	return &slowAPI{cmd: cmd, env: []string{"MEMSET_API_KEY=" + slowKey}, args: []string{"--api-url", url}}, nil
}

// listenURL reads the server's "listening on URL" line.
func listenURL(r io.Reader) (string, error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if _, url, ok := strings.Cut(sc.Text(), "listening on "); ok {
			return strings.TrimSpace(url), nil
		}
	}
	return "", errors.New("the sandbox server never said where it listens")
}

// stop ends the server.
func (a *slowAPI) stop() {
	_ = a.cmd.Process.Kill()
	_ = a.cmd.Wait()
}
