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

// The bars are the exact distribution, the sampler converges onto them,
// and editing a weight recomputes both.
func TestDistributionExactAndSampled(t *testing.T) {
	h := newHarness(t, "distribution", 1280, 800)
	d, in := h.s.(*distribution), h.in
	want := sim.DistributionNet().Exact(1)
	assert.Equal(t, want.P, d.exact.P)

	d.transport.Speed.Set(20000)
	d.transport.Running = true
	for range 10 {
		h.step(t)
	}
	require.Equal(t, 200000, d.sampler.Sweeps)
	assert.Less(t, sim.KL(d.emp, d.exact.P), 1e-3)
	_, first := d.kl.At(0)
	_, last, _ := d.kl.Last()
	assert.Less(t, last, first, "the KL readout falls")

	// Drag w23 (k = 5) up by four quarter-steps.
	d.transport.Running = false
	hr := d.handles[5]
	in.Press(hr.CenterX(), hr.CenterY())
	h.step(t)
	in.Move(hr.CenterX(), hr.CenterY()-4*distDragStep)
	h.step(t)
	in.Release()
	h.step(t)
	assert.Equal(t, 5, d.selected)
	assert.Equal(t, -1.0, d.net.Weight(2, 3), "−2 + 4 × 0.25")
	assert.Equal(t, d.net.Weight(3, 2), d.net.Weight(2, 3))
	assert.Equal(t, 0, d.sampler.Sweeps, "a new network restarts the count")
	assert.Equal(t, d.net.Exact(1).P, d.exact.P)

	// Temperature changes the exact distribution; extreme values clamp.
	d.temp.Set(1e9)
	d.recompute()
	for _, p := range d.exact.P {
		require.False(t, math.IsNaN(p))
	}
	assert.Equal(t, d.temp.Max, d.exact.T)
}

// A label follows a horizontal drag too: right raises, left lowers.
func TestDistributionHorizontalDrag(t *testing.T) {
	for _, sz := range [][2]int{{1280, 800}, {390, 844}} {
		h := newHarness(t, "distribution", sz[0], sz[1])
		d, in := h.s.(*distribution), h.in
		h.step(t)
		hr := d.handles[0] // w01, +2 at the start
		require.Equal(t, 2.0, d.value(0))
		in.Press(hr.CenterX(), hr.CenterY())
		h.step(t)
		in.Move(hr.CenterX()-6*distDragStep, hr.CenterY())
		h.step(t)
		assert.Equal(t, 0.5, d.value(0), "six steps left at %v", sz)
		in.Move(hr.CenterX()+2*distDragStep, hr.CenterY())
		h.step(t)
		in.Release()
		h.step(t)
		assert.Equal(t, 2.5, d.value(0), "two steps right of the start at %v", sz)
		assert.Equal(t, 0, d.selected)
		assert.Equal(t, 2.5, d.param.Value, "the slider follows")
		assert.Zero(t, h.m.pages[h.m.active].scroll, "dragging a label does not scroll the page")

		// The wheel over a label nudges it too.
		b := d.handles[len(distPairs)+3] // b3
		in.P = ui.Pointer{X: b.CenterX(), Y: b.CenterY()}
		in.WheelY = 1
		h.step(t)
		assert.Equal(t, -0.25, d.value(len(distPairs)+3))
	}
}

