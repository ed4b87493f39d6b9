package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/memset-order/memset-order/model"
)

// Corrections without a rebuild. Five method names and most error types
// are inferred (model.Methods, model.ErrorTypes); when Memset's real names
// differ, a person corrects them in an overrides file, which the client
// applies: it sends the real name wherever it would send its own (every
// call, creates included, and the debug log shows the real name), and it
// reads a real error_type as the one of its own it means. The file:
//
//	{
//	  "methods":     {"create.openstack": "create.openstack_project"},
//	  "error_types": {"ApiErrorInvalidParams": "ApiErrorBadParameters"}
//	}
//
// Both keys are optional; nothing else is allowed.

// MaxOverridesBytes is the largest overrides file ParseOverrides reads.
const MaxOverridesBytes = 64 << 10

// Overrides are the corrections of an overrides file.
type Overrides struct {
	// Methods maps memset-order's name of a method (one of model.Methods)
	// to the name Memset really gives it.
	Methods map[model.Method]model.Method
	// ErrorTypes maps an error_type Memset sends, which memset-order does
	// not know, to the one of model.ErrorTypes it means.
	ErrorTypes map[string]model.ErrorType
}

// Empty reports whether o corrects nothing.
func (o Overrides) Empty() bool { return len(o.Methods) == 0 && len(o.ErrorTypes) == 0 }

// Options are the client options that apply o.
func (o Overrides) Options() []Option {
	return []Option{WithMethodOverrides(o.Methods), WithErrorTypeOverrides(o.ErrorTypes)}
}

// overridesFile is the file's JSON shape, for writing it.
type overridesFile struct {
	Methods    map[string]string `json:"methods"`
	ErrorTypes map[string]string `json:"error_types"`
}

// Encode is o as an overrides file: indented JSON, keys sorted, both
// sections present (empty when o has none).
func (o Overrides) Encode() []byte {
	f := overridesFile{Methods: map[string]string{}, ErrorTypes: map[string]string{}}
	for k, v := range o.Methods {
		f.Methods[string(k)] = string(v)
	}
	for k, v := range o.ErrorTypes {
		f.ErrorTypes[k] = string(v)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(f) // maps of strings always encode
	return b.Bytes()
}

// OverrideLine is one entry of an overrides file as it is written in its
// section: `"create.openstack": "create.openstack_project"`.
func OverrideLine(from, to string) string {
	return jsonString(from) + ": " + jsonString(to)
}

// jsonString is s as a JSON string.
func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return strings.TrimSuffix(b.String(), "\n")
}

// Equal reports whether o and p make the same corrections.
func (o Overrides) Equal(p Overrides) bool {
	return maps.Equal(o.Methods, p.Methods) && maps.Equal(o.ErrorTypes, p.ErrorTypes)
}

// ParseOverrides reads an overrides file: one JSON object with the
// optional keys "methods" and "error_types", each an object of string
// pairs. It refuses, with an error that names the section and the key:
// a file larger than MaxOverridesBytes, JSON that does not parse, unknown
// or repeated keys, values that are not strings, method names that are not
// dotted lower_snake words, a method memset-order does not have, two
// methods sent under one name, a read sent under a create method's name,
// and an error type that is not one of model.ErrorTypes.
func ParseOverrides(data []byte) (Overrides, error) {
	switch {
	case len(data) > MaxOverridesBytes:
		return Overrides{}, fmt.Errorf("the file is larger than the %d KiB cap on overrides files", MaxOverridesBytes>>10)
	case !utf8.Valid(data):
		return Overrides{}, errors.New("the file is not UTF-8 text")
	case len(bytes.TrimSpace(data)) == 0:
		return Overrides{}, errors.New(`the file is empty (it holds {"methods": {…}, "error_types": {…}})`)
	}
	p := overridesParser{dec: json.NewDecoder(bytes.NewReader(data)), data: data}
	o, err := p.file()
	if err != nil {
		return Overrides{}, err
	}
	if err := checkMethodOverrides(o.Methods); err != nil {
		return Overrides{}, err
	}
	if err := checkErrorTypeOverrides(o.ErrorTypes); err != nil {
		return Overrides{}, err
	}
	return o, nil
}

// overridesParser reads an overrides file token by token, so that a
// repeated key is caught (encoding/json keeps the last silently) and every
// error names where it is.
type overridesParser struct {
	dec  *json.Decoder
	data []byte
}

