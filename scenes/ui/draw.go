package ui

import (
	"bytes"
	"image/color"
	"math"
	"strings"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"

	"boltzlab/assets/fonts"
)

// Font picks a face for a piece of text.
type Font int

const (
	Regular Font = iota
	Bold
	// Mono is for numbers and states that should line up from one frame to
	// the next. It is Go Regular, whose ten digits share one width and whose
	// +, - and − share another: signed numbers and columns of numbers keep
	// their widths, without a third font in the download.
	Mono
)

// faces parses the embedded Go fonts once and hands out faces by size.
// Parsing is the slow part and the faces are immutable, so sharing them is
// safe and keeps text drawing free of allocation after the first frame.
// The fonts are cut to the characters the lab can need (see assets/fonts),
// which keeps the browser download small.
var faces struct {
	once    sync.Once
	sources [3]*text.GoTextFaceSource
	mu      sync.Mutex
	faces   map[faceKey]*text.GoTextFace
}

type faceKey struct {
	font Font
	size float64
}

// Face returns the face of font f at size pixels, rounded to a quarter pixel
// so a resize does not grow the cache without bound.
func Face(f Font, size float64) *text.GoTextFace {
	faces.once.Do(func() {
		for i, ttf := range [][]byte{fonts.Regular, fonts.Bold} {
			src, err := text.NewGoTextFaceSource(bytes.NewReader(ttf))
			if err != nil {
				panic("ui: embedded font: " + err.Error())
			}
			faces.sources[i] = src
		}
		faces.sources[Mono] = faces.sources[Regular]
		faces.faces = map[faceKey]*text.GoTextFace{}
	})
	size = faceSize(size)
	k := faceKey{f, size}
	faces.mu.Lock()
	defer faces.mu.Unlock()
	face, ok := faces.faces[k]
	if !ok {
		face = &text.GoTextFace{Source: faces.sources[f], Size: size}
		faces.faces[k] = face
	}
	return face
}

// Align says where a text's anchor point is.
type Align int

const (
	Left Align = iota
	Center
	Right
)

// Label draws one line of text with its vertical middle at y and its
// anchor at x.
func Label(dst *ebiten.Image, s string, f Font, size, x, y float64, clr color.RGBA, align Align) {
	if NonFinite != nil && (strings.Contains(s, "NaN") || strings.Contains(s, "Inf")) {
		NonFinite("text " + strconvQuote(s))
	}
	drawLine(dst, s, f, size, x, y, clr, align)
}

// labelIn draws s as Label does, inside a widget whose rectangle is box;
// a line that reaches out of box is reported to Overflow (and still
// drawn), so the tests that prove text fits see the ticks, legends and
// names that widgets place at a point.
func labelIn(dst *ebiten.Image, box Rect, s string, f Font, size, x, y float64, clr color.RGBA, align Align) {
	if Overflow != nil && s != "" {
		w := TextWidth(s, f, size)
		m := Face(f, size).Metrics()
		h := m.HAscent + m.HDescent
		left := x - w*[...]float64{0, 0.5, 1}[align]
		const slack = 1
		if left < box.X-slack || left+w > box.Right()+slack || y-h/2 < box.Y-slack || y+h/2 > box.Bottom()+slack {
			Overflow(s, w, math.Max(0, math.Min(x, box.Right())-math.Max(left, box.X)))
		}
	}
	Label(dst, s, f, size, x, y, clr, align)
}

// TextWidth returns the width in pixels of s in font f at size.
func TextWidth(s string, f Font, size float64) float64 {
	return lineWidth(s, f, size)
}

// Paragraph draws s word-wrapped to width w from the top-left (x, y) and
// returns the height it used; with a nil dst it only measures. Newlines in
// s start new paragraphs, set a little apart.
func Paragraph(dst *ebiten.Image, s string, f Font, size, x, y, w float64, clr color.RGBA) float64 {
	lh := size * 1.45
	h := 0.0
	for k, rest := 0, s; ; k++ {
		para, tail, more := strings.Cut(rest, "\n")
		if k > 0 {
			h += lh * 0.45
		}
		for _, l := range wrapped(para, f, size, w) {
			if dst != nil {
				Label(dst, l, f, size, x, y+h+lh*0.5, clr, Left)
			}
			h += lh
		}
		if !more {
			return h
		}
		rest = tail
	}
}

// wrapped returns wrap's lines for a paragraph, kept from earlier calls:
// the same few paragraphs are wrapped every frame.
func wrapped(s string, f Font, size, w float64) []string {
	return wraps.get(wrapKey{s, f, faceSize(size), w}, func(k wrapKey) []string { return wrap(k.s, k.font, k.size, k.w) })
}

type wrapKey struct {
	s    string
	font Font
	size float64
	w    float64
}

var wraps = kept[wrapKey, []string]{max: 512}

