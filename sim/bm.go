package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// BM is a fully connected Boltzmann machine at temperature 1: a Net whose
// first Visible units are visible and whose remaining units are hidden.
// Every pair of units is connected, hidden ones included, which is what
// makes its free phase expensive and the RBM worth inventing.
//
// Its probability of a state s is p(s) = e^{−E(s)}/Z, and the probability
// of a visible vector v is the marginal p(v) = Σ_h p(v, h). The exact
// methods enumerate all 2^N states and panic when N exceeds MaxExactUnits;
// at 16 units a full enumeration takes a few milliseconds, which is about
// where learning with exact phases stops being interactive.
type BM struct {
	Net     *Net
	Visible int
}

// NewBM returns a machine with the given numbers of visible and hidden
// units, zero weights and biases. It panics if visible < 1 or hidden < 0.
func NewBM(visible, hidden int) *BM {
	if visible < 1 || hidden < 0 {
		panic(fmt.Sprintf("sim: a Boltzmann machine of %d visible and %d hidden units", visible, hidden))
	}
	return &BM{Net: NewNet(visible + hidden), Visible: visible}
}

// Hidden returns the number of hidden units.
func (m *BM) Hidden() int { return m.Net.N - m.Visible }

// Randomize sets every weight and bias to an independent normal number of
// standard deviation std. Hidden units that start alike receive identical
// updates under exact phases and stay alike forever, so learning starts
// from a small random tilt rather than from zero.
func (m *BM) Randomize(std float64, rng *rand.Rand) {
	n := m.Net
	for i := 0; i < n.N; i++ {
		n.B[i] = std * rng.NormFloat64()
		for j := i + 1; j < n.N; j++ {
			n.SetWeight(i, j, std*rng.NormFloat64())
		}
	}
}

func (m *BM) checkVisible(v []int8) {
	if len(v) != m.Visible {
		panic(fmt.Sprintf("sim: visible vector has %d units, machine has %d", len(v), m.Visible))
	}
}

// bmLogSumExp returns log Σ e^{x_k}, shifted by the largest term so that
// nothing overflows; it is −Inf for an empty slice.
func bmLogSumExp(x []float64) float64 {
	top := math.Inf(-1)
	for _, v := range x {
		top = max(top, v)
	}
	if math.IsInf(top, 0) {
		return top
	}
	var sum float64
	for _, v := range x {
		sum += math.Exp(v - top)
	}
	return top + math.Log(sum)
}

// negEnergies writes −E(s) for every state number into dst, grown as
// needed, and returns it. It panics if N exceeds MaxExactUnits.
func (m *BM) negEnergies(dst []float64) []float64 {
	if m.Net.N > MaxExactUnits {
		panic(fmt.Sprintf("sim: %d units is too many to enumerate (at most %d)", m.Net.N, MaxExactUnits))
	}
	dst = floatsOfLen(dst, 1<<uint(m.Net.N))
	m.Net.Energies(dst)
	for i, e := range dst {
		dst[i] = -e
	}
	return dst
}

// LogZ returns the log partition function log Σ_s e^{−E(s)}, exactly. It
// panics if N exceeds MaxExactUnits.
func (m *BM) LogZ() float64 {
	return bmLogSumExp(m.negEnergies(nil))
}

// VisibleLogProbs writes into dst, grown as needed, the exact log p(v) of
// every visible vector, indexed by its state number (see IndexOf), and
// returns it. It panics if N exceeds MaxExactUnits.
func (m *BM) VisibleLogProbs(dst []float64) []float64 {
	negE := m.negEnergies(nil)
	return m.visibleLogProbs(dst, negE)
}

// visibleLogProbs sums the hidden units out of the table negE of −E(s).
// Visible units occupy the low bits of a state number, so the states that
// share a visible vector are spaced 2^Visible apart.
func (m *BM) visibleLogProbs(dst, negE []float64) []float64 {
	nv := 1 << uint(m.Visible)
	if cap(dst) < nv {
		dst = make([]float64, nv)
	}
	dst = dst[:nv]
	logZ := bmLogSumExp(negE)
	nh := len(negE) / nv
	for v := range dst {
		top := math.Inf(-1)
		for h := 0; h < nh; h++ {
			top = max(top, negE[v+h*nv])
		}
		var sum float64
		for h := 0; h < nh; h++ {
			sum += math.Exp(negE[v+h*nv] - top)
		}
		dst[v] = top + math.Log(sum) - logZ
	}
	return dst
}

