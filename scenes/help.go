package scenes

import (
	"math"

	"boltzlab/scenes/ui"
)

// helpView is where the help overlay is scrolled to. On a phone held
// upright a scene's help is taller than the screen, so the overlay
// scrolls with the wheel or a drag, and closes on a tap: a press and
// release that did not move.
type helpView struct {
	scroll float64 // how far the panel is moved up, in pixels
	over   float64 // how far the panel is taller than the room for it, set as it is drawn
	drag   bool
	moved  bool
	from   float64 // where the press was, and the scroll then
	at     float64
}

// pointer scrolls the help for this tick's input and reports whether the
// pointer asked to close it.
func (v *helpView) pointer(in ui.Input, th ui.Theme) (close bool) {
	p := in.Pointer()
	if w := in.Wheel(); w != 0 {
		v.scroll -= w * th.Px(40)
	}
	if p.Pressed {
		v.drag, v.moved, v.from, v.at = true, false, p.Y, v.scroll
	}
	if v.drag && p.Down && math.Abs(p.Y-v.from) > th.Px(8) {
		v.moved = true
	}
	if v.drag && v.moved {
		v.scroll = v.at - (p.Y - v.from)
	}
	if v.drag && p.Released {
		v.drag = false
		close = !v.moved
	}
	v.scroll = math.Max(0, math.Min(v.scroll, v.over))
	return close
}

// reset scrolls back to the top, for the next time the help opens.
func (v *helpView) reset() { *v = helpView{} }
