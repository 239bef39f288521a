package sim

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func capacityPatterns(n, p int, rng *rand.Rand) [][]int8 {
	ps := make([][]int8, p)
	for k := range ps {
		ps[k] = make([]int8, n)
		RandomState(ps[k], rng)
	}
	return ps
}

func TestRuleNames(t *testing.T) {
	for _, r := range Rules() {
		got, err := ParseRule(r.String())
		require.NoError(t, err)
		assert.Equal(t, r, got)
	}
	for name, want := range map[string]Rule{"hebbian": HebbRule, "pseudo-inverse": PseudoInverseRule, "projection": PseudoInverseRule} {
		got, err := ParseRule(name)
		require.NoError(t, err, name)
		assert.Equal(t, want, got, name)
	}
	_, err := ParseRule("oja")
	assert.Error(t, err)
	assert.Equal(t, "Rule(7)", Rule(7).String())
}

// Every rule gives a well-formed network: exactly symmetric, zero diagonal,
// finite weights.
func TestStoreWithWellFormed(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	ps := capacityPatterns(60, 20, rng)
	for _, r := range Rules() {
		net, err := StoreWith(r, ps)
		require.NoError(t, err, r)
		require.NoError(t, net.Validate(), r)
		require.NoError(t, CheckNetParams(net), r)
	}
}

// The Hebbian rule is the package's unscaled Hebbian storage divided by N.
func TestHebbRuleIsScaledHebbian(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	ps := capacityPatterns(70, 90, rng) // more than 64 patterns: two words a unit
	net, err := StoreWith(HebbRule, ps)
	require.NoError(t, err)
	ref := Hebbian(ps...)
	for i, w := range ref.W {
		assert.Equal(t, w/70, net.W[i], "weight %d", i)
	}
}

// storkeyLiteral is Storkey's rule written as the formula reads, with the
// sums over k ≠ i, j taken in full.
func storkeyLiteral(ps [][]int8) []float64 {
	n := len(ps[0])
	w := make([]float64, n*n)
	for _, xi := range ps {
		old := append([]float64(nil), w...)
		h := func(i, j int) float64 {
			var s float64
			for k := range n {
				if k != i && k != j {
					s += old[i*n+k] * float64(xi[k])
				}
			}
			return s
		}
		for i := range n {
			for j := range n {
				if i != j {
					xi, xj := float64(xi[i]), float64(xi[j])
					w[i*n+j] = old[i*n+j] + (xi*xj-xi*h(j, i)-h(i, j)*xj)/float64(n)
				}
			}
		}
	}
	return w
}

func TestStorkeyMatchesFormula(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	ps := capacityPatterns(25, 9, rng)
	net, err := StoreWith(StorkeyRule, ps)
	require.NoError(t, err)
	ref := storkeyLiteral(ps)
	for i := range ref {
		assert.InDelta(t, ref[i], net.W[i], 1e-12, "weight %d", i)
	}
}

// Worked by hand: three units, ξ¹ = (+,+,+) then ξ² = (+,−,+). One pattern
// gives the Hebbian weights under both rules. The second moves w_02 to
// 1/3 + (1 + 1/3 + 1/3)/3 = 8/9 under Storkey's rule (the Hebbian 2/3),
// while w_01 and w_12 come out 0 under both.
func TestStorkeyByHand(t *testing.T) {
	x1 := []int8{1, 1, 1}
	x2 := []int8{1, -1, 1}
	s1, err := StoreWith(StorkeyRule, [][]int8{x1})
	require.NoError(t, err)
	h1, err := StoreWith(HebbRule, [][]int8{x1})
	require.NoError(t, err)
	assert.Equal(t, h1.W, s1.W, "one pattern: Storkey is Hebbian")
	assert.InDelta(t, 1.0/3, s1.Weight(0, 1), 1e-15)

	s2, err := StoreWith(StorkeyRule, [][]int8{x1, x2})
	require.NoError(t, err)
	h2, err := StoreWith(HebbRule, [][]int8{x1, x2})
	require.NoError(t, err)
	for _, c := range []struct {
		i, j          int
		storkey, hebb float64
	}{{0, 1, 0, 0}, {1, 2, 0, 0}, {0, 2, 8.0 / 9, 2.0 / 3}} {
		assert.InDelta(t, c.storkey, s2.Weight(c.i, c.j), 1e-15, "Storkey w_%d%d", c.i, c.j)
		assert.InDelta(t, c.hebb, h2.Weight(c.i, c.j), 1e-15, "Hebbian w_%d%d", c.i, c.j)
	}
}

