package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGridHebbian(t *testing.T) {
	l := AnnealingLandscape()
	net := l.Net
	require.NoError(t, net.Validate())
	require.Equal(t, l.Rows*l.Cols, net.N)
	x, o := l.Patterns[0].Units, l.Patterns[1].Units
	neighbours := 0
	for i := range net.N {
		assert.Zero(t, net.B[i])
		for j := range net.N {
			dr, dc := i/5-j/5, i%5-j%5
			if i != j && dr*dr <= 1 && dc*dc <= 1 {
				neighbours++
				assert.Equal(t, float64(x[i]*x[j]+o[i]*o[j]), net.Weight(i, j), "%d–%d", i, j)
			} else {
				assert.Zero(t, net.Weight(i, j), "%d–%d are not neighbours", i, j)
			}
		}
	}
	// 5×5 king's-move pairs: 2·(5·4) side by side and above, 2·(4·4) diagonal.
	assert.Equal(t, 2*72, neighbours)
	assert.Panics(t, func() { GridHebbian(3, 3, x) })
	assert.Panics(t, func() { GridHebbian(5, 5) })
}

// The claim, at the scene's defaults with the default seed: 200
// runs each, greedy descent reaches a memory (or its mirror) in at most
// 60% of runs and geometric cooling in at least 95%; the intervals do not
// even overlap.
func TestAnnealingBeatsQuench(t *testing.T) {
	l := AnnealingLandscape()
	res, err := Race(RaceConfig{Net: l.Net, Patterns: l.Patterns, Strategies: l.Strategies(), Runs: l.Runs, Seed: l.Seed})
	require.NoError(t, err)
	quench, anneal := &res[0], &res[1]
	require.Equal(t, Constant, quench.Strategy.Schedule.Cooling)
	require.Equal(t, 200, len(quench.Runs))
	q, _, qHi := quench.Rate()
	a, aLo, _ := anneal.Rate()
	t.Logf("quench %.3f, annealing %.3f", q, a)
	assert.LessOrEqual(t, q, 0.60)
	assert.GreaterOrEqual(t, a, 0.95)
	assert.Less(t, qHi, aLo)
	assert.Less(t, anneal.MeanFinalEnergy(), quench.MeanFinalEnergy())
}

// The landscape must be what its comment says: every state in exactly one
// basin, no listed minimum with a lower single-flip neighbour, X, O and
// their mirrors strictly the deepest minima, and many shallower spurious
// ones taking most of the states.
func TestAnnealingLandscapeCensus(t *testing.T) {
	if testing.Short() {
		t.Skip("enumerates 2^25 states")
	}
	l := AnnealingLandscape()
	net := l.Net
	mins := net.Census(l.Patterns, 0)
	total, memoryStates, spurious := 0, 0, 0
	s := make([]int8, net.N)
	for k, m := range mins {
		require.Positive(t, m.Basin, "a minimum lies in its own basin")
		total += m.Basin
		StateOf(s, m.State)
		require.Equal(t, net.Energy(s), m.Energy)
		for i := range s {
			s[i] = -s[i]
			require.GreaterOrEqual(t, net.Energy(s), m.Energy, "minimum %d has a lower neighbour", m.State)
			s[i] = -s[i]
		}
		if k < 4 {
			require.NotEqual(t, None, m.Match, "the four deepest minima are the memories")
			memoryStates += m.Basin
		} else {
			require.Equal(t, None, m.Match)
			require.Less(t, mins[3].Energy, m.Energy, "spurious minima are shallower")
			spurious++
		}
	}
	require.Equal(t, 1<<net.N, total, "the basins cover every state once")
	assert.Equal(t, -96.0, mins[0].Energy)
	assert.Equal(t, -88.0, mins[4].Energy)
	assert.Equal(t, 1148, spurious)
	assert.Less(t, float64(memoryStates)/float64(total), 0.25)
}
