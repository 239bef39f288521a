package fileio

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// JSONRules are the checks DecodeJSON makes beyond JSON's syntax.
type JSONRules struct {
	// Required lists fields of the top-level object that must be present.
	Required []string
	// MaxAbs, when positive, bounds the magnitude of every number in the
	// document, so that a weight of 1e300 is refused before it reaches a
	// sum that overflows.
	MaxAbs float64
	// Check, when set, runs after decoding (shapes, sizes, anything the
	// format requires) and refuses the document with its error.
	Check func() error
}

// DecodeJSON decodes data, a whole file, into v (a pointer to a fresh
// value) and refuses, with an error of one short line:
//
//   - anything but a single JSON object, and any data after it;
//   - an empty file (after a byte-order mark, which is stripped);
//   - a field that v does not have;
//   - null anywhere (a file of the lab never writes it, and encoding/json
//     would quietly read it as zero);
//   - a field of rules.Required that is missing;
//   - a number that float64 cannot hold, or beyond ±rules.MaxAbs;
//   - whatever rules.Check refuses.
//
// On an error v may be partly filled: decode into a new value and keep it
// only when DecodeJSON returns nil.
func DecodeJSON(data []byte, v any, rules JSONRules) error {
	data = StripBOM(data)
	if len(bytes.TrimSpace(data)) == 0 {
		return errors.New("the file is empty")
	}
	if err := scanJSON(data, rules); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if rules.Check != nil {
		return rules.Check()
	}
	return nil
}

// scanJSON walks the tokens of data once, before it is decoded, for what
// encoding/json lets through: null, numbers out of bounds, a top level
// that is not one object, missing required fields, trailing data.
func scanJSON(data []byte, rules JSONRules) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	type frame struct {
		object    bool
		expectKey bool   // an object's next token is a key or its end
		name      string // the key of the value being read
	}
	var stack []frame
	started, done := false, false
	seen := map[string]bool{}
	field := func() string {
		for i := len(stack) - 1; i >= 0; i-- {
			if stack[i].object && stack[i].name != "" {
				return " in field " + quoteShort(stack[i].name)
			}
		}
		return ""
	}
	// valueDone records that a whole value was read.
	valueDone := func() {
		if len(stack) == 0 {
			done = true
		} else if top := &stack[len(stack)-1]; top.object {
			top.expectKey = true
		}
	}
	for {
		offset := tokenStart(data, dec.InputOffset())
		tok, err := dec.Token()
		if err == io.EOF && done {
			break
		}
		if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
			return errors.New("the JSON ends before its object is closed")
		}
		if err != nil {
			// encoding/json returns its errors unwrapped, so a type
			// assertion finds them (errors.As would add reflection to
			// the browser download for nothing).
			if syn, ok := err.(*json.SyntaxError); ok {
				return fmt.Errorf("not valid JSON at byte %d: %s", offset, strings.TrimPrefix(syn.Error(), "json: "))
			}
			return jsonError(err)
		}
		if done {
			return fmt.Errorf("unexpected data after the JSON object at byte %d", offset)
		}
		if !started {
			started = true
			if d, ok := tok.(json.Delim); !ok || d != '{' {
				return errors.New("the file does not hold a JSON object")
			}
			stack = append(stack, frame{object: true, expectKey: true})
			continue
		}
		if top := &stack[len(stack)-1]; top.object && top.expectKey {
			if d, ok := tok.(json.Delim); ok && d == '}' {
				stack = stack[:len(stack)-1]
				valueDone()
				continue
			}
			name, _ := tok.(string)
			top.name, top.expectKey = name, false
			if len(stack) == 1 {
				seen[name] = true
			}
			continue
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				stack = append(stack, frame{object: true, expectKey: true})
			case '[':
				stack = append(stack, frame{})
			default: // ']'; '}' was handled as an object's end above
				stack = stack[:len(stack)-1]
				valueDone()
			}
			continue
		case nil:
			return fmt.Errorf("null at byte %d%s: every value must be given", offset, field())
		case json.Number:
			x, err := strconv.ParseFloat(string(t), 64)
			if err != nil || math.IsInf(x, 0) {
				return fmt.Errorf("the number %s at byte %d%s is out of range", shortNumber(string(t)), offset, field())
			}
			if rules.MaxAbs > 0 && math.Abs(x) > rules.MaxAbs {
				return fmt.Errorf("the number %s at byte %d%s is beyond the bound of ±%g", shortNumber(string(t)), offset, field(), rules.MaxAbs)
			}
		}
		valueDone()
	}
	for _, name := range rules.Required {
		if !seen[name] {
			return fmt.Errorf("the field %s is missing", quoteShort(name))
		}
	}
	return nil
}

// tokenStart returns where the token after offset begins: past white
// space and the separators that the decoder does not return.
func tokenStart(data []byte, offset int64) int64 {
	for offset < int64(len(data)) && strings.IndexByte(" \t\r\n:,", data[offset]) >= 0 {
		offset++
	}
	return offset
}

// jsonError words an error of encoding/json in one short line without
// repeating long values.
func jsonError(err error) error {
	// encoding/json returns its errors unwrapped: see scanJSON.
	syn, isSyn := err.(*json.SyntaxError)
	typ, isTyp := err.(*json.UnmarshalTypeError)
	switch {
	case isSyn:
		return fmt.Errorf("not valid JSON at byte %d: %s", syn.Offset, strings.TrimPrefix(syn.Error(), "json: "))
	case isTyp:
		kind, _, _ := strings.Cut(typ.Value, " ")
		where := ""
		if typ.Field != "" {
			where = " in field " + quoteShort(typ.Field)
		}
		return fmt.Errorf("a JSON %s%s where %s is wanted", kind, where, typ.Type)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return errors.New("the JSON ends before its object is closed")
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if name, ok := strings.CutPrefix(msg, "unknown field "); ok {
		if s, err := strconv.Unquote(name); err == nil {
			name = s
		}
		return fmt.Errorf("unknown field %s", quoteShort(name))
	}
	if r := []rune(msg); len(r) > 120 {
		msg = string(r[:110]) + "…"
	}
	return errors.New(msg)
}

// quoteShort quotes a name for a message, cut short when long.
func quoteShort(s string) string {
	if r := []rune(s); len(r) > 40 {
		return strconv.Quote(string(r[:32])+"…") + fmt.Sprintf(" (%d characters)", len(r))
	}
	return strconv.Quote(s)
}

// shortNumber prints a number literal short: a 300-digit number is shown
// by its first digits and its length.
func shortNumber(s string) string {
	if len(s) <= 24 {
		return s
	}
	return s[:16] + fmt.Sprintf("… (%d characters)", len(s))
}
