package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/model"
)

// What `memset-order doctor` found, and how it is printed: one line per
// finding, or -o json.

// The statuses of a finding.
const (
	statusOK   = "ok"
	statusWarn = "warn"
	// statusFail: something the wizard needs is missing; the doctor exits 1.
	statusFail = "fail"
)

// finding is one line of the report.
type finding struct {
	// Check is what was checked: endpoint, clock, overrides, listing,
	// method, key, error_type or services.
	Check string `json:"check"`
	// Subject is what the finding is about: a method, a SKU, a service,
	// an error type; "" for the endpoint, the clock, the listing and the
	// key.
	Subject string `json:"subject"`
	Status  string `json:"status"`
	Message string `json:"message"`
	// Override is the override that fixes it, or nil.
	Override *overrideEntry `json:"override"`
}

// overrideEntry is one entry of an overrides file.
type overrideEntry struct {
	// Section is "methods" or "error_types".
	Section string `json:"section"`
	Key     string `json:"key"`
	Value   string `json:"value"`
	// Line is the entry as it is written in its section.
	Line string `json:"line"`
}

// newOverride is the entry key: value of section.
func newOverride(section, key, value string) *overrideEntry {
	return &overrideEntry{Section: section, Key: key, Value: value, Line: api.OverrideLine(key, value)}
}

// methodReport is what the doctor found of one of memset-order's methods.
type methodReport struct {
	Name   model.Method `json:"name"`
	Source model.Source `json:"source"`
	// Needed: the wizard cannot work without it.
	Needed bool `json:"needed"`
	// SentAs is the name the client sends (an override's, or Name).
	SentAs model.Method `json:"sent_as"`
	// Listed is "yes", "no", or "unknown" (the API did not list its
	// methods).
	Listed string `json:"listed"`
	// Key is what calling it said: "may call", "refused", "missing",
	// "misread", "unsure", "ordered" or "not tried".
	Key string `json:"key"`
	// CloseMatches are the listed names that may be its real name, best
	// first (empty unless it is missing).
	CloseMatches []string `json:"close_matches"`
}

// doctorReport is the whole report: the -o json document.
type doctorReport struct {
	Endpoint string `json:"endpoint"`
	// Sandbox is true for the embedded sandbox.
	Sandbox bool `json:"sandbox"`
	// Key names the key by its fingerprint ("" for the embedded sandbox).
	Key string `json:"key"`
	// OverridesFile is the overrides file read ("" when none), and
	// OverridesApplied whether the client applies it.
	OverridesFile    string `json:"overrides_file"`
	OverridesApplied bool   `json:"overrides_applied"`
	// ListedVia is the interface that listed the methods ("JSON",
	// "XML-RPC"), "" when none did; Listed is how many it listed.
	ListedVia string         `json:"listed_via"`
	Listed    int            `json:"listed"`
	Findings  []finding      `json:"findings"`
	Methods   []methodReport `json:"methods"`
	// Overrides are what --write-overrides writes: the file in use, minus
	// what no longer applies, plus the close matches and error types found.
	Overrides overridesJSON `json:"overrides"`
	// WroteOverrides is the file --write-overrides wrote ("" when none).
	WroteOverrides string `json:"wrote_overrides"`
	// Status is "ok" or "fail"; Exit is the exit status (0 or 1).
	Status string `json:"status"`
	Exit   int    `json:"exit"`

	// suggested are the overrides to write, as the client takes them, and
	// current those of the file read; writeAsked is set by
	// --write-overrides.
	suggested, current api.Overrides
	writeAsked         bool
}

// news reports whether the overrides found differ from what the file at
// path holds: the overrides read, when path is the file they were read
// from, and none otherwise.
func (r *doctorReport) news(path string) bool {
	var held api.Overrides
	if path == r.OverridesFile {
		held = r.current
	}
	return !r.suggested.Equal(held)
}

