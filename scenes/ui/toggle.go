package ui

import "github.com/hajimehoshi/ebiten/v2"

// Toggle is an on/off switch with a label to its right. A click anywhere on
// it, or Enter while it has the focus, flips it.
type Toggle struct {
	ID     string // stable name for the key map, tests and teacher mode
	Hidden bool   // teacher mode: not drawn, not clickable, not focusable
	Rect   Rect
	Label  string
	On     bool

	hover   bool
	painter Painter
}

// Update handles this frame's input and reports whether On changed.
func (t *Toggle) Update(in Input, f *Focus) bool {
	if t.Hidden {
		return false
	}
	p := in.Pointer()
	t.hover = t.Rect.Contains(p.X, p.Y)
	if (p.Pressed && t.hover) || (f.Is(t) && (in.KeyPressed(ebiten.KeyEnter) || in.KeyPressed(ebiten.KeyNumpadEnter))) {
		if p.Pressed {
			f.Set(t)
		}
		t.On = !t.On
		return true
	}
	return false
}

// Draw draws the switch and its label.
func (t *Toggle) Draw(dst *ebiten.Image, f *Focus) {
	if t.Hidden {
		return
	}
	r := t.Rect
	h := r.H * 0.62
	sw := Rect{r.X, r.CenterY() - h/2, h * 1.8, h}
	bg := Control
	if t.On {
		bg = Shade(Accent, 0.8)
	} else if t.hover {
		bg = ControlHi
	}
	t.painter.FillRound(dst, sw, h/2, bg)
	kx := sw.X + h/2
	if t.On {
		kx = sw.Right() - h/2
	}
	Disc(dst, kx, sw.CenterY(), h*0.38, Text)
	if f.Is(t) {
		t.painter.StrokeRound(dst, sw.Inset(-h*0.12), h*0.62, h*0.08, Accent)
	}
	lx := sw.Right() + h*0.5
	TextIn(dst, Rect{lx, r.Y, r.Right() - lx, r.H}, t.Label, Style{Regular, r.H * 0.46}, Text, Left)
}
