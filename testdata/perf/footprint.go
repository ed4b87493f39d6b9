package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// fastFlags build a static binary with every optimisation; sizeFlags
// make it small at a cost in speed. The README's build command uses both
// (buildFlags); the Footprint section compares it with fastFlags alone.
var (
	fastFlags = []string{"-trimpath", "-ldflags", "-s -w"}
	sizeFlags = []string{"-tags", "nethttpomithttp2", "-gcflags=all=-l"}
	// buildFlags are the README's build command's flags (with
	// CGO_ENABLED=0).
	buildFlags = append(append([]string(nil), fastFlags...), sizeFlags...)
)

// footprint is what the report's Footprint section shows of one build:
// the binary's size and each step's View() at 200×60 (BenchmarkView).
type footprint struct {
	size  int64
	views map[string]time.Duration // sub-benchmark → median ns/op
	order []string                 // sub-benchmarks as BenchmarkView runs them
}

// measureFootprint builds the module with flags into dir and runs
// BenchmarkView (count runs) with the same flags.
func measureFootprint(root, dir string, flags []string, count int) (footprint, error) {
	var fp footprint
	bin := dir + "/footprint-bin"
	args := append(append([]string{"build"}, flags...), "-o", bin, "github.com/memset-order/memset-order")
	if err := goCmd(root, args...).Run(); err != nil {
		return fp, fmt.Errorf("building with %v: %w", flags, err)
	}
	st, err := os.Stat(bin)
	if err != nil {
		return fp, err
	}
	fp.size = st.Size()
	args = append(append([]string{"test"}, flags...), "./ui/", "-run", "^$", "-bench", "BenchmarkView", "-benchtime", "200x", "-count", strconv.Itoa(count))
	var out bytes.Buffer
	c := goCmd(root, args...)
	c.Stdout = &out
	if err := c.Run(); err != nil {
		return fp, fmt.Errorf("BenchmarkView with %v: %w\n%s", flags, err, out.String())
	}
	fp.views, fp.order = parseBench(out.String())
	if len(fp.views) == 0 {
		return fp, fmt.Errorf("BenchmarkView printed no results:\n%s", out.String())
	}
	return fp, nil
}

// goCmd is the go command in the module root, without cgo, its errors on
// stderr.
func goCmd(root string, args ...string) *exec.Cmd {
	c := exec.Command("go", args...)
	c.Dir = root
	c.Env = append(os.Environ(), "CGO_ENABLED=0")
	c.Stderr = os.Stderr
	return c
}

// parseBench reads `go test -bench` output: the median ns/op of each
// BenchmarkView sub-benchmark, and their order.
func parseBench(out string) (map[string]time.Duration, []string) {
	runs := map[string][]time.Duration{}
	var order []string
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "BenchmarkView/") || f[3] != "ns/op" {
			continue
		}
		name := strings.TrimPrefix(f[0], "BenchmarkView/")
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			name = name[:i]
		}
		ns, err := strconv.ParseFloat(f[2], 64)
		if err != nil {
			continue
		}
		if _, seen := runs[name]; !seen {
			order = append(order, name)
		}
		runs[name] = append(runs[name], time.Duration(ns))
	}
	views := map[string]time.Duration{}
	for name, ds := range runs {
		views[name] = median(ds)
	}
	return views, order
}
