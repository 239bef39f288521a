package sim

import (
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
)

// RBMMaxEnumVisible is the largest visible layer whose partition function
// the RBM's exact methods will enumerate. The hidden units are summed out
// in closed form, so the cost is 2^Visible free energies: about a second at
// 20 visible and a few dozen hidden units, a few microseconds for the 3×3
// images of the RBM scene.
const RBMMaxEnumVisible = 20

// RBM is a restricted Boltzmann machine with units in {0, 1}: a layer of
// visible units and a layer of hidden units, with weights only between the
// layers. Its energy is
//
//	E(v, h) = −Σ_ij v_i W_ji h_j − Σ_i b_i v_i − Σ_j c_j h_j,
//
// and since no two units of a layer are joined, each layer is independent
// given the other: p(h_j = 1 | v) = σ(c_j + Σ_i W_ji v_i) and
// p(v_i = 1 | h) = σ(b_i + Σ_j W_ji h_j).
//
// W is flat and row-major with one row per hidden unit, W[j*Visible+i], so
// row j is hidden unit j's receptive field over the visible layer. Visible
// vectors are []float64 with values in [0, 1]: binary data, or grey levels
// read as probabilities.
type RBM struct {
	Visible, Hidden int
	W               []float64 // Hidden×Visible weights, row-major
	B               []float64 // visible biases
	C               []float64 // hidden biases
}

// NewRBM returns a machine with zero weights and biases. It panics if
// either layer is empty.
func NewRBM(visible, hidden int) *RBM {
	if visible < 1 || hidden < 1 {
		panic(fmt.Sprintf("sim: an RBM of %d visible and %d hidden units", visible, hidden))
	}
	return &RBM{Visible: visible, Hidden: hidden,
		W: make([]float64, visible*hidden), B: make([]float64, visible), C: make([]float64, hidden)}
}

// Randomize draws every weight from a normal distribution of standard
// deviation std and sets the biases to zero. Hidden units with equal
// weights would receive equal updates, so training starts from such a
// small random tilt; 0.01 is the customary choice.
func (r *RBM) Randomize(std float64, rng *rand.Rand) {
	for i := range r.W {
		r.W[i] = std * rng.NormFloat64()
	}
	clear(r.B)
	clear(r.C)
}

// Clone returns a deep copy.
func (r *RBM) Clone() *RBM {
	c := NewRBM(r.Visible, r.Hidden)
	copy(c.W, r.W)
	copy(c.B, r.B)
	copy(c.C, r.C)
	return c
}

// Validate reports whether the machine is well formed: both layers have
// units, the slices have the lengths the layers call for, and every number
// is finite. A machine read from outside data should pass it before use.
func (r *RBM) Validate() error {
	if r.Visible < 1 || r.Hidden < 1 {
		return fmt.Errorf("RBM has %d visible and %d hidden units, want at least one of each", r.Visible, r.Hidden)
	}
	if r.Visible > 1<<20 || r.Hidden > 1<<20 || r.Visible*r.Hidden > 1<<28 {
		return fmt.Errorf("RBM of %d visible and %d hidden units is too large", r.Visible, r.Hidden)
	}
	if len(r.W) != r.Visible*r.Hidden || len(r.B) != r.Visible || len(r.C) != r.Hidden {
		return fmt.Errorf("RBM of %d visible and %d hidden units has %d weights, %d visible and %d hidden biases, want %d, %d and %d",
			r.Visible, r.Hidden, len(r.W), len(r.B), len(r.C), r.Visible*r.Hidden, r.Visible, r.Hidden)
	}
	for _, part := range []struct {
		name string
		xs   []float64
	}{{"weight", r.W}, {"visible bias", r.B}, {"hidden bias", r.C}} {
		for i, x := range part.xs {
			if !finite(x) {
				return fmt.Errorf("%s %d is %v", part.name, i, x)
			}
		}
	}
	return nil
}

func (r *RBM) checkVisible(v []float64) {
	if len(v) != r.Visible {
		panic(fmt.Sprintf("sim: visible vector has %d units, RBM has %d", len(v), r.Visible))
	}
}

func (r *RBM) checkHidden(h []float64) {
	if len(h) != r.Hidden {
		panic(fmt.Sprintf("sim: hidden vector has %d units, RBM has %d", len(h), r.Hidden))
	}
}

// rbmDst returns dst, or a new slice of length n when dst is nil, and
// panics when a given dst has the wrong length.
func rbmDst(dst []float64, n int) []float64 {
	if dst == nil {
		return make([]float64, n)
	}
	if len(dst) != n {
		panic(fmt.Sprintf("sim: destination has %d elements, want %d", len(dst), n))
	}
	return dst
}

// ReceptiveField returns hidden unit j's weights to the visible layer, one
// per visible unit: the picture of what the unit has learned to detect. The
// slice is row j of W itself, so it changes as the machine learns.
func (r *RBM) ReceptiveField(j int) []float64 {
	if j < 0 || j >= r.Hidden {
		panic(fmt.Sprintf("sim: hidden unit %d of %d", j, r.Hidden))
	}
	return r.W[j*r.Visible : (j+1)*r.Visible]
}

