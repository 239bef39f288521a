package ui

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// Slider edits a number between Min and Max by dragging its track, or with
// the arrow keys (fine), Page Up/Down (coarse) and Home/End while it has
// the focus. With Log set the track is logarithmic, so Min must be positive.
// The value shown always comes from Value, never from the knob position.
type Slider struct {
	ID       string // stable name for the key map, tests and teacher mode
	Hidden   bool   // teacher mode: not drawn, not draggable, not focusable
	Rect     Rect
	Label    string
	Min, Max float64
	Value    float64
	Log      bool
	Integer  bool                 // round to whole numbers
	Format   func(float64) string // how to show Value; defaults to 3 significant digits

	dragging bool
	hover    bool
	painter  Painter
}

// fraction returns where v sits on the track, in [0, 1].
func (s *Slider) fraction(v float64) float64 {
	var t float64
	if s.Log {
		t = math.Log(v/s.Min) / math.Log(s.Max/s.Min)
	} else {
		t = (v - s.Min) / (s.Max - s.Min)
	}
	if math.IsNaN(t) {
		return 0
	}
	return math.Max(0, math.Min(1, t))
}

// at returns the value at track position t in [0, 1].
func (s *Slider) at(t float64) float64 {
	t = math.Max(0, math.Min(1, t))
	if s.Log {
		return s.Min * math.Pow(s.Max/s.Min, t)
	}
	return s.Min + (s.Max-s.Min)*t
}

// Set puts v on the slider, clamped to [Min, Max] (and rounded if Integer);
// NaN becomes Min. It reports whether the value changed.
func (s *Slider) Set(v float64) bool {
	if math.IsNaN(v) {
		v = s.Min
	}
	v = math.Max(s.Min, math.Min(s.Max, v))
	if s.Integer {
		v = math.Round(v)
	}
	if v == s.Value {
		return false
	}
	s.Value = v
	return true
}

// track returns the rectangle of the draggable track.
// The track is inset by the knob's radius, so the knob stays whole inside
// Rect (and can be grabbed) at both ends.
func (s *Slider) track() Rect {
	r := s.Rect
	k := s.knobR()
	return Rect{r.X + k, r.Y + r.H*0.62, math.Max(1, r.W-2*k), r.H * 0.16}
}

func (s *Slider) knobR() float64 { return s.Rect.H * 0.17 }

// Update handles this frame's input and reports whether Value changed.
func (s *Slider) Update(in Input, f *Focus) bool {
	if s.Hidden {
		return false
	}
	p := in.Pointer()
	s.hover = s.Rect.Contains(p.X, p.Y)
	if p.Pressed && s.hover {
		s.dragging = true
		f.Set(s)
	}
	if !p.Down {
		s.dragging = false
	}
	changed := false
	if s.dragging {
		tr := s.track()
		changed = s.Set(s.at((p.X - tr.X) / tr.W))
	}
	if f.Is(s) {
		t := s.fraction(s.Value)
		step := 0.01
		if s.Integer {
			step = math.Max(step, 1/(s.Max-s.Min))
		}
		switch {
		case in.KeyPressed(ebiten.KeyArrowRight) || in.KeyPressed(ebiten.KeyArrowUp):
			changed = s.nudge(t+step, +1) || changed
		case in.KeyPressed(ebiten.KeyArrowLeft) || in.KeyPressed(ebiten.KeyArrowDown):
			changed = s.nudge(t-step, -1) || changed
		case in.KeyPressed(ebiten.KeyPageUp):
			changed = s.nudge(t+0.1, +1) || changed
		case in.KeyPressed(ebiten.KeyPageDown):
			changed = s.nudge(t-0.1, -1) || changed
		case in.KeyPressed(ebiten.KeyHome):
			changed = s.Set(s.Min) || changed
		case in.KeyPressed(ebiten.KeyEnd):
			changed = s.Set(s.Max) || changed
		}
	}
	return changed
}

// nudge moves to track position t, making sure an Integer slider moves by
// at least one whole step in direction dir.
func (s *Slider) nudge(t float64, dir float64) bool {
	v := s.at(t)
	if s.Integer && math.Round(v) == s.Value {
		v = s.Value + dir
	}
	return s.Set(v)
}

// Text returns the value as the slider shows it.
func (s *Slider) Text() string {
	if s.Format != nil {
		return s.Format(s.Value)
	}
	if s.Integer {
		return Fmt("%.0f", s.Value)
	}
	return Fmt("%.3g", s.Value)
}

// Draw draws the label and value above the track and the knob on it.
func (s *Slider) Draw(dst *ebiten.Image, f *Focus) {
	if s.Hidden {
		return
	}
	r := s.Rect
	size := r.H * 0.30
	val := s.Text()
	vw := TextWidth(val, Mono, size)
	head := Rect{r.X, r.Y, r.W, r.H * 0.5}
	TextIn(dst, Rect{head.X, head.Y, math.Max(0, head.W-vw-size), head.H}, s.Label, Style{Regular, size}, TextDim, Left)
	TextIn(dst, head, val, Style{Mono, size}, Text, Right)
	tr := s.track()
	rad := tr.H / 2
	s.painter.FillRound(dst, tr, rad, Control)
	t := s.fraction(s.Value)
	fill := tr
	fill.W = math.Max(tr.H, tr.W*t)
	s.painter.FillRound(dst, fill, rad, Shade(Accent, 0.75))
	kx, ky := tr.X+tr.W*t, tr.CenterY()
	kr := s.knobR()
	if s.dragging || s.hover {
		kr *= 1.12
	}
	Disc(dst, kx, ky, kr, Text)
	if f.Is(s) {
		Ring(dst, kx, ky, kr+r.H*0.07, r.H*0.05, Accent)
	}
}
