//go:build legacy

package scenes

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// The race the scene animates, a few runs a frame, is exactly sim's race on
// matched streams: same runs, same outcomes, and the headline numbers of
// the landscape (quench at most 60%, annealing at least 95%).
func TestAnnealingRaceMatchesSim(t *testing.T) {
	a := newAnnealing(1).(*annealing)
	in := &ui.Fake{}
	ctx := testContext(in, nil)
	in.Key(ebiten.KeyA)
	frames := 0
	for !a.raceFinished() {
		step(t, a, ctx, in)
		frames++
		require.Less(t, frames, 2000)
	}
	assert.Greater(t, frames, 1, "the race is spread over frames")

	land := sim.AnnealingLandscape()
	want, err := sim.Race(sim.RaceConfig{Net: land.Net, Patterns: land.Patterns, Runs: land.Runs, Seed: 1,
		Strategies: []sim.Strategy{{Name: "quench", Schedule: land.Schedule(sim.Constant)}, {Name: "geometric", Schedule: land.Schedule(sim.Geometric)}}})
	require.NoError(t, err)
	for s := range want {
		for k := range want[s].Runs {
			require.Equal(t, want[s].Runs[k].Final, a.race[s].Runs[k].Final, "strategy %d run %d", s, k)
		}
	}
	q, _, _ := a.race[0].Rate()
	g, _, _ := a.race[1].Rate()
	assert.LessOrEqual(t, q, 0.6)
	assert.GreaterOrEqual(t, g, 0.95)

	rows, err := csv.NewReader(bytes.NewReader(a.raceCSV())).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, []string{"strategy", "run", "final_energy", "label"}, rows[0])
	assert.Len(t, rows, 1+2*land.Runs)
}

// A single descent replays run k of the race: the same start and seed give
// the same final state.
func TestAnnealingDescentIsRaceRun(t *testing.T) {
	a := newAnnealing(1).(*annealing)
	in := &ui.Fake{}
	ctx := testContext(in, nil)
	a.transport.Speed.Set(200)
	in.Key(ebiten.KeyD)
	for k := 0; k < 10 && a.result == ""; k++ {
		step(t, a, ctx, in)
	}
	require.NotEmpty(t, a.result)
	land := sim.AnnealingLandscape()
	want := sim.RaceRun(land.Net, land.Patterns, land.Schedule(sim.Geometric), 1, a.run, true)
	assert.Equal(t, want.Final, a.descent.Chain.State())
	assert.Equal(t, want.FinalEnergy, a.descent.E)
	assert.Equal(t, len(want.Energy), a.energy.Len()-2, "one point per sweep, plus the start and the polish")

	in.Key(ebiten.KeyP)
	step(t, a, ctx, in)
	assert.Equal(t, a.energy.Len(), a.pinE.Len())

	// An end temperature above the start is clamped, never a panic.
	a.t1.Set(10)
	a.t0.Set(0.1)
	a.startDescent()
	assert.NoError(t, a.descent.Schedule.Validate())
}

// The census panel's summary counts what the census found: on the T/L net
// every minimum is a memory or a mirror, and their basins hold every state.
func TestSummariseCensus(t *testing.T) {
	ps := sim.TL()
	net := sim.Hebbian(ps[0].Units, ps[1].Units)
	c := summariseCensus(net.Census(ps, 1), 512)
	assert.Equal(t, 4, c.minima)
	assert.Equal(t, 4, c.memories)
	assert.Equal(t, 0, c.spurious)
	assert.Equal(t, -36.0, c.memoryEnergy)
	assert.Equal(t, 1.0, c.memoryShare)
	assert.Equal(t, []float64{-36}, c.energies)
	assert.Equal(t, []int{4}, c.counts)
	assert.Equal(t, 4, c.peak)

	land := sim.AnnealingLandscape()
	mins := land.Net.Census(land.Patterns, 0)
	c = summariseCensus(mins, 1<<land.Net.N)
	assert.Equal(t, 1152, c.minima)
	assert.Equal(t, 4, c.memories)
	assert.Equal(t, 1148, c.spurious)
	assert.Equal(t, -88.0, c.spuriousTop)
	total := 0
	for _, n := range c.counts {
		total += n
	}
	assert.Equal(t, c.minima, total)
}
