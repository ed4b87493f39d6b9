// Package model is the domain of memset-order: the catalogue of orderable
// Memset services, orders, the rules that say which combinations are
// possible, money, quotes, jobs and account context.
//
// It is pure Go with no I/O: the api client, the sandbox and the wizard all
// build on it, and it imports nothing else of this module. Every value that
// is not documented by Memset carries a Source tag saying where it came from
// (see Source), so a guess can never pass for a fact.
package model
