package model

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"unicode/utf8"
)

// lineColumn is the 1-based line and column (in characters) of byte off.
func lineColumn(data []byte, off int64) (line, col int) {
	off = max(0, min(off, int64(len(data))))
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return line, col
}

var (
	jsonUnmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// locateJSON finds the first value in data, in document order, that does
// not decode into a value of type t (unknown keys refused), and returns its
// path below path and the error decoding that value alone gives. The error
// is nil when data decodes. It runs only after a decode failed, so its
// re-decoding costs nothing on the way that matters.
func locateJSON(data []byte, t reflect.Type, path string) (string, error) {
	err := decodeStrict(data, t)
	if err == nil {
		return "", nil
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	pt := reflect.PointerTo(t)
	if pt.Implements(jsonUnmarshalerType) || pt.Implements(textUnmarshalerType) {
		return path, err
	}
	switch t.Kind() {
	case reflect.Struct:
		if p, e := locateInObject(data, t, path); e != nil {
			return p, e
		}
	case reflect.Slice, reflect.Array:
		var items []json.RawMessage
		if json.Unmarshal(data, &items) == nil {
			for i, raw := range items {
				if p, e := locateJSON(raw, t.Elem(), fmt.Sprintf("%s[%d]", path, i)); e != nil {
					return p, e
				}
			}
		}
	}
	return path, err
}

// locateInObject is locateJSON for the members of an object decoded into
// struct type t; the error is nil when no member is at fault.
func locateInObject(data []byte, t reflect.Type, path string) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return "", nil
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return "", nil
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return "", nil
		}
		f, name, ok := jsonField(t, key)
		if !ok {
			return path, fmt.Errorf("unknown field %q", key)
		}
		if path != "" {
			name = path + "." + name
		}
		if p, e := locateJSON(raw, f.Type, name); e != nil {
			return p, e
		}
	}
	return "", nil
}

// jsonField is the field of struct type t that encoding/json fills from
// key (an exact match first, then one ignoring case), and its JSON name.
func jsonField(t reflect.Type, key string) (reflect.StructField, string, bool) {
	var (
		fold     reflect.StructField
		foldName string
		folded   bool
	)
	for i := range t.NumField() {
		f := t.Field(i)
		name := jsonName(f)
		switch {
		case name == "":
		case name == key:
			return f, name, true
		case !folded && strings.EqualFold(name, key):
			fold, foldName, folded = f, name, true
		}
	}
	return fold, foldName, folded
}

// jsonName is the key encoding/json uses for f, "" for a field it skips.
func jsonName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	switch name {
	case "-":
		return ""
	case "":
		return f.Name
	}
	return name
}

// decodeStrict decodes data into a new value of type t, refusing unknown
// keys.
func decodeStrict(data []byte, t reflect.Type) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	return dec.Decode(reflect.New(t).Interface())
}

// valueError says what is wrong with the value at path: a JSON value of
// the wrong kind in words ("a number where a string is expected"),
// anything else as it is (wrapped, so ErrNegativeAmount stays visible).
func valueError(path string, err error) error {
	prefix := ""
	if path != "" {
		prefix = path + ": "
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Errorf("%s%s where %s is expected", prefix, jsonValueWords(typ.Value), jsonTypeWords(typ.Type))
	}
	if path == "" {
		return err
	}
	return fmt.Errorf("%s%w", prefix, err)
}

// jsonValueWords names a JSON value as json.UnmarshalTypeError describes
// it ("number", "number 1.5", "string", "array"…).
func jsonValueWords(v string) string {
	switch v {
	case "number":
		return "a number"
	case "string":
		return "a string"
	case "bool":
		return "true or false"
	case "array":
		return "a list"
	case "object":
		return "an object"
	}
	if n, ok := strings.CutPrefix(v, "number "); ok {
		return "the number " + n
	}
	return v
}

// jsonTypeWords names the JSON a Go type is read from.
func jsonTypeWords(t reflect.Type) string {
	if t == nil {
		return "another value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if reflect.PointerTo(t).Implements(textUnmarshalerType) {
		return "a string"
	}
	switch t.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "a " + t.Kind().String()
}

// checkText refuses any string in v (a catalogue or part of one) that the
// printable filter would change: control characters, escape sequences.
// Paths name fields by their JSON keys.
func checkText(v reflect.Value, path string) error {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return nil
		}
		return checkText(v.Elem(), path)
	case reflect.String:
		if s := v.String(); Printable(s) != s {
			return fmt.Errorf("%s: holds control characters", path)
		}
	case reflect.Slice:
		for i := range v.Len() {
			if err := checkText(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			name := jsonName(v.Type().Field(i))
			if name == "" {
				continue
			}
			if path != "" {
				name = path + "." + name
			}
			if err := checkText(v.Field(i), name); err != nil {
				return err
			}
		}
	}
	return nil
}
