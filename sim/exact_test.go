package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// symmetricNet is a random network without biases, so every state and its
// inverse (every unit flipped) have the same energy: the ground level is at
// least twofold.
func symmetricNet(n int, rng *rand.Rand) *Net {
	net := randomNet(n, rng)
	clear(net.B)
	return net
}

func sumOf(p []float64) float64 {
	var s float64
	for _, x := range p {
		s += x
	}
	return s
}

// checkWellFormed asserts what every distribution must satisfy at any
// temperature: finite numbers, probabilities in [0, 1] adding up to 1.
func checkDist(t *testing.T, d *Dist) {
	t.Helper()
	require.Len(t, d.P, 1<<uint(d.N))
	for idx, p := range d.P {
		require.False(t, math.IsNaN(p), "p(%d) is NaN at T=%v", idx, d.T)
		require.True(t, p >= 0 && p <= 1, "p(%d) = %v at T=%v", idx, p, d.T)
	}
	require.InDelta(t, 1, sumOf(d.P), 1e-12, "T=%v", d.T)
	assert.False(t, math.IsNaN(d.LogZ), "log Z at T=%v", d.T)
	assert.True(t, finite(d.MeanEnergy), "⟨E⟩ = %v at T=%v", d.MeanEnergy, d.T)
	assert.True(t, finite(d.Entropy), "H = %v at T=%v", d.Entropy, d.T)
	assert.GreaterOrEqual(t, d.Entropy, -1e-12)
	assert.LessOrEqual(t, d.Entropy, float64(d.N)*math.Ln2+1e-12)
	assert.GreaterOrEqual(t, d.MeanEnergy, d.MinEnergy-1e-9)
}

var exactTemps = []float64{0, 5e-324, 1e-300, 1e-6, 0.01, 0.5, 1, 3, 100, 1e300, math.Inf(1)}

// Every network and every temperature, the extremes included, gives a
// proper distribution: no NaN, and a sum of 1 within 1e-12.
func TestExactSumsToOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	tl, _ := tlNet()
	for _, net := range []*Net{DistributionNet(), tl, randomNet(12, rng), symmetricNet(9, rng), NewNet(5)} {
		for _, T := range exactTemps {
			checkDist(t, net.Exact(T))
		}
	}
}

// The defining property: p(a)/p(b) = e^{−(E(a)−E(b))/T}, checked as a
// difference of logs so that tiny probabilities keep their precision, and
// log p(a) = −E(a)/T − log Z for every state.
func TestExactBoltzmannRatios(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for _, net := range []*Net{DistributionNet(), randomNet(8, rng)} {
		for _, T := range []float64{0.5, 1, 3, 10} {
			d := net.Exact(T)
			for a := range d.P {
				b := (a*7 + 3) % len(d.P)
				want := -(d.E[a] - d.E[b]) / T
				require.InDelta(t, want, math.Log(d.P[a])-math.Log(d.P[b]), 1e-9, "T=%v a=%d b=%d", T, a, b)
				require.InDelta(t, -d.E[a]/T-d.LogZ, math.Log(d.P[a]), 1e-9)
			}
		}
	}
}

// On a 3-unit network every quantity is written out the slow, obvious way:
// Z as a plain sum of exponentials, ⟨E⟩ and H = −Σ p log p term by term.
func TestExactAgainstDirectFormulas(t *testing.T) {
	net := NewNet(3)
	net.SetWeight(0, 1, 0.7)
	net.SetWeight(0, 2, -1.3)
	net.SetWeight(1, 2, 0.4)
	net.B[0], net.B[1], net.B[2] = 0.2, -0.5, 0.9
	s := make([]int8, 3)
	for _, T := range []float64{0.3, 1, 2.5} {
		var z float64
		var e [8]float64
		for idx := range e {
			StateOf(s, uint64(idx))
			e[idx] = net.Energy(s)
			z += math.Exp(-e[idx] / T)
		}
		var meanE, h float64
		d := net.Exact(T)
		for idx := range e {
			p := math.Exp(-e[idx]/T) / z
			require.InDelta(t, p, d.P[idx], 1e-14)
			require.InDelta(t, e[idx], d.E[idx], 1e-14)
			meanE += p * e[idx]
			h -= p * math.Log(p)
		}
		assert.InDelta(t, math.Log(z), d.LogZ, 1e-12)
		assert.InDelta(t, meanE, d.MeanEnergy, 1e-12)
		assert.InDelta(t, h, d.Entropy, 1e-12)
		// The thermodynamic identity H = log Z + ⟨E⟩/T ties the three.
		assert.InDelta(t, d.LogZ+d.MeanEnergy/T, d.Entropy, 1e-12)
	}
}

