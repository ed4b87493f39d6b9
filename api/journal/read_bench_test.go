package journal

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"
)

// scaleOrders and scaleSeed shape the journal of the issue: 188k orders,
// 112 MB (396k lines).
const (
	scaleOrders = 188_000
	scaleSeed   = 9
)

// scaleStats says what writeScaleJournal wrote.
type scaleStats struct {
	Orders, Lines int
	Bytes         int64
	// OldID is the id of an order from the first percent of the file;
	// LatestJob the job id of the newest order with a job.
	OldID, LatestJob string
}

// writeScaleJournal writes a deterministic journal of n orders to w,
// shaped like a busy account's: an intent and, usually at once, an
// outcome per order; the end of a tenth of the set-up jobs some orders
// later (a few much later, followed by hand); invoice candidates for unknown outcomes
// when they are settled; some orders never answered. Every line is
// encoded by the journal's own line type.
func writeScaleJournal(w io.Writer, n int, seed uint64) (scaleStats, error) {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	bw := bufio.NewWriterSize(w, 1<<20)
	var st scaleStats
	later := map[int][]line{} // lines to write after order k
	emit := func(l line) error {
		b, err := json.Marshal(l)
		if err != nil {
			return err
		}
		st.Lines++
		st.Bytes += int64(len(b)) + 1
		bw.Write(b)
		return bw.WriteByte('\n')
	}
	hexN := func(digits int) string {
		const hexd = "0123456789abcdef"
		b := make([]byte, digits)
		for i := range b {
			b[i] = hexd[rng.IntN(16)]
		}
		return string(b)
	}
	products := []struct{ product, method, sku, total string }{
		{"monthly_miniserver", "create.monthly_miniserver", "MSVM001", "7.50"},
		{"monthly_miniserver", "create.monthly_miniserver", "MSVM004", "20.00"},
		{"hourly_miniserver", "create.hourly_miniserver", "MSVM002", "0.02"},
		{"memstore", "create.memstore", "MEMSTORE-1TB", "35.00"},
		{"openstack", "create.openstack", "OS-SMALL", "40.00"},
	}
	oses := []string{"debian_trixie_64", "debian_bookworm_64", "ubuntu_noble_64", "rocky9_64", "win2022_std_64"}
	t0 := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC)
	at := t0
	for i := range n {
		if i%997 != 0 { // now and then two orders share a second
			at = at.Add(time.Duration(20+rng.IntN(60)) * time.Second)
		}
		id := hexN(16)
		p := products[rng.IntN(len(products))]
		params := map[string]string{"sku": p.sku, "os": oses[rng.IntN(len(oses))]}
		if rng.IntN(8) == 0 {
			params["name"] = "web-" + hexN(6)
		}
		in := &Intent{Endpoint: "https://api.memset.com/v1/json", Method: p.method, Product: p.product,
			Params: params, ConfirmedTotal: p.total, ConfirmedCurrency: "GBP"}
		if err := emit(line{Kind: kindIntent, ID: id, Time: at, Intent: in}); err != nil {
			return st, err
		}
		if i == n/100 {
			st.OldID = id
		}
		outcomeAt := at.Add(time.Duration(1+rng.IntN(5)) * time.Second)
		switch r := rng.IntN(1000); {
		case r < 15: // never answered
		case r < 45:
			out := line{Kind: kindOutcome, ID: id, Time: outcomeAt, State: StateUnknown,
				Error: "Post \"https://api.memset.com/v1/json/" + p.method + "\": read: connection reset by peer"}
			if err := emit(out); err != nil {
				return st, err
			}
			k := i + 1 + rng.IntN(5000)
			later[k] = append(later[k], line{Kind: kindCandidates, ID: id, Time: outcomeAt.Add(time.Hour),
				Candidates: []int{100000 + i, 100001 + i}})
		case r < 85:
			if err := emit(line{Kind: kindOutcome, ID: id, Time: outcomeAt, State: StateRefused,
				Error: "api error 4: Please select a valid choice. " + p.sku + " is not one of the available choices."}); err != nil {
				return st, err
			}
		default:
			job := hexN(32)
			out := line{Kind: kindOutcome, ID: id, Time: outcomeAt, State: StatePlaced,
				Answer: Answer{InvoiceRef: 100000 + i, JobID: job, JobType: "SETUP-NEW-MINISERVER",
					JobStatus: "AWAITING-PAYMENT", NetTotal: p.total, NetSetup: "0.00", Currency: "GBP"}}
			if r < 95 {
				out.State, out.Mismatch = StateMismatch, "the total is £"+p.total+"1, not £"+p.total
			}
			if err := emit(out); err != nil {
				return st, err
			}
			st.LatestJob = job
			if rng.IntN(10) != 0 {
				break // never followed to its end
			}
			k := i + rng.IntN(200)
			if rng.IntN(100) == 0 {
				k = i + 10_000 + rng.IntN(50_000)
			}
			end := line{Kind: kindEnd, ID: id, Time: outcomeAt.Add(10 * time.Minute), State: StateDone,
				Answer:  Answer{JobID: job, JobType: "SETUP-NEW-MINISERVER", JobStatus: "DONE"},
				Service: "myacc" + hexN(3), Stage: "DONE"}
			if rng.IntN(50) == 0 {
				end.State, end.Service, end.Stage, end.JobStatus = StateFailed, "", "INSTALLING-OS", "FAILED"
			}
			later[k] = append(later[k], end)
		}
		for _, l := range later[i] {
			if err := emit(l); err != nil {
				return st, err
			}
		}
		delete(later, i)
		st.Orders++
	}
	for k := n; len(later) > 0; k++ {
		for _, l := range later[k] {
			if err := emit(l); err != nil {
				return st, err
			}
		}
		delete(later, k)
	}
	return st, bw.Flush()
}

