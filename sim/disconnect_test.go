package sim

import (
	"container/heap"
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bottleneck returns, for every state, the lowest possible highest energy
// on a path of single flips from src to it: a Dijkstra search in which a
// path costs its highest energy instead of its length. It knows nothing of
// union–find or trees, which is the point.
func bottleneck(net *Net, energies []float64, src uint64) []float64 {
	best := make([]float64, len(energies))
	for i := range best {
		best[i] = math.Inf(1)
	}
	best[src] = energies[src]
	q := &minimaxQueue{{src, energies[src]}}
	for q.Len() > 0 {
		it := heap.Pop(q).(minimaxItem)
		if it.cost > best[it.x] {
			continue
		}
		for i := range net.N {
			y := it.x ^ 1<<uint(i)
			if c := max(it.cost, energies[y]); c < best[y] {
				best[y] = c
				heap.Push(q, minimaxItem{y, c})
			}
		}
	}
	return best
}

type minimaxItem struct {
	x    uint64
	cost float64
}

type minimaxQueue []minimaxItem

func (q minimaxQueue) Len() int           { return len(q) }
func (q minimaxQueue) Less(i, j int) bool { return q[i].cost < q[j].cost }
func (q minimaxQueue) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *minimaxQueue) Push(x any)        { *q = append(*q, x.(minimaxItem)) }
func (q *minimaxQueue) Pop() any {
	old := *q
	it := old[len(old)-1]
	*q = old[:len(old)-1]
	return it
}

// bruteBarrier is Valley.Barrier by its definition: the lowest climb from
// minimum m to any strictly lower state; failing that, to another minimum
// exactly as deep; failing that, to any other minimum.
func bruteBarrier(net *Net, energies []float64, mins []uint64, m uint64) float64 {
	best := bottleneck(net, energies, m)
	e := energies[m]
	lower, equal, other := math.Inf(1), math.Inf(1), math.Inf(1)
	for x, c := range best {
		if energies[x] < e {
			lower = min(lower, c)
		}
	}
	for _, y := range mins {
		if y == m {
			continue
		}
		if energies[y] == e {
			equal = min(equal, best[y])
		}
		other = min(other, best[y])
	}
	switch {
	case !math.IsInf(lower, 1):
		return lower - e
	case !math.IsInf(equal, 1):
		return equal - e
	}
	return other - e
}

// On random networks with real weights (no ties, so every minimum is
// strict) the graph must agree with brute force everywhere: its valleys
// are the local minima, every barrier is the minimax climb, every junction
// is the minimax saddle between the valleys it joins, and every state is
// located on the branch of exactly the valleys it can reach without
// climbing above its own energy.
func TestDisconnectivityMatchesBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for trial := range 12 {
		n := 6 + trial%6
		net := randomNet(n, rng)
		if trial%3 == 0 {
			clear(net.B) // inverse pairs: the deepest minima come in twos
		}
		d := net.Disconnectivity(nil)
		energies := make([]float64, 1<<n)
		net.Energies(energies)
		mins := net.LocalMinima()
		require.Len(t, d.Valleys, len(mins), "trial %d", trial)
		states := make([]uint64, len(d.Valleys))
		s := make([]int8, n)
		for k, v := range d.Valleys {
			states[k] = v.State
			if k > 0 {
				prev := d.Valleys[k-1]
				require.True(t, prev.Energy < v.Energy || prev.Energy == v.Energy && prev.State < v.State)
			}
			require.Equal(t, energies[v.State], v.Energy)
			require.Equal(t, k, d.Nodes[v.Node].Valley)
			StateOf(s, v.State)
			require.Greater(t, v.Rise, 0.0)
			require.InDelta(t, bruteBarrier(net, energies, mins, v.State), v.Barrier, 1e-9, "trial %d valley %d", trial, k)
			require.InDelta(t, v.Barrier, d.Barrier(v.State), 0)
			if !math.IsInf(v.Barrier, 1) {
				require.InDelta(t, v.Energy+v.Barrier, energies[v.Saddle], 1e-9)
			}
		}
		slices.Sort(states)
		require.Equal(t, mins, states)

		// Pairwise saddles, from each valley's minimax table.
		for a := range d.Valleys {
			best := bottleneck(net, energies, d.Valleys[a].State)
			for b := range d.Valleys {
				require.InDelta(t, best[d.Valleys[b].State], d.Saddle(a, b), 1e-9, "trial %d valleys %d, %d", trial, a, b)
			}
		}
		checkTree(t, d)

		// Every state: the valleys it reaches without climbing above its
		// own energy are the valleys under its node.
		for x := range uint64(1) << n {
			node := d.Locate(x)
			require.LessOrEqual(t, d.Nodes[node].Energy, energies[x])
			if p := d.Nodes[node].Parent; p >= 0 {
				require.LessOrEqual(t, energies[x], d.Nodes[p].Energy)
			}
			if x%7 != 0 {
				continue // the full reachability check is slow; sample it
			}
			best := bottleneck(net, energies, x)
			under := map[int]bool{}
			var collect func(int)
			collect = func(k int) {
				if v := d.Nodes[k].Valley; v >= 0 {
					under[v] = true
				}
				for _, c := range d.Nodes[k].Children {
					collect(c)
				}
			}
			collect(node)
			for k, v := range d.Valleys {
				require.Equal(t, best[v.State] <= energies[x], under[k], "trial %d state %d valley %d", trial, x, k)
			}
		}
	}
}

