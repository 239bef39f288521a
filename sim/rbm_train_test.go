package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rbmCorruptionsCleaned counts, over every shape and every single pixel,
// the corrupted images that one mean-field pass v → h → v′ turns back into
// the shape (each reconstructed probability on the right side of 1/2).
func rbmCorruptionsCleaned(r *RBM, shapes [][]float64) int {
	cleaned := 0
	in := make([]float64, r.Visible)
	out := make([]float64, r.Visible)
	for _, v := range shapes {
		for i := range v {
			copy(in, v)
			in[i] = 1 - in[i]
			r.Reconstruct(out, nil, in)
			ok := true
			for k, x := range out {
				if (x >= 0.5) != (v[k] == 1) {
					ok = false
				}
			}
			if ok {
				cleaned++
			}
		}
	}
	return cleaned
}

// CD-1 on the three shapes with the defaults of NewRBMTrainer, 4 hidden
// units, weights drawn with standard deviation 0.01 from seed 1 (exactly
// what "boltzexp rbm -epochs 1000" runs). The best possible log-likelihood
// is −log 3 ≈ −1.0986 nats, and an untrained machine scores 9·log ½ ≈ −6.24.
func TestRBMCD1LearnsTLO(t *testing.T) {
	data := TLOData()
	require.Len(t, data, 3)
	assert.Equal(t, []float64{1, 1, 1, 0, 1, 0, 0, 1, 0}, data[0])
	assert.Equal(t, []float64{1, 0, 0, 1, 0, 0, 1, 1, 1}, data[1])
	assert.Equal(t, []float64{1, 1, 1, 1, 0, 1, 1, 1, 1}, data[2])

	rng := rand.New(rand.NewPCG(1, 0))
	r := NewRBM(9, 4)
	r.Randomize(0.01, rng)
	tr := NewRBMTrainer(r, data, rng)
	startLL := r.LogLikelihood(data)
	assert.InDelta(t, 9*math.Log(0.5), startLL, 0.01)
	for range 1000 {
		tr.Epoch()
	}
	assert.Equal(t, 1000, tr.Epochs)
	assert.Equal(t, 1000, tr.Updates, "three shapes make one mini-batch of 10")
	rec, ll := tr.ReconError(), r.LogLikelihood(data)
	t.Logf("recon error %.5f, log-likelihood %.4f", rec, ll)
	assert.InDelta(t, 0.0058, rec, 0.0005)
	assert.InDelta(t, -1.499, ll, 0.005)
	assert.Less(t, rec, 0.01)
	assert.Greater(t, ll, -1.6)
	assert.Equal(t, r.ReconError(data), rec)
	assert.Equal(t, 27, rbmCorruptionsCleaned(r, data), "every one-pixel corruption of every shape")
}

// Persistent CD learns the shapes too. With three shapes it runs only
// three fantasy chains, which cannot keep up with the rate CD-1 tolerates
// (at 0.1 the log-likelihood swings between −2 and −20), so it gets a
// smaller one and more epochs.
func TestRBMPersistentCDLearnsTLO(t *testing.T) {
	data := TLOData()
	rng := rand.New(rand.NewPCG(1, 0))
	r := NewRBM(9, 4)
	r.Randomize(0.01, rng)
	tr := NewRBMTrainer(r, data, rng)
	tr.Persistent, tr.Rate = true, 0.03
	for range 3000 {
		tr.Epoch()
	}
	rec, ll := tr.ReconError(), r.LogLikelihood(data)
	t.Logf("recon error %.5f, log-likelihood %.4f", rec, ll)
	assert.Less(t, rec, 0.02)
	assert.Greater(t, ll, -2.5)
}