// groundStates lists the states whose energy, recomputed directly, is the
// lowest within tol.
func groundStates(net *Net, tol float64) []int {
	s := make([]int8, net.N)
	emin := math.Inf(1)
	es := make([]float64, 1<<uint(net.N))
	for idx := range es {
		StateOf(s, uint64(idx))
		es[idx] = net.Energy(s)
		emin = min(emin, es[idx])
	}
	var g []int
	for idx, e := range es {
		if e-emin <= tol {
			g = append(g, idx)
		}
	}
	return g
}

// As T → 0 the distribution concentrates evenly on the ground states, and
// T = 0 itself gives exactly that limit: ⟨E⟩ = E_min and H = log(number of
// ground states). The symmetric network's ground pair has equal energies
// on paper only, which is what the ground tolerance is for.
func TestExactZeroTemperatureLimit(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	nets := map[string]*Net{"scene": DistributionNet(), "symmetric": symmetricNet(10, rng), "TL": Hebbian(TL()[0].Units, TL()[1].Units)}
	for name, net := range nets {
		g := groundStates(net, 1e-9)
		for _, T := range []float64{0, 5e-324, 1e-300, 1e-12} {
			d := net.Exact(T)
			checkDist(t, d)
			require.Equal(t, len(g), d.Ground, "%s T=%v", name, T)
			onGround := 0.0
			for _, idx := range g {
				assert.InDelta(t, 1/float64(len(g)), d.P[idx], 1e-12, "%s T=%v state %d", name, T, idx)
				onGround += d.P[idx]
			}
			assert.InDelta(t, 1, onGround, 1e-12)
			assert.InDelta(t, d.MinEnergy, d.MeanEnergy, 1e-9, "%s T=%v", name, T)
			assert.InDelta(t, math.Log(float64(len(g))), d.Entropy, 1e-9, "%s T=%v", name, T)
		}
		// log Z diverges like −E_min/T; at T = 0 it is the infinity itself.
		d0 := net.Exact(0)
		require.Less(t, d0.MinEnergy, 0.0)
		assert.True(t, math.IsInf(d0.LogZ, 1), "%s: log Z at T=0 is %v", name, d0.LogZ)
	}
	assert.Equal(t, []int{7}, groundStates(DistributionNet(), 0), "+ + + − alone")
	assert.Len(t, groundStates(nets["symmetric"], 1e-9), 2)
	// With every energy zero, log Z at T = 0 is log 2^N, not 0·Inf.
	d := NewNet(3).Exact(0)
	assert.InDelta(t, 3*math.Ln2, d.LogZ, 1e-15)
}

// As T → ∞ every state is equally likely. Over all ±1 states each s_i and
// each s_i s_j averages to zero, so ⟨E⟩ = 0 there, and H = log Z = N log 2.
func TestExactInfiniteTemperatureLimit(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	for _, net := range []*Net{DistributionNet(), randomNet(11, rng)} {
		for _, T := range []float64{1e300, math.MaxFloat64, math.Inf(1)} {
			d := net.Exact(T)
			checkDist(t, d)
			for _, p := range d.P {
				require.InDelta(t, 1/float64(len(d.P)), p, 1e-15)
			}
			nlog2 := float64(net.N) * math.Ln2
			assert.InDelta(t, 0, d.MeanEnergy, 1e-9, "T=%v", T)
			assert.InDelta(t, nlog2, d.Entropy, 1e-12)
			assert.InDelta(t, nlog2, d.LogZ, 1e-12)
		}
	}
}

