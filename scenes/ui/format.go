package ui

import (
	"fmt"
	"strings"
	"sync"
)

// Numbers drawn every frame are mostly the same as the frame before: tick
// values, a paused readout, a slider's value. Formatting one allocates a
// new string each time, and that garbage adds up to collections that
// stall the browser's single thread. Memo and Fmt keep the strings already
// made, so a frame that shows what it showed before allocates nothing.

// Memo keeps the string last made from a key, for one readout.
type Memo[K comparable] struct {
	key K
	s   string
	set bool
}

// Get returns format(key), calling format only when key differs from the
// key of the last call.
func (m *Memo[K]) Get(key K, format func(K) string) string {
	if !m.set || m.key != key {
		m.key, m.s, m.set = key, format(key), true
	}
	return m.s
}

// fmtKey is a format, up to two strings and up to four numbers.
type fmtKey struct {
	format string
	s      [2]string
	ns     int
	v      [4]float64
	n      int
}

// kept is a bounded cache for the drawing helpers: the answers to the
// questions a frame asks again and again (a string formatted, a paragraph
// wrapped, a text's height, an axis's ticks). When it holds max answers it
// forgets them all at once, which bounds its memory however long the
// program runs.
type kept[K comparable, V any] struct {
	mu  sync.Mutex
	m   map[K]V
	max int
}

// get returns the answer for k, from compute the first time.
func (c *kept[K, V]) get(k K, compute func(K) V) V {
	c.mu.Lock()
	v, ok := c.m[k]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = compute(k)
	c.mu.Lock()
	if c.m == nil || len(c.m) >= c.max {
		c.m = map[K]V{}
	}
	c.m[k] = v
	c.mu.Unlock()
	return v
}

// formatted holds the strings Fmt, FmtS, Minus and FormatTick have made.
var formatted = kept[fmtKey, string]{max: 4096}

// Fmt returns fmt.Sprintf(format, vs...) for up to four numbers, made once
// and kept. A %d verb prints its number as an integer (the numbers are
// float64, exact for integers up to 2^53).
func Fmt(format string, vs ...float64) string { return FmtS(format, nil, vs...) }

// FmtS is Fmt with up to two strings, which come before the numbers in the
// argument list (use explicit indexes, %.2[3]f, to print them in another
// order).
func FmtS(format string, ss []string, vs ...float64) string {
	k := fmtKey{format: format, ns: min(len(ss), 2), n: min(len(vs), 4)}
	copy(k.s[:], ss)
	copy(k.v[:], vs)
	return formatted.get(k, sprintf)
}

// sprintf formats the arguments a key holds.
func sprintf(k fmtKey) string {
	args := make([]any, 0, k.ns+k.n)
	for i := range k.ns {
		args = append(args, k.s[i])
	}
	for i := range k.n {
		args = append(args, k.v[i])
	}
	return fmt.Sprintf(floatVerbs(k.format), args...)
}

// floatVerbs rewrites the %d verbs of a format as %.0f, for numbers that
// arrive as float64.
func floatVerbs(format string) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		b.WriteByte(c)
		if c != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.", format[j]) >= 0 {
			j++
		}
		flags := format[i+1 : j]
		k := j
		if k < len(format) && format[k] == '[' {
			if e := strings.IndexByte(format[k:], ']'); e >= 0 {
				k += e + 1
			}
		}
		switch {
		case k < len(format) && format[k] == 'd' && !strings.Contains(flags, "."):
			// The precision goes before an explicit index: %.0[2]f.
			b.WriteString(flags + ".0" + format[j:k] + "f")
			i = k
		case k == i+1 && k < len(format) && format[k] == '%':
			b.WriteByte('%')
			i = k
		}
	}
	return b.String()
}

// Minus returns s with its first hyphen written as a true minus sign (−),
// kept like Fmt's strings.
func Minus(s string) string {
	return formatted.get(fmtKey{format: "minus", s: [2]string{s}, ns: 1}, func(k fmtKey) string {
		return strings.Replace(k.s[0], "-", "−", 1)
	})
}