// scaleJournal writes the journal into dir once per process.
var scaleJournal = sync.OnceValues(func() (string, scaleStats) {
	dir, err := os.MkdirTemp("", "journal-scale-")
	if err != nil {
		panic(err)
	}
	path := filepath.Join(dir, FileName)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		panic(err)
	}
	st, err := writeScaleJournal(f, scaleOrders, scaleSeed)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		panic(err)
	}
	return path, st
})

// TestWriteScaleJournal writes the benchmark's journal to the file named
// by $SCALE_JOURNAL_OUT, for the harness in testdata/scale; without it,
// it is skipped.
func TestWriteScaleJournal(t *testing.T) {
	out := os.Getenv("SCALE_JOURNAL_OUT")
	if out == "" {
		t.Skip("SCALE_JOURNAL_OUT is not set")
	}
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	st, err := writeScaleJournal(f, scaleOrders, scaleSeed)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("orders=%d lines=%d bytes=%d old_id=%s latest_job=%s\n", st.Orders, st.Lines, st.Bytes, st.OldID, st.LatestJob)
}

// BenchmarkJournal100MB reads the journal (188k orders, 112 MB,
// written once per process) as each command does. Read is the baseline:
// the whole journal in memory, as every command read it before Select.
// Besides time and allocations it reports peak-heap-MB, the most heap in
// use at once during one more run, sampled every millisecond.
func BenchmarkJournal100MB(b *testing.B) {
	path, st := scaleJournal()
	b.Logf("journal: %d orders, %d lines, %.1f MB", st.Orders, st.Lines, float64(st.Bytes)/1e6)
	discard := func(Record) error { return nil }
	selectEach := func(q Query) func() error {
		return func() error {
			s, err := Select(path, q)
			if err != nil {
				return err
			}
			defer s.Close()
			return s.Each(discard)
		}
	}
	for _, bc := range []struct {
		name string
		run  func() error
	}{
		{"Read", func() error { _, err := Read(path); return err }},
		{"Select-limit50", selectEach(Query{Limit: 50})},
		{"Select-all", selectEach(Query{})},
		{"Select-since-week", selectEach(Query{Since: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)})},
		{"Select-latest-job", selectEach(Query{Limit: 1, Match: func(b Brief) bool { return b.JobID != "" }})},
		{"Select-id-prefix", selectEach(Query{Match: func(b Brief) bool { return strings.HasPrefix(b.ID, st.OldID[:8]) }})},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(st.Bytes)
			b.ReportAllocs()
			for b.Loop() {
				if err := bc.run(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(peakHeapMB(b, bc.run), "peak-heap-MB")
		})
	}
}

// peakHeapMB runs fn once and returns the most heap memory its objects
// held at once, in MB, sampled every millisecond from runtime/metrics
// (which does not stop the world).
func peakHeapMB(b *testing.B, fn func() error) float64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	var peak uint64
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	}()
	err := fn()
	close(done)
	<-stopped
	if err != nil {
		b.Fatal(err)
	}
	if peak < base {
		return 0
	}
	return float64(peak-base) / 1e6
}