// checkTree checks the tree's shape: one root, children before parents,
// junctions above their children, parents and children agreeing, each
// junction's deepest valley the deepest of its children's, and leaf
// positions 0…L−1 with every junction inside its children's span.
func checkTree(t *testing.T, d *Disconnectivity) {
	t.Helper()
	roots, leaves := 0, 0
	var pos []float64
	for k, nd := range d.Nodes {
		if nd.Parent < 0 {
			roots++
			require.Equal(t, d.Root, k)
		} else {
			require.Greater(t, nd.Parent, k)
			require.Contains(t, d.Nodes[nd.Parent].Children, k)
		}
		if nd.Valley >= 0 {
			leaves++
			require.Nil(t, nd.Children)
			require.Equal(t, nd.Valley, nd.Lowest)
			pos = append(pos, nd.Pos)
			continue
		}
		require.GreaterOrEqual(t, len(nd.Children), 2)
		require.Equal(t, d.Nodes[nd.Children[0]].Lowest, nd.Lowest)
		for i, c := range nd.Children {
			require.Equal(t, k, d.Nodes[c].Parent)
			require.LessOrEqual(t, d.Nodes[c].Energy, nd.Energy)
			require.LessOrEqual(t, d.Valleys[nd.Lowest].Energy, d.Valleys[d.Nodes[c].Lowest].Energy)
			if i > 0 {
				require.Less(t, d.Nodes[nd.Children[i-1]].Pos, d.Nodes[c].Pos)
			}
		}
		require.True(t, d.Nodes[nd.Children[0]].Pos <= nd.Pos && nd.Pos <= d.Nodes[nd.Children[len(nd.Children)-1]].Pos)
	}
	require.Equal(t, 1, roots)
	require.Equal(t, len(d.Valleys), leaves)
	slices.Sort(pos)
	for i, p := range pos {
		require.Equal(t, float64(i), p)
	}
}

// Networks with integer weights have ties: flat valleys, and minima with a
// free way down. The barrier of every local minimum Census lists must
// still be the brute-force climb to a strictly lower state, 0 for a ledge.
func TestDisconnectivityWithTies(t *testing.T) {
	tl, ps := tlNet()
	grid := GridHebbian(3, 4, MustPattern("a", "##..|##..|....").Units, MustPattern("b", "#.#.|.#.#|#.#.").Units)
	for _, net := range []*Net{tl, grid} {
		d := net.Disconnectivity(nil)
		checkTree(t, d)
		energies := make([]float64, 1<<net.N)
		emin := net.Energies(energies)
		for _, m := range net.LocalMinima() {
			best := bottleneck(net, energies, m)
			lower := math.Inf(1)
			for x, c := range best {
				if energies[x] < energies[m] {
					lower = min(lower, c)
				}
			}
			if energies[m] == emin {
				continue
			}
			require.Equal(t, lower-energies[m], d.Barrier(m), "state %d", m)
		}
		s := make([]int8, net.N)
		for _, v := range d.Valleys {
			StateOf(s, v.State)
			require.Equal(t, net.MinFlipRise(s), v.Rise)
		}
	}
	d := tl.Disconnectivity(ps)
	// T, L and their inverses are the only minima, all equally deep.
	require.Len(t, d.Valleys, 4)
	for _, v := range d.Valleys {
		assert.NotEqual(t, None, v.Match)
		assert.Positive(t, v.Barrier)
	}
	assert.Panics(t, func() { d.Barrier(1) }, "state 1 of the T/L network is not a minimum")
	assert.Panics(t, func() { d.Locate(512) })
}

func TestDisconnectivityCancels(t *testing.T) {
	net := randomNet(16, rand.New(rand.NewPCG(3, 4)))
	ctx, cancel := context.WithCancel(context.Background())
	pauses := 0
	d, err := net.DisconnectivityPaced(ctx, nil, func() {
		if pauses++; pauses == 3 {
			cancel()
		}
	}, nil)
	assert.Nil(t, d)
	assert.ErrorIs(t, err, context.Canceled)
	pauses = 0
	var done []float64
	d, err = net.DisconnectivityPaced(context.Background(), nil, func() { pauses++ }, func(f float64) { done = append(done, f) })
	require.NoError(t, err)
	assert.Greater(t, pauses, 3)
	assert.Equal(t, net.Disconnectivity(nil).Valleys, d.Valleys)
	// Progress climbs from near 0 to exactly 1, never back, through
	// values in between.
	require.Greater(t, len(done), 3)
	assert.Less(t, done[0], 0.5)
	assert.Equal(t, 1.0, done[len(done)-1])
	assert.True(t, slices.IsSorted(done), "progress never goes back: %v", done)
	assert.True(t, slices.ContainsFunc(done, func(f float64) bool { return f > 0.5 && f < 1 }), "the walk reports its part: %v", done)
	one := NewNet(1)
	one.B[0] = 1
	d = one.Disconnectivity(nil)
	require.Len(t, d.Valleys, 1)
	assert.True(t, math.IsInf(d.Valleys[0].Barrier, 1))
	assert.Equal(t, 0, d.Root)
	assert.Panics(t, func() { NewNet(MaxExactUnits + 1).Disconnectivity(nil) })
}
