package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// binary is the memset-order executable that TestMain built.
var binary string

// binaryEnv names a memset-order binary to test instead of building one
// (a release build, or a build of another tree).
const binaryEnv = "MEMSET_ORDER_E2E_BINARY"

// TestMain builds the binary once into a temporary directory and removes it
// afterwards; with MEMSET_ORDER_E2E_BINARY set it tests that binary instead.
func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	if b := os.Getenv(binaryEnv); b != "" {
		abs, err := filepath.Abs(b)
		if err != nil {
			fmt.Fprintf(os.Stderr, "e2e: %s: %v\n", binaryEnv, err)
			return 1
		}
		binary = abs
		return m.Run()
	}
	dir, err := os.MkdirTemp("", "memset-order-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: temporary directory:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	binary = filepath.Join(dir, "memset-order")
	build := exec.Command("go", "build", "-o", binary, "github.com/memset-order/memset-order")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: building memset-order:", err)
		return 1
	}
	return m.Run()
}
