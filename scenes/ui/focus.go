package ui

import "github.com/hajimehoshi/ebiten/v2"

// Focus is the keyboard focus of one scene: which of its widgets the arrow
// and Enter keys act on. Tab and Shift+Tab move it through Order; a click on
// a widget moves it there.
type Focus struct {
	Order   []any // the focusable widgets, in Tab order
	current any
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
