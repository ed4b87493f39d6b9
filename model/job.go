package model

import (
	"regexp"
	"sync"
)

// Job is a Memset job (job.status): the work behind an order.
type Job struct {
	// ID is 32 hex digits.
	ID   string
	Type string
	// Status is Memset's free-text state, e.g. "AWAITING-PAYMENT".
	Status string
	// Service is the new service's name, once it exists.
	Service  string
	Finished bool
	// Error means the job did not finish properly, or was cancelled.
	Error bool
}

// JobState is what a job's flags mean for the person waiting on it.
type JobState int

// The job states.
const (
	JobAwaitingPayment JobState = iota + 1
	JobRunning
	JobDone
	JobFailed
)

// StatusAwaitingPayment is the documented status of a job whose invoice is
// not paid yet.
const StatusAwaitingPayment = "AWAITING-PAYMENT"

// State classifies the job. An error flag wins over finished.
func (j Job) State() JobState {
	switch {
	case j.Error:
		return JobFailed
	case j.Finished:
		return JobDone
	case j.Status == StatusAwaitingPayment:
		return JobAwaitingPayment
	}
	return JobRunning
}

// String names the state for people.
func (s JobState) String() string {
	switch s {
	case JobAwaitingPayment:
		return "awaiting payment"
	case JobRunning:
		return "running"
	case JobDone:
		return "done"
	case JobFailed:
		return "failed"
	}
	return "unknown"
}

var jobIDPattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9a-f]{32}$`) })

// ValidJobID reports whether s is a job id: 32 lower-case hex digits.
func ValidJobID(s string) bool { return jobIDPattern().MatchString(s) }
