package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func randomNet(n int, rng *rand.Rand) *Net {
	net := NewNet(n)
	for i := 0; i < n; i++ {
		net.B[i] = rng.NormFloat64()
		for j := i + 1; j < n; j++ {
			net.SetWeight(i, j, rng.NormFloat64())
		}
	}
	return net
}

func tlNet() (*Net, []Pattern) {
	ps := TL()
	return Hebbian(ps[0].Units, ps[1].Units), ps
}

// Energy must agree with the pairwise sum written out naively, and flipping
// unit i must change it by exactly 2 s_i h_i; ΔE_i is E(off) − E(on).
func TestEnergyAndDeltaE(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	net := randomNet(7, rng)
	require.NoError(t, net.Validate())
	s := make([]int8, 7)
	for idx := uint64(0); idx < 1<<7; idx++ {
		StateOf(s, idx)
		var naive float64
		for i := 0; i < 7; i++ {
			naive -= net.B[i] * float64(s[i])
			for j := i + 1; j < 7; j++ {
				naive -= net.Weight(i, j) * float64(s[i]) * float64(s[j])
			}
		}
		e := net.Energy(s)
		require.InDelta(t, naive, e, 1e-12)
		for i := 0; i < 7; i++ {
			old := s[i]
			s[i] = -1
			off := net.Energy(s)
			s[i] = 1
			on := net.Energy(s)
			s[i] = old
			require.InDelta(t, off-on, net.DeltaE(s, i), 1e-12)
		}
	}
}

func TestHebbianStoreAndForget(t *testing.T) {
	net, ps := tlNet()
	T, L := ps[0].Units, ps[1].Units
	for i := 0; i < 9; i++ {
		assert.Zero(t, net.Weight(i, i))
		for j := 0; j < 9; j++ {
			if i != j {
				assert.Equal(t, float64(T[i]*T[j]+L[i]*L[j]), net.Weight(i, j))
			}
		}
	}
	require.NoError(t, net.Validate())
	net.Unstore(L)
	assert.Equal(t, Hebbian(T).W, net.W)
	net.Forget()
	assert.Equal(t, make([]float64, 81), net.W)
}

// With only T and L stored, the only fixed points of zero-temperature
// dynamics in all 512 states are T, L and their inverses, and each
// draws exactly a quarter of the states under steepest descent.
func TestTLMinimaByEnumeration(t *testing.T) {
	net, ps := tlNet()
	mins := net.LocalMinima()
	require.Len(t, mins, 4)
	s := make([]int8, 9)
	seen := map[string]bool{}
	for _, m := range mins {
		StateOf(s, m)
		match := Classify(s, ps)
		require.NotEqual(t, None, match, "spurious minimum %s", String(s))
		seen[match.Label(ps)] = true
		assert.Equal(t, -36.0, net.Energy(s))
	}
	assert.Equal(t, map[string]bool{"T": true, "L": true, "inverse:T": true, "inverse:L": true}, seen)

	att := net.Attractors()
	basin := map[uint32]int{}
	for idx, a := range att {
		StateOf(s, uint64(a))
		require.True(t, net.IsLocalMin(s))
		require.LessOrEqual(t, net.Energy(s), energyOf(net, uint64(idx)))
		basin[a]++
	}
	for _, m := range mins {
		assert.Equal(t, 128, basin[uint32(m)])
		assert.Equal(t, uint32(m), att[m], "a minimum is its own attractor")
	}
}

func energyOf(net *Net, idx uint64) float64 {
	s := make([]int8, net.N)
	StateOf(s, idx)
	return net.Energy(s)
}

// A minimum found by enumeration has no single flip that lowers the energy,
// and every other state has one.
func TestLocalMinimaAgreeWithFlips(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	net := randomNet(8, rng)
	mins := map[uint64]bool{}
	for _, m := range net.LocalMinima() {
		mins[m] = true
	}
	for idx := uint64(0); idx < 256; idx++ {
		lower := false
		for i := 0; i < 8; i++ {
			if energyOf(net, idx^1<<uint(i)) < energyOf(net, idx) {
				lower = true
			}
		}
		assert.Equal(t, !lower, mins[idx], "state %d", idx)
	}
}

