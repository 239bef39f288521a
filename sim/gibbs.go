package sim

import (
	"fmt"
	"math/rand/v2"
)

// Sampler runs a Gibbs chain and counts the state it is in after every
// sweep, building the empirical distribution that the exact one is compared
// with. Counting once per sweep rather than after every unit update wastes
// less work on counts that are nearly copies of the one before.
//
// The temperature, weights and state may be changed through Chain as its
// doc allows, keeping the number of units; counts gathered under the old
// settings stay until Reset.
type Sampler struct {
	Chain  *Chain
	Counts []int // Counts[idx]: sweeps that ended in state idx
	Sweeps int   // sweeps counted, the sum of Counts
}

// NewSampler returns a sampler whose chain starts from a copy of s at
// temperature T, with no counts yet. It panics if len(s) != net.N or N
// exceeds MaxExactUnits.
func NewSampler(net *Net, s []int8, T float64, rng *rand.Rand) *Sampler {
	if net.N > MaxExactUnits {
		panic(fmt.Sprintf("sim: %d units is too many for a histogram of states (at most %d)", net.N, MaxExactUnits))
	}
	return &Sampler{
		Chain:  NewChain(net, s, T, rng),
		Counts: make([]int, 1<<uint(net.N)),
	}
}

// Run makes the given number of sweeps, counting the state after each.
func (g *Sampler) Run(sweeps int) {
	for range sweeps {
		g.Chain.Sweep()
		g.Counts[IndexOf(g.Chain.State())]++
	}
	g.Sweeps += max(sweeps, 0)
}

// Reset forgets every count but leaves the chain where it is, so a new
// histogram starts from a state already typical of the old settings.
func (g *Sampler) Reset() {
	clear(g.Counts)
	g.Sweeps = 0
}

// Empirical writes into dst, and returns, the fraction of counted sweeps
// that ended in each state. dst is grown if it is too short; nil is fine.
// Before any sweep is counted every entry is 0, not a distribution.
func (g *Sampler) Empirical(dst []float64) []float64 {
	dst = floatsOfLen(dst, len(g.Counts))
	if g.Sweeps == 0 {
		clear(dst)
		return dst
	}
	// Dividing rather than multiplying by 1/Sweeps makes a count of 3 in
	// 1000 exactly the float64 nearest 0.003, which is what gets printed.
	total := float64(g.Sweeps)
	for i, c := range g.Counts {
		dst[i] = float64(c) / total
	}
	return dst
}