// wrap breaks a paragraph into lines no wider than w. A line's width is
// taken as the sum of its words' and spaces' widths, each measured once and
// cached, rather than by measuring every longer try of the line: the fonts
// have no kerning across a space, so the sums are the same, and a text
// that changes every frame costs a few lookups per word.
func wrap(s string, f Font, size, w float64) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return []string{""}
	}
	space := TextWidth(" ", f, size)
	var out []string
	start, lw := 0, TextWidth(words[0], f, size)
	for i := 1; i < len(words); i++ {
		ww := TextWidth(words[i], f, size)
		if lw+space+ww > w {
			out = append(out, strings.Join(words[start:i], " "))
			start, lw = i, ww
			continue
		}
		lw += space + ww
	}
	return append(out, strings.Join(words[start:], " "))
}

// Rects collects filled rectangles and draws them all in one call: a
// heatmap's or a grid's hundreds of cells cost one draw instead of one
// each. The zero value is ready; its buffers are kept between frames.
type Rects struct {
	vs []ebiten.Vertex
	is []uint16
}

// Add queues r filled with clr. The colour is a color.RGBA, not a
// color.Color, so that queuing a cell allocates nothing.
func (b *Rects) Add(r Rect, clr color.RGBA) {
	checkFinite("a rectangle", r.X, r.Y, r.W, r.H)
	cr, cg, cb, ca := clr.RGBA()
	n := uint16(len(b.vs))
	x0, y0, x1, y1 := float32(r.X), float32(r.Y), float32(r.X+r.W), float32(r.Y+r.H)
	for _, p := range [4][2]float32{{x0, y0}, {x1, y0}, {x0, y1}, {x1, y1}} {
		b.vs = append(b.vs, ebiten.Vertex{DstX: p[0], DstY: p[1], SrcX: 1, SrcY: 1,
			ColorR: float32(cr) / 0xffff, ColorG: float32(cg) / 0xffff, ColorB: float32(cb) / 0xffff, ColorA: float32(ca) / 0xffff})
	}
	b.is = append(b.is, n, n+1, n+2, n+1, n+3, n+2)
}

// Draw draws the queued rectangles onto dst and empties the batch.
func (b *Rects) Draw(dst *ebiten.Image) {
	const most = 1 << 14 // rectangles per call, within uint16 indices
	for len(b.vs) > 0 {
		n := min(len(b.vs), 4*most)
		dst.DrawTriangles(b.vs[:n], b.is[:n/4*6], whitePixel, nil)
		b.vs = append(b.vs[:0], b.vs[n:]...)
		b.is = b.is[:len(b.vs)/4*6]
	}
}

// FillRect fills r with clr. It goes through a batch of one rather than
// vector.DrawFilledRect, which builds a path (and allocates) per call.
func FillRect(dst *ebiten.Image, r Rect, clr color.RGBA) {
	fills.Add(r, clr)
	fills.Draw(dst)
}

// fills is FillRect's batch; only the drawing goroutine uses it.
var fills Rects

// StrokeRect outlines r with a line of width w, drawn inside r.
func StrokeRect(dst *ebiten.Image, r Rect, w float64, clr color.RGBA) {
	w = math.Min(w, math.Min(r.W, r.H)/2)
	fills.Add(Rect{r.X, r.Y, r.W, w}, clr)
	fills.Add(Rect{r.X, r.Bottom() - w, r.W, w}, clr)
	fills.Add(Rect{r.X, r.Y + w, w, r.H - 2*w}, clr)
	fills.Add(Rect{r.Right() - w, r.Y + w, w, r.H - 2*w}, clr)
	fills.Draw(dst)
}

// Line draws a straight anti-aliased line of width w.
func Line(dst *ebiten.Image, x0, y0, x1, y1, w float64, clr color.RGBA) {
	shared.segment(x0, y0, x1, y1, w, clr)
	shared.flushLines(dst, w)
}

// Disc fills a circle.
func Disc(dst *ebiten.Image, cx, cy, r float64, clr color.RGBA) {
	shared.FillRound(dst, Rect{cx - r, cy - r, 2 * r, 2 * r}, r, clr)
}

// Ring outlines a circle of radius r with a line of width w centred on it.
func Ring(dst *ebiten.Image, cx, cy, r, w float64, clr color.RGBA) {
	o := r + w/2
	shared.StrokeRound(dst, Rect{cx - o, cy - o, 2 * o, 2 * o}, o, w, clr)
}

// shared is the painter of Line, Disc and Ring, kept so that its buffers
// are reused; only the drawing goroutine uses it.
var shared Painter

// Painter draws anti-aliased rounded rectangles and polylines, reusing its
// buffers from one call to the next so drawing does not allocate per frame.
type Painter struct {
	vs       []ebiten.Vertex
	is       []uint16
	uniforms map[string]any
	u        *[8]float32 // the uniforms' values, which the map's slices share
	rop      ebiten.DrawRectShaderOptions
	top      ebiten.DrawTrianglesOptions
	lines    map[string]any // the line shader's uniform, kept like uniforms
	half     []float32
	lop      ebiten.DrawTrianglesShaderOptions
}

