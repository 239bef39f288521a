package scenes

import (
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/sim"
)

// The curves the scene measures beside the frames are sim's experiment,
// tally for tally.
func TestCapacityCurvesAreSims(t *testing.T) {
	h := newHarness(t, "capacity", 1280, 800)
	c := h.s.(*capacity)
	c.side.Set(10) // 100 units keep the test quick
	c.measure()
	// The experiment runs beside the frames; the frames pick its tallies up.
	for start := time.Now(); !c.sweepDone; {
		require.Less(t, time.Since(start), time.Minute)
		h.step(t)
		time.Sleep(time.Millisecond)
	}
	require.NoError(t, c.sweepErr)
	want, err := sim.Capacity(c.sweep.Config())
	require.NoError(t, err)
	assert.Equal(t, want, c.sweep.Points())
	h.draw()
	// At a light load the Hebbian curve starts at full recall.
	assert.Equal(t, 1.0, c.sweep.Point(int(sim.HebbRule), 0).RecallRate())
}

// One recall, stepped through the transport, ends with the overlap sim
// reports, and at a light load it is a recall.
func TestCapacitySingleRecall(t *testing.T) {
	h := newHarness(t, "capacity", 1280, 800)
	c := h.s.(*capacity)
	c.load.Set(0.05)
	c.newTrial()
	h.in.Key(ebiten.KeySpace)
	for k := 0; c.result == ""; k++ {
		require.Less(t, k, 2000)
		h.step(t)
	}
	r := c.trial.Result()
	assert.True(t, r.Recalled)
	assert.True(t, c.ok)
	assert.GreaterOrEqual(t, r.Overlap, sim.RecallThreshold)
	assert.False(t, c.Running(), "the recall stops itself")
	assert.Equal(t, 20, c.trial.Config().P)

	// The rule keys switch the rule and start a new recall.
	h.in.Key(ebiten.KeyK)
	h.step(t)
	assert.Equal(t, sim.StorkeyRule, c.rule)
	assert.Equal(t, sim.StorkeyRule, c.trial.Config().Rule)
	assert.Empty(t, c.result)
}

// "Cue another" keeps the patterns and cues the next one, even after a
// recall has run.
func TestCapacityCueAnother(t *testing.T) {
	h := newHarness(t, "capacity", 1280, 800)
	c := h.s.(*capacity)
	first := append([]int8(nil), c.trial.Pattern(1)...)
	cue := c.trial.Cue()
	h.in.Key(ebiten.KeySpace)
	for k := 0; c.result == ""; k++ {
		require.Less(t, k, 2000)
		h.step(t)
	}
	h.in.Key(ebiten.KeyC)
	h.step(t)
	assert.Equal(t, (cue+1)%c.trial.Config().P, c.trial.Cue())
	assert.Equal(t, first, c.trial.Pattern(1), "the same patterns")
	assert.Empty(t, c.result)
}
