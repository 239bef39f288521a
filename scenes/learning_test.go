//go:build legacy

package scenes

import (
	"image/color"
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
	s := newLearning(1).(*learning)
	in := &ui.Fake{}
	ctx := testContext(in, nil)
	start := s.trainer.KL()
	s.transport.Speed.Set(50)
	in.Key(ebiten.KeySpace)
	for k := 0; k < 12; k++ {
		step(t, s, ctx, in)
	}
	require.Equal(t, 600, s.trainer.Steps)
	assert.Less(t, s.trainer.KL(), 0.05)
	assert.Greater(t, start, 0.5)
	_, last, _ := s.kl.Last()
	assert.Equal(t, s.trainer.KL(), last)

	// Sampling the free phase is a switch away, and it lowers a high rate.
	var notes []string
	ctx = testContext(in, &notes)
	in.Key(ebiten.KeyG)
	step(t, s, ctx, in)
	assert.True(t, s.trainer.SampleNegative)
	assert.False(t, s.trainer.SamplePositive)
	assert.Equal(t, 0.1, s.trainer.Rate)
	require.Len(t, notes, 1)

	in.Key(ebiten.KeyR)
	step(t, s, ctx, in)
	assert.Equal(t, 0, s.trainer.Steps)
}

// The clamped-phase heatmap shows the data's correlations: v1·v2 is zero
// in XOR data, so its cell is neutral, and the diagonal is +1.
func TestLearningHeatmapPixels(t *testing.T) {
	s := newLearning(1).(*learning)
	in := &ui.Fake{}
	ctx := testContext(in, nil)
	img := ebiten.NewImage(1280, 800)
	s.Draw(img, ctx)
	g := s.data.Rect
	g.H *= 0.8
	n := float64(s.trainer.BM.Net.N)
	at := func(i, j int) color.Color {
		return img.At(int(g.X+(float64(j)+0.5)*g.W/n), int(g.Y+(float64(i)+0.5)*g.H/n))
	}
	assert.Equal(t, color.RGBA(ui.Positive), at(0, 0))
	assert.InDelta(t, 0, s.trainer.Positive.Corr[1], 1e-12)
	assert.Equal(t, color.RGBA(ui.Diverging(0)), at(0, 1))
	assert.Equal(t, sim.LearningRate, s.trainer.Rate)
}