// For mutually orthogonal patterns the overlap matrix is the identity, so
// the projection rule is the Hebbian rule.
func TestPseudoInverseOfOrthogonalIsHebbian(t *testing.T) {
	ps := [][]int8{
		{1, 1, 1, 1, 1, 1, 1, 1},
		{1, 1, -1, -1, 1, 1, -1, -1},
		{1, -1, 1, -1, 1, -1, 1, -1},
		{1, 1, 1, 1, -1, -1, -1, -1},
	}
	pi, err := StoreWith(PseudoInverseRule, ps)
	require.NoError(t, err)
	h, err := StoreWith(HebbRule, ps)
	require.NoError(t, err)
	for i := range h.W {
		assert.InDelta(t, h.W[i], pi.W[i], 1e-14, "weight %d", i)
	}
}

// Under the pseudo-inverse rule every stored pattern is a fixed point of
// zero-temperature dynamics for any number of independent patterns below
// N, far past where the Hebbian rule fails: the field of unit i on
// pattern μ is (1 − P_ii) ξ_i^μ, of the right sign.
func TestPseudoInverseFixedPoints(t *testing.T) {
	const n = 80
	rng := rand.New(rand.NewPCG(7, 8))
	for _, p := range []int{1, 8, 40, 70, 79} {
		ps := capacityPatterns(n, p, rng)
		net, err := StoreWith(PseudoInverseRule, ps)
		require.NoError(t, err, "P = %d", p)
		for mu, x := range ps {
			for i := range n {
				h := net.Field(x, i)
				want := (1 - p2ii(net, ps, i)) * float64(x[i])
				require.Greater(t, h*float64(x[i]), tieTolerance, "P = %d, pattern %d, unit %d", p, mu, i)
				require.InDelta(t, want, h, 1e-8, "P = %d, pattern %d, unit %d", p, mu, i)
			}
			s := append([]int8(nil), x...)
			for i := range n {
				require.False(t, net.UpdateDeterministic(s, i), "P = %d: pattern %d unit %d moved", p, mu, i)
			}
		}
	}
	// The Hebbian rule at the largest of these loads keeps almost none.
	ps := capacityPatterns(n, 70, rng)
	net, err := StoreWith(HebbRule, ps)
	require.NoError(t, err)
	stable := 0
	for _, x := range ps {
		s := append([]int8(nil), x...)
		if net.Sweep(s, 0, rng, make([]int, n)) == 0 {
			stable++
		}
	}
	assert.Zero(t, stable, "Hebbian patterns stable at α = 0.875")
}

// p2ii returns the diagonal element P_ii of the projection onto the span
// of the patterns as pattern 0 shows it: Σ_j w_ij ξ_j^0 = (1 − P_ii) ξ_i^0.
// Every other pattern must then show the same factor.
func p2ii(net *Net, ps [][]int8, i int) float64 {
	return 1 - net.Field(ps[0], i)*float64(ps[0][i])
}

func TestPseudoInverseDependent(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	ps := capacityPatterns(30, 5, rng)
	inverse := make([]int8, 30)
	for i, v := range ps[2] {
		inverse[i] = -v
	}
	for name, set := range map[string][][]int8{
		"repeated":          append(ps[:5:5], ps[1]),
		"inverted":          append(ps[:5:5], inverse),
		"more than N":       capacityPatterns(4, 5, rng),
		"a sum of others":   {{1, 1, 1, 1}, {1, 1, -1, -1}, {1, 1, 1, -1}, {1, 1, -1, 1}},
		"N of N, dependent": {{1, 1}, {-1, -1}},
	} {
		_, err := StoreWith(PseudoInverseRule, set)
		assert.True(t, errors.Is(err, ErrDependentPatterns), "%s: %v", name, err)
		for _, r := range []Rule{HebbRule, StorkeyRule} {
			_, err := StoreWith(r, set)
			assert.NoError(t, err, "%s stores %s", r, name)
		}
	}
	// N independent patterns of N units are stored; the projection is then
	// the identity, whose diagonal is zeroed, leaving no weights at all.
	net, err := StoreWith(PseudoInverseRule, [][]int8{{1, 1, 1}, {1, -1, 1}, {1, 1, -1}})
	require.NoError(t, err)
	for i, w := range net.W {
		assert.InDelta(t, 0, w, 1e-14, "weight %d", i)
	}
}

