package ui

import "github.com/hajimehoshi/ebiten/v2"

// Toggle is an on/off switch with a label to its right. A click anywhere on
// it, or Enter while it has the focus, flips it.
type Toggle struct {
	ID     string // stable name for the key map, tests and teacher mode
	Hidden bool   // teacher mode: not drawn, not clickable, not focusable
	Rect   Rect
	Label  string
	Hint   string // a keyboard shortcut shown after the label, as on a Button
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

// Draw draws the switch and its label, with the hint after the label
// when both fit.
func (t *Toggle) Draw(dst *ebiten.Image, f *Focus) {
	if t.Hidden {
		return
	}
	r := t.Rect
	sw := t.switchRect()
	h := sw.H
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
	box, size, hs, gap := t.text()
	if !t.ShowsHint() {
		// The key is in the help overlay too; the label matters more.
		TextIn(dst, box, t.Label, Style{Regular, size}, Text, Left)
		return
	}
	Label(dst, t.Label, Regular, size, box.X, r.CenterY(), Text, Left)
	Label(dst, t.Hint, Regular, hs, box.X+TextWidth(t.Label, Regular, size)+gap, r.CenterY(), TextDim, Left)
}

// switchRect is the switch itself, at the toggle's left.
func (t *Toggle) switchRect() Rect {
	r := t.Rect
	h := r.H * 0.62
	return Rect{r.X, r.CenterY() - h/2, h * 1.8, h}
}

// text returns the box the label goes in, right of the switch, with the
// label's size, the hint's, and the gap between them.
func (t *Toggle) text() (box Rect, size, hint, gap float64) {
	r, sw := t.Rect, t.switchRect()
	lx := sw.Right() + sw.H*0.5
	size = r.H * 0.46
	return Rect{lx, r.Y, r.Right() - lx, r.H}, size, size * 0.8, size * 0.5
}

// ShowsHint reports whether the toggle has a hint and room to draw it
// after its label, which is when Draw shows it.
func (t *Toggle) ShowsHint() bool {
	box, size, hs, gap := t.text()
	return t.Hint != "" && TextWidth(t.Label, Regular, size)+gap+TextWidth(t.Hint, Regular, hs) <= box.W
}
