package ui

import (
	"github.com/hajimehoshi/ebiten/v2"
)

// Button is a push button: a press and release inside it, or Enter while
// it has the focus, activates it.
type Button struct {
	ID       string // stable name for the key map, tests and teacher mode
	Hidden   bool   // teacher mode: not drawn, not clickable, not focusable, its key ignored
	Rect     Rect
	Label    string
	Hint     string // a keyboard shortcut shown beside the label, e.g. "Space"
	Primary  bool   // drawn in the accent colour
	Disabled bool

	hover, down bool
	painter     Painter
}

// Update handles this frame's input and reports whether the button was
// activated.
func (b *Button) Update(in Input, f *Focus) bool {
	if b.Hidden {
		return false
	}
	p := in.Pointer()
	b.hover = b.Rect.Contains(p.X, p.Y)
	if b.Disabled {
		b.down = false
		return false
	}
	if p.Pressed && b.hover {
		b.down = true
		f.Set(b)
	}
	clicked := false
	if p.Released {
		clicked = b.down && b.hover
		b.down = false
	}
	if f.Is(b) && (in.KeyPressed(ebiten.KeyEnter) || in.KeyPressed(ebiten.KeyNumpadEnter)) {
		clicked = true
	}
	return clicked
}

// Width returns how wide a button of height h must be to show its label
// and hint as Draw sizes them, with padding h*pad at each end.
func (b *Button) Width(h, pad float64) float64 {
	size := h * 0.38
	w := TextWidth(b.Label, Regular, size)
	if b.Hint != "" {
		w += size*0.5 + TextWidth(b.Hint, Regular, size*0.8)
	}
	return w + 2*h*pad
}

// Draw draws the button with text sized to its height.
func (b *Button) Draw(dst *ebiten.Image, f *Focus) {
	if b.Hidden {
		return
	}
	r := b.Rect
	bg, fg := Control, Text
	switch {
	case b.Disabled:
		fg = TextFaint
	case b.Primary:
		bg, fg = Accent, Background
		if b.down {
			bg = Shade(Accent, 0.8)
		} else if b.hover {
			bg = Mix(Accent, Text, 0.2)
		}
	case b.down:
		bg = Shade(ControlHi, 0.85)
	case b.hover:
		bg = ControlHi
	}
	rad := r.H * 0.22
	b.painter.FillRound(dst, r, rad, bg)
	if f.Is(b) {
		b.painter.StrokeRound(dst, r.Inset(-r.H*0.08), rad*1.3, r.H*0.06, Accent)
	}
	size := r.H * 0.38
	inner := r.Inset(r.H * 0.2)
	lw := TextWidth(b.Label, Regular, size)
	hs := size * 0.8
	hw := TextWidth(b.Hint, Regular, hs)
	gap := size * 0.5
	if b.Hint == "" || lw+gap+hw > inner.W {
		// The key is in the help overlay too; the label matters more.
		TextIn(dst, inner, b.Label, Style{Regular, size}, fg, Center)
		return
	}
	x := r.CenterX() - (lw+gap+hw)/2
	Label(dst, b.Label, Regular, size, x, r.CenterY(), fg, Left)
	hc := TextDim
	if b.Primary && !b.Disabled {
		hc = Shade(Background, 1.8)
	}
	Label(dst, b.Hint, Regular, hs, x+lw+gap, r.CenterY(), hc, Left)
}
