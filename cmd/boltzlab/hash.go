package main

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
)

// In the browser the part of the address after '#' says what to open, so a
// link can be shared: "#scene=sigmoid&seed=7". This file reads and writes
// that text; web_js.go applies it. Nothing here touches the browser, so the
// rules are tested on the desktop like any other Go code.

// linkRequest is what a URL hash asks for.
type linkRequest struct {
	Scene   string // a registered scene's short name, or "" for the default
	Seed    uint64
	HasSeed bool
	// Code is a scene's share code, kept exactly as written (after
	// percent-decoding, '+' kept as '+'); the scene itself judges whether it is valid.
	Code string
	// Blank asks for an empty measuring game instead of the lab
	// ("bench=blank"): the browser test's baseline for frame rates. It is
	// not offered anywhere a person would see it.
	Blank bool
}

// maxHashLen bounds the text parseHash looks at; a share code is well
// under this.
const maxHashLen = 64 << 10

// parseHash reads a URL hash such as "#scene=recall&seed=7". The leading
// '#' is optional, the parts may come in any order and be separated by '&'
// or ';', keys are case-insensitive, and a bare scene name ("#sigmoid")
// works too. Anything it cannot use is skipped, never fatal: each skipped
// part adds a short notice for the person (a phrase such as `no scene
// "x"`, shown after "Link: "), and the rest of the hash still applies.
// names lists the scenes that exist.
func parseHash(hash string, names []string) (linkRequest, []string) {
	var req linkRequest
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
			notices = append(notices, fmt.Sprintf("bad %%-escape in %s", quote(rawKey)))
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val, err := url.PathUnescape(rawVal)
		if err != nil {
			notices = append(notices, fmt.Sprintf("bad %%-escape in %s", quote(key)))
			continue
		}
		val = strings.TrimSpace(val)
		if !hasVal {
			// A bare word: a scene name, or else something unknown.
			if known[key] {
				req.Scene = key
				continue
			}
			notices = append(notices, fmt.Sprintf("ignored %s", quote(key)))
			continue
		}
		switch key {
		case "scene":
			name := strings.ToLower(val)
			if known[name] {
				req.Scene = name
			} else {
				notices = append(notices, fmt.Sprintf("no scene %s", quote(val)))
			}
		case "seed":
			seed, err := strconv.ParseUint(val, 10, 64)
			if err != nil {
				notices = append(notices, fmt.Sprintf("seed %s is not a whole number from 0 to 2^64−1", quote(val)))
				continue
			}
			req.Seed, req.HasSeed = seed, true
		case "code":
			req.Code = val
		case "bench":
			if val == "blank" {
				req.Blank = true
			} else {
				notices = append(notices, fmt.Sprintf("ignored bench=%s", quote(val)))
			}
		case "":
			// "=x" or a stray '=': nothing to go on.
			notices = append(notices, fmt.Sprintf("ignored %s", quote(part)))
		default:
			notices = append(notices, fmt.Sprintf("ignored %s", quote(key)))
		}
	}
	return req, notices
}

// formatHash writes the hash that reopens scene with seed (and code, when
// the scene has one), without the leading '#'.
func formatHash(scene string, seed uint64, code string) string {
	v := "scene=" + escape(scene) + "&seed=" + strconv.FormatUint(seed, 10)
	if code != "" {
		v += "&code=" + escape(code)
	}
	return v
}

// escape percent-encodes s for a hash value. '+' stays meaningful when it
// comes back through parseHash, so a space is written as %20, never '+'.
func escape(s string) string { return strings.ReplaceAll(url.QueryEscape(s), "+", "%20") }

// quote shows a piece of someone else's text in a notice: quoted, with
// control characters escaped, and cut short so the notice stays one line.
func quote(s string) string {
	const max = 24
	r := []rune(s)
	if len(r) > max {
		s = string(r[:max]) + "…"
	}
	return strconv.Quote(s)
}
