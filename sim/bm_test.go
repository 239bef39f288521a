package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bmNaiveVisibleLogProbs sums e^{−E} over every state by brute force,
// sharing no code with the machine's own enumeration.
func bmNaiveVisibleLogProbs(m *BM) []float64 {
	n := m.Net.N
	s := make([]int8, n)
	pv := make([]float64, 1<<uint(m.Visible))
	var z float64
	for idx := uint64(0); idx < 1<<uint(n); idx++ {
		StateOf(s, idx)
		w := math.Exp(-m.Net.Energy(s))
		z += w
		pv[IndexOf(s[:m.Visible])] += w
	}
	for i := range pv {
		pv[i] = math.Log(pv[i] / z)
	}
	return pv
}

func TestBMExactMarginals(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	m := NewBM(3, 2)
	m.Randomize(1, rng)
	want := bmNaiveVisibleLogProbs(m)
	got := m.VisibleLogProbs(nil)
	require.Len(t, got, 8)
	var total float64
	for i := range want {
		assert.InDelta(t, want[i], got[i], 1e-12)
		total += math.Exp(got[i])
	}
	assert.InDelta(t, 1, total, 1e-12)

	// The mean log-likelihood, the KL divergence and the entropy of the
	// data are tied by KL = −H(q) − ⟨log p⟩_q.
	data := [][]int8{{1, 1, -1}, {1, 1, -1}, {-1, 1, 1}, {1, -1, -1}}
	hq := -(0.5*math.Log(0.5) + 2*0.25*math.Log(0.25))
	assert.InDelta(t, -hq-m.LogLikelihood(data), m.KL(data), 1e-12)
	assert.Greater(t, m.KL(data), 0.0)
}

// bmDataLogLikelihood is the mean log-likelihood the tests differentiate.
func bmDataLogLikelihood(m *BM, data [][]int8) float64 { return m.LogLikelihood(data) }

// With both phases exact, ⟨s_i s_j⟩_data − ⟨s_i s_j⟩_model is the gradient
// of the mean log-likelihood with respect to w_ij, and the difference of
// the means is the gradient with respect to b_i: compare both with central
// differences of the exact log-likelihood.
func TestBMExactGradientMatchesFiniteDifference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	m := NewBM(3, 2)
	m.Randomize(0.7, rng)
	data := [][]int8{{1, -1, 1}, {1, -1, 1}, {-1, -1, 1}, {1, 1, -1}, {-1, 1, 1}}
	tr := NewBMTrainer(m, data, rng)
	tr.Measure()
	net := m.Net
	const h = 1e-5
	for i := 0; i < net.N; i++ {
		b := net.B[i]
		net.B[i] = b + h
		up := bmDataLogLikelihood(m, data)
		net.B[i] = b - h
		down := bmDataLogLikelihood(m, data)
		net.B[i] = b
		assert.InDelta(t, (up-down)/(2*h), tr.Positive.Mean[i]-tr.Negative.Mean[i], 1e-8, "bias %d", i)
		for j := i + 1; j < net.N; j++ {
			w := net.Weight(i, j)
			net.SetWeight(i, j, w+h)
			up := bmDataLogLikelihood(m, data)
			net.SetWeight(i, j, w-h)
			down := bmDataLogLikelihood(m, data)
			net.SetWeight(i, j, w)
			k := i*net.N + j
			assert.InDelta(t, (up-down)/(2*h), tr.Positive.Corr[k]-tr.Negative.Corr[k], 1e-8, "weight %d–%d", i, j)
		}
	}
	// The visible block of the positive phase is the data's own statistics.
	assert.InDelta(t, 0.2, tr.Positive.Mean[0], 1e-12)
	assert.InDelta(t, -0.2, tr.Positive.Corr[0*5+1], 1e-12)
	assert.Equal(t, 1.0, tr.Negative.Corr[2*5+2])
}

// The Learning scene's defaults: exact phases on exclusive or, seed 1,
// reach a KL divergence well below 0.05 nats, starting from above 0.5.
func TestBMLearnsXORExactly(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 0))
	m := NewLearningBM(rng)
	tr := NewBMTrainer(m, LearningData(), rng)
	tr.Rate = LearningRate
	start := tr.KL()
	assert.Greater(t, start, 0.5)
	for range LearningSteps {
		tr.Step()
	}
	kl := tr.KL()
	assert.Less(t, kl, 0.05)
	assert.InDelta(t, 0.0351, kl, 5e-4)
	assert.Equal(t, LearningSteps, tr.Steps)
	require.NoError(t, m.Net.Validate())
}