// Weights of a thousand put energies near 10^5, e^{−E/T} far outside
// float64's range at ordinary temperatures; relative weighting keeps
// every number finite and the ratios right.
func TestExactLargeWeights(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 30))
	net := randomNet(12, rng)
	for i := range net.W {
		net.W[i] *= 1e3
	}
	for i := range net.B {
		net.B[i] *= 1e3
	}
	for _, T := range append(exactTemps, 1e3, 1e5) {
		d := net.Exact(T)
		checkDist(t, d)
		// log Z itself overflows once −E_min/T does, near T = 10^−303.
		if T >= 1e-6 && !math.IsInf(T, 1) {
			assert.True(t, finite(d.LogZ), "log Z = %v at T=%v", d.LogZ, T)
		}
	}
	d := net.Exact(1)
	assert.Equal(t, 1, d.Ground)
	g := groundStates(net, 0)[0]
	assert.Equal(t, 1.0, d.P[g], "gaps of hundreds leave nothing for the rest")
	d = net.Exact(1e4)
	for a := 0; a < len(d.P); a += 37 {
		b := (a * 5) % len(d.P)
		require.InDelta(t, -(d.E[a]-d.E[b])/1e4, math.Log(d.P[a])-math.Log(d.P[b]), 1e-9)
	}
}

// The Gray-code walk must give every state the energy Net.Energy gives it,
// including past the points where it starts afresh from the state (every
// 1024 steps), which the 14-unit network crosses.
func TestEnergiesMatchDirect(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for _, n := range []int{1, 2, 10, 14} {
		net := randomNet(n, rng)
		es := make([]float64, 1<<uint(n))
		emin := net.Energies(es)
		s := make([]int8, n)
		want := math.Inf(1)
		for idx, e := range es {
			StateOf(s, uint64(idx))
			direct := net.Energy(s)
			require.InDelta(t, direct, e, 1e-12, "n=%d state %d", n, idx)
			want = min(want, direct)
		}
		assert.InDelta(t, want, emin, 1e-12)
	}
}

// Moving the temperature of a computed distribution must give the same
// numbers as computing it afresh, and Compute must reuse its tables.
func TestSetTemperatureAndCompute(t *testing.T) {
	rng := rand.New(rand.NewPCG(33, 34))
	net := randomNet(8, rng)
	d := net.Exact(1)
	for _, T := range []float64{0, 0.2, 5, math.Inf(1)} {
		d.SetTemperature(T)
		fresh := net.Exact(T)
		assert.Equal(t, fresh.P, d.P)
		assert.Equal(t, fresh.LogZ, d.LogZ)
		assert.Equal(t, fresh.Entropy, d.Entropy)
	}
	p := &d.P[0]
	other := randomNet(8, rng)
	d.Compute(other, 2)
	assert.Same(t, p, &d.P[0], "tables reused")
	assert.Equal(t, other.Exact(2).P, d.P)
	d.Compute(DistributionNet(), 2)
	assert.Len(t, d.P, 16)
}

func TestExactPanics(t *testing.T) {
	assert.PanicsWithValue(t, "sim: 21 units is too many for an exact distribution (at most 20)", func() { NewNet(21).Exact(1) })
	assert.Panics(t, func() { DistributionNet().Exact(-1) })
	assert.Panics(t, func() { DistributionNet().Exact(math.NaN()) })
	assert.Panics(t, func() { DistributionNet().Exact(math.Inf(-1)) })
	bad := DistributionNet()
	bad.W[1] = math.Inf(1)
	assert.Panics(t, func() { bad.Exact(1) })
	assert.Panics(t, func() { new(Dist).SetTemperature(1) })
	assert.Panics(t, func() { DistributionNet().Energies(make([]float64, 8)) })
	assert.Panics(t, func() { KL([]float64{1}, []float64{0.5, 0.5}) })
	assert.Panics(t, func() { NewSampler(NewNet(21), make([]int8, 21), 1, rand.New(rand.NewPCG(1, 1))) })
}

