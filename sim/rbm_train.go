package sim

import (
	"fmt"
	"math/rand/v2"
)

// RBMTrainer trains an RBM on a fixed set of visible vectors by contrastive
// divergence, one mini-batch at a time, so a scene can spread an epoch over
// frames. For each mini-batch v⁰ it
//
//   - computes the hidden probabilities p⁰ = p(h | v⁰) (the positive phase);
//   - runs K alternating Gibbs steps h → v → h, starting from a sample of
//     p⁰ (CD-k) or, with Persistent set, from the hidden states its
//     fantasy chains ended in after the previous update (persistent CD, as
//     scikit-learn's BernoulliRBM runs it);
//   - moves the parameters along the estimated gradient
//     ⟨v_i p_j⟩_data − ⟨v_i p_j⟩_recon, averaged over the batch, with the
//     learning rate, momentum and weight decay (an L2 penalty on W only).
//
// The negative statistics pair the sampled binary visible state with the
// hidden probabilities, which keeps their noise down without biasing them.
// Every exported field but RBM may be changed between steps, and the
// machine's weights may be edited; changing Batch reallocates the scratch
// space once, and nothing else allocates. With Momentum and WeightDecay
// both zero the update goes straight into W and is not kept, so momentum
// switched on later starts the weights' velocity from zero.
//
// The whole batch moves through the machine at once, as matrix products
// (see gemm) followed by a vectorised sigmoid. The coins take one
// Rand.Float64 each, drawn a half-step at a time, vector by vector and
// unit by unit within a vector, so a seed replays a run exactly.
type RBMTrainer struct {
	RBM         *RBM
	Rate        float64 // learning rate ε
	Momentum    float64 // fraction of the previous update carried into the next, in [0, 1)
	WeightDecay float64 // L2 penalty λ: each update also subtracts ε·λ·W
	K           int     // Gibbs steps per update; values below 1 count as 1
	Persistent  bool    // keep the negative chains between updates (PCD)
	Batch       int     // vectors per mini-batch; values below 1 count as 1
	Rand        *rand.Rand

	Epochs  int // passes over the data completed
	Updates int // mini-batch updates made

	data [][]float64 // the training vectors, a private copy
	perm []int       // this epoch's order of the training vectors
	next int         // position in perm of the next vector to train on

	// Matrices whose name ends in T hold one row per unit and one column
	// per vector of the batch, ld columns in all: the layout in which the
	// hidden layer's products read both operands row by row.
	batch      int       // the Batch the scratch space is sized for
	ld         int       // batch rounded up to a multiple of 4
	xs         []float64 // (batch+ld)×Visible: the data, then the negative visible states
	v0T, vkT   []float64 // Visible×ld: both visible batches, transposed
	ph0T, phkT []float64 // Hidden×ld: positive and negative hidden probabilities
	hsT        []float64 // Hidden×ld: sampled hidden states; the chains of PCD
	coef       []float64 // Hidden×2·batch: the gradient's coefficients of xs's rows
	u          []float64 // uniforms for one half-step
	chainsOK   bool      // hsT holds chains from a previous update
	velW       []float64 // the last update of every weight and bias,
	velB, velC []float64 // which momentum carries into the next
	velWStale  bool      // the last update went straight into W, velW is not it
	rec        rbmScratch
}

// NewRBMTrainer returns a trainer for r on a copy of data with learning
// rate 0.1, CD-1, mini-batches of 10, momentum 0.5 and no weight decay:
// on the three TLO shapes, momentum roughly halves the epochs CD-1 needs
// to leave the plateau where every hidden unit still looks alike. It
// panics if data is empty or a vector has the wrong length or a value
// outside [0, 1].
func NewRBMTrainer(r *RBM, data [][]float64, rng *rand.Rand) *RBMTrainer {
	if len(data) == 0 {
		panic("sim: training an RBM on no data")
	}
	t := &RBMTrainer{RBM: r, Rate: 0.1, Momentum: 0.5, K: 1, Batch: 10, Rand: rng,
		perm: make([]int, len(data)), next: len(data),
		velW: make([]float64, len(r.W)), velB: make([]float64, r.Visible), velC: make([]float64, r.Hidden)}
	flat := make([]float64, len(data)*r.Visible)
	for k, v := range data {
		r.checkVisible(v)
		row := flat[k*r.Visible : (k+1)*r.Visible]
		for i, x := range v {
			if !(x >= 0 && x <= 1) {
				panic(fmt.Sprintf("sim: training vector %d has value %v at unit %d, outside [0, 1]", k, x, i))
			}
			row[i] = x
		}
		t.data = append(t.data, row)
		t.perm[k] = k
	}
	return t
}

