package sim

import (
	"fmt"
	"math/rand/v2"
)

// RBMChains is a handful of free-running Gibbs chains of an RBM, stepped
// together through the batched kernels: one step draws every chain's
// hidden units from p(h | v), then its visible units from p(v | h). V holds
// the chains' binary visible states and P the probabilities p(v = 1 | h)
// their last step drew from, which make a smoother picture of where each
// chain is. A person may overwrite V between steps (to restart a chain).
type RBMChains struct {
	V, P [][]float64
	s    rbmScratch
}

// MaxRBMChains is how many chains an RBMChains steps at once.
const MaxRBMChains = rbmChunk

// NewRBMChains returns n chains of visible units, all off. It panics if n
// is not in [1, MaxRBMChains] or visible < 1.
func NewRBMChains(n, visible int) *RBMChains {
	if n < 1 || n > MaxRBMChains || visible < 1 {
		panic(fmt.Sprintf("sim: %d chains of %d visible units", n, visible))
	}
	c := &RBMChains{V: make([][]float64, n), P: make([][]float64, n)}
	for k := range c.V {
		c.V[k] = make([]float64, visible)
		c.P[k] = make([]float64, visible)
	}
	return c
}

// Step advances every chain by one Gibbs step of r. The coins take one
// Rand.Float64 each: the hidden units of every chain, chain by chain and
// unit by unit, then the visible units likewise. It panics if the chains'
// length is not r.Visible.
func (c *RBMChains) Step(r *RBM, rng *rand.Rand) {
	m, nv, nh := len(c.V), r.Visible, r.Hidden
	n4 := (m + 3) &^ 3
	hT := c.s.hiddenPre(r, c.V)
	sigmoids(hT, hT)
	for b := 0; b < m; b++ {
		for j := 0; j < nh; j++ {
			k := j*rbmChunk + b
			hT[k] = rbmCoin(rng.Float64(), hT[k])
		}
	}
	for j := 0; j < nh; j++ {
		clear(hT[j*rbmChunk+m : j*rbmChunk+n4])
	}
	out := c.s.out[:n4*nv]
	r.visiblePre(out, hT, rbmChunk, n4)
	out = out[:m*nv]
	sigmoids(out, out)
	for b := 0; b < m; b++ {
		p, v := c.P[b], c.V[b]
		copy(p, out[b*nv:(b+1)*nv])
		for i, x := range p {
			v[i] = rbmCoin(rng.Float64(), x)
		}
	}
}