func TestKL(t *testing.T) {
	p := []float64{0.5, 0.5}
	q := []float64{0.25, 0.75}
	assert.InDelta(t, 0.5*math.Log(2)+0.5*math.Log(2.0/3), KL(p, q), 1e-15)
	assert.Equal(t, 0.0, KL(q, q))
	// States the sample never visited contribute nothing.
	assert.InDelta(t, math.Log(4), KL([]float64{1, 0, 0, 0}, []float64{0.25, 0.25, 0.25, 0.25}), 1e-15)
	// Mass where the reference has none is infinitely surprising.
	assert.True(t, math.IsInf(KL([]float64{0.5, 0.5}, []float64{1, 0}), 1))
	// A subnormal q still gives a finite, correct term.
	tiny := 5e-324
	assert.InDelta(t, 0.5*(math.Log(0.5)-math.Log(tiny))+0.5*math.Log(0.5), KL(p, []float64{tiny, 1}), 1e-9)
	assert.Equal(t, 0.0, KL(nil, nil))
}

// The scene's network must keep the properties its doc promises.
func TestDistributionNet(t *testing.T) {
	net := DistributionNet()
	require.NoError(t, net.Validate())
	d := net.Exact(1)
	levels := map[float64]int{}
	for _, e := range d.E {
		levels[e]++
	}
	es := make([]float64, 0, len(levels))
	for e := range levels {
		es = append(es, e)
	}
	sort.Float64s(es)
	assert.Len(t, es, 12)
	assert.Equal(t, -5.5, es[0])
	assert.Equal(t, 1, levels[es[0]])
	assert.Equal(t, 1.0, es[1]-es[0])
	assert.Equal(t, "+++-", String(stateNumbered(4, 7)))
	assert.Equal(t, -5.5, d.E[7])
	// Frustrated: in the ground state one bond of the triangle 0–2–3 is
	// unsatisfied (w_ij s_i s_j < 0).
	s := stateNumbered(4, 7)
	unhappy := 0
	for _, ij := range [][2]int{{0, 2}, {0, 3}, {2, 3}} {
		if net.Weight(ij[0], ij[1])*float64(s[ij[0]]*s[ij[1]]) < 0 {
			unhappy++
		}
	}
	assert.Equal(t, 1, unhappy)
	// Clear at low temperature, spread out at high.
	assert.Greater(t, net.Exact(0.25).P[7], 0.95)
	assert.Less(t, net.Exact(5).P[7], 0.2)
}

func stateNumbered(n int, idx uint64) []int8 {
	s := make([]int8, n)
	StateOf(s, idx)
	return s
}

// A Gibbs chain's histogram must converge to the exact distribution: after
// 2·10^5 sweeps KL(sampled ‖ exact) is below 10^−3 on two networks at three
// temperatures. With K states and M independent draws the expected KL is
// about (K−1)/(2M), 4·10^−5 for the scene's network; correlation between
// sweeps multiplies that by a small factor. The test after this one shows
// the bound is tight enough to notice a 20% error in the temperature.
func TestSamplerMatchesExact(t *testing.T) {
	const sweeps = 200_000
	rng := rand.New(rand.NewPCG(35, 36))
	nets := map[string]*Net{"scene": DistributionNet(), "random6": randomNet(6, rng)}
	for name, net := range nets {
		for k, T := range []float64{0.5, 1, 3} {
			r := rand.New(rand.NewPCG(37, uint64(k)))
			s := make([]int8, net.N)
			RandomState(s, r)
			g := NewSampler(net, s, T, r)
			for range 100 {
				g.Chain.Sweep() // forget the starting state before counting
			}
			g.Run(sweeps)
			require.Equal(t, sweeps, g.Sweeps)
			total := 0
			for _, c := range g.Counts {
				total += c
			}
			require.Equal(t, sweeps, total)
			kl := KL(g.Empirical(nil), net.Exact(T).P)
			t.Logf("%s T=%v KL=%.2e", name, T, kl)
			assert.Less(t, kl, 1e-3, "%s T=%v", name, T)
		}
	}
}

