package sim

import (
	"fmt"
	"math"
	"math/bits"
)

// RBMMaxEnumVisible is the largest visible layer whose partition function
// the RBM's exact methods will enumerate. The hidden units are summed out
// in closed form, so the cost is 2^Visible free energies: about a second at
// 20 visible and a few dozen hidden units, a few microseconds for the 3×3
// images of the RBM scene.
const RBMMaxEnumVisible = 20

func (r *RBM) checkEnum() {
	if r.Visible > RBMMaxEnumVisible {
		panic(fmt.Sprintf("sim: %d visible units is too many to enumerate (at most %d)", r.Visible, RBMMaxEnumVisible))
	}
}

// rbmEnum calls visit for every binary visible vector v, in Gray-code order
// so that each differs from the previous one in a single unit, with −F(v)
// and the hidden pre-activations a_j = c_j + Σ_i W_ji v_i. Keeping a up to
// date costs O(Hidden) per vector instead of O(Visible·Hidden). v and a
// belong to rbmEnum and change after visit returns.
func (r *RBM) rbmEnum(visit func(v, a []float64, negF float64)) {
	r.checkEnum()
	nv, nh := r.Visible, r.Hidden
	v := make([]float64, nv)
	a := make([]float64, nh)
	var bv float64
	refresh := func() {
		bv = dot(r.B, v)
		for j := range a {
			a[j] = r.C[j] + dot(r.W[j*nv:(j+1)*nv], v)
		}
	}
	negF := func() float64 {
		f := bv
		for _, x := range a {
			f += softplus(x)
		}
		return f
	}
	refresh()
	visit(v, a, negF())
	for k := uint64(1); k < 1<<uint(nv); k++ {
		i := bits.TrailingZeros64(k)
		d := 1 - 2*v[i] // +1 when unit i turns on, −1 when it turns off
		v[i] = 1 - v[i]
		bv += d * r.B[i]
		for j := range a {
			a[j] += d * r.W[j*nv+i]
		}
		// The running sums pick up rounding with every flip; start them
		// afresh now and then so no free energy drifts.
		if k&1023 == 0 {
			refresh()
		}
		visit(v, a, negF())
	}
}

// LogZ returns log Z = log Σ_v e^{−F(v)}, exactly, by visiting all
// 2^Visible visible vectors with the hidden units summed out. It panics if
// Visible exceeds RBMMaxEnumVisible.
func (r *RBM) LogZ() float64 {
	// A running log-sum-exp: the sum is kept relative to the largest term
	// so far and rescaled whenever a larger one arrives.
	top, sum := math.Inf(-1), 0.0
	r.rbmEnum(func(_, _ []float64, x float64) {
		if x > top {
			sum = sum*math.Exp(top-x) + 1
			top = x
		} else {
			sum += math.Exp(x - top)
		}
	})
	return top + math.Log(sum)
}

// LogLikelihood returns the mean of log p(v) = −F(v) − log Z over data, in
// nats, exactly. It is a log-probability for binary vectors; for grey
// levels it is the same formula applied to the given values. It panics if
// data is empty, a vector has the wrong length, or Visible exceeds
// RBMMaxEnumVisible.
func (r *RBM) LogLikelihood(data [][]float64) float64 {
	if len(data) == 0 {
		panic("sim: log-likelihood of no data")
	}
	var sum float64
	for _, v := range data {
		sum -= r.FreeEnergy(v)
	}
	return sum/float64(len(data)) - r.LogZ()
}

// LogLikelihoodGrad writes into dst (which must have r's shape) the exact
// gradient of LogLikelihood(data) with respect to every weight and bias:
//
//	∂/∂W_ji = ⟨v_i p(h_j=1|v)⟩_data − ⟨v_i h_j⟩_model,
//	∂/∂b_i  = ⟨v_i⟩_data − ⟨v_i⟩_model,
//	∂/∂c_j  = ⟨p(h_j=1|v)⟩_data − ⟨h_j⟩_model,
//
// with the model's expectations found by enumerating the visible layer.
// CD-k estimates the same quantity; this is the truth to compare it with.
// It panics as LogLikelihood does, or if dst has another shape.
func (r *RBM) LogLikelihoodGrad(dst *RBM, data [][]float64) {
	if len(data) == 0 {
		panic("sim: gradient of the log-likelihood of no data")
	}
	if dst.Visible != r.Visible || dst.Hidden != r.Hidden ||
		len(dst.W) != len(r.W) || len(dst.B) != len(r.B) || len(dst.C) != len(r.C) {
		panic("sim: gradient into an RBM of another shape")
	}
	nv := r.Visible
	clear(dst.W)
	clear(dst.B)
	clear(dst.C)
	ph := make([]float64, r.Hidden)
	share := 1 / float64(len(data))
	for _, v := range data {
		r.HiddenProbs(ph, v)
		rbmAxpy(dst.B, share, v)
		for j, p := range ph {
			dst.C[j] += share * p
			rbmAxpy(dst.W[j*nv:(j+1)*nv], share*p, v)
		}
	}
	logZ := r.LogZ()
	r.rbmEnum(func(v, a []float64, negF float64) {
		p := math.Exp(negF - logZ)
		rbmAxpy(dst.B, -p, v)
		for j, x := range a {
			q := p * Sigmoid(x)
			dst.C[j] -= q
			rbmAxpy(dst.W[j*nv:(j+1)*nv], -q, v)
		}
	})
}