// The probability axis stays at 0 to 1 whatever the temperature, so heat
// visibly flattens the bars toward the uniform line at 1/16.
func TestDistributionAxisFixed(t *testing.T) {
	h := newHarness(t, "distribution", 1280, 800)
	d := h.s.(*distribution)
	h.step(t)
	a := d.bars
	for _, T := range []float64{0.3, 1, 14.5} {
		d.temp.Set(T)
		d.recompute()
		h.step(t)
		h.draw()
		lo, hi := d.yRange()
		assert.Equal(t, [2]float64{0, 1}, [2]float64{lo, hi}, "T = %v", T)
		assert.Equal(t, a, d.bars)
		assert.Equal(t, a.Y, d.sy(1))
		assert.Equal(t, a.Bottom(), d.sy(0))

		// The tallest bar is drawn exactly as tall as its probability says.
		best, k := 0, 0
		for i, p := range d.exact.P {
			if p > d.exact.P[best] {
				best = i
			}
		}
		for pos, idx := range d.order {
			if idx == best {
				k = pos
			}
		}
		bw := a.W / distStates
		x := int(a.X + float64(k)*bw + bw/2)
		top := d.sy(d.exact.P[best])
		fill := color.RGBA(ui.Sequential(d.energyShade(d.exact.E[best])))
		assert.Equal(t, fill, h.img.At(x, int(top)+3), "T = %v", T)
		assert.NotEqual(t, fill, h.img.At(x, int(top)-3), "T = %v", T)
		if T == 14.5 {
			assert.Less(t, d.exact.P[best], 0.1, "hot means flat")
			assert.Greater(t, top, d.sy(0.1))
		}
		if T == 0.3 {
			assert.Greater(t, d.exact.P[best], 0.9)
			assert.Less(t, top, d.sy(0.9))
		}
	}

	// The uniform line is drawn at 1/16.
	y := int(d.sy(1.0 / distStates))
	assert.Equal(t, color.RGBA(ui.TextDim), h.img.At(int(a.X)+2, y))
}

// The log scale spreads eight decades, so a rare state gets a visible bar;
// its range too is fixed.
func TestDistributionLogScale(t *testing.T) {
	h := newHarness(t, "distribution", 1280, 800)
	d, in := h.s.(*distribution), h.in
	in.Key(ebiten.KeyL)
	h.step(t)
	require.True(t, d.logScale.On)
	lo, hi := d.yRange()
	assert.Equal(t, [2]float64{distLogFloor, 1}, [2]float64{lo, hi})
	rare := 0
	for i, p := range d.exact.P {
		if p < d.exact.P[rare] {
			rare = i
		}
	}
	require.Less(t, d.exact.P[rare], 1e-4)
	assert.Less(t, d.sy(d.exact.P[rare]), d.bars.Bottom()-d.bars.H/10, "the rarest state, near 10⁻⁷, still has a bar")
	assert.InDelta(t, d.bars.Y+d.bars.H/4, d.sy(1e-2), 1e-9, "10⁻² is a quarter of the way down")
	h.draw()
	in.Key(ebiten.KeyL)
	h.step(t)
	assert.False(t, d.logScale.On)
}

// W steps through the weights and biases, Shift+W back.
func TestDistributionKeysSelect(t *testing.T) {
	h := newHarness(t, "distribution", 1280, 800)
	d, in := h.s.(*distribution), h.in
	require.Equal(t, 1, d.selected)
	in.Key(ebiten.KeyW)
	h.step(t)
	assert.Equal(t, 2, d.selected)
	in.Key(ebiten.KeyW)
	in.ShiftHeld = true
	h.step(t)
	in.ShiftHeld = false
	assert.Equal(t, 1, d.selected)
	in.Key(ebiten.KeyArrowRight)
	h.step(t)
	assert.Greater(t, d.value(1), 2.0, "the focused slider edits the selected weight")
}

// Reset brings back the starting network at T = 1 and says so.
func TestDistributionReset(t *testing.T) {
	h := newHarness(t, "distribution", 1280, 800)
	d, in := h.s.(*distribution), h.in
	d.setValue(0, -3)
	d.temp.Set(7)
	d.recompute()
	d.transport.Running = true
	h.step(t)
	in.Key(ebiten.KeyR)
	h.step(t)
	assert.Equal(t, sim.DistributionNet().W, d.net.W)
	assert.Equal(t, 1.0, d.temp.Value)
	assert.Equal(t, 0, d.sampler.Sweeps)
	assert.False(t, d.Running())
	require.NotEmpty(t, h.notes)
	assert.Contains(t, h.notes[len(h.notes)-1], "Reset")
}
