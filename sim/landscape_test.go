package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGridHebbian(t *testing.T) {
	x := MustPattern("X", "#...#|.#.#.|..#..|.#.#.|#...#").Units
	o := MustPattern("O", ".###.|#...#|#...#|#...#|.###.").Units
	net := GridHebbian(5, 5, x, o)
	require.NoError(t, net.Validate())
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

// The landscape is what its comment says: letters stored twice and noise
// once, every weight odd, so no field is ever zero.
func TestAnnealingLandscapeWeights(t *testing.T) {
	l := AnnealingLandscape()
	net := l.Net
	require.NoError(t, net.Validate())
	require.Equal(t, l.Rows*l.Cols, net.N)
	require.Len(t, l.Patterns, 2)
	require.Len(t, l.Crosstalk, 11)
	for i := range net.N {
		assert.Zero(t, net.B[i])
		for j := range net.N {
			if i == j {
				continue
			}
			w := 2 * (l.Patterns[0].Units[i]*l.Patterns[0].Units[j] + l.Patterns[1].Units[i]*l.Patterns[1].Units[j])
			for _, p := range l.Crosstalk {
				w += p.Units[i] * p.Units[j]
			}
			require.Equal(t, float64(w), net.Weight(i, j))
			require.Equal(t, 1, abs(int(w))%2, "w_%d,%d = %d is odd", i, j, w)
		}
	}
	// Nineteen odd terms make an odd field, whatever the state.
	require.Equal(t, 1, (net.N-1)%2)
	rng := rand.New(rand.NewPCG(8, 8))
	s := make([]int8, net.N)
	for range 2000 {
		RandomState(s, rng)
		for i := range s {
			require.Equal(t, 1.0, math.Abs(math.Mod(net.Field(s, i), 2)))
		}
	}
}

// What the Annealing scene claims, at its defaults with the default seed: 200
// runs each, a quench held at T = 0 and one held at the schedules' end
// temperature reach a memory (or its inverse) in at most 60% of runs,
// geometric cooling in at least 95%, and the 95% intervals do not overlap.
func TestAnnealingBeatsQuench(t *testing.T) {
	l := AnnealingLandscape()
	require.Equal(t, 0.0, l.QuenchT)
	strategies := append(l.Strategies(Constant, Geometric), Strategy{"quench at T1", Quench(l.T1, l.Sweeps)})
	res, err := Race(RaceConfig{Net: l.Net, Patterns: l.Patterns, Strategies: strategies, Runs: l.Runs, Seed: l.Seed})
	require.NoError(t, err)
	require.Equal(t, 200, len(res[0].Runs))
	a, aLo, _ := res[1].Rate()
	assert.GreaterOrEqual(t, a, 0.95)
	for _, quench := range []*StrategyResult{&res[0], &res[2]} {
		q, _, qHi := quench.Rate()
		t.Logf("%s %.3f, geometric %.3f", quench.Strategy.Name, q, a)
		assert.LessOrEqual(t, q, 0.60)
		assert.Less(t, qHi, aLo)
		assert.Less(t, res[1].MeanFinalEnergy(), quench.MeanFinalEnergy())
	}
}

// The census: every state in exactly one basin, every minimum strict with
// a rise of at least 2, U, P and their inverses the four deepest, and every
// spurious minimum a real valley: its barrier, from the disconnectivity
// graph, is positive. The figures quoted in AnnealingLandscape's comment
// are checked here.
func TestAnnealingLandscapeCensus(t *testing.T) {
	l := AnnealingLandscape()
	net := l.Net
	mins := Census(net, l.Patterns, 0)
	d := net.Disconnectivity(l.Patterns)
	require.Len(t, d.Valleys, len(mins), "every minimum is a valley of its own")
	total := 0
	s := make([]int8, net.N)
	minBarrier, maxBarrier := math.Inf(1), 0.0
	for k, m := range mins {
		require.Positive(t, m.Basin, "a minimum lies in its own basin")
		total += m.Basin
		StateOf(s, m.State)
		require.Equal(t, net.Energy(s), m.Energy)
		require.GreaterOrEqual(t, net.MinFlipRise(s), 2.0, "minimum %d", m.State)
		v := d.Valleys[k]
		require.Equal(t, m.State, v.State)
		require.Equal(t, v.Barrier, d.Barrier(m.State))
		if k < 4 {
			require.NotEqual(t, None, m.Match, "the four deepest minima are the memories")
			continue
		}
		require.Equal(t, None, m.Match)
		require.Less(t, mins[3].Energy, m.Energy, "spurious minima are shallower")
		minBarrier, maxBarrier = min(minBarrier, v.Barrier), max(maxBarrier, v.Barrier)
	}
	require.Equal(t, 1<<net.N, total, "the basins cover every state once")
	assert.Len(t, mins, 28)
	assert.Equal(t, [4]float64{-312, -312, -288, -288}, [4]float64{mins[0].Energy, mins[1].Energy, mins[2].Energy, mins[3].Energy})
	assert.Equal(t, "U", mins[0].Match.Label(l.Patterns))
	assert.Equal(t, "P", mins[2].Match.Label(l.Patterns))
	assert.Equal(t, -282.0, mins[4].Energy)
	assert.Equal(t, -184.0, mins[len(mins)-1].Energy)
	assert.Equal(t, 2.0, minBarrier)
	assert.Equal(t, 14.0, maxBarrier)
	assert.Equal(t, 102.0, d.Valleys[0].Barrier, "U climbs to its inverse")
	assert.Equal(t, 48.0, d.Valleys[2].Barrier, "P climbs to U")
	checkTree(t, d)
}

// A quench does as well as cooling only at the right temperature: held at
// T = 3 and then polished it ends in a letter or its inverse at least as
// often as 95 runs in 100, held at T = 1 about as often as at T = 0, and
// held hot at T = 10 less often than geometric cooling. The Annealing
// scene's help says so.
func TestWarmQuenchNeedsTheRightTemperature(t *testing.T) {
	l := AnnealingLandscape()
	var strategies []Strategy
	for _, T := range []float64{0, 1, 3, 10} {
		strategies = append(strategies, Strategy{"quench", Quench(T, l.Sweeps)})
	}
	strategies = append(strategies, l.Strategies(Constant, Geometric)[1])
	res, err := Race(RaceConfig{Net: l.Net, Patterns: l.Patterns, Strategies: strategies, Runs: l.Runs, Seed: l.Seed})
	require.NoError(t, err)
	rate := func(k int) float64 { r, _, _ := res[k].Rate(); return r }
	t.Logf("quench at T = 0: %.3f, 1: %.3f, 3: %.3f, 10: %.3f; geometric %.3f", rate(0), rate(1), rate(2), rate(3), rate(4))
	assert.LessOrEqual(t, rate(1), 0.60)
	assert.LessOrEqual(t, math.Abs(rate(1)-rate(0)), 0.10, "at T = 1 nearly as often trapped as at T = 0")
	assert.GreaterOrEqual(t, rate(2), 0.95)
	assert.Less(t, rate(3), rate(4))
}