// At T = 0 the stochastic update is the Hopfield update, keeps a unit whose
// field is exactly zero, and takes exactly one number from the stream that
// it does not use.
func TestZeroTemperatureIsHopfield(t *testing.T) {
	net, _ := tlNet()
	rng := rand.New(rand.NewPCG(5, 6))
	ref := rand.New(rand.NewPCG(5, 6))
	a, b := make([]int8, 9), make([]int8, 9)
	ties := 0
	for idx := uint64(0); idx < 512; idx++ {
		for i := 0; i < 9; i++ {
			StateOf(a, idx)
			StateOf(b, idx)
			changed := net.UpdateDeterministic(a, i)
			u := net.UpdateStochastic(b, i, 0, rng)
			require.Equal(t, a, b)
			require.Equal(t, changed, u.Changed)
			require.Equal(t, NoDraw, u.Draw)
			if net.Field(a, i) == 0 {
				ties++
				StateOf(b, idx)
				require.Equal(t, b[i], a[i], "a tie keeps the unit")
			}
		}
	}
	require.Positive(t, ties, "the T/L network has ties to test")
	for range 512 * 9 {
		ref.Float64()
	}
	require.Equal(t, ref.Uint64(), rng.Uint64(), "T = 0 takes one number per update")
}

// Zero-temperature sweeps from any state never raise the energy and end in
// a local minimum (not always the one steepest descent finds, since the
// order of updates is random).
func TestZeroTemperatureDescends(t *testing.T) {
	net, _ := tlNet()
	rng := rand.New(rand.NewPCG(7, 8))
	s := make([]int8, 9)
	order := make([]int, 9)
	for idx := uint64(0); idx < 512; idx++ {
		StateOf(s, idx)
		e := net.Energy(s)
		for sweep := 0; sweep < 20; sweep++ {
			net.Sweep(s, 0, rng, order)
			e2 := net.Energy(s)
			require.LessOrEqual(t, e2, e)
			e = e2
		}
		require.True(t, net.IsLocalMin(s))
	}
}

// The frequency with which a unit turns on must match σ(ΔE/T). Each case
// takes 200 000 draws, so a 5-sigma band is under 0.006.
func TestStochasticMatchesSigmoid(t *testing.T) {
	net, ps := tlNet()
	s := make([]int8, 9)
	// From T every unit has a definite, nonzero field.
	copy(s, ps[0].Units)
	for _, T := range []float64{0.3, 1, 2, 5, 20} {
		for _, unit := range []int{0, 4, 8} {
			rng := rand.New(rand.NewPCG(uint64(T*100), uint64(unit)))
			dE := net.DeltaE(s, unit)
			p := Sigmoid(dE / T)
			const draws = 200000
			on := 0
			for k := 0; k < draws; k++ {
				c := append([]int8(nil), s...)
				if net.UpdateStochastic(c, unit, T, rng).On {
					on++
				}
			}
			sd := math.Sqrt(p * (1 - p) / draws)
			assert.InDelta(t, p, float64(on)/draws, 5*sd+1e-9, "T=%v unit %d ΔE=%v", T, unit, dE)
		}
	}
}