// Exclusive or has zero means and zero pairwise correlations, so the best
// a machine without hidden units can do is the uniform distribution: KL ≥
// log 2 for any weights, and learning converges to exactly that bound.
func TestBMWithoutHiddenUnitsCannotLearnXOR(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 0))
	m := NewBM(3, 0)
	m.Randomize(LearningInitStd, rng)
	tr := NewBMTrainer(m, LearningData(), rng)
	tr.Rate = LearningRate
	for range LearningSteps {
		tr.Step()
		require.GreaterOrEqual(t, tr.KL(), math.Ln2-1e-12)
	}
	assert.InDelta(t, math.Ln2, tr.KL(), 1e-6)
}

// Gibbs chains with their states averaged over many chains and sweeps
// estimate the same moments the enumeration computes, in both phases.
func TestBMSampledPhasesAgreeWithExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	m := NewBM(3, 2)
	m.Randomize(0.6, rng)
	tr := NewBMTrainer(m, LearningData(), rng)
	tr.Measure()
	exactPos := append([]float64(nil), tr.Positive.Corr...)
	exactNeg := append([]float64(nil), tr.Negative.Corr...)
	exactPosMean := append([]float64(nil), tr.Positive.Mean...)

	tr.SamplePositive, tr.SampleNegative = true, true
	tr.Chains, tr.Sweeps = 400, 50
	tr.Measure()
	for k := range exactPos {
		assert.InDelta(t, exactPos[k], tr.Positive.Corr[k], 0.03, "positive %d", k)
		assert.InDelta(t, exactNeg[k], tr.Negative.Corr[k], 0.03, "negative %d", k)
	}
	for i := range exactPosMean {
		assert.InDelta(t, exactPosMean[i], tr.Positive.Mean[i], 0.03)
	}
	// Clamped chains never move their visible units.
	for k, c := range tr.clamped {
		assert.Equal(t, LearningData()[k/(400/4)], c.State()[:3])
	}
}

// A learning step made in pieces by Advance, stopped after a random number
// of chains each time, is the step Step makes, number for number, in every
// mix of exact and sampled phases; a change of settings in the middle of a
// step starts it again.
func TestBMAdvanceInPiecesIsStep(t *testing.T) {
	for _, mix := range [][2]bool{{true, true}, {true, false}, {false, true}, {false, false}} {
		whole := func() *BMTrainer {
			rng := rand.New(rand.NewPCG(3, 4))
			tr := NewBMTrainer(NewLearningBM(rng), LearningData(), rng)
			tr.SamplePositive, tr.SampleNegative = mix[0], mix[1]
			tr.Chains, tr.Sweeps = 40, 3
			return tr
		}
		a, b := whole(), whole()
		stops := rand.New(rand.NewPCG(5, 6))
		calls := 0
		for range 5 {
			a.Step()
			for {
				calls++
				if b.Advance(func() bool { return stops.IntN(4) != 0 }) {
					break
				}
				require.True(t, b.InStep())
			}
			require.False(t, b.InStep())
			require.Equal(t, a.BM.Net.W, b.BM.Net.W, "mix %v", mix)
			require.Equal(t, a.BM.Net.B, b.BM.Net.B)
			require.Equal(t, a.Steps, b.Steps)
		}
		if mix[0] || mix[1] {
			assert.Greater(t, calls, 5, "sampled steps were cut into pieces")
		}
	}

	rng := rand.New(rand.NewPCG(3, 4))
	tr := NewBMTrainer(NewLearningBM(rng), LearningData(), rng)
	tr.SamplePositive, tr.SampleNegative = true, true
	assert.False(t, tr.Advance(func() bool { return false }), "one chain, then a stop")
	assert.True(t, tr.InStep())
	tr.Sweeps++
	steps := tr.Steps
	for !tr.Advance(func() bool { return true }) {
	}
	assert.Equal(t, steps+1, tr.Steps)
	tr.Advance(func() bool { return false })
	tr.Measure()
	assert.False(t, tr.InStep(), "Measure abandons a step in progress")
}

// With persistent chains in both phases learning is noisier and needs a
// smaller rate, but still takes most of the way down.
func TestBMLearnsXORBySampling(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 0))
	m := NewLearningBM(rng)
	tr := NewBMTrainer(m, LearningData(), rng)
	tr.Rate = 0.1
	tr.SamplePositive, tr.SampleNegative = true, true
	for range 600 {
		tr.Step()
	}
	assert.Less(t, tr.KL(), 0.25)
}

func TestBMPanics(t *testing.T) {
	assert.PanicsWithValue(t, "sim: a Boltzmann machine of 0 visible and 1 hidden units", func() { NewBM(0, 1) })
	m := NewBM(3, 1)
	assert.Panics(t, func() { NewBMTrainer(m, nil, nil) })
	assert.Panics(t, func() { NewBMTrainer(m, [][]int8{{1, 1}}, nil) })
	assert.Panics(t, func() { m.LogLikelihood(nil) })
	assert.Panics(t, func() { m.KL([][]int8{{1, 1, 1, 1}}) })
	assert.Panics(t, func() { NewBM(20, 10).LogZ() })
}