func TestStoreWithPanics(t *testing.T) {
	assert.PanicsWithValue(t, "sim: no patterns to store", func() { StoreWith(HebbRule, nil) })
	assert.PanicsWithValue(t, "sim: patterns of different lengths", func() { StoreWith(HebbRule, [][]int8{{1, 1}, {1}}) })
	assert.PanicsWithValue(t, "sim: a pattern unit is not ±1", func() { StoreWith(HebbRule, [][]int8{{1, 0}}) })
	assert.PanicsWithValue(t, "sim: unknown storage rule 9", func() { StoreWith(Rule(9), [][]int8{{1, -1}}) })
}

// A trial flips exactly round(Flip·N) distinct units of its cue, and with
// no flips at a low load it ends on the pattern after one quiet sweep.
func TestTrialCue(t *testing.T) {
	for _, flip := range []float64{0, 0.05, 0.126, 0.5} {
		tr, err := NewTrial(TrialConfig{N: 100, P: 5, Rule: HebbRule, Flip: flip}, rand.New(rand.NewPCG(1, 1)))
		require.NoError(t, err)
		for !tr.Stored() {
			tr.Step()
		}
		tr.Step() // the cue
		want := int(math.Round(flip * 100))
		assert.Equal(t, want, tr.Flips())
		diff := 0
		for i, v := range tr.State() {
			if v != tr.Pattern(tr.Cue())[i] {
				diff++
			}
		}
		assert.Equal(t, want, diff, "flip %v", flip)
		assert.Panics(t, func() { tr.SetCue(0) })
		res, err := tr.Run()
		require.NoError(t, err)
		assert.True(t, res.Converged)
		if flip == 0 {
			assert.Equal(t, TrialResult{Overlap: 1, Recalled: true, Sweeps: 1, Converged: true}, res)
		}
	}
}

// A chosen cue replaces the drawn one and leaves the rest of the trial's
// draws alone.
func TestTrialSetCue(t *testing.T) {
	cfg := TrialConfig{N: 50, P: 4, Rule: StorkeyRule, Flip: 0.1}
	a, err := NewTrial(cfg, rand.New(rand.NewPCG(5, 5)))
	require.NoError(t, err)
	b, err := NewTrial(cfg, rand.New(rand.NewPCG(5, 5)))
	require.NoError(t, err)
	k := (a.Cue() + 1) % 4
	b.SetCue(k)
	assert.Equal(t, k, b.Cue())
	for !a.Stored() {
		a.Step()
		b.Step()
	}
	a.Step()
	b.Step()
	flipped := func(tr *Trial) []int {
		var d []int
		for i, v := range tr.State() {
			if v != tr.Pattern(tr.Cue())[i] {
				d = append(d, i)
			}
		}
		return d
	}
	assert.Equal(t, flipped(a), flipped(b), "the same units flipped")
	assert.Len(t, flipped(b), 5)
	assert.Panics(t, func() { b.SetCue(4) })
}

// The recall of a trial is plain zero-temperature dynamics: its final state
// is a fixed point of the network's deterministic update.
func TestTrialEndsAtFixedPoint(t *testing.T) {
	for _, r := range Rules() {
		for k := range 4 {
			tr, err := NewTrial(TrialConfig{N: 150, P: 30, Rule: r, Flip: 0.2}, TrialRand(3, r, 0, k))
			require.NoError(t, err)
			res, err := tr.Run()
			require.NoError(t, err)
			require.True(t, res.Converged, "%s trial %d", r, k)
			s := append([]int8(nil), tr.State()...)
			for i := range s {
				require.False(t, tr.Net().UpdateDeterministic(s, i), "%s trial %d: unit %d not settled", r, k, i)
			}
			assert.Equal(t, Overlap(s, tr.Pattern(tr.Cue())), res.Overlap)
		}
	}
}