// A wrong temperature must be caught by the same comparison, or the test
// above would prove nothing.
func TestSamplerKLDetectsWrongTemperature(t *testing.T) {
	net := DistributionNet()
	r := rand.New(rand.NewPCG(38, 39))
	g := NewSampler(net, make([]int8, 4), 1.2, r)
	g.Run(50_000)
	assert.Greater(t, KL(g.Empirical(nil), net.Exact(1).P), 1e-3)
}

func TestSamplerResetAndReplay(t *testing.T) {
	net := DistributionNet()
	run := func(seed uint64) *Sampler {
		g := NewSampler(net, []int8{1, 1, 1, 1}, 1, rand.New(rand.NewPCG(seed, 0)))
		g.Run(500)
		return g
	}
	a, b := run(4), run(4)
	assert.Equal(t, a.Counts, b.Counts, "same seed, same histogram")
	assert.NotEqual(t, a.Counts, run(5).Counts)
	assert.InDelta(t, 1, sumOf(a.Empirical(nil)), 1e-12)

	state := append([]int8(nil), a.Chain.State()...)
	a.Reset()
	assert.Equal(t, 0, a.Sweeps)
	assert.Equal(t, make([]float64, 16), a.Empirical(make([]float64, 3)))
	assert.Equal(t, state, a.Chain.State(), "Reset keeps the chain where it is")
	a.Run(0)
	a.Run(-3)
	assert.Equal(t, 0, a.Sweeps)
}

func ExampleNet_Exact() {
	net := DistributionNet()
	for _, T := range []float64{0, 0.5, 1, math.Inf(1)} {
		d := net.Exact(T)
		fmt.Printf("T=%v  p(+++-)=%.4f  ⟨E⟩=%.3f  H=%.3f nats\n", T, d.P[7], d.MeanEnergy, d.Entropy)
	}
	// Output:
	// T=0  p(+++-)=1.0000  ⟨E⟩=-5.500  H=0.000 nats
	// T=0.5  p(+++-)=0.7632  ⟨E⟩=-5.230  H=0.809 nats
	// T=1  p(+++-)=0.4775  ⟨E⟩=-4.733  H=1.506 nats
	// T=+Inf  p(+++-)=0.0625  ⟨E⟩=0.000  H=2.773 nats
}

// A random 20-unit network has about 10^6 states; this is the work of one
// edit of a weight in a 20-unit scene, tables reused.
func BenchmarkExact20(b *testing.B) {
	net := randomNet(20, rand.New(rand.NewPCG(1, 2)))
	d := net.Exact(1)
	b.ReportAllocs()
	for b.Loop() {
		d.Compute(net, 1)
	}
}

// Moving the temperature alone: one exponential per state.
func BenchmarkSetTemperature20(b *testing.B) {
	net := randomNet(20, rand.New(rand.NewPCG(1, 2)))
	d := net.Exact(1)
	b.ReportAllocs()
	for b.Loop() {
		d.SetTemperature(0.7)
	}
}

// The Gray-code walk alone.
func BenchmarkEnergies20(b *testing.B) {
	net := randomNet(20, rand.New(rand.NewPCG(1, 2)))
	es := make([]float64, 1<<20)
	b.ReportAllocs()
	for b.Loop() {
		net.Energies(es)
	}
}

// One counted sweep of the scene's network: what the live histogram costs.
func BenchmarkSamplerSweep4(b *testing.B) {
	g := NewSampler(DistributionNet(), make([]int8, 4), 1, rand.New(rand.NewPCG(1, 2)))
	b.ReportAllocs()
	for b.Loop() {
		g.Run(1)
	}
}

// The same on a 20-unit network with real-valued weights.
func BenchmarkSamplerSweep20(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	g := NewSampler(randomNet(20, rng), make([]int8, 20), 1, rng)
	b.ReportAllocs()
	for b.Loop() {
		g.Run(1)
	}
}
