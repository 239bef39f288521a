package sim

import (
	"container/heap"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// barrierSearch finds, by its definition and nothing else, how far a walk
// of single flips from the minimum m must climb to reach a state of lower
// energy: a minimax Dijkstra search, in which a path costs the highest
// energy on it, that stops at the first lower state it takes off the
// queue. States come off in order of cost, so that state's cost is the
// lowest possible. When no state is lower (m's energy is floor, the lowest
// of all) it stops instead at the first other local minimum exactly as
// deep. It returns the climb, the cost minus m's energy. best and stamp
// are scratch space of 2^N entries, reused from call to call: best[x]
// holds for call gen only when stamp[x] == gen.
func barrierSearch(net *Net, energies []float64, isMin []bool, floor float64, m uint64, best []float64, stamp []int32, gen int32) float64 {
	e := energies[m]
	deepest := e == floor
	cost := func(x uint64) float64 {
		if stamp[x] != gen {
			return math.Inf(1)
		}
		return best[x]
	}
	best[m], stamp[m] = e, gen
	q := &minimaxQueue{{m, e}}
	for q.Len() > 0 {
		it := heap.Pop(q).(minimaxItem)
		if it.cost > cost(it.x) {
			continue
		}
		if energies[it.x] < e || deepest && it.x != m && isMin[it.x] && energies[it.x] == e {
			return it.cost - e
		}
		for i := range net.N {
			y := it.x ^ 1<<uint(i)
			if c := max(it.cost, energies[y]); c < cost(y) {
				best[y], stamp[y] = c, gen
				heap.Push(q, minimaxItem{y, c})
			}
		}
	}
	return math.Inf(1)
}

// The barrier column the census prints for the shipped annealing landscape
// (from the disconnectivity graph's union–find walk) agrees, for every one
// of its 28 minima, with an independent minimax search over all 2^20
// states: the lowest possible highest energy on a path of single flips
// from the minimum to any lower state, less the minimum's energy (for U
// and its inverse, which have nothing below them, to the other one). The
// minima themselves are found again by testing every state.
func TestAnnealingBarriersByMinimaxSearch(t *testing.T) {
	start := time.Now()
	l := AnnealingLandscape()
	net := l.Net
	n := uint64(1) << uint(net.N)
	energies := make([]float64, n)
	net.Energies(energies)
	isMin := make([]bool, n)
	var mins []uint64
	s := make([]int8, net.N)
	for x := range n {
		StateOf(s, x)
		if net.IsLocalMin(s) {
			isMin[x] = true
			mins = append(mins, x)
		}
	}
	census := Census(net, l.Patterns, 0)
	require.Len(t, census, len(mins))
	require.Len(t, census, 28)
	d := net.Disconnectivity(l.Patterns)
	deepest := energies[census[0].State]
	for _, m := range census {
		deepest = min(deepest, m.Energy)
	}
	lowest := math.Inf(1)
	for _, e := range energies {
		lowest = min(lowest, e)
	}
	require.Equal(t, lowest, deepest, "the deepest minimum is the lowest state")

	best := make([]float64, n)
	stamp := make([]int32, n)
	spurious, lo, hi := 0, math.Inf(1), 0.0
	for k, m := range census {
		require.True(t, isMin[m.State], "census minimum %d is a local minimum", m.State)
		want := barrierSearch(net, energies, isMin, lowest, m.State, best, stamp, int32(k+1))
		assert.Equal(t, want, d.Barrier(m.State), "minimum %d (%s, E = %g)", m.State, m.Match.Label(l.Patterns), m.Energy)
		assert.Equal(t, want, d.Valleys[k].Barrier, "valley %d", k)
		if m.Match == None {
			spurious++
			assert.Positive(t, want, "a spurious minimum is a real valley")
			lo, hi = min(lo, want), max(hi, want)
		}
	}
	assert.Equal(t, 24, spurious)
	assert.Equal(t, [2]float64{2, 14}, [2]float64{lo, hi}, "the spurious barriers the README quotes")
	assert.Equal(t, 102.0, barrierSearch(net, energies, isMin, lowest, census[0].State, best, stamp, 100), "U to its inverse")
	t.Logf("28 barriers searched in %v", time.Since(start))
}
