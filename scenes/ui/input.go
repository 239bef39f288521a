package ui

import (
	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"
)

// Pointer is the state of the primary pointer (the mouse, or the first
// finger on a touch screen) in one frame.
type Pointer struct {
	X, Y     float64
	Down     bool // held during this frame
	Pressed  bool // went down this frame
	Released bool // came up this frame
}

// Input is what widgets read each frame. Live implements it from the real
// mouse, touch screen and keyboard; Fake lets tests script it.
type Input interface {
	Pointer() Pointer
	// KeyPressed reports whether k went down this frame, or is held long
	// enough to repeat.
	KeyPressed(k ebiten.Key) bool
	// Shift reports whether a shift key is held.
	Shift() bool
	// Mods returns the modifier keys held.
	Mods() Mod
	// Wheel returns the vertical scroll of this frame.
	Wheel() float64
}

// Live reads Ebitengine's mouse, touch and keyboard state. Call Update once
// at the start of every frame.
type Live struct {
	p       Pointer
	touch   ebiten.TouchID
	touched bool
	wheel   float64
	ids     []ebiten.TouchID

	latch       latch
	owedRelease bool         // a replayed quick press still needs its release
	quickKeys   []ebiten.Key // keys pressed and released since the last tick
}

// Update samples the devices for this frame.
func (l *Live) Update() {
	l.p.Pressed, l.p.Released = false, false
	_, l.wheel = ebiten.Wheel()
	qx, qy, quick := l.latch.take()
	l.quickKeys = l.latch.takeKeys(l.quickKeys[:0])
	if l.owedRelease {
		l.owedRelease = false
		l.p.Down, l.p.Released = false, true
		return
	}

	// A finger, once down, owns the pointer until it lifts.
	if l.touched {
		if inpututil.IsTouchJustReleased(l.touch) {
			l.touched = false
			l.p.Down, l.p.Released = false, true
		} else {
			x, y := ebiten.TouchPosition(l.touch)
			l.p.X, l.p.Y = float64(x), float64(y)
		}
		return
	}
	l.ids = inpututil.AppendJustPressedTouchIDs(l.ids[:0])
	if len(l.ids) > 0 {
		l.touch, l.touched = l.ids[0], true
		x, y := ebiten.TouchPosition(l.touch)
		l.p = Pointer{X: float64(x), Y: float64(y), Down: true, Pressed: true}
		return
	}
	x, y := ebiten.CursorPosition()
	l.p.X, l.p.Y = float64(x), float64(y)
	l.p.Pressed = inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft)
	l.p.Released = inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft)
	l.p.Down = ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft)
	if quick && !l.p.Pressed && !l.p.Down && !l.p.Released {
		// A press and its release both came and went since the last tick:
		// replay the press now and the release on the next tick.
		l.p = Pointer{X: qx, Y: qy, Down: true, Pressed: true}
		l.owedRelease = true
	}
}

// Pointer implements Input.
func (l *Live) Pointer() Pointer { return l.p }

// KeyPressed implements Input: a held key repeats after half a second,
// then every fourth tick.
func (l *Live) KeyPressed(k ebiten.Key) bool {
	d := inpututil.KeyPressDuration(k)
	if d == 0 {
		// Pressed and released between two ticks: seen only by the latch.
		for _, q := range l.quickKeys {
			if q == k {
				return true
			}
		}
	}
	return d == 1 || (d >= 30 && (d-30)%4 == 0)
}

// Shift implements Input.
func (l *Live) Shift() bool { return ebiten.IsKeyPressed(ebiten.KeyShift) }

// Mods implements Input.
func (l *Live) Mods() Mod {
	var m Mod
	if ebiten.IsKeyPressed(ebiten.KeyShift) {
		m |= ModShift
	}
	if ebiten.IsKeyPressed(ebiten.KeyControl) || ebiten.IsKeyPressed(ebiten.KeyMeta) {
		m |= ModCtrl
	}
	if ebiten.IsKeyPressed(ebiten.KeyAlt) {
		m |= ModAlt
	}
	return m
}

// Wheel implements Input.
func (l *Live) Wheel() float64 { return l.wheel }

// Fake is an Input whose state a test sets by hand.
type Fake struct {
	P         Pointer
	Keys      map[ebiten.Key]bool
	ShiftHeld bool
	ModsHeld  Mod
	WheelY    float64
}

// Mods implements Input.
func (f *Fake) Mods() Mod {
	if f.ShiftHeld {
		return f.ModsHeld | ModShift
	}
	return f.ModsHeld
}

// Pointer implements Input.
func (f *Fake) Pointer() Pointer { return f.P }

// KeyPressed implements Input.
func (f *Fake) KeyPressed(k ebiten.Key) bool { return f.Keys[k] }

// Shift implements Input.
func (f *Fake) Shift() bool { return f.ShiftHeld }

// Wheel implements Input.
func (f *Fake) Wheel() float64 { return f.WheelY }

// Press puts the pointer down at (x, y) for one frame.
func (f *Fake) Press(x, y float64) { f.P = Pointer{X: x, Y: y, Down: true, Pressed: true} }

// Move drags (or hovers) to (x, y).
func (f *Fake) Move(x, y float64) { f.P.X, f.P.Y, f.P.Pressed, f.P.Released = x, y, false, false }

// Release lifts the pointer where it is.
func (f *Fake) Release() { f.P.Down, f.P.Pressed, f.P.Released = false, false, true }

// Idle clears the one-frame events, as the next frame would.
func (f *Fake) Idle() {
	f.P.Pressed, f.P.Released = false, false
	f.Keys = nil
	f.WheelY = 0
}

// Key makes k pressed for one frame.
func (f *Fake) Key(k ebiten.Key) {
	if f.Keys == nil {
		f.Keys = map[ebiten.Key]bool{}
	}
	f.Keys[k] = true
}