// HiddenProbs writes p(h_j = 1 | v) for every hidden unit into dst and
// returns it. A nil dst is allocated; otherwise it must have length Hidden.
// It panics if len(v) != Visible.
func (r *RBM) HiddenProbs(dst, v []float64) []float64 {
	r.checkVisible(v)
	dst = rbmDst(dst, r.Hidden)
	for j := range dst {
		dst[j] = Sigmoid(r.C[j] + rbmDot(r.W[j*r.Visible:(j+1)*r.Visible], v))
	}
	return dst
}

// VisibleProbs writes p(v_i = 1 | h) for every visible unit into dst and
// returns it. h may hold probabilities rather than samples, which gives the
// mean-field reconstruction. A nil dst is allocated; otherwise it must have
// length Visible. It panics if len(h) != Hidden.
func (r *RBM) VisibleProbs(dst, h []float64) []float64 {
	r.checkHidden(h)
	dst = rbmDst(dst, r.Visible)
	copy(dst, r.B)
	for j, hj := range h {
		if hj != 0 {
			rbmAxpy(dst, hj, r.W[j*r.Visible:(j+1)*r.Visible])
		}
	}
	for i, x := range dst {
		dst[i] = Sigmoid(x)
	}
	return dst
}

// Reconstruct pushes v through the machine once without sampling,
// v → p(h | v) → p(v′ | h), and writes the visible probabilities into dst.
// h, if not nil, receives the hidden probabilities on the way; it must then
// have length Hidden. A nil dst is allocated; otherwise it must have length
// Visible.
func (r *RBM) Reconstruct(dst, h, v []float64) []float64 {
	h = r.HiddenProbs(h, v)
	return r.VisibleProbs(dst, h)
}

// SampleHidden draws a binary hidden vector from p(h | v) into dst.
func (r *RBM) SampleHidden(dst, v []float64, rng *rand.Rand) []float64 {
	dst = r.HiddenProbs(dst, v)
	rbmSample(dst, rng)
	return dst
}

// SampleVisible draws a binary visible vector from p(v | h) into dst: one
// half of a Gibbs step, with SampleHidden the other.
func (r *RBM) SampleVisible(dst, h []float64, rng *rand.Rand) []float64 {
	dst = r.VisibleProbs(dst, h)
	rbmSample(dst, rng)
	return dst
}

// rbmSample replaces each probability in p by a 0 or 1 drawn with it.
func rbmSample(p []float64, rng *rand.Rand) {
	for i, x := range p {
		if rng.Float64() < x {
			p[i] = 1
		} else {
			p[i] = 0
		}
	}
}

// softplus returns log(1 + e^x) without overflow for large x and without
// losing the tiny value for very negative x.
func softplus(x float64) float64 {
	if x > 0 {
		return x + math.Log1p(math.Exp(-x))
	}
	return math.Log1p(math.Exp(x))
}