func TestTrialConfigValidate(t *testing.T) {
	ok := TrialConfig{N: 10, P: 10, Rule: PseudoInverseRule, Flip: 0.5}
	require.NoError(t, ok.Validate())
	for _, c := range []TrialConfig{
		{N: 0, P: 1}, {N: MaxCapacityUnits + 1, P: 1}, {N: 10, P: 0}, {N: 10, P: MaxCapacityPatterns + 1},
		{N: 10, P: 11, Rule: PseudoInverseRule}, {N: 10, P: 1, Flip: -0.1}, {N: 10, P: 1, Flip: 0.51},
		{N: 10, P: 1, Flip: math.NaN()}, {N: 10, P: 1, Rule: -1},
	} {
		assert.Error(t, c.Validate(), "%+v", c)
		_, err := NewTrial(c, rand.New(rand.NewPCG(1, 1)))
		assert.Error(t, err, "%+v", c)
	}
}

func TestCapacityConfigValidate(t *testing.T) {
	good := CapacityConfig{N: 100, Alphas: []float64{0.1, 1}, Rules: Rules(), Trials: 3, Flip: 0.05}
	require.NoError(t, good.Validate())
	for name, mod := range map[string]func(c *CapacityConfig){
		"no loads":       func(c *CapacityConfig) { c.Alphas = nil },
		"no rules":       func(c *CapacityConfig) { c.Rules = nil },
		"rule twice":     func(c *CapacityConfig) { c.Rules = []Rule{HebbRule, HebbRule} },
		"no trials":      func(c *CapacityConfig) { c.Trials = 0 },
		"too many":       func(c *CapacityConfig) { c.Trials = MaxCapacityTrials/6 + 1 },
		"zero load":      func(c *CapacityConfig) { c.Alphas = []float64{0} },
		"NaN load":       func(c *CapacityConfig) { c.Alphas = []float64{math.NaN()} },
		"no pattern":     func(c *CapacityConfig) { c.Alphas = []float64{0.004} },
		"pinv past N":    func(c *CapacityConfig) { c.Alphas = []float64{1.01} },
		"huge load":      func(c *CapacityConfig) { c.Alphas = []float64{1e300} },
		"too many loads": func(c *CapacityConfig) { c.Alphas = make([]float64, MaxCapacityPoints+1) },
		"bad flip":       func(c *CapacityConfig) { c.Flip = 0.6 },
		"no units":       func(c *CapacityConfig) { c.N = 0 },
	} {
		c := good
		c.Alphas = append([]float64(nil), good.Alphas...)
		mod(&c)
		assert.Error(t, c.Validate(), name)
	}
}

// The tallies do not depend on the number of workers, nor on whether the
// sweep is run step by step or in one call, nor on which rules and loads
// are run beside a given one.
func TestCapacityReproducible(t *testing.T) {
	c := CapacityConfig{N: 64, Alphas: []float64{0.1, 0.2, 0.3}, Rules: Rules(), Trials: 5, Flip: 0.1, Seed: 42, Workers: 1}
	one, err := Capacity(c)
	require.NoError(t, err)
	c.Workers = 3
	three, err := Capacity(c)
	require.NoError(t, err)
	assert.Equal(t, one, three)

	s, err := NewCapacitySweep(c)
	require.NoError(t, err)
	steps := 0
	for !s.Step() {
		steps++
	}
	require.NoError(t, s.Err())
	assert.Equal(t, s.Total(), s.Finished())
	assert.Equal(t, one, s.Points())
	assert.Equal(t, one[1*3+2], s.Point(1, 2))
	assert.Greater(t, steps, s.Total())

	// A trial's source depends on its rule and the index of its load, so
	// Storkey's tally at load index 1 is the same without pinv and load 0.3.
	alone, err := Capacity(CapacityConfig{N: 64, Alphas: []float64{0.1, 0.2}, Rules: []Rule{HebbRule, StorkeyRule}, Trials: 5, Flip: 0.1, Seed: 42})
	require.NoError(t, err)
	assert.Equal(t, one[1*3+1], alone[1*2+1])

	var last int
	_, err = CapacityProgress(c, func(done, total int) {
		assert.Equal(t, 45, total)
		last = max(last, done)
	})
	require.NoError(t, err)
	assert.Equal(t, 45, last)
}