// LogLikelihood returns the mean of log p(v) over the visible vectors in
// data, exactly. It panics if a vector has the wrong length, if data is
// empty, or if N exceeds MaxExactUnits.
func (m *BM) LogLikelihood(data [][]int8) float64 {
	if len(data) == 0 {
		panic("sim: log-likelihood of no data")
	}
	lp := m.VisibleLogProbs(nil)
	var sum float64
	for _, v := range data {
		m.checkVisible(v)
		sum += lp[IndexOf(v)]
	}
	return sum / float64(len(data))
}

// KL returns KL(data || model) = Σ_v q(v) log(q(v)/p(v)), the
// Kullback–Leibler divergence of the data distribution q (each vector of
// data counted once, repeats adding weight) from the machine's visible
// marginal p, in nats. It is zero
// only when the two agree. It panics as LogLikelihood does.
func (m *BM) KL(data [][]int8) float64 {
	return bmKL(data, m.VisibleLogProbs(nil))
}

// bmKL works from log p(v) rather than calling KL with probabilities: a
// machine that has nearly learned its data gives some vectors a
// probability that underflows to zero while its logarithm stays finite.
func bmKL(data [][]int8, logP []float64) float64 {
	if len(data) == 0 {
		panic("sim: KL divergence from no data")
	}
	counts := make(map[uint64]int, len(data))
	for _, v := range data {
		counts[IndexOf(v)]++
	}
	var kl float64
	n := float64(len(data))
	for idx, c := range counts {
		q := float64(c) / n
		kl += q * (math.Log(q) - logP[idx])
	}
	// Rounding can leave a perfect fit a hair below zero.
	return max(kl, 0)
}

// BMStats holds the first and second moments of a distribution over the
// states of an N-unit machine: Mean[i] = ⟨s_i⟩ and Corr[i*N+j] = ⟨s_i s_j⟩,
// symmetric with ones on the diagonal (s_i² = 1). These are the matrices
// the two phases of learning measure.
type BMStats struct {
	N    int
	Mean []float64
	Corr []float64
}

func newBMStats(n int) BMStats {
	return BMStats{N: n, Mean: make([]float64, n), Corr: make([]float64, n*n)}
}

func (st *BMStats) reset() {
	clear(st.Mean)
	clear(st.Corr)
}

// add accumulates weight w of state s into the upper triangle; finish
// mirrors it once all states are in.
func (st *BMStats) add(s []int8, w float64) {
	n := st.N
	for i := 0; i < n; i++ {
		ws := w * float64(s[i])
		st.Mean[i] += ws
		row := st.Corr[i*n : i*n+n]
		for j := i + 1; j < n; j++ {
			row[j] += ws * float64(s[j])
		}
	}
}

func (st *BMStats) finish() {
	n := st.N
	for i := 0; i < n; i++ {
		st.Corr[i*n+i] = 1
		for j := i + 1; j < n; j++ {
			st.Corr[j*n+i] = st.Corr[i*n+j]
		}
	}
}

// BMTrainer teaches a BM a set of visible vectors by the two-phase rule
//
//	Δw_ij = ε(⟨s_i s_j⟩_data − ⟨s_i s_j⟩_model),  Δb_i = ε(⟨s_i⟩_data − ⟨s_i⟩_model),
//
// which is gradient ascent on the mean log-likelihood of the data. The
// positive phase clamps the visible units to each data vector in turn and
// lets the hidden units respond; the negative phase lets every unit run
// free. Each phase is exact (enumeration of hidden states, or of all
// states) unless SamplePositive or SampleNegative says otherwise, in which
// case it is estimated by persistent Gibbs chains that carry their states
// from one step to the next. The flags, Rate, Chains and Sweeps may be
// changed between steps, and so may the machine's weights.
type BMTrainer struct {
	BM   *BM
	Rate float64 // ε, the learning rate

	SamplePositive bool // estimate the clamped phase by Gibbs sampling
	SampleNegative bool // estimate the free phase by Gibbs sampling
	Chains         int  // Gibbs chains of each sampled phase
	Sweeps         int  // Gibbs sweeps per step and chain in a sampled phase

	Rand  *rand.Rand
	Steps int // learning steps made so far

	// Positive and Negative hold the statistics that the most recent call
	// to Measure or Step found: the heatmaps of the Learning scene.
	Positive, Negative BMStats

	data    [][]int8
	s       []int8
	negE    []float64
	logP    []float64
	clamped []*Chain // for the sampled positive phase, grouped by data vector
	free    []*Chain
	order   []int
	part    partStep // a step that Advance has begun and not finished
}

