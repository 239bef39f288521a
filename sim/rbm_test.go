package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func randomRBM(nv, nh int, std float64, rng *rand.Rand) *RBM {
	r := NewRBM(nv, nh)
	r.Randomize(std, rng)
	for i := range r.B {
		r.B[i] = std * rng.NormFloat64()
	}
	for j := range r.C {
		r.C[j] = std * rng.NormFloat64()
	}
	return r
}

// rbmEnergy is E(v, h) written out term by term.
func rbmEnergy(r *RBM, v, h []float64) float64 {
	var e float64
	for j := range h {
		e -= r.C[j] * h[j]
		for i := range v {
			e -= v[i] * r.W[j*r.Visible+i] * h[j]
		}
	}
	for i := range v {
		e -= r.B[i] * v[i]
	}
	return e
}

func bitsOf(dst []float64, idx int) []float64 {
	for i := range dst {
		dst[i] = float64(idx >> uint(i) & 1)
	}
	return dst
}

// The conditionals and the free energy must agree with sums over the joint
// distribution done the slow way.
func TestRBMConditionalsAndFreeEnergy(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	r := randomRBM(4, 3, 0.8, rng)
	v, h := make([]float64, 4), make([]float64, 3)
	var z float64
	for vi := 0; vi < 16; vi++ {
		bitsOf(v, vi)
		var sum float64
		on := make([]float64, 3)
		for hi := 0; hi < 8; hi++ {
			bitsOf(h, hi)
			w := math.Exp(-rbmEnergy(r, v, h))
			sum += w
			for j := range h {
				on[j] += w * h[j]
			}
		}
		z += sum
		assert.InDelta(t, -math.Log(sum), r.FreeEnergy(v), 1e-12)
		ph := r.HiddenProbs(nil, v)
		for j := range on {
			assert.InDelta(t, on[j]/sum, ph[j], 1e-12)
		}
	}
	assert.InDelta(t, math.Log(z), r.LogZ(), 1e-12)

	for hi := 0; hi < 8; hi++ {
		bitsOf(h, hi)
		var sum float64
		on := make([]float64, 4)
		for vi := 0; vi < 16; vi++ {
			bitsOf(v, vi)
			w := math.Exp(-rbmEnergy(r, v, h))
			sum += w
			for i := range v {
				on[i] += w * v[i]
			}
		}
		pv := r.VisibleProbs(nil, h)
		for i := range on {
			assert.InDelta(t, on[i]/sum, pv[i], 1e-12)
		}
	}
}

// The pseudo-likelihood follows scikit-learn's definition: one unit drawn
// per vector, flipped, and n · log σ(F(ṽ) − F(v)).
func TestRBMPseudoLikelihood(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	r := randomRBM(6, 4, 1, rng)
	data := [][]float64{{1, 0, 1, 1, 0, 0}, {0, 0, 0, 1, 1, 1}, {1, 1, 1, 1, 1, 1}}
	got := r.PseudoLogLikelihood(data, rand.New(rand.NewPCG(7, 7)))

	draw := rand.New(rand.NewPCG(7, 7))
	var want float64
	for _, v := range data {
		i := draw.IntN(6)
		f := append([]float64(nil), v...)
		f[i] = 1 - f[i]
		want += 6 * math.Log(1/(1+math.Exp(-(r.FreeEnergy(f)-r.FreeEnergy(v)))))
	}
	assert.InDelta(t, want/3, got, 1e-12)
	assert.Less(t, got, 0.0)

	// With a single visible unit there is nothing to guess from, and the
	// pseudo-likelihood is the likelihood itself.
	one := randomRBM(1, 3, 1, rng)
	v := [][]float64{{1}}
	assert.InDelta(t, one.LogLikelihood(v), one.PseudoLogLikelihood(v, rng), 1e-12)
}

func TestRBMReceptiveFieldAndSampling(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	r := randomRBM(9, 4, 1, rng)
	f := r.ReceptiveField(2)
	assert.Equal(t, r.W[18:27], f)
	f[0] = 42
	assert.Equal(t, 42.0, r.W[18], "the receptive field is a view of W")
	assert.Panics(t, func() { r.ReceptiveField(4) })

	// Sampled hidden units are binary and on about as often as p says.
	v := TLOData()[0]
	p := r.HiddenProbs(nil, v)
	counts := make([]float64, 4)
	h := make([]float64, 4)
	const n = 20000
	for range n {
		r.SampleHidden(h, v, rng)
		for j, x := range h {
			require.True(t, x == 0 || x == 1)
			counts[j] += x
		}
	}
	for j := range p {
		assert.InDelta(t, p[j], counts[j]/n, 0.015)
	}
	vs := r.SampleVisible(nil, h, rng)
	assert.Len(t, vs, 9)

	assert.Panics(t, func() { r.HiddenProbs(make([]float64, 3), v) })
	assert.Panics(t, func() { r.HiddenProbs(nil, v[:8]) })
	assert.Panics(t, func() { r.VisibleProbs(nil, v) })
}