// overridesJSON is an overrides file's content.
type overridesJSON struct {
	Methods    map[string]string `json:"methods"`
	ErrorTypes map[string]string `json:"error_types"`
}

// add appends a finding.
func (r *doctorReport) add(check, subject, status, message string, o *overrideEntry) {
	r.Findings = append(r.Findings, finding{Check: check, Subject: subject, Status: status, Message: message, Override: o})
}

// finish sets the status and the overrides document from the findings.
func (r *doctorReport) finish() {
	r.Status, r.Exit = statusOK, 0
	for _, f := range r.Findings {
		if f.Status == statusFail {
			r.Status, r.Exit = statusFail, int(StatusError)
		}
	}
	r.Overrides = overridesJSON{Methods: map[string]string{}, ErrorTypes: map[string]string{}}
	for k, v := range r.suggested.Methods {
		r.Overrides.Methods[string(k)] = string(v)
	}
	for k, v := range r.suggested.ErrorTypes {
		r.Overrides.ErrorTypes[k] = string(v)
	}
	if r.Methods == nil {
		r.Methods = []methodReport{}
	}
	for i := range r.Methods {
		if r.Methods[i].CloseMatches == nil {
			r.Methods[i].CloseMatches = []string{}
		}
	}
}

// writeText prints the report: a heading, one line per finding (status,
// check, subject and what was found, then the override that fixes it),
// and what to do. overridesPath is where --write-overrides writes, defaultOverrides the
// default overrides file.
func (r *doctorReport) writeText(w io.Writer, overridesPath, defaultOverrides string) error {
	var b strings.Builder
	what := "the embedded sandbox"
	if !r.Sandbox {
		what = r.Endpoint + " with " + r.Key
	}
	fmt.Fprintf(&b, "memset-order doctor: %s\n", oneLine(what))
	fails, warns := 0, 0
	for _, f := range r.Findings {
		line := fmt.Sprintf("%-4s  %-10s ", f.Status, f.Check)
		if f.Subject != "" {
			line += f.Subject + ": "
		}
		line += f.Message
		if f.Override != nil {
			line += fmt.Sprintf(` — override in %q: %s`, f.Override.Section, f.Override.Line)
		}
		b.WriteString(oneLine(line) + "\n")
		switch f.Status {
		case statusFail:
			fails++
		case statusWarn:
			warns++
		}
	}
	b.WriteString("\n")
	warnings := "no warnings"
	if warns > 0 {
		warnings = count(warns, "warning", "warnings")
	}
	switch {
	case fails > 0:
		fmt.Fprintf(&b, "%s the wizard cannot work around; %s.\n", count(fails, "problem", "problems"), warnings)
	case warns > 0:
		fmt.Fprintf(&b, "Nothing the wizard needs is missing; %s.\n", count(warns, "warning", "warnings"))
	default:
		b.WriteString("Everything memset-order needs is there.\n")
	}
	switch {
	case r.WroteOverrides != "" && r.WroteOverrides == defaultOverrides:
		fmt.Fprintf(&b, "Wrote %s; memset-order reads it from now on. Run memset-order doctor again to check.\n", oneLine(r.WroteOverrides))
	case r.WroteOverrides != "":
		fmt.Fprintf(&b, "Wrote %s; give it to memset-order with --overrides %s. Run memset-order doctor again to check.\n", oneLine(r.WroteOverrides), shellQuote(oneLine(r.WroteOverrides)))
	case r.writeAsked && r.suggested.Empty() && !r.news(overridesPath):
		b.WriteString("Nothing to write: the doctor found no override to suggest.\n")
	case r.writeAsked && !r.news(overridesPath):
		fmt.Fprintf(&b, "Nothing to write: %s holds the overrides found already.\n", oneLine(overridesPath))
	case !r.writeAsked && r.news(overridesPath) && overridesPath != "":
		fmt.Fprintf(&b, "memset-order doctor --write-overrides writes the overrides above to %s.\n", oneLine(overridesPath))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