// Data returns the training vectors. The slices belong to the trainer.
func (t *RBMTrainer) Data() [][]float64 { return t.data }

func (t *RBMTrainer) size() {
	b := max(t.Batch, 1)
	if b == t.batch {
		return
	}
	r := t.RBM
	nv, nh := r.Visible, r.Hidden
	ld := (b + 3) &^ 3
	old, oldLd, oldBatch := t.hsT, t.ld, t.batch
	t.batch, t.ld = b, ld
	t.xs = make([]float64, (b+ld)*nv)
	t.v0T = make([]float64, nv*ld)
	t.vkT = make([]float64, nv*ld)
	t.ph0T = make([]float64, nh*ld)
	t.phkT = make([]float64, nh*ld)
	t.hsT = make([]float64, nh*ld)
	t.coef = make([]float64, nh*2*b)
	t.u = make([]float64, b*max(nv, nh))
	if t.chainsOK {
		// Keep what chains there were; any new ones start from random
		// hidden states.
		for j := 0; j < nh; j++ {
			n := copy(t.hsT[j*ld:j*ld+b], old[j*oldLd:j*oldLd+oldBatch])
			for k := n; k < b; k++ {
				t.hsT[j*ld+k] = float64(t.Rand.Uint64() & 1)
			}
		}
	}
}

// Step trains on the next mini-batch of the current epoch, starting a new
// epoch in a fresh random order when the last one is done, and reports
// whether this step finished an epoch. The last mini-batch of an epoch is
// smaller when Batch does not divide the number of vectors.
func (t *RBMTrainer) Step() bool {
	if t.next >= len(t.data) {
		Shuffle(t.perm, t.Rand)
		t.next = 0
	}
	t.size()
	r := t.RBM
	m := min(t.batch, len(t.data)-t.next)
	for b, k := range t.perm[t.next : t.next+m] {
		copy(t.xs[b*r.Visible:(b+1)*r.Visible], t.data[k])
	}
	t.update(m)
	t.next += m
	t.Updates++
	if t.next >= len(t.data) {
		t.Epochs++
		return true
	}
	return false
}

// Epoch trains until the current epoch is finished: a whole pass over the
// data when called between epochs, the rest of one otherwise.
func (t *RBMTrainer) Epoch() {
	for !t.Step() {
	}
}

// ReconError returns RBM.ReconError of the training vectors, without
// allocating.
func (t *RBMTrainer) ReconError() float64 {
	return t.RBM.reconError(t.data, &t.rec)
}

// sampleHidden sets the first m columns of dstT (Hidden×ld) to coins
// tossed with the probabilities in pT, vector by vector.
func (t *RBMTrainer) sampleHidden(dstT, pT []float64, m int) {
	nh, ld := t.RBM.Hidden, t.ld
	u := t.u[:nh*m]
	rbmUniforms(u, t.Rand)
	for j := 0; j < nh; j++ {
		d, p := dstT[j*ld:j*ld+m], pT[j*ld:j*ld+m]
		for b, x := range p {
			d[b] = rbmCoin(u[b*nh+j], x)
		}
	}
}

