package scenes

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/sim"
)

// The race the scene animates as it runs is exactly sim's race on
// matched streams: same runs, same outcomes, and the headline numbers of
// the landscape (quench at most 60%, annealing at least 95%), which the
// caption quotes exactly.
func TestAnnealingRaceMatchesSim(t *testing.T) {
	h := newHarness(t, "annealing", 1280, 800)
	a, in := h.s.(*annealing), h.in
	in.Key(ebiten.KeyA)
	// The race runs beside the frames; the frames pick its runs up.
	frames := 0
	for start := time.Now(); !a.raceFinished(); frames++ {
		require.Less(t, time.Since(start), time.Minute)
		h.step(t)
		h.draw()
		time.Sleep(time.Millisecond)
	}
	assert.Greater(t, frames, 1, "the race is drawn as it runs")

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
	// The caption quotes this race's rates, letters and inverses counted.
	assert.Equal(t, fmt.Sprintf("%.1f%%", 100*q), annealingQuenchRate)
	assert.Equal(t, fmt.Sprintf("%.1f%%", 100*g), annealingCoolRate)
	assert.Contains(t, a.Caption(), annealingQuenchRate+" of 200 quenches")
	assert.Contains(t, a.Caption(), "a stored letter or its inverse")
	inverses := 0
	for _, run := range a.race[1].Runs {
		if run.Match.Inverse {
			inverses++
		}
	}
	assert.Greater(t, inverses, a.race[1].Successes()/3, "many successes are inverses, so the caption must count them")

	rows, err := csv.NewReader(bytes.NewReader(a.raceCSV())).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, []string{"strategy", "run", "final_energy", "label"}, rows[0])
	assert.Len(t, rows, 1+2*land.Runs)
}

// A single descent replays run k of the race: the same start and seed give
// the same final state.
func TestAnnealingDescentIsRaceRun(t *testing.T) {
	h := newHarness(t, "annealing", 1280, 800)
	a, in := h.s.(*annealing), h.in
	a.transport.Speed.Set(200)
	in.Key(ebiten.KeyD)
	for k := 0; k < 10 && a.result == ""; k++ {
		h.step(t)
	}
	require.NotEmpty(t, a.result)
	status, _ := a.status()
	assert.Equal(t, 1, strings.Count(status, "E ="), "the energy is shown once: %q", status)
	land := sim.AnnealingLandscape()
	want := sim.RaceRun(land.Net, land.Patterns, land.Schedule(sim.Geometric), 1, a.run, true)
	assert.Equal(t, want.Final, a.descent.Chain.State())
	assert.Equal(t, want.FinalEnergy, a.descent.E)
	assert.Equal(t, len(want.Energy), a.energy.Len()-2, "one point per sweep, plus the start and the polish")

	in.Key(ebiten.KeyP)
	h.step(t)
	assert.Equal(t, a.energy.Len(), a.pinE.Len())

	// A quench soon sticks in a spurious valley, and says its energy once.
	in.Key(ebiten.KeyQ)
	h.step(t)
	for k := 0; k < 20; k++ {
		in.Key(ebiten.KeyD)
		h.step(t)
		for j := 0; j < 10 && a.result == ""; j++ {
			h.step(t)
		}
		if a.result != "" && !a.resultOK {
			break
		}
	}
	require.NotEmpty(t, a.result)
	require.False(t, a.resultOK, "some quench ends in a spurious valley")
	status, _ = a.status()
	assert.Equal(t, 1, strings.Count(status, "E ="), "the energy is shown once: %q", status)
	assert.Contains(t, status, "spurious valley")

	// An end temperature above the start is clamped, never a panic.
	a.t1.Set(10)
	a.t0.Set(0.1)
	a.startDescent()
	assert.NoError(t, a.descent.Schedule.Validate())
}

// The census panel's summary counts what the census found: on the T/L net
// The disconnectivity graph is not started by the constructor, is computed
// once per process however many scenes ask, and is sim's own.
func TestAnnealingGraphIsSharedAndSims(t *testing.T) {
	land := sim.AnnealingLandscape()
	if land.Net.N > sim.MaxExactUnits {
		t.Skip("the landscape is too big for exact enumeration")
	}
	a := newAnnealing(1).(*annealing)
	assert.Nil(t, a.graphJob, "nothing starts in the constructor")
	h := newHarness(t, "annealing", 1280, 800)
	b := h.s.(*annealing)
	h2 := newHarness(t, "annealing", 390, 844)
	assert.Same(t, b.graphJob.task, h2.s.(*annealing).graphJob.task, "one computation per process")
	for k := 0; b.graph == nil; k++ {
		require.Less(t, k, 20000)
		h.step(t)
	}
	want := land.Net.Disconnectivity(land.Patterns)
	assert.Equal(t, want.Valleys, b.graph.Valleys)
	assert.Equal(t, want.Nodes, b.graph.Nodes)
}

// On a 1280×800 screen the whole scene fits without scrolling once the
// graph and its caption are in, so nothing is cut off at the bottom: not
// the race's histogram, not the graph's caption.
func TestAnnealingFitsLaptopScreen(t *testing.T) {
	h := newHarness(t, "annealing", 1280, 800)
	a := h.s.(*annealing)
	if a.land.Net.N > sim.MaxExactUnits {
		t.Skip("the landscape is too big for exact enumeration")
	}
	for k := 0; a.graph == nil; k++ {
		require.Less(t, k, 20000)
		h.step(t)
	}
	a.startRace()
	h.step(t)
	h.draw()
	assert.Equal(t, 0.0, h.m.overflow())
	assert.LessOrEqual(t, a.graphText.Bottom(), a.graphPanel.Rect().Bottom())
	assert.LessOrEqual(t, a.raceBox.Bottom(), a.racePanel.Rect().Bottom())
}
