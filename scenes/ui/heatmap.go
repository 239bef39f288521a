package ui

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// Heatmap draws a row-major matrix of signed numbers in the diverging
// blue/orange map, symmetric about zero, with an optional legend bar below.
type Heatmap struct {
	Rect       Rect
	Cols, Rows int
	Scale      float64 // |value| drawn at full colour; 0 means the largest |value|
	Legend     bool
	Hover      int // the cell under the pointer after Update, or −1
}

// scale returns the magnitude that maps to full colour for values.
func (h *Heatmap) scale(values []float64) float64 {
	if h.Scale > 0 {
		return h.Scale
	}
	m := 0.0
	for _, v := range values {
		if !math.IsNaN(v) {
			m = math.Max(m, math.Abs(v))
		}
	}
	if m == 0 || math.IsInf(m, 0) {
		return 1
	}
	return m
}

// grid returns the rectangle the cells occupy, leaving room for the legend.
func (h *Heatmap) grid() Rect {
	if !h.Legend {
		return h.Rect
	}
	r := h.Rect
	r.H *= 0.8
	return r
}

// Update tracks which cell the pointer is over.
func (h *Heatmap) Update(in Input) {
	p := in.Pointer()
	g := h.grid()
	h.Hover = -1
	if g.Contains(p.X, p.Y) && h.Cols > 0 && h.Rows > 0 {
		h.Hover = int((p.Y-g.Y)/g.H*float64(h.Rows))*h.Cols + int((p.X-g.X)/g.W*float64(h.Cols))
	}
}

// Draw draws the cells and, if asked, a legend from −scale to +scale.
func (h *Heatmap) Draw(dst *ebiten.Image, values []float64) {
	g := h.grid()
	s := h.scale(values)
	cw, ch := g.W/float64(h.Cols), g.H/float64(h.Rows)
	for i := 0; i < h.Cols*h.Rows && i < len(values); i++ {
		x, y := i%h.Cols, i/h.Cols
		cells.Add(Rect{g.X + float64(x)*cw, g.Y + float64(y)*ch, cw + 0.5, ch + 0.5}, Diverging(values[i]/s))
	}
	cells.Draw(dst)
	if h.Hover >= 0 && h.Hover < h.Cols*h.Rows {
		x, y := h.Hover%h.Cols, h.Hover/h.Cols
		StrokeRect(dst, Rect{g.X + float64(x)*cw, g.Y + float64(y)*ch, cw, ch}, 2, Text)
	}
	if h.Legend {
		DrawLegend(dst, Rect{h.Rect.X, g.Bottom() + h.Rect.H*0.06, h.Rect.W, h.Rect.H * 0.14}, -s, s, true)
	}
}

// DrawLegend draws a colour bar from lo to hi in r, with its ends and (for
// a diverging map) its zero labelled underneath.
func DrawLegend(dst *ebiten.Image, r Rect, lo, hi float64, diverging bool) {
	bar := Rect{r.X, r.Y, r.W, r.H * 0.4}
	const steps = 48
	for k := 0; k < steps; k++ {
		t := (float64(k) + 0.5) / steps
		clr := Sequential(t)
		if diverging {
			clr = Diverging(2*t - 1)
		}
		cells.Add(Rect{bar.X + bar.W*float64(k)/steps, bar.Y, bar.W/steps + 0.5, bar.H}, clr)
	}
	cells.Draw(dst)
	fs := r.H * 0.42
	y := bar.Bottom() + fs*0.8
	labelIn(dst, r, FormatTick(lo), Mono, fs, bar.X, y, TextDim, Left)
	labelIn(dst, r, FormatTick(hi), Mono, fs, bar.Right(), y, TextDim, Right)
	if diverging {
		labelIn(dst, r, "0", Mono, fs, bar.CenterX(), y, TextDim, Center)
	}
}
