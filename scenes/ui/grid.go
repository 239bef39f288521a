package ui

import (
	"github.com/hajimehoshi/ebiten/v2"
)

// UnitGrid draws a row-major grid of ±1 units and lets a person paint it:
// a press toggles the unit under the pointer, and dragging paints every
// unit it crosses with that same new value, so one stroke never flickers a
// unit back. With Paint off, a press selects a unit instead. Touch works
// the same way, since it arrives as the primary pointer.
type UnitGrid struct {
	Rect       Rect
	Cols, Rows int
	Paint      bool // a press paints (true) or selects (false)
	Selected   int  // the selected unit, or −1
	Recent     int  // the most recently updated unit, or −1
	RecentGlow float64
	Labels     bool // draw unit numbers

	painting bool
	paintTo  int8
	painter  Painter
}

// cell returns the rectangle of unit i, with gaps between units.
func (g *UnitGrid) cell(i int) Rect {
	cw := g.Rect.W / float64(g.Cols)
	ch := g.Rect.H / float64(g.Rows)
	gap := min(cw, ch) * 0.08
	x, y := i%g.Cols, i/g.Cols
	return Rect{g.Rect.X + float64(x)*cw + gap/2, g.Rect.Y + float64(y)*ch + gap/2, cw - gap, ch - gap}
}

// At returns the unit under (x, y), or −1.
func (g *UnitGrid) At(x, y float64) int {
	if !g.Rect.Contains(x, y) || g.Cols < 1 || g.Rows < 1 {
		return -1
	}
	cx := int((x - g.Rect.X) / g.Rect.W * float64(g.Cols))
	cy := int((y - g.Rect.Y) / g.Rect.H * float64(g.Rows))
	if cx < 0 || cy < 0 || cx >= g.Cols || cy >= g.Rows {
		return -1
	}
	return cy*g.Cols + cx
}

// Update applies this frame's pointer to the grid: it calls set for every
// unit a paint stroke changes, and updates Selected. It reports whether
// anything changed.
func (g *UnitGrid) Update(in Input, values []int8, set func(i int, v int8)) bool {
	p := in.Pointer()
	i := g.At(p.X, p.Y)
	changed := false
	if p.Pressed && i >= 0 {
		if !g.Paint {
			changed = g.Selected != i
			g.Selected = i
			return changed
		}
		g.painting = true
		g.paintTo = -values[i]
		if g.paintTo == 0 {
			g.paintTo = 1
		}
	}
	if g.painting && p.Down && i >= 0 && values[i] != g.paintTo {
		set(i, g.paintTo)
		changed = true
	}
	if !p.Down {
		g.painting = false
	}
	return changed
}

// Draw draws every unit: on units light, off units dark, the selected one
// ringed in the accent colour and the most recent one marked warm.
func (g *UnitGrid) Draw(dst *ebiten.Image, values []int8) {
	for i := 0; i < g.Cols*g.Rows && i < len(values); i++ {
		c := g.cell(i)
		rad := c.W * 0.14
		clr := UnitOff
		if values[i] > 0 {
			clr = UnitOn
		}
		g.painter.FillRound(dst, c, rad, clr)
		if i == g.Recent && g.RecentGlow > 0 {
			g.painter.StrokeRound(dst, c.Inset(c.W*0.06), rad, c.W*0.05, WithAlpha(Warm, g.RecentGlow))
		}
		if i == g.Selected {
			g.painter.StrokeRound(dst, c.Inset(-c.W*0.045), rad*1.2, c.W*0.045, Accent)
		}
		if g.Labels {
			lc := TextFaint
			if values[i] > 0 {
				lc = Shade(UnitOn, 0.55)
			}
			Label(dst, string(rune('0'+i%10)), Mono, c.H*0.13, c.X+c.W*0.1, c.Y+c.H*0.12, lc, Left)
		}
	}
}

// DrawMini draws a small grid of ±1 values into r with no interaction: the
// thumbnails of states and patterns.
func DrawMini(dst *ebiten.Image, r Rect, cols, rows int, values []int8) {
	cw, ch := r.W/float64(cols), r.H/float64(rows)
	gap := min(cw, ch) * 0.12
	for i := 0; i < cols*rows && i < len(values); i++ {
		clr := UnitOff
		if values[i] > 0 {
			clr = UnitOn
		}
		x, y := i%cols, i/cols
		cells.Add(Rect{r.X + float64(x)*cw + gap/2, r.Y + float64(y)*ch + gap/2, cw - gap, ch - gap}, clr)
	}
	cells.Draw(dst)
}

// cells is the batch the widgets here fill their cells through; it is
// drawn and emptied before each widget returns, and only the drawing
// goroutine uses it.
var cells Rects
