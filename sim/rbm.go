package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
)

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
		dst[j] = r.C[j] + dot(r.W[j*r.Visible:(j+1)*r.Visible], v)
	}
	sigmoids(dst, dst)
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
	sigmoids(dst, dst)
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
	f := -dot(r.B, v)
	for j := 0; j < r.Hidden; j++ {
		f -= softplus(r.C[j] + dot(r.W[j*r.Visible:(j+1)*r.Visible], v))
	}
	return f
}

// PseudoLogLikelihood returns the mean over data of
// Visible · log σ(F(ṽ) − F(v)), where ṽ is v with one unit, drawn uniformly
// from rng for each vector, flipped (x → 1 − x). This is the stochastic
// pseudo-likelihood of scikit-learn's BernoulliRBM.score_samples: a proxy
// for the log-likelihood that needs no partition function, so it works for
// any visible layer. It draws exactly one number per vector from rng, in
// the order of data. It panics if data is empty or a vector has the wrong
// length.
func (r *RBM) PseudoLogLikelihood(data [][]float64, rng *rand.Rand) float64 {
	return r.PseudoLogLikelihoodFlips(data, 1, rng)
}

// PseudoLogLikelihoodFlips is PseudoLogLikelihood averaged over flips
// units drawn for each vector (with replacement), which costs little more
// than one flip, since the hidden pre-activations of v serve them all, and
// is less noisy by about √flips. It draws flips numbers per vector from
// rng, in the order of data. It panics if data is empty, flips < 1 or a
// vector has the wrong length.
func (r *RBM) PseudoLogLikelihoodFlips(data [][]float64, flips int, rng *rand.Rand) float64 {
	if len(data) == 0 {
		panic("sim: pseudo-likelihood of no data")
	}
	if flips < 1 {
		panic(fmt.Sprintf("sim: pseudo-likelihood with %d flips", flips))
	}
	var s rbmScratch
	nv, nh := r.Visible, r.Hidden
	var sum float64
	for start := 0; start < len(data); start += rbmChunk {
		chunk := data[start:min(start+rbmChunk, len(data))]
		aT := s.hiddenPre(r, chunk)
		for b, v := range chunk {
			bv := dot(r.B, v)
			f := -bv
			for j := 0; j < nh; j++ {
				f -= softplus(aT[j*rbmChunk+b])
			}
			for range flips {
				// Flipping unit i moves every hidden pre-activation by
				// d·W_ji and the visible term by d·b_i.
				i := rng.IntN(nv)
				d := 1 - 2*v[i]
				flipped := -(bv + d*r.B[i])
				for j := 0; j < nh; j++ {
					flipped -= softplus(aT[j*rbmChunk+b] + d*r.W[j*nv+i])
				}
				// log σ(F(ṽ) − F(v)) = −softplus(F(v) − F(ṽ)), finite for
				// any difference.
				sum -= softplus(f-flipped) / float64(flips)
			}
		}
	}
	return float64(nv) * sum / float64(len(data))
}

// ReconError returns the mean squared difference, per vector and per
// visible unit, between each vector of data and its reconstruction (see
// Reconstruct). It panics if data is empty or a vector has the wrong length.
func (r *RBM) ReconError(data [][]float64) float64 {
	var s rbmScratch
	return r.reconError(data, &s)
}

// rbmChunk is how many vectors the batched measures push through the
// machine at once.
const rbmChunk = 16

// rbmScratch is the space the batched measures work in, sized on first
// use: rbmChunk vectors transposed (Visible×rbmChunk), their hidden
// probabilities (Hidden×rbmChunk) and reconstructions (rbmChunk×Visible).
type rbmScratch struct {
	vT, hT, out []float64
}

// hiddenPre puts the chunk of at most rbmChunk vectors, transposed, into
// s.vT and returns their hidden pre-activations c_j + Σ_i W_ji v_i, one
// row per hidden unit and rbmChunk columns.
func (s *rbmScratch) hiddenPre(r *RBM, chunk [][]float64) []float64 {
	nv, nh := r.Visible, r.Hidden
	if len(s.vT) != nv*rbmChunk || len(s.hT) != nh*rbmChunk {
		s.vT, s.hT = make([]float64, nv*rbmChunk), make([]float64, nh*rbmChunk)
		s.out = make([]float64, rbmChunk*nv)
	}
	m := len(chunk)
	n4 := (m + 3) &^ 3
	for b, v := range chunk {
		r.checkVisible(v)
		for i, x := range v {
			s.vT[i*rbmChunk+b] = x
		}
	}
	for i := 0; i < nv; i++ {
		clear(s.vT[i*rbmChunk+m : i*rbmChunk+n4])
	}
	r.hiddenPreT(s.hT, rbmChunk, s.vT, n4)
	return s.hT
}

// reconError is ReconError in the space of s.
func (r *RBM) reconError(data [][]float64, s *rbmScratch) float64 {
	if len(data) == 0 {
		panic("sim: reconstruction error of no data")
	}
	nv := r.Visible
	var sum float64
	for start := 0; start < len(data); start += rbmChunk {
		chunk := data[start:min(start+rbmChunk, len(data))]
		m := len(chunk)
		n4 := (m + 3) &^ 3
		hT := s.hiddenPre(r, chunk)
		sigmoids(hT, hT)
		out := s.out[:n4*nv]
		r.visiblePre(out, hT, rbmChunk, n4)
		out = out[:m*nv]
		sigmoids(out, out)
		for b, v := range chunk {
			for i, x := range v {
				d := x - out[b*nv+i]
				sum += d * d
			}
		}
	}
	return sum / float64(len(data)*nv)
}

// hiddenPreT writes the hidden pre-activations c_j + Σ_i W_ji v_i of the
// first n columns of vT (Visible×ld, one column per vector) into the first
// n columns of dstT (Hidden×ld).
func (r *RBM) hiddenPreT(dstT []float64, ld int, vT []float64, n int) {
	for j, c := range r.C {
		row := dstT[j*ld : j*ld+n]
		for b := range row {
			row[b] = c
		}
	}
	gemm(dstT, ld, r.W, r.Visible, 1, vT, ld, r.Hidden, r.Visible, n)
}

// hiddenProbsT is hiddenPreT followed by the sigmoid: p(h | v) for each
// of the first n columns of vT. Columns of dstT beyond n keep finite
// values but are not meaningful.
func (r *RBM) hiddenProbsT(dstT []float64, ld int, vT []float64, n int) {
	r.hiddenPreT(dstT, ld, vT, n)
	sigmoids(dstT, dstT)
}

// visiblePre writes the visible pre-activations b_i + Σ_j h_j W_ji of the
// first n columns of hT (Hidden×ld, one column per vector) into the first
// n rows of dst (one row of Visible per vector).
func (r *RBM) visiblePre(dst, hT []float64, ld, n int) {
	nv := r.Visible
	for b := 0; b < n; b++ {
		copy(dst[b*nv:(b+1)*nv], r.B)
	}
	gemm(dst, nv, hT, 1, ld, r.W, nv, n, r.Hidden, nv)
}
