// Package ui holds the few widgets every scene of Boltzmann Lab shares —
// button, slider, toggle, line plot, paintable unit grid, heatmap, tab bar —
// with the one palette and the fonts they are drawn in.
//
// Widgets are plain structs with a Rect in screen pixels. Each frame a scene
// sets their rectangles, calls Update with the frame's Input, then Draw.
// Input comes through the small Input interface, so tests drive widgets
// with a Fake instead of a mouse.
package ui

import (
	"image/color"
	"math"
)

// The palette. Signed quantities use a blue/orange diverging map and
// probabilities a viridis-like sequential map; both stay distinct for the
// common forms of colour blindness. Category colours come from the
// Okabe–Ito set for the same reason.
var (
	Background = color.RGBA{0x10, 0x13, 0x1a, 0xff}
	Panel      = color.RGBA{0x18, 0x1c, 0x25, 0xff}
	PanelEdge  = color.RGBA{0x29, 0x30, 0x3d, 0xff}
	Control    = color.RGBA{0x24, 0x2a, 0x37, 0xff}
	ControlHi  = color.RGBA{0x30, 0x38, 0x49, 0xff}
	Text       = color.RGBA{0xe8, 0xea, 0xf0, 0xff}
	TextDim    = color.RGBA{0x9a, 0xa3, 0xb4, 0xff}
	TextFaint  = color.RGBA{0x5d, 0x66, 0x77, 0xff}
	Accent     = color.RGBA{0x56, 0xb4, 0xe9, 0xff} // focus, selection, primary action
	Warm       = color.RGBA{0xe6, 0x9f, 0x00, 0xff} // the live or most recent thing
	Grid       = color.RGBA{0x24, 0x2a, 0x36, 0xff}

	UnitOn  = color.RGBA{0xf2, 0xee, 0xe0, 0xff}
	UnitOff = color.RGBA{0x2b, 0x32, 0x42, 0xff}

	Negative = color.RGBA{0x3d, 0x8b, 0xd9, 0xff}
	Neutral  = color.RGBA{0x26, 0x2b, 0x36, 0xff}
	Positive = color.RGBA{0xf0, 0x8c, 0x1e, 0xff}
)

// Category returns the k-th category colour (Okabe–Ito), cycling.
func Category(k int) color.RGBA {
	cats := [...]color.RGBA{
		{0xe6, 0x9f, 0x00, 0xff}, // orange
		{0x56, 0xb4, 0xe9, 0xff}, // sky blue
		{0x00, 0x9e, 0x73, 0xff}, // bluish green
		{0xcc, 0x79, 0xa7, 0xff}, // reddish purple
		{0xf0, 0xe4, 0x42, 0xff}, // yellow
		{0xd5, 0x5e, 0x00, 0xff}, // vermillion
		{0x00, 0x72, 0xb2, 0xff}, // blue
	}
	return cats[((k%len(cats))+len(cats))%len(cats)]
}

// Spurious is the colour of states that belong to no stored memory.
var Spurious = color.RGBA{0x55, 0x5d, 0x6b, 0xff}

// Shade scales a colour's brightness by f (0 black, 1 unchanged).
func Shade(c color.RGBA, f float64) color.RGBA {
	s := func(v uint8) uint8 { return uint8(math.Round(math.Max(0, math.Min(255, float64(v)*f)))) }
	return color.RGBA{s(c.R), s(c.G), s(c.B), c.A}
}

// Mix returns a + (b−a)·t for t in [0, 1].
func Mix(a, b color.RGBA, t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t))
	m := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + (float64(y)-float64(x))*t)) }
	return color.RGBA{m(a.R, b.R), m(a.G, b.G), m(a.B, b.B), m(a.A, b.A)}
}

// WithAlpha returns c at opacity a in [0, 1], premultiplied as Ebitengine
// expects.
func WithAlpha(c color.RGBA, a float64) color.RGBA {
	a = math.Max(0, math.Min(1, a))
	return color.RGBA{uint8(float64(c.R) * a), uint8(float64(c.G) * a), uint8(float64(c.B) * a), uint8(255 * a)}
}

// Diverging maps v in [−1, 1] to the blue/orange map: blue for negative,
// orange for positive, the panel's neutral grey at zero. NaN maps to
// neutral, and values outside are clamped.
func Diverging(v float64) color.RGBA {
	switch {
	case math.IsNaN(v):
		return Neutral
	case v < 0:
		return Mix(Neutral, Negative, math.Sqrt(math.Min(1, -v)))
	}
	return Mix(Neutral, Positive, math.Sqrt(math.Min(1, v)))
}

// viridis control points, evenly spaced over [0, 1].
var viridis = [...]color.RGBA{
	{0x44, 0x01, 0x54, 0xff},
	{0x48, 0x28, 0x78, 0xff},
	{0x3e, 0x49, 0x89, 0xff},
	{0x31, 0x68, 0x8e, 0xff},
	{0x26, 0x82, 0x8e, 0xff},
	{0x1f, 0x9e, 0x89, 0xff},
	{0x35, 0xb7, 0x79, 0xff},
	{0x6d, 0xcd, 0x59, 0xff},
	{0xb4, 0xde, 0x2c, 0xff},
	{0xfd, 0xe7, 0x25, 0xff},
}

// Sequential maps p in [0, 1] to the viridis-like map (dark purple to
// yellow). NaN maps to the low end, values outside are clamped.
func Sequential(p float64) color.RGBA {
	if math.IsNaN(p) || p <= 0 {
		return viridis[0]
	}
	if p >= 1 {
		return viridis[len(viridis)-1]
	}
	x := p * float64(len(viridis)-1)
	i := int(x)
	return Mix(viridis[i], viridis[i+1], x-float64(i))
}
