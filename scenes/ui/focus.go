package ui

import (
	"cmp"
	"math"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"
)

// Focus is the keyboard focus of one scene: which of its widgets the arrow
// and Enter keys act on. Tab and Shift+Tab move it through Order; a click on
// a widget moves it there.
type Focus struct {
	Order   []any // the focusable widgets, in Tab order (see Arrange)
	current any

	leaves []*Node     // Arrange's scratch: the layout's leaves, in order
	keys   []focusSpot // and where each widget sits among them
}

// focusSpot is where a widget sits in reading order: the index of the
// layout leaf that holds it, and its rectangle within that leaf.
type focusSpot struct {
	w    any
	leaf int
	r    Rect
}

// Arrange sorts Order into reading order for the layout that root was last
// resolved to. A layout tree already lists its leaves in the order they
// are read: a row (or a Flow laid out as one) left to right, a column (or
// a stacked Flow) top to bottom, each child whole before the next. So a
// column of controls is read down before the column beside it, and on a
// phone, where the panels stack, in the order they stack. A widget whose
// rectangle is a leaf's takes that leaf's place; one placed inside a leaf
// (the transport's buttons in their row, a grid centred in its box) takes
// the place of the smallest leaf that holds its centre where the scene
// last placed it (a widget not placed yet has no place). Widgets that share
// a leaf go row by row, left to right, and any that no leaf holds come
// last, in the same way.
func (f *Focus) Arrange(root *Node) {
	if f == nil || root == nil {
		return
	}
	f.leaves = root.appendLeaves(f.leaves[:0])
	f.keys = f.keys[:0]
	for _, w := range f.Order {
		spot := focusSpot{w: w, leaf: len(f.leaves)}
		if r := rectOf(w); r != nil {
			spot.r = *r
			spot.leaf = f.leafOf(r)
		}
		f.keys = append(f.keys, spot)
	}
	slices.SortStableFunc(f.keys, func(a, b focusSpot) int {
		if a.leaf != b.leaf {
			return a.leaf - b.leaf
		}
		// One row when their middles are closer than half the shorter's
		// height.
		if math.Abs(a.r.CenterY()-b.r.CenterY()) >= math.Min(a.r.H, b.r.H)/2 {
			return cmp.Compare(a.r.Y, b.r.Y)
		}
		return cmp.Compare(a.r.X, b.r.X)
	})
	for i, k := range f.keys {
		f.Order[i] = k.w
	}
	clear(f.keys) // drop the references to the widgets
}

// leafOf returns the index of the leaf that lays out r, or else of the
// smallest leaf (not a spacer) holding the centre of r (when r is not
// empty), or else len(f.leaves).
func (f *Focus) leafOf(r *Rect) int {
	best, area := len(f.leaves), math.Inf(1)
	for i, n := range f.leaves {
		if n.out == r {
			return i
		}
		if r.W > 0 && r.H > 0 && n.out != nil && n.box.W > 0 && n.box.H > 0 && n.box.Contains(r.CenterX(), r.CenterY()) && n.box.W*n.box.H < area {
			best, area = i, n.box.W*n.box.H
		}
	}
	return best
}

// rectOf returns a focusable widget's rectangle, or nil for a type it
// does not know.
func rectOf(w any) *Rect {
	switch w := w.(type) {
	case *Button:
		return &w.Rect
	case *Toggle:
		return &w.Rect
	case *Slider:
		return &w.Rect
	case *UnitGrid:
		return &w.Rect
	}
	return nil
}

// Update moves the focus on Tab (forward) and Shift+Tab (back); Escape
// clears it.
func (f *Focus) Update(in Input) {
	if f == nil || len(f.Order) == 0 {
		return
	}
	if in.KeyPressed(ebiten.KeyEscape) {
		f.current = nil
		return
	}
	if !in.KeyPressed(ebiten.KeyTab) {
		return
	}
	i := -1
	for k, w := range f.Order {
		if w == f.current {
			i = k
		}
	}
	n := len(f.Order)
	// Hidden widgets (teacher mode) are passed over.
	for range n {
		switch {
		case in.Shift() && i < 0:
			i = n - 1
		case in.Shift():
			i = (i - 1 + n) % n
		default:
			i = (i + 1) % n
		}
		if !hidden(f.Order[i]) {
			f.current = f.Order[i]
			return
		}
	}
}

// hidden reports whether w is a widget hidden in teacher mode.
func hidden(w any) bool {
	switch w := w.(type) {
	case *Button:
		return w.Hidden
	case *Toggle:
		return w.Hidden
	case *Slider:
		return w.Hidden
	}
	return false
}

// Is reports whether w has the focus. A nil Focus focuses nothing.
func (f *Focus) Is(w any) bool { return f != nil && f.current != nil && f.current == w }

// Set gives w the focus.
func (f *Focus) Set(w any) {
	if f != nil {
		f.current = w
	}
}

// Current returns the focused widget, or nil.
func (f *Focus) Current() any {
	if f == nil {
		return nil
	}
	return f.current
}