// rbmReferenceStep is one CD-k update written the plain way, with σ by
// math.Exp and one vector at a time, tossing its coins with the same
// draws in the same order as the trainer (see RBMTrainer): the check
// on the trainer's batched products and vectorised sigmoid. chains, for
// PCD, are the hidden states of the fantasy chains.
func rbmReferenceStep(r *RBM, velW, velB, velC []float64, batch [][]float64, chains [][]float64,
	eps, mu, decay float64, k int, rng *rand.Rand) {
	m := len(batch)
	hiddenProbs := func(v []float64) []float64 {
		p := make([]float64, r.Hidden)
		for j := range p {
			a := r.C[j]
			for i, x := range v {
				a += r.W[j*r.Visible+i] * x
			}
			p[j] = Sigmoid(a)
		}
		return p
	}
	visibleProbs := func(h []float64) []float64 {
		p := make([]float64, r.Visible)
		for i := range p {
			a := r.B[i]
			for j, x := range h {
				a += r.W[j*r.Visible+i] * x
			}
			p[i] = Sigmoid(a)
		}
		return p
	}
	coin := func(u, p float64) float64 {
		if u < p {
			return 1
		}
		return 0
	}
	sampleHidden := func(dst, p [][]float64) {
		for b := range dst {
			for j := range dst[b] {
				dst[b][j] = coin(rng.Float64(), p[b][j])
			}
		}
	}
	ph0 := make([][]float64, m)
	hk := make([][]float64, m)
	vk := make([][]float64, m)
	phk := make([][]float64, m)
	for b, v := range batch {
		ph0[b] = hiddenProbs(v)
		hk[b] = make([]float64, r.Hidden)
	}
	if chains != nil {
		for b := range hk {
			copy(hk[b], chains[b])
		}
	} else {
		sampleHidden(hk, ph0)
	}
	for step := k; ; step-- {
		for b := range vk {
			vk[b] = visibleProbs(hk[b])
			for i, p := range vk[b] {
				vk[b][i] = coin(rng.Float64(), p)
			}
		}
		for b := range vk {
			phk[b] = hiddenProbs(vk[b])
		}
		if step == 1 {
			break
		}
		sampleHidden(hk, phk)
	}
	if chains != nil {
		sampleHidden(chains, phk)
	}
	for j := 0; j < r.Hidden; j++ {
		for i := 0; i < r.Visible; i++ {
			var g float64
			for b := 0; b < m; b++ {
				g += ph0[b][j]*batch[b][i] - phk[b][j]*vk[b][i]
			}
			w := &r.W[j*r.Visible+i]
			velW[j*r.Visible+i] = mu*velW[j*r.Visible+i] + eps*(g/float64(m)-decay**w)
			*w += velW[j*r.Visible+i]
		}
		var g float64
		for b := 0; b < m; b++ {
			g += ph0[b][j] - phk[b][j]
		}
		velC[j] = mu*velC[j] + eps*g/float64(m)
		r.C[j] += velC[j]
	}
	for i := 0; i < r.Visible; i++ {
		var g float64
		for b := 0; b < m; b++ {
			g += batch[b][i] - vk[b][i]
		}
		velB[i] = mu*velB[i] + eps*g/float64(m)
		r.B[i] += velB[i]
	}
}

// The trainer against rbmReferenceStep over three epochs, for CD and PCD,
// one and three Gibbs steps, with and without momentum and decay (without
// both, the trainer adds the gradient straight into W), and batches of 2,
// 2 and 1 (so the padded columns of the products are exercised). The
// coins are the same, so the parameters agree to rounding: 1e-12.
func TestRBMTrainerMatchesReference(t *testing.T) {
	forEachKernel(t, func(t *testing.T) {
		for _, persistent := range []bool{false, true} {
			for _, k := range []int{1, 3} {
				for _, mu := range []float64{0, 0.7} {
					data := [][]float64{
						{1, 0, 1, 0.5, 0, 1, 1}, {0, 0, 1, 1, 1, 0, 0.25}, {1, 1, 0, 0, 0, 1, 1},
						{0, 1, 0, 1, 0, 1, 0}, {1, 1, 1, 0, 0, 0, 1},
					}
					decay := 0.01
					if mu == 0 {
						decay = 0
					}
					r := randomRBM(7, 5, 0.5, rand.New(rand.NewPCG(1, 1)))
					ref := r.Clone()
					tr := NewRBMTrainer(r, data, rand.New(rand.NewPCG(9, 9)))
					tr.Batch, tr.K, tr.Persistent = 2, k, persistent
					tr.Rate, tr.Momentum, tr.WeightDecay = 0.2, mu, decay

					refRng := rand.New(rand.NewPCG(9, 9))
					velW, velB, velC := make([]float64, 35), make([]float64, 7), make([]float64, 5)
					perm := []int{0, 1, 2, 3, 4}
					var chains [][]float64
					for step := 0; step < 9; step++ {
						pos := (step % 3) * 2 // batches of 2, 2 and 1 in each epoch
						if pos == 0 {
							Shuffle(perm, refRng)
						}
						if persistent && chains == nil {
							// The chains start from random visible states and
							// a hidden state drawn from them.
							vs := make([][]float64, 2)
							ph := make([][]float64, 2)
							for b := range vs {
								vs[b] = make([]float64, 7)
								for i := range vs[b] {
									vs[b][i] = float64(refRng.Uint64() & 1)
								}
								ph[b] = ref.HiddenProbs(nil, vs[b])
							}
							chains = [][]float64{make([]float64, 5), make([]float64, 5)}
							for b := range chains {
								for j := range chains[b] {
									if refRng.Float64() < ph[b][j] {
										chains[b][j] = 1
									}
								}
							}
						}
						var batch [][]float64
						for _, p := range perm[pos:min(pos+2, 5)] {
							batch = append(batch, data[p])
						}
						var ch [][]float64
						if persistent {
							ch = chains[:len(batch)]
						}
						rbmReferenceStep(ref, velW, velB, velC, batch, ch, 0.2, mu, decay, k, refRng)
						done := tr.Step()
						assert.Equal(t, pos == 4, done, "step %d ends an epoch", step)
						for i := range ref.W {
							require.InDelta(t, ref.W[i], r.W[i], 1e-12, "persistent %v k %d momentum %v step %d weight %d", persistent, k, mu, step, i)
						}
						for i := range ref.B {
							require.InDelta(t, ref.B[i], r.B[i], 1e-12)
						}
						for j := range ref.C {
							require.InDelta(t, ref.C[j], r.C[j], 1e-12)
						}
					}
					assert.Equal(t, 3, tr.Epochs)
					assert.Equal(t, 9, tr.Updates)
					assert.Equal(t, refRng.Uint64(), tr.Rand.Uint64(), "both drew the same numbers")
				}
			}
		}
	})
}