// partStep is how far Advance has gone through a learning step: the
// phase it is in (0 clamped, 1 free) and the next chain of that phase, for
// the settings the step began with.
type partStep struct {
	begun        bool
	phase, chain int
	settings     stepSettings
}

// stepSettings are what a step's work depends on; a change between calls
// of Advance starts the step again.
type stepSettings struct {
	pos, neg       bool
	chains, sweeps int
}

// NewBMTrainer returns a trainer for m on a copy of data, with exact
// phases, learning rate 0.1 and, for when sampling is switched on, 100
// chains and five sweeps per step: fewer sweeps let the persistent chains
// lag so far behind the changing weights that learning oscillates. It
// panics if data is empty or a vector's length is not m.Visible.
func NewBMTrainer(m *BM, data [][]int8, rng *rand.Rand) *BMTrainer {
	if len(data) == 0 {
		panic("sim: training a Boltzmann machine on no data")
	}
	t := &BMTrainer{BM: m, Rate: 0.1, Chains: 100, Sweeps: 5, Rand: rng,
		Positive: newBMStats(m.Net.N), Negative: newBMStats(m.Net.N),
		s: make([]int8, m.Net.N)}
	for _, v := range data {
		m.checkVisible(v)
		t.data = append(t.data, append([]int8(nil), v...))
	}
	return t
}

// Data returns the training vectors. The slices belong to the trainer.
func (t *BMTrainer) Data() [][]int8 { return t.data }

// Measure runs both phases at the current weights and leaves their
// statistics in Positive and Negative without learning from them. The
// difference of the two is the exact gradient of the mean log-likelihood
// when both phases are exact. An exact phase panics if the machine has
// more units than it can enumerate (MaxExactUnits).
func (t *BMTrainer) Measure() {
	t.part = partStep{}
	t.measure(nil)
}

// measure runs or resumes both phases, asking more before each sampled
// chain after the first of the call (nil means never stop), and reports
// whether both are done.
func (t *BMTrainer) measure(more func() bool) bool {
	set := stepSettings{t.SamplePositive && t.BM.Hidden() > 0, t.SampleNegative, t.Chains, t.Sweeps}
	if !t.part.begun || t.part.settings != set {
		t.part = partStep{begun: true, settings: set}
	}
	first := true
	goOn := func() bool {
		if first || more == nil {
			first = false
			return true
		}
		return more()
	}
	if t.part.phase == 0 {
		if set.pos {
			if t.part.chain = t.samplePositive(t.part.chain, goOn); t.part.chain >= 0 {
				return false
			}
		} else {
			t.exactPositive()
		}
		t.part.phase, t.part.chain = 1, 0
	}
	if set.neg {
		if t.part.chain = t.sampleNegative(t.part.chain, goOn); t.part.chain >= 0 {
			return false
		}
	} else {
		t.exactNegative()
	}
	t.part = partStep{}
	return true
}

// Advance makes progress on a learning step: it runs the phases on, asking
// more before every sampled chain but the first of the call, stops when
// more says no, and goes on from there at the next call. It reports
// whether it finished the step, weights updated. A step made in any number
// of calls is the step Step makes, number for number. Changing the
// sampling, Chains or Sweeps between calls starts the step again, and so
// does Measure.
func (t *BMTrainer) Advance(more func() bool) bool {
	if !t.measure(more) {
		return false
	}
	t.learn()
	return true
}

// InStep reports whether Advance has begun a step and not finished it.
func (t *BMTrainer) InStep() bool { return t.part.begun }

// Step makes one learning step (or finishes the one Advance began): both
// phases over the whole data set, then one update of every weight and
// bias.
func (t *BMTrainer) Step() {
	t.measure(nil)
	t.learn()
}

// learn updates the weights and biases from the statistics of the phases.
func (t *BMTrainer) learn() {
	net, eps := t.BM.Net, t.Rate
	n := net.N
	pos, neg := &t.Positive, &t.Negative
	for i := 0; i < n; i++ {
		net.B[i] += eps * (pos.Mean[i] - neg.Mean[i])
		for j := i + 1; j < n; j++ {
			net.SetWeight(i, j, net.W[i*n+j]+eps*(pos.Corr[i*n+j]-neg.Corr[i*n+j]))
		}
	}
	t.Steps++
}

// KL returns the exact KL(data || model): the Kullback–Leibler divergence
// of the training data's distribution from the machine's visible marginal;
// see BM.KL.
func (t *BMTrainer) KL() float64 {
	t.negE = t.BM.negEnergies(t.negE)
	t.logP = t.BM.visibleLogProbs(t.logP, t.negE)
	return bmKL(t.data, t.logP)
}

