package ui

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// Anti-aliased shapes are drawn with two small shaders instead of
// Ebitengine's AntiAlias option. That option renders each call through a
// fresh double-size offscreen image, which under software OpenGL (the
// browser's SwiftShader, Xvfb's Mesa) cost about a second per frame for a
// scene's worth of rounded panels. A signed-distance shader gives the same
// smooth edges in one ordinary draw call per shape.

// roundRectSrc shades a rounded rectangle of size Size and corner Radius,
// filled, or outlined with a line of width Stroke when Stroke > 0. The
// quad it is drawn on is one pixel larger on every side, so the soft edge
// is not cut off.
const roundRectSrc = `//kage:unit pixels
package main

var Size vec2
var Radius float
var Stroke float
var Color vec4

func Fragment(dstPos vec4, srcPos vec2, color vec4) vec4 {
	p := srcPos - 1 - Size/2
	q := abs(p) - Size/2 + Radius
	d := length(max(q, 0)) + min(max(q.x, q.y), 0) - Radius
	a := clamp(0.5-d, 0, 1)
	if Stroke > 0 {
		a = clamp(0.5-(abs(d+Stroke/2)-Stroke/2), 0, 1)
	}
	return Color * a
}
`

// lineSrc shades line segments drawn as quads whose source y runs across
// the line, from −h to +h pixels, where h is half the width plus a pixel of
// soft edge; the vertex colour carries the line's colour.
const lineSrc = `//kage:unit pixels
package main

var HalfWidth float

func Fragment(dstPos vec4, srcPos vec2, color vec4) vec4 {
	a := clamp(HalfWidth+0.5-abs(srcPos.y), 0, 1)
	return color * a
}
`

// shaders are compiled on first use, after the game has started.
var shaders struct {
	roundRect, line *ebiten.Shader
}

func roundRectShader() *ebiten.Shader {
	if shaders.roundRect == nil {
		s, err := ebiten.NewShader([]byte(roundRectSrc))
		if err != nil {
			panic("ui: round-rect shader: " + err.Error())
		}
		shaders.roundRect = s
	}
	return shaders.roundRect
}

func lineShader() *ebiten.Shader {
	if shaders.line == nil {
		s, err := ebiten.NewShader([]byte(lineSrc))
		if err != nil {
			panic("ui: line shader: " + err.Error())
		}
		shaders.line = s
	}
	return shaders.line
}

func premultiplied(clr color.RGBA) [4]float32 {
	r, g, b, a := clr.RGBA()
	return [4]float32{float32(r) / 0xffff, float32(g) / 0xffff, float32(b) / 0xffff, float32(a) / 0xffff}
}

// shape draws a rounded rectangle through the shader; stroke 0 fills it.
func (p *Painter) shape(dst *ebiten.Image, r Rect, rad, stroke float64, clr color.RGBA) {
	checkFinite("a rounded shape", r.X, r.Y, r.W, r.H, rad, stroke)
	if !(r.W > 0 && r.H > 0) {
		return
	}
	rad = math.Max(0, math.Min(rad, math.Min(r.W, r.H)/2))
	if p.uniforms == nil {
		// The map holds the same slices for good and only their elements
		// change, so a shape allocates nothing; Ebitengine copies the
		// values when the draw is queued.
		p.u = new([8]float32)
		p.uniforms = map[string]any{"Size": p.u[0:2:2], "Radius": p.u[2:3:3], "Stroke": p.u[3:4:4], "Color": p.u[4:8:8]}
	}
	c := premultiplied(clr)
	*p.u = [8]float32{float32(r.W), float32(r.H), float32(rad), float32(stroke), c[0], c[1], c[2], c[3]}
	p.rop.Uniforms = p.uniforms
	p.rop.GeoM.Reset()
	p.rop.GeoM.Translate(r.X-1, r.Y-1)
	dst.DrawRectShader(int(math.Ceil(r.W))+2, int(math.Ceil(r.H))+2, roundRectShader(), &p.rop)
}

// FillRound fills a rectangle with corners of radius rad.
func (p *Painter) FillRound(dst *ebiten.Image, r Rect, rad float64, clr color.RGBA) {
	p.shape(dst, r, rad, 0, clr)
}

// StrokeRound outlines a rounded rectangle with a line of width w drawn
// inside its edge.
func (p *Painter) StrokeRound(dst *ebiten.Image, r Rect, rad, w float64, clr color.RGBA) {
	p.shape(dst, r, rad, math.Max(w, 0.5), clr)
}

// Polyline strokes the points xs[i], ys[i] as one connected line, with
// soft edges. Points that are NaN break the line, so a series with gaps
// draws correctly.
func (p *Painter) Polyline(dst *ebiten.Image, xs, ys []float64, w float64, clr color.RGBA) {
	p.vs, p.is = p.vs[:0], p.is[:0]
	for i := 1; i < len(xs); i++ {
		p.segment(xs[i-1], ys[i-1], xs[i], ys[i], w, clr)
	}
	p.flushLines(dst, w)
}

// segment queues one line segment as a quad, extended by half a width at
// each end so that consecutive segments overlap at their joints.
func (p *Painter) segment(x0, y0, x1, y1, w float64, clr color.RGBA) {
	if math.IsNaN(x0+y0+x1+y1) || math.IsInf(x0+y0+x1+y1, 0) {
		return
	}
	dx, dy := x1-x0, y1-y0
	l := math.Hypot(dx, dy)
	if l < 1e-9 {
		dx, dy, l = 1, 0, 1
	}
	ux, uy := dx/l, dy/l
	h := w/2 + 1 // half width plus the soft edge
	ex, ey := ux*w/2, uy*w/2
	nx, ny := -uy*h, ux*h
	c := premultiplied(clr)
	base := uint16(len(p.vs))
	corner := func(x, y, side float64) {
		p.vs = append(p.vs, ebiten.Vertex{DstX: float32(x), DstY: float32(y), SrcY: float32(side * h),
			ColorR: c[0], ColorG: c[1], ColorB: c[2], ColorA: c[3]})
	}
	corner(x0-ex+nx, y0-ey+ny, 1)
	corner(x0-ex-nx, y0-ey-ny, -1)
	corner(x1+ex+nx, y1+ey+ny, 1)
	corner(x1+ex-nx, y1+ey-ny, -1)
	p.is = append(p.is, base, base+1, base+2, base+1, base+3, base+2)
}

func (p *Painter) flushLines(dst *ebiten.Image, w float64) {
	if len(p.is) == 0 {
		return
	}
	if p.lines == nil {
		p.half = make([]float32, 1)
		p.lines = map[string]any{"HalfWidth": p.half}
	}
	p.half[0] = float32(w / 2)
	p.lop.Uniforms = p.lines
	dst.DrawTrianglesShader(p.vs, p.is, lineShader(), &p.lop)
	p.vs, p.is = p.vs[:0], p.is[:0]
}
