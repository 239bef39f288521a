package sim

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// One chain stepped through the batched kernels draws the same states as
// SampleHidden, VisibleProbs and a coin per pixel with the same stream;
// several chains stay binary with probabilities in [0, 1].
func TestRBMChainsMatchSequential(t *testing.T) {
	r := NewRBM(37, 11)
	r.Randomize(1, rand.New(rand.NewPCG(1, 2)))
	for i := range r.B {
		r.B[i] = 0.1 * float64(i%5-2)
	}
	c := NewRBMChains(1, r.Visible)
	v := make([]float64, r.Visible)
	h := make([]float64, r.Hidden)
	p := make([]float64, r.Visible)
	a, b := rand.New(rand.NewPCG(7, 7)), rand.New(rand.NewPCG(7, 7))
	for range 50 {
		c.Step(r, a)
		r.SampleHidden(h, v, b)
		r.VisibleProbs(p, h)
		for i, x := range p {
			v[i] = 0
			if b.Float64() < x {
				v[i] = 1
			}
		}
		require.Equal(t, v, c.V[0])
		require.InDeltaSlice(t, p, c.P[0], 1e-12)
	}

	many := NewRBMChains(MaxRBMChains, r.Visible)
	for range 20 {
		many.Step(r, a)
	}
	for k := range many.V {
		for i, x := range many.V[k] {
			assert.True(t, x == 0 || x == 1)
			assert.True(t, many.P[k][i] >= 0 && many.P[k][i] <= 1)
		}
	}
	assert.Panics(t, func() { NewRBMChains(MaxRBMChains+1, 3) })
}
