package sandbox

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The XML-RPC reader: a methodCall's name and params as xrValues, with
// encoding/xml's tokens (it expands no entities a document declares), at
// most xmlrpcMaxDepth values deep.

// xrValue is one XML-RPC value of a request.
type xrValue struct {
	// kind is the value's type: string, int, boolean, double,
	// dateTime.iso8601, base64, nil, struct or array (i4 and i8 read as
	// int, an untyped value as string).
	kind    string
	text    string // a scalar as written
	members []xrMember
	items   []xrValue
}

// xrMember is one member of a struct.
type xrMember struct {
	name  string
	value xrValue
}

// xmlReader reads the elements of an XML-RPC document.
type xmlReader struct{ d *xml.Decoder }

// parseMethodCall reads a methodCall: the method's name and its params.
func parseMethodCall(body []byte) (string, []xrValue, error) {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.CharsetReader = charsetReader
	x := xmlReader{d}
	if err := x.open("methodCall"); err != nil {
		return "", nil, err
	}
	if err := x.open("methodName"); err != nil {
		return "", nil, err
	}
	name, err := x.text("methodName")
	if err != nil {
		return "", nil, err
	}
	if name = strings.TrimSpace(name); name == "" {
		return "", nil, errors.New("the methodName is empty")
	}
	args, err := x.params()
	if err != nil {
		return "", nil, err
	}
	if _, err := x.next(); err != io.EOF {
		return "", nil, errors.New("something follows the methodCall")
	}
	return name, args, nil
}

// params reads what follows the methodName: nothing, or <params> of
// <param>s, then </methodCall>.
func (x xmlReader) params() ([]xrValue, error) {
	tok, err := x.next()
	if err != nil {
		return nil, err
	}
	if end, ok := tok.(xml.EndElement); ok && end.Name.Local == "methodCall" {
		return nil, nil
	}
	if start, ok := tok.(xml.StartElement); !ok || start.Name.Local != "params" {
		return nil, fmt.Errorf("expected <params>, found %s", describeToken(tok))
	}
	var args []xrValue
	for {
		tok, err := x.next()
		if err != nil {
			return nil, err
		}
		if end, ok := tok.(xml.EndElement); ok && end.Name.Local == "params" {
			break
		}
		if start, ok := tok.(xml.StartElement); !ok || start.Name.Local != "param" {
			return nil, fmt.Errorf("expected <param>, found %s", describeToken(tok))
		}
		v, err := x.value(0)
		if err != nil {
			return nil, err
		}
		if err := x.close("param"); err != nil {
			return nil, err
		}
		args = append(args, v)
	}
	return args, x.close("methodCall")
}

// next returns the next start or end element, skipping comments,
// processing instructions, directives and white space.
func (x xmlReader) next() (xml.Token, error) {
	for {
		tok, err := x.d.Token()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement, xml.EndElement:
			return t, nil
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return nil, fmt.Errorf("unexpected text %s", echo(strings.TrimSpace(string(t))))
			}
		}
	}
}

// open reads the start of element name.
func (x xmlReader) open(name string) error {
	tok, err := x.next()
	if err != nil {
		return err
	}
	if s, ok := tok.(xml.StartElement); !ok || s.Name.Local != name {
		return fmt.Errorf("expected <%s>, found %s", name, describeToken(tok))
	}
	return nil
}

// close reads the end of element name.
func (x xmlReader) close(name string) error {
	tok, err := x.next()
	if err != nil {
		return err
	}
	if e, ok := tok.(xml.EndElement); !ok || e.Name.Local != name {
		return fmt.Errorf("expected </%s>, found %s", name, describeToken(tok))
	}
	return nil
}

// text reads the text of element name, up to its end.
func (x xmlReader) text(name string) (string, error) {
	var b strings.Builder
	for {
		tok, err := x.d.Token()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			return "", fmt.Errorf("<%s> holds an element <%s>", name, t.Name.Local)
		case xml.EndElement:
			return b.String(), nil
		}
	}
}