func TestCapacityPointEmpty(t *testing.T) {
	var p CapacityPoint
	assert.True(t, math.IsNaN(p.MeanOverlap()))
	assert.True(t, math.IsNaN(p.RecallRate()))
	lo, hi := p.RateInterval()
	assert.Equal(t, [2]float64{0, 1}, [2]float64{lo, hi})
}

// A sweep whose pseudo-inverse trial meets dependent patterns stops with
// an error that says where.
func TestCapacitySweepError(t *testing.T) {
	c := CapacityConfig{N: 3, Alphas: []float64{1}, Rules: []Rule{PseudoInverseRule}, Trials: 50, Seed: 1}
	_, err := Capacity(c)
	require.ErrorIs(t, err, ErrDependentPatterns)
	assert.Contains(t, err.Error(), "pinv at α = 1 (3 patterns of 3 units)")
	s, err := NewCapacitySweep(c)
	require.NoError(t, err)
	for !s.Step() {
	}
	assert.ErrorIs(t, s.Err(), ErrDependentPatterns)
	assert.True(t, s.Done())
}

// rates runs trials trials of rule at every load of a network of n units
// with 5% of the cue flipped and returns the recall rates.
func rates(t *testing.T, n int, rule Rule, alphas []float64, trials int) []float64 {
	t.Helper()
	pts, err := Capacity(CapacityConfig{N: n, Alphas: alphas, Rules: []Rule{rule}, Trials: trials, Flip: 0.05, Seed: 2026})
	require.NoError(t, err)
	out := make([]float64, len(pts))
	for i, p := range pts {
		out[i] = p.RecallRate()
		t.Logf("N = %d, %s α = %.2f: recall rate %.3f, mean overlap %.4f", n, rule, p.Alpha, p.RecallRate(), p.MeanOverlap())
	}
	return out
}

// The Hebbian memory of 400 units recalls a cue with 5% of its units wrong
// almost always up to α = 0.10, and its recall rate falls through one half
// between α = 0.13 and 0.19: a little above the critical load 0.138 of an
// infinite network, as a finite one should. (The race detector slows these
// loops about forty-fold, so under it fewer trials are run.)
func TestHebbianCapacity(t *testing.T) {
	trials := 40
	if underRace {
		trials = 16
	}
	r := rates(t, 400, HebbRule, []float64{0.10, 0.13, 0.19}, trials)
	assert.GreaterOrEqual(t, r[0], 0.95, "α = 0.10")
	assert.Greater(t, r[1], 0.5, "α = 0.13")
	assert.Less(t, r[2], 0.5, "α = 0.19")
}

// Storkey's rule recalls well past the Hebbian limit, and the
// pseudo-inverse rule further still. Storkey's rule costs about 2N² per
// stored pattern, so this runs on 150 units, where every limit is a little
// higher than on 400.
func TestRulesMoveTheLimit(t *testing.T) {
	trials := 16
	if underRace {
		trials = 8
	}
	hebb := rates(t, 150, HebbRule, []float64{0.25}, trials)
	storkey := rates(t, 150, StorkeyRule, []float64{0.25, 0.55}, trials)
	pinv := rates(t, 150, PseudoInverseRule, []float64{0.55}, trials)
	assert.LessOrEqual(t, hebb[0], 0.2, "Hebbian at α = 0.25")
	assert.GreaterOrEqual(t, storkey[0], 0.9, "Storkey at α = 0.25")
	assert.LessOrEqual(t, storkey[1], 0.4, "Storkey at α = 0.55")
	assert.GreaterOrEqual(t, pinv[0], 0.8, "pseudo-inverse at α = 0.55")
}

func ExampleCapacity() {
	pts, err := Capacity(CapacityConfig{
		N: 100, Alphas: []float64{0.05, 0.3}, Rules: []Rule{HebbRule, PseudoInverseRule},
		Trials: 20, Flip: 0.05, Seed: 1,
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range pts {
		fmt.Printf("%-7s α = %.2f (%2d patterns): recall rate %.2f\n", p.Rule, p.Alpha, p.P, p.RecallRate())
	}
	// Output:
	// hebb    α = 0.05 ( 5 patterns): recall rate 1.00
	// hebb    α = 0.30 (30 patterns): recall rate 0.05
	// pinv    α = 0.05 ( 5 patterns): recall rate 1.00
	// pinv    α = 0.30 (30 patterns): recall rate 1.00
}
