package cli

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/journal"
	"github.com/memset-order/memset-order/api/sandbox"
	"github.com/memset-order/memset-order/model"
	"github.com/memset-order/memset-order/ui"
)

// TestPlanFollow: which job is followed, and where, before anything is
// sent.
func TestPlanFollow(t *testing.T) {
	job1, job2 := strings.Repeat("a1", 16), strings.Repeat("b2", 16)
	older := record("0123456789abcdef", journal.StatePlaced, job1, 1)
	older.Endpoint = "http://127.0.0.1:8080/v1/json"
	newer := record("fedcba9876543210", journal.StatePlaced, job2, 2)
	newer.Time = newer.Time.Add(1)
	embeddedRec := record("5a5a5a5a5a5a5a5a", journal.StatePlaced, strings.Repeat("c3", 16), 3)
	embeddedRec.Sandbox, embeddedRec.Endpoint = true, sandbox.BaseURL
	noJob := record("0000111122223333", journal.StateUnknown, "", 0)
	res := journal.ReadResult{Records: []journal.Record{newer, older, embeddedRec, noJob}}
	for _, tc := range []struct {
		name     string
		opts     FollowOptions
		job      string
		entry    string
		endpoint string
		status   Status
		err      string
	}{
		{name: "a job the journal has: its endpoint", opts: FollowOptions{ID: job1}, job: job1, entry: older.ID, endpoint: older.Endpoint},
		{name: "--api-url wins", opts: FollowOptions{ID: job1, Backend: BackendOptions{APIURL: "https://other.test/v1/json"}}, job: job1, entry: older.ID, endpoint: "https://other.test/v1/json"},
		{name: "a job the journal lacks", opts: FollowOptions{ID: strings.Repeat("d4", 16)}, job: strings.Repeat("d4", 16)},
		{name: "an entry id", opts: FollowOptions{ID: older.ID}, job: job1, entry: older.ID, endpoint: older.Endpoint},
		{name: "an entry id's start", opts: FollowOptions{ID: "fedc"}, job: job2, entry: newer.ID, endpoint: newer.Endpoint},
		{name: "--latest", opts: FollowOptions{Latest: true}, job: job2, entry: newer.ID, endpoint: newer.Endpoint},
		{name: "not a job id", opts: FollowOptions{ID: "12345"}, status: StatusUsage, err: "not a job id"},
		{name: "an entry without a job", opts: FollowOptions{ID: noJob.ID}, status: StatusUsage, err: "has no job to follow"},
		{name: "an embedded-sandbox job", opts: FollowOptions{ID: embeddedRec.JobID}, status: StatusError, err: "the embedded sandbox's jobs ended with the program that placed them"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.opts.JournalPath = "/j"
			p, err := planFollow(&tc.opts, res)
			if tc.err != "" {
				if err == nil || StatusOf(err) != tc.status || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v (status %d), want status %d saying %q", err, StatusOf(err), tc.status, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			entry := ""
			if p.Record != nil {
				entry = p.Record.ID
			}
			if p.JobID != tc.job || entry != tc.entry || p.Endpoint != tc.endpoint {
				t.Errorf("plan %s entry %q at %q, want %s entry %q at %q", p.JobID, entry, p.Endpoint, tc.job, tc.entry, tc.endpoint)
			}
		})
	}
	if _, err := planFollow(&FollowOptions{Latest: true, JournalPath: "/j"}, journal.ReadResult{}); err == nil || !strings.Contains(err.Error(), "no order with a job") {
		t.Errorf("--latest with an empty journal: %v", err)
	}
}

// TestRunFollowRefusals: what job follow says before the full screen opens
// when it cannot follow.
func TestRunFollowRefusals(t *testing.T) {
	r := record("0123456789abcdef", journal.StatePlaced, strings.Repeat("a1", 16), 1)
	r.Endpoint = "http://127.0.0.1:8080/v1/json"
	path := writeJournal(t, r)
	io, _, _ := testIO()
	for _, tc := range []struct {
		name string
		opts FollowOptions
		want string
	}{
		{"a journalled job without a key", FollowOptions{ID: r.JobID}, "asks 127.0.0.1:8080, where it was ordered: set MEMSET_API_KEY"},
		{"an unknown job without a key", FollowOptions{ID: strings.Repeat("e5", 16)}, "the embedded sandbox starts empty on every run"},
	} {
		tc.opts.IO, tc.opts.JournalPath, tc.opts.Backend.Getenv = io, path, env(nil)
		err := runFollow(context.Background(), &tc.opts)
		if err == nil || StatusOf(err) != StatusError || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want an error saying %q", tc.name, err, tc.want)
		}
	}
}

// TestFollowSummary: what job follow leaves in the terminal, and its exit
// status.
func TestFollowSummary(t *testing.T) {
	id := strings.Repeat("a1", 16)
	resume := "memset-order job follow " + id
	for _, tc := range []struct {
		name        string
		r           ui.FollowResult
		interrupted bool
		want        []string
		status      Status
	}{
		{"done", ui.FollowResult{Job: model.Job{ID: id, Service: "myaccaa1"}, State: model.JobDone}, false,
			[]string{"Job " + id + " is done: the new service is myaccaa1.", "The journal records how it ended"}, StatusDone},
		{"failed", ui.FollowResult{Job: model.Job{ID: id, Status: "FAILED"}, State: model.JobFailed, Stage: "PROVISIONING"}, false,
			[]string{"Job " + id + " failed at PROVISIONING (status FAILED)."}, StatusJobFailed},
		{"left while running", ui.FollowResult{Job: model.Job{ID: id, Status: "QUEUED"}, State: model.JobRunning, Left: true}, false,
			[]string{"Job " + id + " is QUEUED (running).", "Resume with: " + resume}, StatusDone},
		{"interrupted before an answer", ui.FollowResult{Job: model.Job{ID: id}}, true,
			[]string{"was not read yet", "Resume with: " + resume}, StatusInterrupted},
		{"no such job", ui.FollowResult{Job: model.Job{ID: id}, Err: &api.Error{Type: model.ErrorDoesNotExist, Message: "No such job"}}, false,
			[]string{"Could not follow job " + id + ": Memset has no such job"}, StatusError},
		{"the journal could not record the end", ui.FollowResult{Job: model.Job{ID: id}, State: model.JobDone, JournalErr: errors.New("disk full")}, false,
			[]string{"! The journal could not record the job's end (disk full)."}, StatusDone},
	} {
		io, out, _ := testIO()
		err := followSummary(io.Out, tc.r, resume, true, tc.interrupted)
		for _, w := range tc.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%s: the summary lacks %q:\n%s", tc.name, w, out)
			}
		}
		if s := StatusOf(err); s != tc.status {
			t.Errorf("%s: status %d (%v), want %d", tc.name, s, err, tc.status)
		}
	}
}