// exactPositive weighs every hidden completion of each data vector by its
// conditional probability p(h | v).
func (t *BMTrainer) exactPositive() {
	m, st := t.BM, &t.Positive
	st.reset()
	nh := m.Hidden()
	if nh > MaxExactUnits {
		panic(fmt.Sprintf("sim: %d hidden units is too many to enumerate (at most %d)", nh, MaxExactUnits))
	}
	size := 1 << uint(nh)
	if cap(t.negE) < size {
		t.negE = make([]float64, size)
	}
	negE := t.negE[:size]
	share := 1 / float64(len(t.data))
	s := t.s
	for _, v := range t.data {
		copy(s, v)
		for h := range negE {
			StateOf(s[m.Visible:], uint64(h))
			negE[h] = -m.Net.Energy(s)
		}
		logZv := bmLogSumExp(negE)
		for h := range negE {
			StateOf(s[m.Visible:], uint64(h))
			st.add(s, share*math.Exp(negE[h]-logZv))
		}
	}
	st.finish()
}

// exactNegative weighs every state by its Boltzmann probability.
func (t *BMTrainer) exactNegative() {
	st := &t.Negative
	st.reset()
	t.negE = t.BM.negEnergies(t.negE)
	logZ := bmLogSumExp(t.negE)
	for idx, ne := range t.negE {
		StateOf(t.s, uint64(idx))
		st.add(t.s, math.Exp(ne-logZ))
	}
	st.finish()
}

// samplePositive runs Sweeps sweeps of the hidden units of each clamped
// chain and averages the states seen after each sweep. The Chains are
// shared out among the data vectors, at least one each, so a data set
// smaller than the chain count still gets a steady estimate.
func (t *BMTrainer) samplePositive(from int, more func() bool) int {
	m, st := t.BM, &t.Positive
	per := max(t.Chains/len(t.data), 1)
	if from > 0 {
		return t.runClamped(from, per, more)
	}
	if len(t.clamped) != per*len(t.data) {
		t.clamped = t.clamped[:0]
		for _, v := range t.data {
			for range per {
				copy(t.s, v)
				RandomState(t.s[m.Visible:], t.Rand)
				t.clamped = append(t.clamped, NewChain(m.Net, t.s, 1, t.Rand))
			}
		}
	}
	// The chains' fields date from the weights of their last use.
	for _, c := range t.clamped {
		c.Refresh()
	}
	st.reset()
	return t.runClamped(0, per, more)
}

// runClamped runs the clamped chains from the one numbered from, asking
// more before each after the first, and returns where it stopped, or −1
// when the phase is done and its statistics are final.
func (t *BMTrainer) runClamped(from, per int, more func() bool) int {
	m, st := t.BM, &t.Positive
	nh := m.Hidden()
	if cap(t.order) < nh {
		t.order = make([]int, nh)
	}
	order := t.order[:nh]
	sweeps := max(t.Sweeps, 1)
	share := 1 / float64(len(t.clamped)*sweeps)
	for k := from; k < len(t.clamped); k++ {
		if !more() {
			return k
		}
		c := t.clamped[k]
		for i, x := range t.data[k/per] {
			c.SetUnit(i, x)
		}
		for range sweeps {
			for i := range order {
				order[i] = m.Visible + i
			}
			Shuffle(order, c.Rand)
			for _, i := range order {
				c.Update(i)
			}
			st.add(c.State(), share)
		}
	}
	st.finish()
	return -1
}

// sampleNegative runs Sweeps sweeps of each free chain and averages the
// states seen after each sweep, starting at chain from and asking more
// before each chain as runClamped does; it returns where it stopped, or
// −1 when the phase is done.
func (t *BMTrainer) sampleNegative(from int, more func() bool) int {
	m, st := t.BM, &t.Negative
	chains := max(t.Chains, 1)
	for len(t.free) < chains {
		RandomState(t.s, t.Rand)
		t.free = append(t.free, NewChain(m.Net, t.s, 1, t.Rand))
	}
	sweeps := max(t.Sweeps, 1)
	share := 1 / float64(chains*sweeps)
	if from == 0 {
		st.reset()
	}
	for k := from; k < chains; k++ {
		if !more() {
			return k
		}
		c := t.free[k]
		c.Refresh()
		for range sweeps {
			c.Sweep()
			st.add(c.State(), share)
		}
	}
	st.finish()
	return -1
}