func TestPOnLimitsNeverNaN(t *testing.T) {
	temps := []float64{0, math.SmallestNonzeroFloat64, 1e-300, 1e-12, 0.2, 1, 1e12, 1e300, math.MaxFloat64, math.Inf(1), -1, math.NaN()}
	gaps := []float64{-math.MaxFloat64, -1e300, -4, -1e-300, 0, 1e-300, 4, 1e300, math.MaxFloat64}
	for _, T := range temps {
		for _, dE := range gaps {
			p := POn(dE, T)
			require.False(t, math.IsNaN(p), "POn(%v, %v)", dE, T)
			require.GreaterOrEqual(t, p, 0.0)
			require.LessOrEqual(t, p, 1.0)
		}
	}
	assert.Equal(t, 1.0, POn(4, 0))
	assert.Equal(t, 0.0, POn(-4, 0))
	assert.Equal(t, 0.5, POn(0, 0))
	assert.Equal(t, 0.5, POn(1e300, math.Inf(1)))
	assert.Equal(t, 1.0, POn(4, 1e-300), "tiny T is a step")
	assert.Equal(t, 0.0, POn(-4, 1e-300))
	assert.InDelta(t, 0.5, POn(4, 1e300), 1e-15, "huge T is a coin")
	assert.InDelta(t, 1/(1+math.Exp(-2)), POn(2, 1), 1e-15)
	assert.Equal(t, 1.0, Sigmoid(math.Inf(1)))
	assert.Equal(t, 0.0, Sigmoid(math.Inf(-1)))
	assert.InDelta(t, 1-Sigmoid(3), Sigmoid(-3), 1e-15, "σ(−x) = 1 − σ(x)")

	// A whole run at the extremes stays in ±1 and finite energy.
	net, _ := tlNet()
	for _, T := range temps {
		rng := rand.New(rand.NewPCG(9, 9))
		c := NewChain(net, TL()[0].Units, T, rng)
		for k := 0; k < 100; k++ {
			c.Step()
			u := c.Last
			require.False(t, math.IsNaN(u.POn) || math.IsNaN(u.Draw) || math.IsNaN(u.DeltaE))
		}
		for _, v := range c.State() {
			require.True(t, v == 1 || v == -1)
		}
		require.False(t, math.IsNaN(c.Energy()))
	}
}

// A fixed seed replays a run bit for bit; another seed does not.
func TestSeedReplays(t *testing.T) {
	net, ps := tlNet()
	run := func(seed uint64) ([]Update, []int8) {
		rng := rand.New(rand.NewPCG(seed, 0))
		start := make([]int8, 9)
		Corrupt(start, ps[1].Units, 3, rng)
		c := NewChain(net, start, 0.8, rng)
		var log []Update
		for k := 0; k < 500; k++ {
			c.Step()
			log = append(log, c.Last)
		}
		return log, c.State()
	}
	a, sa := run(42)
	b, sb := run(42)
	c, _ := run(43)
	require.Equal(t, a, b)
	require.Equal(t, sa, sb)
	require.NotEqual(t, a, c)
}

// N steps of a chain update every unit exactly once.
func TestChainStepsAreSweeps(t *testing.T) {
	net, _ := tlNet()
	c := NewChain(net, make([]int8, 9), 1, rand.New(rand.NewPCG(1, 1)))
	for sweep := 0; sweep < 10; sweep++ {
		seen := map[int]bool{}
		for k := 0; k < 9; k++ {
			c.Step()
			seen[c.Last.Unit] = true
		}
		require.Len(t, seen, 9)
	}
	require.Equal(t, 90, c.Updates)
}

func TestCorruptClassifyOverlap(t *testing.T) {
	_, ps := tlNet()
	rng := rand.New(rand.NewPCG(11, 12))
	s := make([]int8, 9)
	for k := 0; k <= 9; k++ {
		Corrupt(s, ps[0].Units, k, rng)
		diff := 0
		for i := range s {
			if s[i] != ps[0].Units[i] {
				diff++
			}
		}
		require.Equal(t, k, diff)
		require.InDelta(t, 1-2*float64(k)/9, Overlap(s, ps[0].Units), 1e-15)
	}
	Corrupt(s, ps[0].Units, 9, rng)
	assert.Equal(t, Match{Index: 0, Inverse: true}, Classify(s, ps))
	assert.Equal(t, "inverse:T", Classify(s, ps).Label(ps))
	Corrupt(s, ps[1].Units, 0, rng)
	assert.Equal(t, "L", Classify(s, ps).Label(ps))
	Corrupt(s, ps[1].Units, 1, rng)
	assert.Equal(t, None, Classify(s, ps))
	assert.Equal(t, -3.0/9, Overlap(ps[0].Units, ps[1].Units))
}