// FreeEnergy returns F(v) = −Σ_i b_i v_i − Σ_j log(1 + e^{c_j + Σ_i W_ji v_i}),
// the energy of v with the hidden units summed out: p(v) = e^{−F(v)}/Z.
// It panics if len(v) != Visible.
func (r *RBM) FreeEnergy(v []float64) float64 {
	r.checkVisible(v)
	f := -rbmDot(r.B, v)
	for j := 0; j < r.Hidden; j++ {
		f -= softplus(r.C[j] + rbmDot(r.W[j*r.Visible:(j+1)*r.Visible], v))
	}
	return f
}

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
		bv = rbmDot(r.B, v)
		for j := range a {
			a[j] = r.C[j] + rbmDot(r.W[j*nv:(j+1)*nv], v)
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

// PseudoLogLikelihood returns the mean over data of
// Visible · log σ(F(ṽ) − F(v)), where ṽ is v with one unit, drawn uniformly
// from rng for each vector, flipped (x → 1 − x). This is the stochastic
// pseudo-likelihood of scikit-learn's BernoulliRBM.score_samples: a proxy
// for the log-likelihood that needs no partition function, so it works for
// any visible layer. It draws exactly one number per vector from rng. It
// panics if data is empty or a vector has the wrong length.
func (r *RBM) PseudoLogLikelihood(data [][]float64, rng *rand.Rand) float64 {
	if len(data) == 0 {
		panic("sim: pseudo-likelihood of no data")
	}
	flipped := make([]float64, r.Visible)
	var sum float64
	for _, v := range data {
		r.checkVisible(v)
		i := rng.IntN(r.Visible)
		copy(flipped, v)
		flipped[i] = 1 - v[i]
		d := r.FreeEnergy(flipped) - r.FreeEnergy(v)
		// log σ(d) = −softplus(−d), which stays finite for any d.
		sum -= softplus(-d)
	}
	return float64(r.Visible) * sum / float64(len(data))
}

// ReconError returns the mean squared difference, per vector and per
// visible unit, between each vector of data and its reconstruction (see
// Reconstruct). It panics if data is empty or a vector has the wrong length.
func (r *RBM) ReconError(data [][]float64) float64 {
	if len(data) == 0 {
		panic("sim: reconstruction error of no data")
	}
	h := make([]float64, r.Hidden)
	v2 := make([]float64, r.Visible)
	var sum float64
	for _, v := range data {
		r.Reconstruct(v2, h, v)
		for i, x := range v {
			d := x - v2[i]
			sum += d * d
		}
	}
	return sum / float64(len(data)*r.Visible)
}

// rbmDot returns Σ a_i b_i. Four partial sums let the additions overlap in
// the pipeline, which the compiler will not arrange on its own because it
// must keep floating-point addition in order.
func rbmDot(a, b []float64) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	for len(a) >= 4 {
		x, y := a[:4:4], b[:4:4]
		s0 += x[0] * y[0]
		s1 += x[1] * y[1]
		s2 += x[2] * y[2]
		s3 += x[3] * y[3]
		a, b = a[4:], b[4:]
	}
	for i, x := range a {
		s0 += x * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// rbmDot4 returns the dot products of a with four vectors of its length,
// reading a once for all four.
func rbmDot4(a, x0, x1, x2, x3 []float64) (s0, s1, s2, s3 float64) {
	n := len(a)
	x0, x1, x2, x3 = x0[:n], x1[:n], x2[:n], x3[:n]
	// Two sums per vector, for even and odd i, halve the chain of
	// dependent additions that would otherwise set the pace.
	var t0, t1, t2, t3 float64
	i := 0
	for ; i+2 <= n; i += 2 {
		w, u := a[i], a[i+1]
		s0 += w * x0[i]
		s1 += w * x1[i]
		s2 += w * x2[i]
		s3 += w * x3[i]
		t0 += u * x0[i+1]
		t1 += u * x1[i+1]
		t2 += u * x2[i+1]
		t3 += u * x3[i+1]
	}
	if i < n {
		w := a[i]
		s0 += w * x0[i]
		s1 += w * x1[i]
		s2 += w * x2[i]
		s3 += w * x3[i]
	}
	return s0 + t0, s1 + t1, s2 + t2, s3 + t3
}

// rbmAxpy4 adds a0·x0 + a1·x1 + a2·x2 + a3·x3 to dst, loading and storing
// each element of dst once for the four products.
func rbmAxpy4(dst []float64, a0 float64, x0 []float64, a1 float64, x1 []float64,
	a2 float64, x2 []float64, a3 float64, x3 []float64) {
	n := len(dst)
	x0, x1, x2, x3 = x0[:n], x1[:n], x2[:n], x3[:n]
	for i := range dst {
		dst[i] += a0*x0[i] + a1*x1[i] + a2*x2[i] + a3*x3[i]
	}
}

// rbmAxpy adds alpha·x to dst.
func rbmAxpy(dst []float64, alpha float64, x []float64) {
	x = x[:len(dst)]
	for len(dst) >= 4 {
		d, y := dst[:4:4], x[:4:4]
		d[0] += alpha * y[0]
		d[1] += alpha * y[1]
		d[2] += alpha * y[2]
		d[3] += alpha * y[3]
		dst, x = dst[4:], x[4:]
	}
	for i := range dst {
		dst[i] += alpha * x[i]
	}
}

// RBMTrainer trains an RBM on a fixed set of visible vectors by contrastive
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

// TLO returns the three 3×3 shapes the RBM scene learns: the T and L of TL
// and an O, the ring of eight border cells around an empty centre. L lies
// inside O, three cells apart; every other pair differs in at least five,
// so a single flipped pixel never leaves a shape closer to another one.
func TLO() []Pattern {
	return append(TL(), MustPattern("O", "###|#.#|###"))
}

// ZeroOne writes s in the {0, 1} convention of RBMs (+1 → 1, −1 → 0) into
// dst and returns it. A nil dst is allocated; otherwise it must have the
// length of s.
func ZeroOne(dst []float64, s []int8) []float64 {
	dst = rbmDst(dst, len(s))
	for i, x := range s {
		if x > 0 {
			dst[i] = 1
		} else {
			dst[i] = 0
		}
	}
	return dst
}

// PlusMinus writes v in the ±1 convention into dst, rounding at one half:
// a value ≥ 0.5 becomes +1. It panics if the lengths differ.
func PlusMinus(dst []int8, v []float64) {
	if len(dst) != len(v) {
		panic(fmt.Sprintf("sim: %d values into a state of %d units", len(v), len(dst)))
	}
	for i, x := range v {
		if x >= 0.5 {
			dst[i] = 1
		} else {
			dst[i] = -1
		}
	}
}

// TLOData returns TLO in the {0, 1} convention, one row per shape: the RBM
// scene's training set.
func TLOData() [][]float64 {
	var rows [][]float64
	for _, p := range TLO() {
		rows = append(rows, ZeroOne(nil, p.Units))
	}
	return rows
}
