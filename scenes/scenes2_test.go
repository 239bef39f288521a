//go:build legacy

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
	s := newSigmoid(3).(*sigmoid)
	in := &ui.Fake{}
	ctx := testContext(in, nil)
	s.temp.Set(1.5)
	s.gap.Set(1)
	s.reset()
	s.transport.Speed.Set(500)
	s.transport.Running = true
	for k := 0; k < 80; k++ {
		step(t, s, ctx, in)
	}
	require.Equal(t, 40000, s.flips)
	p := sim.POn(1, 1.5)
	sd := math.Sqrt(p * (1 - p) / float64(s.flips))
	assert.InDelta(t, p, float64(s.ons)/float64(s.flips), 5*sd)
	_, last, _ := s.freq.Last()
	assert.Equal(t, float64(s.ons)/float64(s.flips), last)

	// Dragging the handle along the curve sets ΔE from the pointer.
	s.transport.Running = false
	a := s.curveArea(ctx.L)
	in.Press(a.X+a.W*0.75, a.CenterY())
	step(t, s, ctx, in)
	assert.InDelta(t, s.xRange()*0.5, s.gap.Value, 1e-9)
	assert.Equal(t, 0, s.flips, "a new ΔE starts a new count")
	in.Release()
	step(t, s, ctx, in)
}

// Switching from Recall brings the selected unit's ΔE along.
func TestSigmoidAdoptsRecallUnit(t *testing.T) {
	m, err := NewManager(Options{Scene: "recall", Seed: 1})
	require.NoError(t, err)
	r := m.scenes[0].(*recall)
	in := &ui.Fake{}
	ctx := &Context{In: in, L: ui.NewLayout(1280, 800), Seed: 1, Shared: &m.shared, Notify: func(string) {}}
	in.Key(ebiten.KeyArrowDown)
	step(t, r, ctx, in)
	sel := r.grid.Selected
	want := r.net.DeltaE(r.chain.State(), sel)
	require.True(t, m.SwitchByName("sigmoid"))
	s := m.scenes[m.active].(*sigmoid)
	assert.Equal(t, want, s.gap.Value)
	assert.Contains(t, s.from, "unit 7")
}

// The bars are the exact distribution, the sampler converges onto them,
// and editing a weight recomputes both.
func TestDistributionExactAndSampled(t *testing.T) {
	d := newDistribution(1).(*distribution)
	in := &ui.Fake{}
	ctx := testContext(in, nil)
	want := sim.DistributionNet().Exact(1)
	assert.Equal(t, want.P, d.exact.P)

	d.transport.Speed.Set(20000)
	d.transport.Running = true
	for k := 0; k < 10; k++ {
		step(t, d, ctx, in)
	}
	require.Equal(t, 200000, d.sampler.Sweeps)
	kl := sim.KL(d.emp, d.exact.P)
	assert.Less(t, kl, 1e-3)
	_, first, _ := func() (float64, float64, bool) { x, y := d.kl.At(0); return x, y, true }()
	_, last, _ := d.kl.Last()
	assert.Less(t, last, first, "the KL readout falls")

	// Drag w23 (k = 5) up by four quarter-steps.
	d.transport.Running = false
	l := ctx.L
	h := d.handleRect(l, 5)
	in.Press(h.CenterX(), h.CenterY())
	step(t, d, ctx, in)
	in.Move(h.CenterX(), h.CenterY()-l.S(48))
	step(t, d, ctx, in)
	in.Release()
	step(t, d, ctx, in)
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

// The tallest bar is drawn exactly as tall as its probability says.
func TestDistributionBarPixels(t *testing.T) {
	d := newDistribution(1).(*distribution)
	in := &ui.Fake{}
	ctx := testContext(in, nil)
	img := ebiten.NewImage(1280, 800)
	d.Draw(img, ctx)
	best := 0
	for i, p := range d.exact.P {
		if p > d.exact.P[best] {
			best = i
		}
	}
	k := 0
	for pos, idx := range d.order {
		if idx == best {
			k = pos
		}
	}
	a := ctx.L.R(92, 186, 780, 272)
	bw := a.W / 16
	x := int(a.X + float64(k)*bw + bw/2)
	ticks := ui.NiceTicks(0, math.Max(d.exact.P[best], 0.05)*1.05, 5)
	ymax := math.Max(ticks[len(ticks)-1], d.exact.P[best])
	top := a.Bottom() - d.exact.P[best]/ymax*a.H
	fill := color.RGBA(ui.Sequential(d.energyShade(d.exact.E[best])))
	assert.Equal(t, fill, img.At(x, int(top)+3))
	assert.NotEqual(t, fill, img.At(x, int(top)-3))
}
