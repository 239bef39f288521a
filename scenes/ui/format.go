package ui

import (
	"fmt"
	"image"
	"strings"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
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

// formatted holds the strings Fmt has made, a few thousand at most.
var formatted struct {
	mu sync.Mutex
	m  map[fmtKey]string
}

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
	formatted.mu.Lock()
	out, ok := formatted.m[k]
	formatted.mu.Unlock()
	if ok {
		return out
	}
	args := make([]any, 0, k.ns+k.n)
	for i := range k.ns {
		args = append(args, k.s[i])
	}
	for i := range k.n {
		args = append(args, k.v[i])
	}
	out = fmt.Sprintf(floatVerbs(format), args...)
	keep(k, out)
	return out
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

func keep(k fmtKey, s string) {
	formatted.mu.Lock()
	if formatted.m == nil || len(formatted.m) >= 4096 {
		formatted.m = map[fmtKey]string{}
	}
	formatted.m[k] = s
	formatted.mu.Unlock()
}

// Minus returns s with its first hyphen written as a true minus sign (−),
// kept like Fmt's strings.
func Minus(s string) string {
	k := fmtKey{format: "minus", s: [2]string{s}, ns: 1}
	formatted.mu.Lock()
	out, ok := formatted.m[k]
	formatted.mu.Unlock()
	if !ok {
		out = strings.Replace(s, "-", "−", 1)
		keep(k, out)
	}
	return out
}

// clipped returns the part r of dst, kept between frames: a sub-image
// made every frame would be garbage every frame.
type clipped struct {
	dst, img *ebiten.Image
	r        image.Rectangle
}

func (c *clipped) of(dst *ebiten.Image, r image.Rectangle) *ebiten.Image {
	if c.img == nil || c.dst != dst || c.r != r {
		c.dst, c.r = dst, r
		c.img = dst.SubImage(r).(*ebiten.Image)
	}
	return c.img
}
