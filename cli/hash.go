package cli

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// In the browser the part of the address after '#' says what to open, so a
// link can be shared: "#scene=sigmoid&seed=7". This file reads and writes
// that text; cmd/boltzlab applies it. Nothing here touches the browser, so the
// rules are tested on the desktop like any other Go code.

// LinkRequest is what a URL hash asks for.
type LinkRequest struct {
	Scene   string // a registered scene's short name, or "" for the default
	Seed    uint64
	HasSeed bool
	// Teacher is teacher mode ("teacher=SCENES:HIDDEN"), as written; the
	// scenes package reads it.
	Teacher string
	// Code is a share code to open (checked here only for its characters
	// and length; opening it checks the rest).
	Code string
	// Blank asks for an empty measuring game instead of the lab
	// ("bench=blank"): the browser test's baseline for frame rates. It is
	// not offered anywhere a person would see it.
	Blank bool
}

// maxHashLen bounds the text ParseHash looks at; a share code is well
// under this.
const maxHashLen = 64 << 10

// ParseHash reads a URL hash such as "#scene=recall&seed=7". The leading
// '#' is optional, the parts may come in any order and be separated by '&'
// or ';', keys are case-insensitive, and a bare scene name ("#sigmoid")
// works too. Anything it cannot use is skipped, never fatal: each skipped
// part adds a short notice for the person (a phrase such as `no scene
// "x"`, shown after "Link: "), and the rest of the hash still applies.
// names lists the scenes that exist.
func ParseHash(hash string, names []string) (LinkRequest, []string) {
	var req LinkRequest
	var notices []string
	hash = strings.TrimPrefix(hash, "#")
	if len(hash) > maxHashLen {
		return req, []string{"too long to read"}
	}
	known := map[string]bool{}
	for _, n := range names {
		known[n] = true
	}
	for _, part := range strings.FieldsFunc(hash, func(r rune) bool { return r == '&' || r == ';' }) {
		rawKey, rawVal, hasVal := strings.Cut(part, "=")
		key, err := url.PathUnescape(rawKey)
		if err != nil {
			notices = append(notices, fmt.Sprintf("bad %%-escape in %s", Quote(rawKey)))
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val, err := url.PathUnescape(rawVal)
		if err != nil {
			notices = append(notices, fmt.Sprintf("bad %%-escape in %s", Quote(key)))
			continue
		}
		val = strings.TrimSpace(val)
		if !hasVal {
			// A bare word: a scene name, or else something unknown.
			if known[key] {
				req.Scene = key
				continue
			}
			notices = append(notices, fmt.Sprintf("ignored %s", Quote(key)))
			continue
		}
		switch key {
		case "scene":
			name := strings.ToLower(val)
			if known[name] {
				req.Scene = name
			} else {
				notices = append(notices, fmt.Sprintf("no scene %s", Quote(val)))
			}
		case "seed":
			seed, err := strconv.ParseUint(val, 10, 64)
			if err != nil {
				notices = append(notices, fmt.Sprintf("seed %s is not a whole number from 0 to 2^64−1", Quote(val)))
				continue
			}
			req.Seed, req.HasSeed = seed, true
		case "teacher":
			req.Teacher = val
		case "code":
			// Opening the code checks it whole.
			req.Code = val
		case "bench":
			if val == "blank" {
				req.Blank = true
			} else {
				notices = append(notices, fmt.Sprintf("ignored bench=%s", Quote(val)))
			}
		case "":
			// "=x" or a stray '=': nothing to go on.
			notices = append(notices, fmt.Sprintf("ignored %s", Quote(part)))
		default:
			notices = append(notices, fmt.Sprintf("ignored %s", Quote(key)))
		}
	}
	return req, notices
}

// FormatHash writes the hash that reopens scene with seed, without the
// leading '#'; a code, when not empty, follows and wins over the two.
func FormatHash(scene string, seed uint64, code string) string {
	h := "scene=" + escape(scene) + "&seed=" + strconv.FormatUint(seed, 10)
	if code != "" {
		h += "&code=" + code
	}
	return h
}

// MaxCodeLen bounds a share code's length (the share package's own
// bound, which a test keeps in step).
const MaxCodeLen = 48 << 10

// CheckCode checks that s could be a share code: not empty, not too long,
// and only the characters a code is made of (letters, digits, '-', '_'
// and '.'), so that it needs no escaping in a link.
func CheckCode(s string) (string, error) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", fmt.Errorf("the code is empty")
	case len(s) > MaxCodeLen:
		return "", fmt.Errorf("the code is too long to be a share code")
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return "", fmt.Errorf("the code holds %s, which no share code does", Quote(string(c)))
		}
	}
	return s, nil
}

// escape percent-encodes s for a hash value. '+' stays meaningful when it
// comes back through ParseHash, so a space is written as %20, never '+'.
func escape(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }

// Quote shows a piece of someone else's text in a notice: quoted, with
// control characters escaped, and cut short so the notice stays one line.
func Quote(s string) string {
	const max = 24
	r := []rune(s)
	if len(r) > max {
		s = string(r[:max]) + "…"
	}
	return strconv.Quote(s)
}
