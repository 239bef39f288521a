package scenes

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// Training through the scene's own controls drives the KL below 0.05, the
// bound sim's test proves for the same defaults, and the plotted KL is the
// trainer's.
func TestLearningTrainsThroughTheScene(t *testing.T) {
	h := newHarness(t, "learning", 1280, 800)
	s, in := h.s.(*learning), h.in
	start := s.trainer.KL()
	s.transport.Speed.Set(50)
	in.Key(ebiten.KeySpace)
	for k := 0; k < 12; k++ {
		h.step(t)
	}
	require.Equal(t, 600, s.trainer.Steps)
	assert.Less(t, s.trainer.KL(), 0.05)
	assert.Greater(t, start, 0.5)
	_, last, _ := s.kl.Last()
	assert.Equal(t, s.trainer.KL(), last)
	assert.Equal(t, s.trainer.BM.LogLikelihood(s.trainer.Data()), s.ll)

	// Sampling the free phase is a key away, and it lowers a high rate.
	in.Key(ebiten.KeyG)
	h.step(t)
	assert.True(t, s.trainer.SampleNegative)
	assert.True(t, s.sampleNegative.On)
	assert.False(t, s.trainer.SamplePositive)
	assert.Equal(t, 0.1, s.trainer.Rate)
	require.Len(t, h.notes, 1)
	in.Key(ebiten.KeyC)
	h.step(t)
	assert.True(t, s.trainer.SamplePositive)
	assert.Len(t, h.notes, 1, "the rate is low already")

	// Reset goes back to the starting point: nothing learned, both phases
	// exact, the default rate.
	in.Key(ebiten.KeyR)
	h.step(t)
	assert.Equal(t, 0, s.trainer.Steps)
	assert.False(t, s.Running())
	assert.False(t, s.trainer.SamplePositive || s.trainer.SampleNegative || s.samplePositive.On || s.sampleNegative.On)
	assert.Equal(t, sim.LearningRate, s.trainer.Rate)
	assert.Equal(t, start, s.trainer.KL(), "reset replays the same seed")
	assert.Contains(t, h.m.notice, "Reset: new random weights")
}

// cellColour returns the colour drawn at the centre of cell (i, j) of an
// n×n heatmap.
func cellColour(img *ebiten.Image, g ui.Rect, n, i, j int) color.Color {
	return img.At(int(g.X+(float64(j)+0.5)*g.W/float64(n)), int(g.Y+(float64(i)+0.5)*g.H/float64(n)))
}

// The clamped-phase heatmap shows the data's correlations: v1·v2 is zero
// in XOR data, so its cell is neutral, and the diagonal is +1. The
// weights heatmap shows the machine's weights, and its biases on the
// diagonal, on the scale its legend states.
func TestLearningHeatmapPixels(t *testing.T) {
	h := newHarness(t, "learning", 1280, 800)
	s := h.s.(*learning)
	s.transport.Speed.Set(20)
	s.SetRunning(true)
	for range 5 {
		h.step(t)
	}
	s.SetRunning(false)
	h.draw()
	net := s.trainer.BM.Net
	n := net.N
	g := s.mats[matClamped].heat.Rect
	require.Greater(t, g.W, 50.0)
	assert.Equal(t, color.RGBA(ui.Positive), cellColour(h.img, g, n, 0, 0))
	assert.InDelta(t, 0, s.trainer.Positive.Corr[1], 1e-12)
	assert.Equal(t, color.RGBA(ui.Diverging(0)), cellColour(h.img, g, n, 0, 1))

	w := &s.mats[matWeights]
	require.Equal(t, 100, s.trainer.Steps)
	assert.GreaterOrEqual(t, w.scale, maxAbs(net.W))
	assert.GreaterOrEqual(t, w.scale, maxAbs(net.B))
	for i := 0; i < n; i++ {
		for j := 0; j < n; j++ {
			v := net.Weight(i, j)
			if i == j {
				v = net.B[i]
			}
			assert.Equal(t, color.RGBA(ui.Diverging(v/w.scale)), cellColour(h.img, w.heat.Rect, n, i, j), "cell %d,%d = %.3f", i, j, v)
		}
	}
	// The difference is clamped minus free, cell by cell.
	d := s.mats[matDiff].vals
	for k := range d {
		assert.Equal(t, s.trainer.Positive.Corr[k]-s.trainer.Negative.Corr[k], d[k])
	}
}

// What the scene says about the exact phases is what sim does: the
// clamped phase weighs the 2^hidden completions of each data vector by
// p(h | v), which this test recomputes by hand, and the free phase sums
// over all 2^N states.
func TestLearningPhaseTextMatchesSim(t *testing.T) {
	s := newLearning(1).(*learning)
	m := s.trainer.BM
	text := s.phaseText(false, false)
	assert.Contains(t, text, "the 4 hidden states of each of the 4 data vectors")
	assert.Contains(t, text, "all 32 states")
	assert.Contains(t, s.Help(), "the clamped phase sums over the 4 hidden states of each data vector")
	assert.Contains(t, s.Help(), "the free phase over all 32 states")
	assert.NotContains(t, strings.SplitN(text, "\n", 2)[0], "32")

	n, nv := m.Net.N, m.Visible
	want := make([]float64, n*n)
	st := make([]int8, n)
	for _, v := range s.trainer.Data() {
		copy(st, v)
		var z float64
		ws := make([]float64, 1<<m.Hidden())
		for hh := range ws {
			sim.StateOf(st[nv:], uint64(hh))
			ws[hh] = math.Exp(-m.Net.Energy(st))
			z += ws[hh]
		}
		for hh, wt := range ws {
			sim.StateOf(st[nv:], uint64(hh))
			for i := 0; i < n; i++ {
				for j := 0; j < n; j++ {
					want[i*n+j] += wt / z * float64(st[i]*st[j]) / float64(len(s.trainer.Data()))
				}
			}
		}
	}
	assert.InDeltaSlice(t, want, s.trainer.Positive.Corr, 1e-12)

	sampled := s.phaseText(true, true)
	assert.Contains(t, sampled, "25 persistent chains per data vector")
	assert.Contains(t, sampled, "100 persistent chains")
}

// Help texts describe what things are, not where they sit, since the
// layout moves them around as the window changes.
func TestLearningAndRBMHelpNamesNoPositions(t *testing.T) {
	for _, s := range []Scene{newLearning(1), newRBMLab(1)} {
		help := strings.ToLower(s.Help() + " " + s.Caption())
		for _, w := range []string{"left", "right", "bottom", "top", "middle", "above", "below"} {
			assert.NotContains(t, help, w, s.Title())
		}
	}
}
