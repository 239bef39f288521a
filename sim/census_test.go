package sim

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomPatterns returns p random ±1 patterns of n units named P0, P1, ….
func randomPatterns(p, n int, rng *rand.Rand) []Pattern {
	ps := make([]Pattern, p)
	for k := range ps {
		ps[k] = Pattern{Name: "P" + string(rune('0'+k)), Units: make([]int8, n)}
		RandomState(ps[k].Units, rng)
	}
	return ps
}

// integerNet returns a network with small random integer weights and, when
// biased, integer biases: many exact ties, which the census must break as
// Descend does.
func integerNet(n int, biased bool, rng *rand.Rand) *Net {
	net := NewNet(n)
	for i := range n {
		if biased {
			net.B[i] = float64(rng.IntN(5) - 2)
		}
		for j := i + 1; j < n; j++ {
			net.SetWeight(i, j, float64(rng.IntN(5)-2))
		}
	}
	return net
}

func scaled(net *Net, f float64) *Net {
	c := net.Clone()
	for i := range c.W {
		c.W[i] *= f
	}
	for i := range c.B {
		c.B[i] *= f
	}
	return c
}

// The census must agree with the slow reference, Attractors and
// LocalMinima, minimum for minimum and basin for basin, on networks with
// ties (integer weights, with and without biases), with real weights, and
// whatever the number of workers.
func TestCensusMatchesAttractors(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	tl, tlPatterns := tlNet()
	type tc struct {
		name     string
		net      *Net
		patterns []Pattern
	}
	cases := []tc{{"TL", tl, tlPatterns}}
	for _, n := range []int{1, 2, 5, 10, 13} {
		ps := randomPatterns(3, n, rng)
		units := make([][]int8, len(ps))
		for k := range ps {
			units[k] = ps[k].Units
		}
		biased := integerNet(n, true, rng)
		cases = append(cases,
			tc{"hebbian", Hebbian(units...), ps},
			tc{"integer", integerNet(n, false, rng), ps},
			tc{"integer-biased", biased, ps},
			// Weights too large for packed lanes take the general path, exact
			// ties and all.
			tc{"integer-large", scaled(biased, 5000), ps},
			tc{"real", randomNet(n, rng), ps})
	}
	for _, c := range cases {
		require.Equal(t, c.name == "integer-large" || c.name == "real", newCensus(c.net).packed == nil, c.name)
		att := c.net.Attractors()
		want := map[uint64]int{}
		for _, a := range att {
			want[uint64(a)]++
		}
		require.Len(t, want, len(c.net.LocalMinima()), c.name)
		for _, workers := range []int{1, 2, 3} {
			got := Census(c.net, c.patterns, workers)
			require.Len(t, got, len(want), "%s N=%d", c.name, c.net.N)
			s := make([]int8, c.net.N)
			for k, m := range got {
				assert.Equal(t, want[m.State], m.Basin, "%s N=%d minimum %d", c.name, c.net.N, m.State)
				StateOf(s, m.State)
				assert.Equal(t, c.net.Energy(s), m.Energy)
				assert.Equal(t, Classify(s, c.patterns), m.Match)
				if k > 0 {
					assert.LessOrEqual(t, got[k-1].Energy, m.Energy, "sorted by energy")
				}
			}
		}
	}
}

// A census of a fully connected Hebbian network of 25 units, the heavier
// kind (every unit coupled to 24 others).
func BenchmarkCensusHebbian25(b *testing.B) {
	ps := randomPatterns(3, 25, rand.New(rand.NewPCG(7, 7)))
	net := Hebbian(ps[0].Units, ps[1].Units, ps[2].Units)
	for b.Loop() {
		Census(net, ps, 0)
	}
}

// The annealing landscape's census, 2^20 states.
func BenchmarkCensusLandscape(b *testing.B) {
	l := AnnealingLandscape()
	for b.Loop() {
		Census(l.Net, l.Patterns, 0)
	}
}

// The census of a 5×5 grid storing X and O with neighbour-only weights:
// 2^25 states, with many exact ties.
func BenchmarkCensusGrid25(b *testing.B) {
	ps := []Pattern{
		MustPattern("X", "#...#|.#.#.|..#..|.#.#.|#...#"),
		MustPattern("O", ".###.|#...#|#...#|#...#|.###."),
	}
	net := GridHebbian(5, 5, ps[0].Units, ps[1].Units)
	for b.Loop() {
		Census(net, ps, 0)
	}
}

// The annealing landscape's disconnectivity graph, 2^20 states, on one
// thread as in a browser.
func BenchmarkDisconnectivityLandscape(b *testing.B) {
	l := AnnealingLandscape()
	for b.Loop() {
		l.Net.Disconnectivity(l.Patterns)
	}
}

// A paced census calls its pause between pieces of work and finds exactly
// what the unpaced one finds.
func TestCensusPaced(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	ps := randomPatterns(3, 14, rng)
	units := make([][]int8, len(ps))
	for k := range ps {
		units[k] = ps[k].Units
	}
	for _, net := range []*Net{Hebbian(units...), randomNet(14, rng)} {
		pauses := 0
		got := CensusPaced(net, ps, 1, func() { pauses++ })
		assert.Equal(t, Census(net, ps, 2), got)
		assert.Greater(t, pauses, 10)
	}
}
