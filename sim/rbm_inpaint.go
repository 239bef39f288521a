package sim

import (
	"fmt"
	"math/rand/v2"
)

// InpaintStep makes one step of filling in the units of v marked free
// while every other unit stays as it is (clamped): it draws the hidden
// units from p(h | v), or with a nil rng sets them to those
// probabilities, and then sets each free unit to its probability
// p(v_i = 1 | h). Repeated, the free units settle on what the machine
// thinks belongs beside the clamped ones; the values it leaves are
// probabilities, which the next step reads as such.
//
// h and p are scratch space of lengths Hidden and Visible; after the call
// h holds the hidden state used and p every visible probability. It
// panics if a length is wrong.
func (r *RBM) InpaintStep(v []float64, free []bool, h, p []float64, rng *rand.Rand) {
	r.checkVisible(v)
	if len(free) != r.Visible {
		panic(fmt.Sprintf("sim: free mask has %d units, RBM has %d", len(free), r.Visible))
	}
	if rng != nil {
		r.SampleHidden(h, v, rng)
	} else {
		r.HiddenProbs(h, v)
	}
	r.VisibleProbs(p, h)
	for i, f := range free {
		if f {
			v[i] = p[i]
		}
	}
}