// token is the next token, with a syntax error placed in the file.
func (p *overridesParser) token() (json.Token, error) {
	t, err := p.dec.Token()
	if err == nil {
		return t, nil
	}
	var syn *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return nil, errors.New("the JSON ends early (is the file cut short?)")
	case errors.As(err, &syn):
		line, col := lineCol(p.data, syn.Offset)
		return nil, fmt.Errorf("not JSON: %s (line %d, column %d)", syn.Error(), line, col)
	}
	return nil, fmt.Errorf("not JSON: %w", err)
}

// file reads the whole file.
func (p *overridesParser) file() (Overrides, error) {
	t, err := p.token()
	if err != nil {
		return Overrides{}, err
	}
	if t != json.Delim('{') {
		return Overrides{}, errors.New(`the file must hold one JSON object: {"methods": {…}, "error_types": {…}}`)
	}
	var o Overrides
	seen := map[string]bool{}
	for p.dec.More() {
		t, err := p.token()
		if err != nil {
			return Overrides{}, err
		}
		key, _ := t.(string)
		if seen[key] {
			return Overrides{}, fmt.Errorf("%q is given twice", clip(printable(key), 40))
		}
		seen[key] = true
		switch key {
		case "methods":
			pairs, err := p.pairs(key)
			if err != nil {
				return Overrides{}, err
			}
			o.Methods = map[model.Method]model.Method{}
			for _, kv := range pairs {
				if err := checkMethodPair(model.Method(kv[0]), model.Method(kv[1])); err != nil {
					return Overrides{}, err
				}
				o.Methods[model.Method(kv[0])] = model.Method(kv[1])
			}
		case "error_types":
			pairs, err := p.pairs(key)
			if err != nil {
				return Overrides{}, err
			}
			o.ErrorTypes = map[string]model.ErrorType{}
			for _, kv := range pairs {
				if err := checkErrorTypePair(kv[0], model.ErrorType(kv[1])); err != nil {
					return Overrides{}, err
				}
				o.ErrorTypes[kv[0]] = model.ErrorType(kv[1])
			}
		default:
			return Overrides{}, fmt.Errorf(`unknown key %q: an overrides file holds only "methods" and "error_types"`, clip(printable(key), 40))
		}
	}
	if _, err := p.token(); err != nil { // the closing brace
		return Overrides{}, err
	}
	if _, err := p.dec.Token(); !errors.Is(err, io.EOF) {
		return Overrides{}, errors.New("there is more after the JSON object: a file holds one object")
	}
	return o, nil
}

// pairs reads the object of string pairs of section, in file order.
func (p *overridesParser) pairs(section string) ([][2]string, error) {
	t, err := p.token()
	if err != nil {
		return nil, err
	}
	if t != json.Delim('{') {
		return nil, fmt.Errorf(`%q must be an object of "name": "name" pairs`, section)
	}
	var out [][2]string
	seen := map[string]bool{}
	for p.dec.More() {
		t, err := p.token()
		if err != nil {
			return nil, err
		}
		key, _ := t.(string)
		if seen[key] {
			return nil, fmt.Errorf("%q: %q is given twice", section, clip(printable(key), 60))
		}
		seen[key] = true
		v, err := p.token()
		if err != nil {
			return nil, err
		}
		value, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("%q: the value of %q must be a name in quotes", section, clip(printable(key), 60))
		}
		out = append(out, [2]string{key, value})
	}
	if _, err := p.token(); err != nil { // the closing brace
		return nil, err
	}
	return out, nil
}

// lineCol is the 1-based line and column (in characters) of byte offset
// off in data.
func lineCol(data []byte, off int64) (line, col int) {
	off = max(0, min(off, int64(len(data))))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return line, col
}