func TestRBMTrainingStepAllocatesNothing(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([][]float64, 40)
	for k := range data {
		data[k] = make([]float64, 16)
		for i := range data[k] {
			data[k][i] = float64(rng.IntN(2))
		}
	}
	for _, persistent := range []bool{false, true} {
		r := NewRBM(16, 8)
		r.Randomize(0.01, rng)
		tr := NewRBMTrainer(r, data, rng)
		tr.Persistent, tr.K = persistent, 2
		tr.Step()
		assert.Zero(t, testing.AllocsPerRun(50, func() { tr.Step() }))
		assert.Zero(t, testing.AllocsPerRun(5, func() { tr.Epoch() }))
		assert.Zero(t, testing.AllocsPerRun(5, func() { tr.ReconError() }))
	}
}

func TestRBMTrainerPanics(t *testing.T) {
	r := NewRBM(3, 2)
	assert.Panics(t, func() { NewRBMTrainer(r, nil, nil) })
	assert.Panics(t, func() { NewRBMTrainer(r, [][]float64{{0, 1}}, nil) })
	assert.Panics(t, func() { NewRBMTrainer(r, [][]float64{{0, 1, 2}}, nil) })
	assert.Panics(t, func() { NewRBMTrainer(r, [][]float64{{0, math.NaN(), 1}}, nil) })
	assert.PanicsWithValue(t, "sim: an RBM of 3 visible and 0 hidden units", func() { NewRBM(3, 0) })
}

// Changing Batch between steps of persistent CD keeps the chains there
// were (the hidden states of the first min(old, new) chains) and starts
// any new ones from random hidden states.
func TestRBMTrainerBatchChangeKeepsChains(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	data := make([][]float64, 23)
	for k := range data {
		data[k] = make([]float64, 11)
		for i := range data[k] {
			data[k][i] = float64(rng.IntN(2))
		}
	}
	r := randomRBM(11, 6, 0.3, rng)
	tr := NewRBMTrainer(r, data, rng)
	tr.Persistent, tr.Batch = true, 4
	tr.Step()
	chains := func() [][]float64 {
		var cs [][]float64
		for b := 0; b < tr.batch; b++ {
			c := make([]float64, r.Hidden)
			for j := range c {
				c[j] = tr.hsT[j*tr.ld+b]
				require.True(t, c[j] == 0 || c[j] == 1)
			}
			cs = append(cs, c)
		}
		return cs
	}
	before := chains()
	tr.Batch = 6
	tr.size()
	assert.Equal(t, before, chains()[:4])
	tr.Batch = 2
	tr.size()
	assert.Equal(t, before[:2], chains())
	for range 30 {
		tr.Step()
	}
	require.NoError(t, r.Validate())
}