// value reads <value>…</value>.
func (x xmlReader) value(depth int) (xrValue, error) {
	if err := x.open("value"); err != nil {
		return xrValue{}, err
	}
	return x.valueBody(depth)
}

// valueBody reads a value's content after <value>, and </value>: a typed
// element, or text alone (a string).
func (x xmlReader) valueBody(depth int) (xrValue, error) {
	if depth > xmlrpcMaxDepth {
		return xrValue{}, fmt.Errorf("values nest more than %d deep", xmlrpcMaxDepth)
	}
	var text strings.Builder
	for {
		tok, err := x.d.Token()
		if err != nil {
			return xrValue{}, err
		}
		switch t := tok.(type) {
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			return xrValue{kind: "string", text: text.String()}, nil
		case xml.StartElement:
			if strings.TrimSpace(text.String()) != "" {
				return xrValue{}, errors.New("a <value> mixes text and an element")
			}
			v, err := x.typed(t.Name.Local, depth)
			if err != nil {
				return xrValue{}, err
			}
			return v, x.close("value")
		}
	}
}

// typed reads a value's typed element after its start tag.
func (x xmlReader) typed(kind string, depth int) (xrValue, error) {
	switch kind {
	case "i4", "i8", "int", "boolean", "string", "double", "dateTime.iso8601", "base64":
		text, err := x.text(kind)
		if kind == "i4" || kind == "i8" {
			kind = "int"
		}
		return xrValue{kind: kind, text: text}, err
	case "nil":
		return xrValue{kind: kind}, x.close(kind)
	case "struct":
		return x.structBody(depth)
	case "array":
		return x.arrayBody(depth)
	}
	return xrValue{}, fmt.Errorf("unknown value type <%s>", clipText(kind, 40))
}

// structBody reads a struct's members and </struct>.
func (x xmlReader) structBody(depth int) (xrValue, error) {
	v := xrValue{kind: "struct"}
	for {
		tok, err := x.next()
		if err != nil {
			return v, err
		}
		if end, ok := tok.(xml.EndElement); ok && end.Name.Local == "struct" {
			return v, nil
		}
		if start, ok := tok.(xml.StartElement); !ok || start.Name.Local != "member" {
			return v, fmt.Errorf("expected <member>, found %s", describeToken(tok))
		}
		if err := x.open("name"); err != nil {
			return v, err
		}
		name, err := x.text("name")
		if err != nil {
			return v, err
		}
		mv, err := x.value(depth + 1)
		if err != nil {
			return v, err
		}
		if err := x.close("member"); err != nil {
			return v, err
		}
		v.members = append(v.members, xrMember{name: name, value: mv})
	}
}

// arrayBody reads an array's <data> and </array>.
func (x xmlReader) arrayBody(depth int) (xrValue, error) {
	v := xrValue{kind: "array"}
	if err := x.open("data"); err != nil {
		return v, err
	}
	for {
		tok, err := x.next()
		if err != nil {
			return v, err
		}
		if end, ok := tok.(xml.EndElement); ok && end.Name.Local == "data" {
			return v, x.close("array")
		}
		if start, ok := tok.(xml.StartElement); !ok || start.Name.Local != "value" {
			return v, fmt.Errorf("expected <value>, found %s", describeToken(tok))
		}
		item, err := x.valueBody(depth + 1)
		if err != nil {
			return v, err
		}
		v.items = append(v.items, item)
	}
}

// describeToken names a token for a message.
func describeToken(tok xml.Token) string {
	switch t := tok.(type) {
	case xml.StartElement:
		return "<" + clipText(t.Name.Local, 40) + ">"
	case xml.EndElement:
		return "</" + clipText(t.Name.Local, 40) + ">"
	}
	return "something else"
}

// charsetReader accepts the encodings that are UTF-8 already; XML is
// UTF-8 unless it says otherwise, and Python's xmlrpclib says nothing.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return in, nil
	}
	return nil, fmt.Errorf("encoding %s is not supported; send UTF-8", echo(label))
}