func TestValidateRejects(t *testing.T) {
	net, _ := tlNet()
	net.W[1] = 5
	assert.Error(t, net.Validate(), "asymmetric")
	net, _ = tlNet()
	net.W[0] = 1
	assert.Error(t, net.Validate(), "self weight")
	net, _ = tlNet()
	net.B[2] = math.NaN()
	assert.Error(t, net.Validate(), "NaN bias")
	net, _ = tlNet()
	net.B = net.B[:3]
	assert.Error(t, net.Validate(), "short biases")
}

func TestParsePattern(t *testing.T) {
	p, err := ParsePattern("x", "#.#\n.#.")
	require.NoError(t, err)
	assert.Equal(t, []int8{1, -1, 1, -1, 1, -1}, p.Units)
	_, err = ParsePattern("x", "#?")
	assert.Error(t, err)
	_, err = ParsePattern("x", "  ")
	assert.Error(t, err)
	for idx := uint64(0); idx < 512; idx++ {
		s := make([]int8, 9)
		StateOf(s, idx)
		require.Equal(t, idx, IndexOf(s))
	}
}

// The fast chain must make exactly the moves of the plain update rule: same
// seed, same units, same draws, same states, on integer and real weights.
func TestChainMatchesReference(t *testing.T) {
	tl, _ := tlNet()
	nets := []*Net{tl, randomNet(12, rand.New(rand.NewPCG(1, 9)))}
	for _, net := range nets {
		for _, T := range []float64{0, 0.1, 0.7, 3, math.Inf(1)} {
			start := make([]int8, net.N)
			RandomState(start, rand.New(rand.NewPCG(2, 2)))
			ref := append([]int8(nil), start...)
			refRng := rand.New(rand.NewPCG(4, 4))
			c := NewChain(net, start, T, rand.New(rand.NewPCG(4, 4)))
			order := make([]int, net.N)
			for sweep := 0; sweep < 3000; sweep++ {
				net.Sweep(ref, T, refRng, order)
				c.Sweep()
				require.Equal(t, ref, c.State(), "T=%v sweep %d", T, sweep)
			}
			for i := range net.N {
				require.InDelta(t, net.DeltaE(ref, i), c.DeltaE(i), 1e-9)
			}
		}
	}
}

// Shuffle must give every permutation of a small slice equally often.
func TestShuffleUniform(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	counts := map[[4]int]int{}
	const draws = 240000
	for k := 0; k < draws; k++ {
		p := []int{0, 1, 2, 3}
		Shuffle(p, rng)
		counts[[4]int(p)]++
	}
	require.Len(t, counts, 24)
	// Chi-square with 23 degrees of freedom: 60 is far beyond p = 0.0001.
	var chi float64
	for _, n := range counts {
		d := float64(n) - draws/24.0
		chi += d * d / (draws / 24.0)
	}
	assert.Less(t, chi, 60.0)
}

// Two stored patterns that differ in one unit k give k a zero field in
// both: each is a local minimum (no flip lowers E) but not a strict one
// (flipping k costs nothing), and every other flip raises E.
func TestPatternsOneFlipApartAreFlatMinima(t *testing.T) {
	a := TL()[0].Units
	b := append([]int8(nil), a...)
	b[4] = -b[4]
	net := Hebbian(a, b)
	for _, s := range [][]int8{a, b} {
		assert.True(t, net.IsLocalMin(s))
		assert.Equal(t, 0.0, net.MinFlipRise(s))
		assert.Equal(t, 0.0, net.Field(s, 4))
		for i := range s {
			if i != 4 {
				assert.Positive(t, float64(s[i])*net.Field(s, i), "unit %d", i)
			}
		}
	}
}
