package ui

// Rect is an axis-aligned rectangle in screen pixels.
type Rect struct{ X, Y, W, H float64 }

// Contains reports whether the point (x, y) lies inside r.
func (r Rect) Contains(x, y float64) bool {
	return x >= r.X && x < r.X+r.W && y >= r.Y && y < r.Y+r.H
}

// Inset returns r shrunk by d on every side (grown for negative d).
func (r Rect) Inset(d float64) Rect {
	return Rect{r.X + d, r.Y + d, max(0, r.W-2*d), max(0, r.H-2*d)}
}

// Right and Bottom return the far edges of r.
func (r Rect) Right() float64  { return r.X + r.W }
func (r Rect) Bottom() float64 { return r.Y + r.H }

// CenterX and CenterY return the centre of r.
func (r Rect) CenterX() float64 { return r.X + r.W/2 }
func (r Rect) CenterY() float64 { return r.Y + r.H/2 }

// SplitX cuts r into n columns of equal width separated by gap.
func (r Rect) SplitX(n int, gap float64) []Rect {
	w := (r.W - gap*float64(n-1)) / float64(n)
	out := make([]Rect, n)
	for i := range out {
		out[i] = Rect{r.X + float64(i)*(w+gap), r.Y, w, r.H}
	}
	return out
}

// Layout maps the fixed design canvas of DesignW × DesignH units onto a
// screen of any size: one design unit is U pixels, and the canvas is
// centred across and pinned to the top. Scenes place everything in design units, so the whole layout
// scales with the window and stays sharp on HiDPI screens.
type Layout struct {
	U      float64 // pixels per design unit
	OX, OY float64 // screen position of the design origin
}

// The design canvas every scene is laid out on.
const (
	DesignW = 1280
	DesignH = 800
)

// NewLayout fits the design canvas into a w × h screen.
func NewLayout(w, h int) Layout {
	u := min(float64(w)/DesignW, float64(h)/DesignH)
	if u <= 0 {
		u = 1
	}
	return Layout{U: u, OX: (float64(w) - DesignW*u) / 2}
}

// R converts a rectangle in design units to screen pixels.
func (l Layout) R(x, y, w, h float64) Rect {
	return Rect{l.OX + x*l.U, l.OY + y*l.U, w * l.U, h * l.U}
}

// X, Y and S convert a design x, y or length to pixels.
func (l Layout) X(x float64) float64 { return l.OX + x*l.U }
func (l Layout) Y(y float64) float64 { return l.OY + y*l.U }
func (l Layout) S(d float64) float64 { return d * l.U }