// startChains starts every persistent chain from a random visible state,
// as CD would start from data: each visible unit on with probability ½,
// then a hidden state drawn from p(h | v).
func (t *RBMTrainer) startChains() {
	r, ld := t.RBM, t.ld
	clear(t.vkT)
	for b := 0; b < t.batch; b++ {
		for i := 0; i < r.Visible; i++ {
			t.vkT[i*ld+b] = float64(t.Rand.Uint64() & 1)
		}
	}
	r.hiddenProbsT(t.phkT, ld, t.vkT, ld)
	t.sampleHidden(t.hsT, t.phkT, t.batch)
	t.chainsOK = true
}

// update makes one parameter update from the m vectors in the first m
// rows of xs.
func (t *RBMTrainer) update(m int) {
	r := t.RBM
	nv, nh, ld := r.Visible, r.Hidden, t.ld
	n4 := (m + 3) &^ 3 // the columns the products compute
	v0 := t.xs[:m*nv]
	vk := t.xs[m*nv : (m+n4)*nv]

	rbmTransposePadded(t.v0T, ld, v0, m, n4, nv)
	r.hiddenProbsT(t.ph0T, ld, t.v0T, n4)
	if t.Persistent {
		if !t.chainsOK {
			t.startChains()
		}
	} else {
		t.sampleHidden(t.hsT, t.ph0T, m)
	}
	for step := max(t.K, 1); ; step-- {
		r.visiblePre(vk, t.hsT, ld, n4)
		vs, u := vk[:m*nv], t.u[:m*nv]
		sigmoids(vs, vs)
		rbmUniforms(u, t.Rand)
		for i, p := range vs {
			vs[i] = rbmCoin(u[i], p)
		}
		rbmTransposePadded(t.vkT, ld, vs, m, n4, nv)
		r.hiddenProbsT(t.phkT, ld, t.vkT, n4)
		if step == 1 {
			break
		}
		t.sampleHidden(t.hsT, t.phkT, m)
	}
	if t.Persistent {
		// The chains go on from a hidden state drawn from the same
		// p(h | v^k) the gradient uses.
		t.sampleHidden(t.hsT, t.phkT, m)
	}

	// The gradient of W is one product: coef (Hidden×2m, the scaled
	// positive and negated negative probabilities) times the 2m rows of
	// xs (the data, then the negative visible states).
	scale := t.Rate / float64(m)
	mu := t.Momentum
	decay := t.Rate * t.WeightDecay
	m2 := 2 * m
	coef := t.coef[:nh*m2]
	for j := 0; j < nh; j++ {
		p0, pk := t.ph0T[j*ld:j*ld+m], t.phkT[j*ld:j*ld+m]
		c := coef[j*m2 : (j+1)*m2]
		var dc float64
		for b, p := range p0 {
			c[b], c[m+b] = scale*p, -scale*pk[b]
			dc += p - pk[b]
		}
		t.velC[j] = mu*t.velC[j] + scale*dc
		r.C[j] += t.velC[j]
	}
	if mu == 0 && decay == 0 {
		// Nothing to carry or decay: the update goes straight into W.
		gemm(r.W, nv, coef, m2, 1, t.xs, nv, nh, m2, nv)
		t.velWStale = true
	} else {
		if t.velWStale {
			clear(t.velW)
			t.velWStale = false
		}
		// A few rows at a time, so that each row of W and of its
		// velocity is read and written while it is still in cache.
		const rows = 8
		for j0 := 0; j0 < nh; j0 += rows {
			j1 := min(j0+rows, nh)
			w, vel := r.W[j0*nv:j1*nv], t.velW[j0*nv:j1*nv]
			rbmAxpby(vel, mu, w, -decay)
			gemm(vel, nv, coef[j0*m2:], m2, 1, t.xs, nv, j1-j0, m2, nv)
			rbmAxpby(w, 1, vel, 1)
		}
	}
	for i := range t.velB {
		t.velB[i] *= mu
	}
	for b := 0; b < m; b++ {
		rbmAxpy(t.velB, scale, v0[b*nv:(b+1)*nv])
		rbmAxpy(t.velB, -scale, vk[b*nv:(b+1)*nv])
	}
	for i, d := range t.velB {
		r.B[i] += d
	}
}
