package scenes

import (
	"image/color"
	"math"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// The coin is a one-unit network whose running frequency settles at
// σ(ΔE/T); changing either resets the count.
func TestSigmoidCoinConverges(t *testing.T) {
	h := newHarness(t, "sigmoid", 1280, 800)
	s, in := h.s.(*sigmoid), h.in
	s.temp.Set(1.5)
	s.gap.Set(1)
	s.restart()
	s.transport.Speed.Set(500)
	s.transport.Running = true
	for range 80 {
		h.step(t)
	}
	require.Equal(t, 40000, s.flips)
	p := sim.POn(1, 1.5)
	sd := math.Sqrt(p * (1 - p) / float64(s.flips))
	assert.InDelta(t, p, float64(s.ons)/float64(s.flips), 5*sd)
	_, last, _ := s.freq.Last()
	assert.Equal(t, float64(s.ons)/float64(s.flips), last)

	// Dragging along the curve sets ΔE from the pointer on the fixed axis.
	s.transport.Running = false
	a := s.area
	in.Press(a.X+a.W*0.75, a.CenterY())
	h.step(t)
	assert.InDelta(t, 5, s.gap.Value, 1e-9, "three quarters of the way along ±10")
	assert.Equal(t, 0, s.flips, "a new ΔE starts a new count")
	in.Release()
	h.step(t)
}

// The ΔE axis keeps its span while ΔE and T change, by slider, drag or
// key; only the zoom controls and the wheel over the curve move it.
func TestSigmoidAxisStaysFixed(t *testing.T) {
	h := newHarness(t, "sigmoid", 1280, 800)
	s, in := h.s.(*sigmoid), h.in
	h.step(t)
	require.Equal(t, 10.0, s.axis(), "the opening axis is ±10")
	area := s.area

	for _, dE := range []float64{2, 9.5, 40, -96, 0.1} {
		s.gap.Set(dE)
		for _, T := range []float64{0.01, 1, 15.1, 100} {
			s.temp.Set(T)
			h.step(t)
			assert.Equal(t, 10.0, s.axis(), "ΔE = %v, T = %v", dE, T)
			assert.Equal(t, area, s.area)
		}
	}

	// Mid-drag the handle stays under the pointer: every position maps to
	// the same ΔE on the same axis, and the far edge stops at +10.
	s.gap.Set(2)
	in.Press(area.X+area.W*0.6, area.CenterY())
	h.step(t)
	for _, f := range []float64{0.7, 0.9, 0.99, 1.2, 0.55} {
		in.Move(area.X+area.W*f, area.CenterY())
		h.step(t)
		assert.InDelta(t, math.Min(10, -10+20*f), s.gap.Value, 1e-9, "pointer at %v of the axis", f)
		assert.Equal(t, 10.0, s.axis())
	}
	in.Release()
	h.step(t)

	// Zooming on purpose: the − key widens, the wheel over the curve
	// narrows, the buttons do both.
	in.Key(ebiten.KeyMinus)
	h.step(t)
	assert.Equal(t, 20.0, s.axis())
	in.P = ui.Pointer{X: area.CenterX(), Y: area.CenterY()}
	in.WheelY = 1
	h.step(t)
	assert.Equal(t, 10.0, s.axis())
	assert.Zero(t, h.m.pages[h.m.active].scroll, "the wheel over the curve zooms instead of scrolling")
	in.Press(s.zoomIn.Rect.CenterX(), s.zoomIn.Rect.CenterY())
	h.step(t)
	in.Release()
	h.step(t)
	assert.Equal(t, 5.0, s.axis())
}

// A ΔE beyond the axis is drawn as a marker at the axis's edge, at the
// height of its p(on), never as a point clipped silently.
func TestSigmoidOffScaleMarker(t *testing.T) {
	h := newHarness(t, "sigmoid", 1280, 800)
	s := h.s.(*sigmoid)
	h.step(t)
	h.draw()
	assert.Equal(t, ui.Rect{}, s.marker, "ΔE = +2 lies on the axis")

	for _, dE := range []float64{68, -30} {
		s.gap.Set(dE)
		h.step(t)
		h.draw()
		m := s.marker
		require.NotEqual(t, ui.Rect{}, m, "ΔE = %v", dE)
		a := s.area
		if dE > 0 {
			assert.InDelta(t, a.Right(), m.Right(), 1, "the marker sits at the right edge")
			assert.InDelta(t, a.Y+h.m.Theme().LineHeight(ui.Small), m.CenterY(), 1, "p = 1, kept clear of the corner")
		} else {
			assert.InDelta(t, a.X, m.X, 1, "the marker sits at the left edge")
		}
		// The arrow's body is solid warm where it is widest.
		x := m.X + m.W*0.5
		if dE > 0 {
			x = m.X + m.W*0.2
		} else {
			x = m.Right() - m.W*0.2
		}
		assert.Equal(t, color.RGBA(ui.Warm), h.img.At(int(x), int(m.CenterY())))
	}
}

// Arriving from Recall keeps the opening view; the button (or U) brings
// the selected unit's ΔE, unclipped, however large.
func TestSigmoidUsesRecallUnitOnRequest(t *testing.T) {
	h := newHarness(t, "recall", 1280, 800)
	r, in := h.s.(*recall), h.in
	in.Key(ebiten.KeyArrowDown)
	h.step(t)
	sel := r.grid.Selected
	want := r.net.DeltaE(r.chain.State(), sel)

	require.True(t, h.m.SwitchByName("sigmoid"))
	h.s = h.m.Scene()
	s := h.s.(*sigmoid)
	h.step(t)
	assert.Equal(t, 2.0, s.gap.Value, "the article's opening view stays")
	assert.InDelta(t, 0.8808, sim.POn(s.gap.Value, s.temp.Value), 1e-4)
	assert.False(t, s.useRecall.Disabled)
	assert.Contains(t, s.useRecall.Label, "unit 7")

	in.Key(ebiten.KeyU)
	h.step(t)
	assert.Equal(t, want, s.gap.Value)
	assert.Contains(t, s.from, "unit 7")

	// Six memories can give a gap of 68 (and at most 96): it arrives whole,
	// with a word that it lies beyond the axis.
	h.m.shared.DeltaE = 68
	in.Key(ebiten.KeyU)
	h.step(t)
	assert.Equal(t, 68.0, s.gap.Value)
	assert.Equal(t, 10.0, s.axis())
	require.NotEmpty(t, h.notes)
	assert.Contains(t, h.notes[len(h.notes)-1], "+68.00")
	assert.LessOrEqual(t, 2.0*(recallSide*recallSide-1)*maxMemories, float64(sigmoidMaxGap))

	// Reset forgets where ΔE came from.
	in.Key(ebiten.KeyR)
	h.step(t)
	assert.Empty(t, s.from)
	assert.Equal(t, 2.0, s.gap.Value)
}

// Without a unit selected in Recall the button is disabled and U does
// nothing.
func TestSigmoidRecallButtonWaits(t *testing.T) {
	h := newHarness(t, "sigmoid", 1280, 800)
	s, in := h.s.(*sigmoid), h.in
	in.Key(ebiten.KeyU)
	h.step(t)
	assert.True(t, s.useRecall.Disabled)
	assert.Equal(t, 2.0, s.gap.Value)
}

// Reset returns to the opening view and says so.
func TestSigmoidReset(t *testing.T) {
	h := newHarness(t, "sigmoid", 1280, 800)
	s, in := h.s.(*sigmoid), h.in
	s.temp.Set(40)
	s.gap.Set(-7)
	s.zoom(+2)
	s.transport.Running = true
	h.step(t)
	require.Positive(t, s.flips)
	in.Key(ebiten.KeyR)
	h.step(t)
	assert.Equal(t, 1.0, s.temp.Value)
	assert.Equal(t, 2.0, s.gap.Value)
	assert.Equal(t, 10.0, s.axis())
	assert.Zero(t, s.flips)
	assert.False(t, s.Running())
	require.NotEmpty(t, h.notes)
	assert.Contains(t, h.notes[len(h.notes)-1], "Reset")
}
