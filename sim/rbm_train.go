package sim

import (
	"fmt"
	"math/rand/v2"
)

// divergence, one mini-batch at a time, so a scene can spread an epoch over
// frames. For each mini-batch v⁰ it
//
//   - computes the hidden probabilities p⁰ = p(h | v⁰) (the positive phase);
//   - runs K alternating Gibbs steps h → v → h, starting from a sample of
//     p⁰ (CD-k) or, with Persistent set, from the visible states its
//     fantasy chains ended in after the previous update (persistent CD);
//   - moves the parameters along the estimated gradient
//     ⟨v_i p_j⟩_data − ⟨v_i p_j⟩_recon, averaged over the batch, with the
//     learning rate, momentum and weight decay (an L2 penalty on W only).
//
// The negative statistics pair the sampled binary visible state with the
// hidden probabilities, which keeps their noise down without biasing them.
// Every exported field but RBM may be changed between steps, and the
// machine's weights may be edited; changing Batch reallocates the scratch
// space once, and nothing else allocates.
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

	batch        int         // the Batch the scratch space is sized for
	v0, vk       []float64   // batch×Visible: data and negative visible states
	ph0, hk      []float64   // batch×Hidden: positive probabilities, negative hidden
	phk          []float64   // batch: negative probabilities of one hidden unit
	vecs         [][]float64 // 2·batch vectors and coefficients whose sum
	coef         []float64   // is one row's gradient
	chains       []float64   // batch×Visible persistent fantasy states
	chainsOK     bool        // chains hold states from a previous update
	velW         []float64   // the last update of every weight and bias,
	velB, velC   []float64   // which momentum carries into the next
	recH, recOut []float64   // scratch for ReconError
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
	t.batch = b
	t.v0 = make([]float64, b*r.Visible)
	t.vk = make([]float64, b*r.Visible)
	t.ph0 = make([]float64, b*r.Hidden)
	t.hk = make([]float64, b*r.Hidden)
	t.phk = make([]float64, b)
	t.vecs = make([][]float64, 2*b)
	t.coef = make([]float64, 2*b)
	old := t.chains
	t.chains = make([]float64, b*r.Visible)
	if t.chainsOK {
		// Keep what chains there were; any new ones start fresh.
		n := copy(t.chains, old)
		for i := n; i < len(t.chains); i++ {
			t.chains[i] = float64(t.Rand.Uint64() & 1)
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
		copy(t.v0[b*r.Visible:(b+1)*r.Visible], t.data[k])
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
	r := t.RBM
	if len(t.recH) != r.Hidden || len(t.recOut) != r.Visible {
		t.recH, t.recOut = make([]float64, r.Hidden), make([]float64, r.Visible)
	}
	var sum float64
	for _, v := range t.data {
		r.Reconstruct(t.recOut, t.recH, v)
		for i, x := range v {
			d := x - t.recOut[i]
			sum += d * d
		}
	}
	return sum / float64(len(t.data)*r.Visible)
}

// hiddenProbsBatch writes p(h | v_b) for the m vectors of vs (m×Visible)
// into dst (m×Hidden). Hidden units are the outer loop and vectors the
// inner one, four at a time, so each row of W is read from memory once per
// batch and from cache once per four vectors.
func (r *RBM) hiddenProbsBatch(dst, vs []float64, m int) {
	nv, nh := r.Visible, r.Hidden
	for j := 0; j < nh; j++ {
		row, c := r.W[j*nv:(j+1)*nv], r.C[j]
		b := 0
		for ; b+4 <= m; b += 4 {
			s0, s1, s2, s3 := rbmDot4(row, vs[b*nv:(b+1)*nv], vs[(b+1)*nv:(b+2)*nv],
				vs[(b+2)*nv:(b+3)*nv], vs[(b+3)*nv:(b+4)*nv])
			dst[b*nh+j] = Sigmoid(c + s0)
			dst[(b+1)*nh+j] = Sigmoid(c + s1)
			dst[(b+2)*nh+j] = Sigmoid(c + s2)
			dst[(b+3)*nh+j] = Sigmoid(c + s3)
		}
		for ; b < m; b++ {
			dst[b*nh+j] = Sigmoid(c + rbmDot(row, vs[b*nv:(b+1)*nv]))
		}
	}
}

// visibleProbsBatch writes p(v | h_b) for the m vectors of hs (m×Hidden)
// into dst (m×Visible). Rows of W are taken four at a time, so each output
// vector is loaded and stored once per four rows rather than once per row;
// a block where the hidden vector is all zeros is skipped.
func (r *RBM) visibleProbsBatch(dst, hs []float64, m int) {
	nv, nh := r.Visible, r.Hidden
	for b := 0; b < m; b++ {
		copy(dst[b*nv:(b+1)*nv], r.B)
	}
	j := 0
	for ; j+4 <= nh; j += 4 {
		r0, r1 := r.W[j*nv:(j+1)*nv], r.W[(j+1)*nv:(j+2)*nv]
		r2, r3 := r.W[(j+2)*nv:(j+3)*nv], r.W[(j+3)*nv:(j+4)*nv]
		for b := 0; b < m; b++ {
			h := hs[b*nh+j : b*nh+j+4 : b*nh+j+4]
			if h[0] == 0 && h[1] == 0 && h[2] == 0 && h[3] == 0 {
				continue
			}
			rbmAxpy4(dst[b*nv:(b+1)*nv], h[0], r0, h[1], r1, h[2], r2, h[3], r3)
		}
	}
	for ; j < nh; j++ {
		row := r.W[j*nv : (j+1)*nv]
		for b := 0; b < m; b++ {
			if x := hs[b*nh+j]; x != 0 {
				rbmAxpy(dst[b*nv:(b+1)*nv], x, row)
			}
		}
	}
	dst = dst[:m*nv]
	for i, x := range dst {
		dst[i] = Sigmoid(x)
	}
}

// update makes one parameter update from the m vectors in v0.
func (t *RBMTrainer) update(m int) {
	r, rng := t.RBM, t.Rand
	nv, nh := r.Visible, r.Hidden
	v0, vk := t.v0[:m*nv], t.vk[:m*nv]
	ph0, hk := t.ph0[:m*nh], t.hk[:m*nh]

	r.hiddenProbsBatch(ph0, v0, m)
	if t.Persistent {
		if !t.chainsOK {
			for i := range t.chains {
				t.chains[i] = float64(rng.Uint64() & 1)
			}
			t.chainsOK = true
		}
		r.hiddenProbsBatch(hk, t.chains[:m*nv], m)
	} else {
		copy(hk, ph0)
	}
	rbmSample(hk, rng)
	for step := max(t.K, 1); ; step-- {
		r.visibleProbsBatch(vk, hk, m)
		rbmSample(vk, rng)
		if step == 1 {
			break
		}
		r.hiddenProbsBatch(hk, vk, m)
		rbmSample(hk, rng)
	}
	if t.Persistent {
		copy(t.chains, vk)
	}

	// The last half-step, p(h | v^k), needs only row j of W for hidden
	// unit j, so it is folded into the update of that row: each row is
	// read, used and rewritten while it sits in cache. The row's gradient
	// is a sum of 2m scaled vectors, v⁰_b and v^k_b, added four at a time.
	eps := t.Rate
	scale := eps / float64(m)
	mu := t.Momentum
	decay := eps * t.WeightDecay
	phk := t.phk[:m]
	vecs, coef := t.vecs[:2*m], t.coef[:2*m]
	for b := 0; b < m; b++ {
		vecs[b], vecs[m+b] = v0[b*nv:(b+1)*nv], vk[b*nv:(b+1)*nv]
	}
	for j := 0; j < nh; j++ {
		row, vel := r.W[j*nv:(j+1)*nv], t.velW[j*nv:(j+1)*nv]
		c := r.C[j]
		b := 0
		for ; b+4 <= m; b += 4 {
			s0, s1, s2, s3 := rbmDot4(row, vecs[m+b], vecs[m+b+1], vecs[m+b+2], vecs[m+b+3])
			phk[b], phk[b+1], phk[b+2], phk[b+3] = Sigmoid(c+s0), Sigmoid(c+s1), Sigmoid(c+s2), Sigmoid(c+s3)
		}
		for ; b < m; b++ {
			phk[b] = Sigmoid(c + rbmDot(row, vecs[m+b]))
		}
		var dc float64
		for b, p := range phk {
			p0 := ph0[b*nh+j]
			coef[b], coef[m+b] = scale*p0, -scale*p
			dc += p0 - p
		}
		for i, w := range row {
			vel[i] = mu*vel[i] - decay*w
		}
		k := 0
		for ; k+4 <= len(vecs); k += 4 {
			rbmAxpy4(vel, coef[k], vecs[k], coef[k+1], vecs[k+1], coef[k+2], vecs[k+2], coef[k+3], vecs[k+3])
		}
		for ; k < len(vecs); k++ {
			rbmAxpy(vel, coef[k], vecs[k])
		}
		for i, d := range vel {
			row[i] += d
		}
		t.velC[j] = mu*t.velC[j] + scale*dc
		r.C[j] += t.velC[j]
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