// errorTypePattern is the form of an error_type: a class name such as
// ApiErrorInvalidParams.
var errorTypePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,79}$`) })

// shown quotes a name from a file for a message: printable and short.
func shown(s string) string { return fmt.Sprintf("%q", clip(printable(s), 60)) }

// ourMethodNames lists model.Methods' names, for messages.
func ourMethodNames() string {
	names := make([]string, 0, len(model.Methods))
	for _, m := range model.Methods {
		names = append(names, string(m.Name))
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// ourErrorTypeNames lists model.ErrorTypes' names, for messages.
func ourErrorTypeNames() string {
	names := make([]string, 0, len(model.ErrorTypes))
	for _, e := range model.ErrorTypes {
		names = append(names, string(e.Type))
	}
	slices.Sort(names)
	return strings.Join(names, ", ")
}

// checkMethodPair checks one method override: ours is one of
// model.Methods, theirs is a method name that is not another of ours, and a
// method that only reads is not sent under a create method's name (a
// create method with the wrong parameters could still order something).
func checkMethodPair(ours, theirs model.Method) error {
	switch {
	case !methodPattern().MatchString(string(ours)):
		return fmt.Errorf(`"methods": %s is not a method name (dotted lower_snake words, such as create.openstack)`, shown(string(ours)))
	case !isOurs(ours):
		return fmt.Errorf(`"methods": %s is not one of memset-order's methods: %s`, shown(string(ours)), ourMethodNames())
	case !methodPattern().MatchString(string(theirs)):
		return fmt.Errorf(`"methods": the name for %s, %s, is not a method name (dotted lower_snake words, such as create.openstack_project)`, ours, shown(string(theirs)))
	case theirs != ours && isOurs(theirs):
		return fmt.Errorf(`"methods": %s is memset-order's name for another method, so %s may not be sent under it`, theirs, ours)
	case !strings.HasPrefix(string(ours), "create.") && strings.HasPrefix(string(theirs), "create."):
		return fmt.Errorf(`"methods": %s only reads, so it may not be sent under %s, the name of a create method`, ours, shown(string(theirs)))
	}
	return nil
}

// isOurs reports whether m is one of model.Methods.
func isOurs(m model.Method) bool {
	_, ok := model.LookupMethod(m)
	return ok
}

// checkMethodOverrides checks every pair, then that no two methods are
// sent under one name.
func checkMethodOverrides(m map[model.Method]model.Method) error {
	byReal := map[model.Method]model.Method{}
	for _, ours := range slices.Sorted(maps.Keys(m)) {
		theirs := m[ours]
		if err := checkMethodPair(ours, theirs); err != nil {
			return err
		}
		if other, dup := byReal[theirs]; dup {
			return fmt.Errorf(`"methods": %s and %s are both sent as %s; each needs a name of its own`, other, ours, theirs)
		}
		byReal[theirs] = ours
	}
	return nil
}

// checkErrorTypePair checks one error-type override: theirs looks like an
// error_type and is not one of memset-order's, ours is one of
// model.ErrorTypes.
func checkErrorTypePair(theirs string, ours model.ErrorType) error {
	switch {
	case !errorTypePattern().MatchString(theirs):
		return fmt.Errorf(`"error_types": %s is not an error type name (letters, digits and '_', such as ApiErrorInvalidParams)`, shown(theirs))
	case isOurType(model.ErrorType(theirs)):
		return fmt.Errorf(`"error_types": %s is already one of memset-order's error types; a key is an error_type Memset sends that memset-order does not know`, theirs)
	case !isOurType(ours):
		return fmt.Errorf(`"error_types": %s is mapped to %s, which is not one of memset-order's error types: %s`, theirs, shown(string(ours)), ourErrorTypeNames())
	}
	return nil
}

// isOurType reports whether t is one of model.ErrorTypes.
func isOurType(t model.ErrorType) bool {
	_, ok := model.LookupErrorType(t)
	return ok
}

// checkErrorTypeOverrides checks every pair.
func checkErrorTypeOverrides(m map[string]model.ErrorType) error {
	for _, theirs := range slices.Sorted(maps.Keys(m)) {
		if err := checkErrorTypePair(theirs, m[theirs]); err != nil {
			return err
		}
	}
	return nil
}

// overrides are the corrections a client applies.
type overrides struct {
	methods    map[model.Method]model.Method
	errorTypes map[string]model.ErrorType
}

// MethodName is the name the client sends for m: the override for it
// (WithMethodOverrides), or m itself.
func (c *Client) MethodName(m model.Method) model.Method {
	if theirs, ok := c.overrides.methods[m]; ok {
		return theirs
	}
	return m
}

// errorType is the error type an answer's error_type t stands for: the
// override for it (WithErrorTypeOverrides), or t itself.
func (c *Client) errorType(t string) model.ErrorType {
	if ours, ok := c.overrides.errorTypes[t]; ok {
		return ours
	}
	return model.ErrorType(t)
}
