package model

import "fmt"

// Source says where a fact in the catalogue or the method table came from.
// It mirrors the tags of ../shared/memset-api.md.
type Source string

// The sources a fact can have.
const (
	// SourceDocumented is a fact read on Memset's own documentation ([R]).
	SourceDocumented Source = "documented"
	// SourceClientSeen is a fact seen in public client code that called the real API ([C]).
	SourceClientSeen Source = "client-seen"
	// SourceInferred is our own inference; it may be wrong and must be easy to correct ([I]).
	SourceInferred Source = "inferred"
	// SourceSample marks a price invented for the sandbox. Real prices only
	// ever come from the API's dry runs.
	SourceSample Source = "sample"
)

// Valid reports whether s is one of the known sources.
func (s Source) Valid() bool {
	switch s {
	case SourceDocumented, SourceClientSeen, SourceInferred, SourceSample:
		return true
	}
	return false
}

// UnmarshalText accepts only the known sources, so a typo in a catalogue
// file is an error rather than a silently untagged fact.
func (s *Source) UnmarshalText(b []byte) error {
	v := Source(b)
	if !v.Valid() {
		return fmt.Errorf("unknown source %q (want documented, client-seen, inferred or sample)", string(b))
	}
	*s = v
	return nil
}
