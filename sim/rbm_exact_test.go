package sim

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The Gray-code enumeration restarts its running sums every 1024 vectors;
// with 12 visible units that happens several times, and the result must
// still match free energies computed one by one.
func TestRBMLogZLargeLayer(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	r := randomRBM(12, 5, 0.5, rng)
	v := make([]float64, 12)
	terms := make([]float64, 1<<12)
	for idx := range terms {
		terms[idx] = -r.FreeEnergy(bitsOf(v, idx))
	}
	assert.InDelta(t, bmLogSumExp(terms), r.LogZ(), 1e-10)
	assert.Panics(t, func() { NewRBM(RBMMaxEnumVisible+1, 1).LogZ() })
}

// LogLikelihoodGrad must be the gradient of LogLikelihood: compare every
// component with a central difference.
func TestRBMExactGradientMatchesFiniteDifference(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	r := randomRBM(4, 3, 0.7, rng)
	data := [][]float64{{1, 0, 1, 1}, {0, 0, 1, 0}, {1, 1, 0, 0}, {1, 0, 1, 1}}
	grad := NewRBM(4, 3)
	r.LogLikelihoodGrad(grad, data)
	const h = 1e-5
	check := func(name string, params, g []float64) {
		for k := range params {
			p := params[k]
			params[k] = p + h
			up := r.LogLikelihood(data)
			params[k] = p - h
			down := r.LogLikelihood(data)
			params[k] = p
			assert.InDelta(t, (up-down)/(2*h), g[k], 1e-8, "%s %d", name, k)
		}
	}
	check("weight", r.W, grad.W)
	check("visible bias", r.B, grad.B)
	check("hidden bias", r.C, grad.C)
	assert.Panics(t, func() { r.LogLikelihoodGrad(NewRBM(3, 4), data) })
}