// Fill fills the polygon xs, ys (without anti-aliasing, which costs a
// whole offscreen pass per call; see shapes.go). The polygon is sent as a
// fan of triangles from its first point and filled by the non-zero rule,
// which fills any simple polygon, convex or not, exactly once.
func (p *Painter) Fill(dst *ebiten.Image, xs, ys []float64, clr color.RGBA) {
	n := min(len(xs), len(ys))
	if n < 3 {
		return
	}
	r, g, b, a := clr.RGBA()
	p.vs, p.is = p.vs[:0], p.is[:0]
	for i := range n {
		checkFinite("a polygon", xs[i], ys[i])
		p.vs = append(p.vs, ebiten.Vertex{DstX: float32(xs[i]), DstY: float32(ys[i]), SrcX: 1, SrcY: 1,
			ColorR: float32(r) / 0xffff, ColorG: float32(g) / 0xffff, ColorB: float32(b) / 0xffff, ColorA: float32(a) / 0xffff})
	}
	for i := 1; i+1 < n; i++ {
		p.is = append(p.is, 0, uint16(i), uint16(i+1))
	}
	p.top.FillRule = ebiten.FillRuleNonZero
	dst.DrawTriangles(p.vs, p.is, whitePixel, &p.top)
	p.vs, p.is = p.vs[:0], p.is[:0]
}

// whitePixel is the source of every filled shape drawn with vertex
// colours: the middle of a 3×3 white image, so no filter reaches past white.
var whitePixel = func() *ebiten.Image {
	img := ebiten.NewImage(3, 3)
	img.Fill(color.White)
	return img.SubImage(img.Bounds().Inset(1)).(*ebiten.Image)
}()

// Overflow, when set, is told of every text drawn into a box too small for
// it: s, the width or height it needed and what the box had, in pixels.
// Tests set it to prove that no text spills out of its panel; the program
// leaves it nil and the text is cut with an ellipsis instead.
var Overflow func(s string, need, have float64)

// TextIn draws one line s in box, anchored by align and centred vertically.
// A line wider than the box is cut short with "…" and reported to Overflow.
func TextIn(dst *ebiten.Image, box Rect, s string, st Style, clr color.RGBA, align Align) {
	if w := TextWidth(s, st.Font, st.Size); w > box.W+0.5 {
		if Overflow != nil {
			Overflow(s, w, box.W)
		}
		s = elide(s, st, box.W)
	}
	x := box.X
	switch align {
	case Center:
		x = box.CenterX()
	case Right:
		x = box.Right()
	}
	Label(dst, s, st.Font, st.Size, x, box.CenterY(), clr, align)
}

// elide cuts s to fit w pixels with a trailing ellipsis.
func elide(s string, st Style, w float64) string {
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		t := string(r) + "…"
		if TextWidth(t, st.Font, st.Size) <= w {
			return t
		}
	}
	return ""
}

// TextBlock draws s wrapped to box's width from its top-left and returns
// the height it used; with a nil dst it only measures. Text taller than
// the box is reported to Overflow (and still drawn).
func TextBlock(dst *ebiten.Image, box Rect, s string, st Style, clr color.RGBA) float64 {
	if dst != nil && Overflow != nil {
		for _, word := range strings.Fields(s) {
			if w := TextWidth(word, st.Font, st.Size); w > box.W+0.5 {
				Overflow(word, w, box.W)
			}
		}
	}
	h := Paragraph(dst, s, st.Font, st.Size, box.X, box.Y, box.W, clr)
	if dst != nil && Overflow != nil && h > box.H+0.5 {
		Overflow(s, h, box.H)
	}
	return h
}

// TextHeight returns the height s takes wrapped to w pixels in style st.
// Layouts ask for it every frame with the same few texts, and wrapping is
// far from free, so answers are kept (a few hundred at most).
func TextHeight(s string, st Style, w float64) float64 {
	return heights.get(heightKey{s, st, w}, func(k heightKey) float64 {
		return Paragraph(nil, k.s, k.st.Font, k.st.Size, 0, 0, k.w, color.RGBA{})
	})
}

type heightKey struct {
	s  string
	st Style
	w  float64
}

var heights = kept[heightKey, float64]{max: 512}

// NonFinite, when set, is told of every NaN or infinity about to reach the
// screen: a number written as text ("NaN", "+Inf") or a coordinate of a
// shape. The soak sets it and fails when it hears anything; the program
// leaves it nil.
var NonFinite func(what string)

// checkFinite reports a shape with a coordinate that is not finite.
func checkFinite(what string, vs ...float64) {
	if NonFinite == nil {
		return
	}
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			NonFinite(what)
			return
		}
	}
}

// strconvQuote quotes s, cut short, for a report.
func strconvQuote(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		r = append(r[:60], '…')
	}
	return "\"" + string(r) + "\""
}
