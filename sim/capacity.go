package sim

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"
)

// Rule is a way of turning a set of ±1 patterns into the weights of a
// Hopfield network.
type Rule int

const (
	// HebbRule is the Hebbian outer-product rule scaled by 1/N:
	// w_ij = (1/N) Σ_μ ξ_i^μ ξ_j^μ for i ≠ j. For random patterns a
	// network of N units recalls about 0.138·N of them (as N grows).
	HebbRule Rule = iota
	// StorkeyRule is the incremental rule of Storkey (1997). Pattern ξ is
	// added to the weights as
	//
	//	w_ij += (ξ_i ξ_j − ξ_i h_ji − h_ij ξ_j) / N,  h_ij = Σ_{k≠i,j} w_ik ξ_k,
	//
	// for i ≠ j, with h computed from the weights before ξ is added. The
	// subtracted terms cancel part of the crosstalk of the patterns stored
	// earlier, so more patterns are recalled than by HebbRule, and a
	// pattern can still be added at any time. The first pattern stored gets
	// the Hebbian weights.
	StorkeyRule
	// PseudoInverseRule is the projection rule W = (1/N) Ξ C⁻¹ Ξᵀ, where
	// Ξ is the N×P matrix whose columns are the patterns and
	// C_μν = (1/N) Σ_i ξ_i^μ ξ_i^ν their P×P overlap matrix. W projects onto
	// the span of the patterns, so W ξ^μ = ξ^μ exactly. The diagonal of W
	// is then set to zero, as every network of this package requires; the
	// field of unit i on pattern μ becomes (1 − P_ii) ξ_i^μ with
	// 0 ≤ P_ii < 1, so every stored pattern stays a fixed point as long as
	// the patterns are linearly independent (which needs P ≤ N). Basins
	// shrink as P/N grows towards 1. Patterns that are linearly dependent
	// make C singular and are refused with ErrDependentPatterns.
	PseudoInverseRule
)

var ruleNames = [...]string{"hebb", "storkey", "pinv"}

// String returns the rule's short name: "hebb", "storkey" or "pinv".
func (r Rule) String() string {
	if r < 0 || int(r) >= len(ruleNames) {
		return fmt.Sprintf("Rule(%d)", int(r))
	}
	return ruleNames[r]
}

// Rules returns every storage rule, in the order of their constants.
func Rules() []Rule { return []Rule{HebbRule, StorkeyRule, PseudoInverseRule} }

// ParseRule reads a rule name as String writes it; "hebbian",
// "pseudo-inverse", "pseudoinverse" and "projection" are accepted too.
func ParseRule(name string) (Rule, error) {
	switch name {
	case "hebbian":
		return HebbRule, nil
	case "pseudo-inverse", "pseudoinverse", "projection":
		return PseudoInverseRule, nil
	}
	for r, n := range ruleNames {
		if n == name {
			return Rule(r), nil
		}
	}
	return 0, fmt.Errorf("unknown storage rule %q (want hebb, storkey or pinv)", name)
}

// ErrDependentPatterns is returned by the pseudo-inverse rule when the
// stored patterns are linearly dependent (a pattern repeated or flipped in
// every unit, or more patterns than units), so that their overlap matrix
// has no inverse.
var ErrDependentPatterns = errors.New("the patterns are linearly dependent, so the pseudo-inverse rule cannot store them")

// CriticalLoad is the load α = P/N at which the Hebbian memory of random
// patterns breaks down in the limit of many units (Amit, Gutfreund and
// Sompolinsky, 1985). Below it the stored patterns sit close to stable
// states whose overlap with the pattern is above 0.96; above it recall
// fails. A network of a few hundred units recalls a little beyond it.
const CriticalLoad = 0.138

// RecallThreshold is the final overlap with the cued pattern at or above
// which a capacity trial counts as recalled.
const RecallThreshold = 0.95

// recallSweepCap bounds the sweeps of one recall. Zero-temperature
// asynchronous dynamics on symmetric weights with a zero diagonal always
// settles, in a handful of sweeps for the sizes used here; the cap only
// guards against the unforeseen.
const recallSweepCap = 200

// tieTolerance is the magnitude of local field below which a unit counts
// as tied and keeps its value. Fields are kept up to date by adding
// weights on every flip, so an exact tie of the Hebbian rule (a field of
// 0, where the next possible value is ±1/N) could otherwise come out as a
// rounding error of either sign.
const tieTolerance = 1e-9

// StoreWith returns a network of len(patterns[0]) units, with zero biases,
// storing the patterns by rule. It returns ErrDependentPatterns when the
// rule is PseudoInverseRule and the patterns are linearly dependent. It
// panics if there are no patterns, if their lengths differ, if a unit is
// not ±1, or if rule is not one of the three rules.
func StoreWith(rule Rule, patterns [][]int8) (*Net, error) {
	if len(patterns) == 0 {
		panic("sim: no patterns to store")
	}
	n := len(patterns[0])
	flat := make([]int8, 0, n*len(patterns))
	for _, p := range patterns {
		if len(p) != n {
			panic("sim: patterns of different lengths")
		}
		for _, v := range p {
			if v != 1 && v != -1 {
				panic("sim: a pattern unit is not ±1")
			}
		}
		flat = append(flat, p...)
	}
	net := NewNet(n)
	b := newWeightBuilder(rule, n, len(patterns), flat, net.W)
	for !b.step() {
	}
	if b.err != nil {
		return nil, b.err
	}
	return net, nil
}

// weightBuilder computes the weights of a rule in steps of about N²
// multiply-adds each, so that a frame can do a few and return.
type weightBuilder struct {
	rule  Rule
	n, p  int
	pats  []int8    // P×N, pattern μ at pats[μN:(μ+1)N]
	w     []float64 // N×N, the result
	phase int
	next  int // the next row or pattern of the current phase
	err   error

	xi    []float64 // Storkey: the pattern being stored
	h     []float64 // Storkey: its fields
	bits  []uint64  // Hebb: unit i's signs over the patterns; pinv: pattern μ's signs over the units
	words int
	l     []float64 // pinv: Cholesky factor of C, P×P lower triangle
	y     []float64 // pinv: Y = Ξ L⁻ᵀ, N×P
}

func newWeightBuilder(rule Rule, n, p int, pats []int8, w []float64) *weightBuilder {
	switch rule {
	case HebbRule, StorkeyRule, PseudoInverseRule:
	default:
		panic(fmt.Sprintf("sim: unknown storage rule %d", int(rule)))
	}
	if len(pats) != n*p || len(w) != n*n {
		panic("sim: weight builder sizes disagree")
	}
	clear(w)
	return &weightBuilder{rule: rule, n: n, p: p, pats: pats, w: w}
}

// step does the next piece of the work and reports whether the weights are
// finished (or the build failed, with err set).
func (b *weightBuilder) step() bool {
	if b.err != nil {
		return true
	}
	switch b.rule {
	case HebbRule:
		return b.stepHebb()
	case StorkeyRule:
		return b.stepStorkey()
	default:
		return b.stepPinv()
	}
}

// packSigns sets bit c of row r of dst (words 64-bit words a row) when the
// element (r, c) is +1; at(r, c) reads it.
func packSigns(dst []uint64, rows, cols, words int, at func(r, c int) int8) {
	clear(dst)
	for r := range rows {
		row := dst[r*words : r*words+words]
		for c := range cols {
			if at(r, c) > 0 {
				row[c>>6] |= 1 << (c & 63)
			}
		}
	}
}

// signDot returns Σ a_k b_k over the length items of two packed ±1 rows.
func signDot(a, b []uint64, length int) int {
	d := 0
	for k := range a {
		d += bits.OnesCount64(a[k] ^ b[k])
	}
	return length - 2*d
}

// stepHebb works through rows of W. Each weight is an
// integer (a dot product of ±1 columns, counted with popcounts) divided by
// N, so the result is exact up to that one rounding and exactly symmetric.
func (b *weightBuilder) stepHebb() bool {
	n, p := b.n, b.p
	if b.bits == nil {
		b.words = (p + 63) / 64
		b.bits = make([]uint64, n*b.words)
		packSigns(b.bits, n, p, b.words, func(i, mu int) int8 { return b.pats[mu*n+i] })
	}
	budget := n * n
	for ; b.next < n && budget > 0; b.next++ {
		// Whole rows, each weight computed from both ends: twice the
		// popcounts of a triangle, but the writes run along the row.
		i := b.next
		bi := b.bits[i*b.words : i*b.words+b.words]
		row := b.w[i*n : i*n+n]
		for j := range row {
			if j != i {
				row[j] = float64(signDot(bi, b.bits[j*b.words:j*b.words+b.words], p)) / float64(n)
			}
		}
		budget -= n * b.words
	}
	return b.next >= n
}

// stepStorkey adds one pattern. With a zero diagonal, h_ij = h_i − w_ij ξ_j
// where h_i = Σ_k w_ik ξ_k, and since ξ_i² = 1 the rule becomes
// w_ij += (ξ_i ξ_j − ξ_i h_j − h_i ξ_j + 2 w_ij) / N. Every term is
// symmetric in i and j and summed in an order that does not depend on
// which is first, so W stays exactly symmetric.
func (b *weightBuilder) stepStorkey() bool {
	n := b.n
	if b.xi == nil {
		b.xi = make([]float64, n)
		b.h = make([]float64, n)
	}
	if b.next >= b.p {
		return true
	}
	pat := b.pats[b.next*n : b.next*n+n]
	xi, h, w := b.xi, b.h, b.w
	for i, v := range pat {
		xi[i] = float64(v)
	}
	for i := range n {
		h[i] = dot(w[i*n:i*n+n], xi)
	}
	inv := 1 / float64(n)
	for i := range n {
		row := w[i*n : i*n+n]
		hs, xs := h[:len(row)], xi[:len(row)]
		xii, hi := xi[i], h[i]
		for j, wij := range row {
			cross := float64(xii*hs[j]) + float64(hi*xs[j])
			row[j] = wij + (float64(xii*xs[j]+2*wij)-cross)*inv
		}
		row[i] = 0
	}
	b.next++
	return b.next >= b.p
}

// pinv phases: the overlap matrix and its Cholesky factor, then the rows of
// Y = Ξ L⁻ᵀ, then the rows of W = Y Yᵀ / N.
const (
	pinvFactor = iota
	pinvSolve
	pinvProduct
)

// pivotFloor is the smallest pivot of the Cholesky factorisation of the
// overlap matrix (whose diagonal is 1) taken as nonzero. Dependent ±1
// patterns give a pivot of the order of the rounding error, 1e-15;
// independent ones of N ≤ MaxCapacityUnits units stay far above it.
const pivotFloor = 1e-10

func (b *weightBuilder) stepPinv() bool {
	n, p := b.n, b.p
	switch b.phase {
	case pinvFactor:
		if p > n {
			b.err = fmt.Errorf("%d patterns of %d units: %w", p, n, ErrDependentPatterns)
			return true
		}
		b.words = (n + 63) / 64
		b.bits = make([]uint64, p*b.words)
		packSigns(b.bits, p, n, b.words, func(mu, i int) int8 { return b.pats[mu*n+i] })
		l := make([]float64, p*p)
		for a := range p {
			ba := b.bits[a*b.words : a*b.words+b.words]
			for c := 0; c <= a; c++ {
				l[a*p+c] = float64(signDot(ba, b.bits[c*b.words:c*b.words+b.words], n)) / float64(n)
			}
		}
		if !cholesky(l, p) {
			b.err = ErrDependentPatterns
			return true
		}
		b.l = l
		b.y = make([]float64, n*p)
		b.phase = pinvSolve
		return false
	case pinvSolve:
		budget := n * n
		for ; b.next < n && budget > 0; b.next++ {
			i := b.next
			y := b.y[i*p : i*p+p]
			for mu := range p {
				y[mu] = float64(b.pats[mu*n+i])
			}
			forwardSolve(b.l, p, y)
			budget -= p * p / 2
		}
		if b.next >= n {
			b.phase, b.next = pinvProduct, 0
		}
		return false
	default:
		budget := n * n
		for ; b.next < n && budget > 0; b.next++ {
			i := b.next
			yi := b.y[i*p : i*p+p]
			for j := i + 1; j < n; j++ {
				w := dot(yi, b.y[j*p:j*p+p]) / float64(n)
				b.w[i*n+j] = w
				b.w[j*n+i] = w
			}
			b.w[i*n+i] = 0
			budget -= (n - i) * p
		}
		return b.next >= n
	}
}

// cholesky overwrites the lower triangle of the symmetric p×p matrix a
// (row-major; only the lower triangle is read) with L such that a = L Lᵀ.
// It reports false when a pivot falls below pivotFloor, that is when a is
// singular or nearly so.
func cholesky(a []float64, p int) bool {
	for j := range p {
		rj := a[j*p : j*p+j]
		d := a[j*p+j] - dot(rj, rj)
		if !(d > pivotFloor) {
			return false
		}
		d = math.Sqrt(d)
		a[j*p+j] = d
		for i := j + 1; i < p; i++ {
			a[i*p+j] = (a[i*p+j] - dot(a[i*p:i*p+j], rj)) / d
		}
	}
	return true
}

// forwardSolve overwrites x with L⁻¹ x for the lower-triangular p×p factor l.
func forwardSolve(l []float64, p int, x []float64) {
	for k := range p {
		x[k] = (x[k] - dot(l[k*p:k*p+k], x)) / l[k*p+k]
	}
}

// TrialConfig describes one recall trial of a capacity experiment: P
// random patterns of N units stored by Rule, one of them cued with
// round(Flip·N) of its units flipped.
type TrialConfig struct {
	N, P int
	Rule Rule
	Flip float64 // fraction of the cue's units flipped, in [0, 0.5]
}

// Validate reports whether the trial is within the caps and makes sense:
// 1 ≤ N ≤ MaxCapacityUnits, 1 ≤ P ≤ MaxCapacityPatterns (and P ≤ N for
// the pseudo-inverse rule), Flip in [0, 0.5], and a known rule.
func (c TrialConfig) Validate() error {
	switch {
	case c.N < 1 || c.N > MaxCapacityUnits:
		return fmt.Errorf("the number of units must be between 1 and %d, got %d", MaxCapacityUnits, c.N)
	case c.P < 1 || c.P > MaxCapacityPatterns:
		return fmt.Errorf("the number of patterns must be between 1 and %d, got %d", MaxCapacityPatterns, c.P)
	case c.Rule < 0 || int(c.Rule) >= len(ruleNames):
		return fmt.Errorf("unknown storage rule %d", int(c.Rule))
	case c.Rule == PseudoInverseRule && c.P > c.N:
		return fmt.Errorf("the pseudo-inverse rule stores at most N patterns, got %d patterns of %d units", c.P, c.N)
	case !(c.Flip >= 0 && c.Flip <= 0.5):
		return fmt.Errorf("the flipped fraction must be between 0 and 0.5, got %v", c.Flip)
	}
	return nil
}

// Trial phases.
const (
	trialStore = iota
	trialCue
	trialRecall
	trialDone
)

// Trial is one recall trial, run a step at a time so that a scene can
// spread it over frames: storing the patterns, then cueing, then one
// sweep of zero-temperature asynchronous updates per step until a sweep
// changes nothing. A step does about N² multiply-adds or less, with two
// exceptions: a Storkey step stores one pattern, about 2N², and the first
// step of the pseudo-inverse rule factorises the P×P overlap matrix, about
// P³/6 (a tenth of N² at N = 400, P = 100; N²·P/(6N) in general, so it
// outgrows the others only past α ≈ 1/2). Every random choice comes
// from the source given to NewTrial, drawn in a fixed order, so the same
// source state replays the same trial.
type Trial struct {
	cfg   TrialConfig
	rng   *rand.Rand
	pats  []int8
	net   *Net
	build *weightBuilder
	phase int
	cue   int
	flips int
	s     []int8
	h     []float64
	order []int

	sweeps    int
	lastFlips int
	err       error
}

// NewTrial draws cfg.P uniformly random patterns and which of them to cue
// from rng, and returns the trial ready to step. It returns an error if
// cfg is not valid. The trial keeps rng and draws from it as it steps.
func NewTrial(cfg TrialConfig, rng *rand.Rand) (*Trial, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	n, p := cfg.N, cfg.P
	t := &Trial{cfg: cfg, rng: rng, pats: make([]int8, n*p), net: NewNet(n),
		s: make([]int8, n), h: make([]float64, n), order: make([]int, n)}
	randomSigns(t.pats, rng)
	t.cue = rng.IntN(p)
	t.flips = int(math.Round(cfg.Flip * float64(n)))
	t.build = newWeightBuilder(cfg.Rule, n, p, t.pats, t.net.W)
	return t, nil
}

// randomSigns sets every element of dst to ±1 with a fair coin, using all
// 64 bits of each draw.
func randomSigns(dst []int8, rng *rand.Rand) {
	var bits uint64
	for i := range dst {
		if i&63 == 0 {
			bits = rng.Uint64()
		}
		dst[i] = int8(bits&1)*2 - 1
		bits >>= 1
	}
}

// Config returns the trial's configuration.
func (t *Trial) Config() TrialConfig { return t.cfg }

// Pattern returns stored pattern k (0 ≤ k < P). The slice is the trial's
// own: read it, do not modify it.
func (t *Trial) Pattern(k int) []int8 {
	n := t.cfg.N
	return t.pats[k*n : k*n+n : k*n+n]
}

// SetCue chooses stored pattern k as the cue instead of the one drawn by
// NewTrial; the random draws that follow are the same either way. It
// panics if k is not a pattern's index or the trial has already been cued.
func (t *Trial) SetCue(k int) {
	if k < 0 || k >= t.cfg.P {
		panic(fmt.Sprintf("sim: cue %d of %d patterns", k, t.cfg.P))
	}
	if t.phase > trialCue {
		panic("sim: the trial has already been cued")
	}
	t.cue = k
}

// Cue returns the index of the cued pattern.
func (t *Trial) Cue() int { return t.cue }

// Flips returns how many units of the cue are flipped: round(Flip·N).
func (t *Trial) Flips() int { return t.flips }

// Net returns the network the trial stores its patterns in. Its weights
// are final once Stored reports true; do not modify them.
func (t *Trial) Net() *Net { return t.net }

// Stored reports whether the weights are built.
func (t *Trial) Stored() bool { return t.phase > trialStore }

// State returns the current state of the units: the corrupted cue once
// the trial has been cued, then the state after each sweep. Before that it
// is all zero. The slice is the trial's own: do not modify it.
func (t *Trial) State() []int8 { return t.s }

// Sweeps returns how many recall sweeps have run.
func (t *Trial) Sweeps() int { return t.sweeps }

// Done reports whether the trial is finished (or failed; see Err).
func (t *Trial) Done() bool { return t.phase == trialDone }

// Err returns why the trial failed, or nil. The only failure is
// ErrDependentPatterns under the pseudo-inverse rule.
func (t *Trial) Err() error { return t.err }

// Overlap returns m = (1/N) Σ_i ξ_i s_i between the cued pattern and the
// current state (the final state once Done).
func (t *Trial) Overlap() float64 {
	return float64(t.overlapCount()) / float64(t.cfg.N)
}

func (t *Trial) overlapCount() int {
	p := t.Pattern(t.cue)
	m := 0
	for i, v := range t.s {
		m += int(v) * int(p[i])
	}
	return m
}

// Step does the next piece of the trial and reports whether it is done.
func (t *Trial) Step() bool {
	switch t.phase {
	case trialStore:
		if t.build.step() {
			if t.err = t.build.err; t.err != nil {
				t.phase = trialDone
				return true
			}
			t.build = nil
			t.phase = trialCue
		}
	case trialCue:
		Corrupt(t.s, t.Pattern(t.cue), t.flips, t.rng)
		n, w := t.cfg.N, t.net.W
		sf := make([]float64, n)
		for i, v := range t.s {
			sf[i] = float64(v)
		}
		for i := range n {
			t.h[i] = dot(w[i*n:i*n+n], sf)
		}
		t.phase = trialRecall
	case trialRecall:
		t.lastFlips = t.sweep()
		t.sweeps++
		if t.lastFlips == 0 || t.sweeps >= recallSweepCap {
			t.phase = trialDone
		}
	}
	return t.phase == trialDone
}

// sweep updates every unit once in a random order at zero temperature,
// keeping the local fields up to date, and returns how many flipped.
func (t *Trial) sweep() int {
	n, w, s, h, order := t.cfg.N, t.net.W, t.s, t.h, t.order
	for i := range order {
		order[i] = i
	}
	Shuffle(order, t.rng)
	flips := 0
	for _, i := range order {
		var v int8
		switch hi := h[i]; {
		case hi > tieTolerance:
			v = 1
		case hi < -tieTolerance:
			v = -1
		default:
			continue
		}
		if v == s[i] {
			continue
		}
		s[i] = v
		flips++
		// W is symmetric, so column i, which the flip changes every field
		// by, is row i.
		d := 2 * float64(v)
		row := w[i*n : i*n+n]
		for j, wij := range row[:len(h)] {
			h[j] += d * wij
		}
	}
	return flips
}

// Run steps the trial to its end and returns its result, or the error
// that stopped it.
func (t *Trial) Run() (TrialResult, error) {
	for !t.Step() {
	}
	return t.Result(), t.err
}

// TrialResult is how a finished trial ended.
type TrialResult struct {
	Overlap   float64 // final overlap with the cued pattern
	Recalled  bool    // Overlap ≥ RecallThreshold
	Sweeps    int     // recall sweeps, the last of which changed nothing unless the cap was met
	Converged bool    // the last sweep changed nothing
}

// Result returns the outcome of the trial so far (final once Done).
func (t *Trial) Result() TrialResult {
	m := t.Overlap()
	return TrialResult{Overlap: m, Recalled: m >= RecallThreshold, Sweeps: t.sweeps,
		Converged: t.phase == trialDone && t.err == nil && t.lastFlips == 0}
}

// CapacityConfig describes a capacity experiment: for every rule and
// every load α in Alphas, Trials trials of P = round(α·N) random patterns
// stored in N units, each cued with a fraction Flip of its units flipped.
type CapacityConfig struct {
	N      int
	Alphas []float64
	Rules  []Rule
	Trials int
	Flip   float64
	Seed   uint64
	// Workers is how many goroutines Capacity shares the trials among; 0
	// means GOMAXPROCS. The results do not depend on it, and
	// CapacitySweep ignores it.
	Workers int
}

// LoadPatterns returns P = round(α·N), the number of patterns of load α in
// a network of n units.
func LoadPatterns(n int, alpha float64) int { return int(math.Round(alpha * float64(n))) }

// Validate reports whether the experiment is within the caps: every
// trial valid (see TrialConfig.Validate), every α positive and large
// enough to store a pattern, at least one rule and load, no rule twice,
// and no more than MaxCapacityPoints loads or MaxCapacityTrials trials in
// all.
func (c CapacityConfig) Validate() error {
	switch {
	case len(c.Alphas) == 0:
		return errors.New("a capacity experiment needs at least one load α")
	case len(c.Alphas) > MaxCapacityPoints:
		return fmt.Errorf("%d loads is more than the cap of %d", len(c.Alphas), MaxCapacityPoints)
	case len(c.Rules) == 0:
		return errors.New("a capacity experiment needs at least one storage rule")
	case c.Trials < 1:
		return fmt.Errorf("the number of trials must be at least 1, got %d", c.Trials)
	case c.Trials > MaxCapacityTrials || len(c.Rules)*len(c.Alphas)*c.Trials > MaxCapacityTrials:
		return fmt.Errorf("%d rules × %d loads × %d trials is more than the cap of %d trials",
			len(c.Rules), len(c.Alphas), c.Trials, MaxCapacityTrials)
	}
	for i, r := range c.Rules {
		for _, q := range c.Rules[:i] {
			if q == r {
				return fmt.Errorf("storage rule %s is listed twice", r)
			}
		}
	}
	if err := (TrialConfig{N: c.N, P: 1, Flip: c.Flip}).Validate(); err != nil {
		return err
	}
	for _, a := range c.Alphas {
		if !(a > 0) || math.IsInf(a, 0) {
			return fmt.Errorf("a load α must be a positive number, got %v", a)
		}
		if a > float64(MaxCapacityPatterns) {
			return fmt.Errorf("α = %v is more patterns than the cap of %d", a, MaxCapacityPatterns)
		}
		if LoadPatterns(c.N, a) < 1 {
			return fmt.Errorf("α = %v of %d units rounds to no pattern", a, c.N)
		}
		for _, r := range c.Rules {
			tc := TrialConfig{N: c.N, P: LoadPatterns(c.N, a), Rule: r, Flip: c.Flip}
			if err := tc.Validate(); err != nil {
				return fmt.Errorf("α = %v: %w", a, err)
			}
		}
	}
	return nil
}

// TrialRand returns the random source of trial k at load index a of rule
// r in an experiment with the given seed. The four numbers are mixed
// (SplitMix64) before seeding, so every trial has a source of its own and
// the results do not depend on the order the trials are run in.
func TrialRand(seed uint64, r Rule, a, k int) *rand.Rand {
	x := seed
	x ^= splitMix64(&x) ^ uint64(r)
	x ^= splitMix64(&x) ^ uint64(a)
	x ^= splitMix64(&x) ^ uint64(k)
	s1 := splitMix64(&x)
	s2 := splitMix64(&x)
	return rand.New(rand.NewPCG(s1, s2))
}

// NewCapacityTrial returns trial k at load index a of rule index r of the
// experiment c, with its own random source (TrialRand). It panics if an
// index is out of range; c should have passed Validate.
func NewCapacityTrial(c CapacityConfig, r, a, k int) (*Trial, error) {
	if r < 0 || r >= len(c.Rules) || a < 0 || a >= len(c.Alphas) || k < 0 || k >= c.Trials {
		panic(fmt.Sprintf("sim: capacity trial (%d, %d, %d) out of range", r, a, k))
	}
	rule := c.Rules[r]
	cfg := TrialConfig{N: c.N, P: LoadPatterns(c.N, c.Alphas[a]), Rule: rule, Flip: c.Flip}
	return NewTrial(cfg, TrialRand(c.Seed, rule, a, k))
}

// CapacityPoint is the tally of the trials of one rule at one load.
type CapacityPoint struct {
	Rule   Rule
	Alpha  float64
	P      int // patterns stored: round(α·N)
	Trials int // trials finished so far
	// Recalled counts the trials whose final overlap was at least
	// RecallThreshold.
	Recalled int
	// OverlapSum is the sum over trials of N times the final overlap, an
	// integer, so that the tally is exact whatever order trials finish in.
	OverlapSum int
	N          int // units
}

// MeanOverlap returns the mean final overlap, or NaN before any trial.
func (p CapacityPoint) MeanOverlap() float64 {
	if p.Trials == 0 {
		return math.NaN()
	}
	return float64(p.OverlapSum) / float64(p.N) / float64(p.Trials)
}

// RecallRate returns the fraction of trials recalled, or NaN before any
// trial.
func (p CapacityPoint) RecallRate() float64 {
	if p.Trials == 0 {
		return math.NaN()
	}
	return float64(p.Recalled) / float64(p.Trials)
}

// RateInterval returns the 95% Wilson interval of the recall rate.
func (p CapacityPoint) RateInterval() (lo, hi float64) { return Wilson(p.Recalled, p.Trials, Z95) }

// tally adds a trial that ended with N times the overlap equal to m.
func (p *CapacityPoint) tally(m int) {
	p.Trials++
	p.OverlapSum += m
	if float64(m)/float64(p.N) >= RecallThreshold {
		p.Recalled++
	}
}

func newPoints(c CapacityConfig) []CapacityPoint {
	pts := make([]CapacityPoint, len(c.Rules)*len(c.Alphas))
	for r, rule := range c.Rules {
		for a, alpha := range c.Alphas {
			pts[r*len(c.Alphas)+a] = CapacityPoint{Rule: rule, Alpha: alpha, P: LoadPatterns(c.N, alpha), N: c.N}
		}
	}
	return pts
}

// CapacitySweep runs a capacity experiment a step at a time, for a scene
// that draws the curves as they fill in. Trials are run round by round:
// trial 0 of every rule and load, then trial 1 of each, and so on, so
// every curve sharpens together. Each trial has its own random source
// (TrialRand), so a finished sweep has exactly the tallies of Capacity.
type CapacitySweep struct {
	cfg    CapacityConfig
	points []CapacityPoint
	next   int // index of the next trial to start, in round order
	cur    *Trial
	curPt  int
	err    error
}

// NewCapacitySweep returns a sweep of the experiment c, or the error of
// c.Validate.
func NewCapacitySweep(c CapacityConfig) (*CapacitySweep, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	c.Alphas = append([]float64(nil), c.Alphas...)
	c.Rules = append([]Rule(nil), c.Rules...)
	return &CapacitySweep{cfg: c, points: newPoints(c)}, nil
}

// Config returns the experiment being run, with slices of its own.
func (s *CapacitySweep) Config() CapacityConfig {
	c := s.cfg
	c.Alphas = append([]float64(nil), c.Alphas...)
	c.Rules = append([]Rule(nil), c.Rules...)
	return c
}

// Sizes returns the number of rules and of loads in the experiment and
// the trials at each, without the copy Config makes.
func (s *CapacitySweep) Sizes() (rules, loads, trials int) {
	return len(s.cfg.Rules), len(s.cfg.Alphas), s.cfg.Trials
}

// Total returns the number of trials of the whole experiment.
func (s *CapacitySweep) Total() int { return len(s.points) * s.cfg.Trials }

// Finished returns the number of trials finished so far.
func (s *CapacitySweep) Finished() int {
	if s.cur != nil {
		return s.next - 1
	}
	return s.next
}

// Done reports whether every trial is finished, or a trial failed (see
// Err).
func (s *CapacitySweep) Done() bool { return s.err != nil || (s.cur == nil && s.next >= s.Total()) }

// Err returns the error of a trial that failed, which stops the sweep.
func (s *CapacitySweep) Err() error { return s.err }

// Current returns the trial in progress, or nil between trials. It is the
// sweep's own: read it, do not step it.
func (s *CapacitySweep) Current() *Trial { return s.cur }

// Points returns the tallies so far, rule by rule and, within a rule, load
// by load in the order of the configuration: the tally of rule index r at
// load index a is at r·len(Alphas) + a. The slice is a copy.
func (s *CapacitySweep) Points() []CapacityPoint { return append([]CapacityPoint(nil), s.points...) }

// AppendPoints appends the tallies, as Points returns them, to dst.
func (s *CapacitySweep) AppendPoints(dst []CapacityPoint) []CapacityPoint {
	return append(dst, s.points...)
}

// Point returns the tally of rule index r at load index a.
func (s *CapacitySweep) Point(r, a int) CapacityPoint { return s.points[r*len(s.cfg.Alphas)+a] }

// Step does one step of the current trial, starting the next trial first
// if none is in progress, and reports whether the sweep is done.
func (s *CapacitySweep) Step() bool {
	if s.Done() {
		return true
	}
	if s.cur == nil {
		j := s.next
		s.next++
		pts := len(s.points)
		k, pt := j/pts, j%pts
		r, a := pt/len(s.cfg.Alphas), pt%len(s.cfg.Alphas)
		t, err := NewCapacityTrial(s.cfg, r, a, k)
		if err != nil {
			s.err = err
			return true
		}
		s.cur, s.curPt = t, pt
	}
	if s.cur.Step() {
		if err := s.cur.Err(); err != nil {
			s.err = s.trialError(s.curPt, err)
		} else {
			s.points[s.curPt].tally(s.cur.overlapCount())
		}
		s.cur = nil
	}
	return s.Done()
}

func (s *CapacitySweep) trialError(pt int, err error) error {
	p := s.points[pt]
	return fmt.Errorf("%s at α = %v (%d patterns of %d units): %w", p.Rule, p.Alpha, p.P, s.cfg.N, err)
}

// Capacity runs the whole experiment c and returns its tallies in the
// order of CapacitySweep.Points. Trials are shared among c.Workers
// goroutines, but each has its own random source and the tallies are
// exact sums, so the result does not depend on the number of workers. It
// returns the error of c.Validate, or of the first trial (in round order)
// that failed.
func Capacity(c CapacityConfig) ([]CapacityPoint, error) {
	return CapacityProgress(c, nil)
}

// CapacityProgress is Capacity calling done(finished, total) after every
// trial, from whichever goroutine ran it (calls are serialised).
func CapacityProgress(c CapacityConfig, done func(finished, total int)) ([]CapacityPoint, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	pts := newPoints(c)
	nPts := len(pts)
	total := nPts * c.Trials
	results := make([]int, total) // N·overlap of each trial
	errs := make([]error, total)
	workers := c.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, total))
	var next atomic.Int64
	var mu sync.Mutex
	finished := 0
	work := func() {
		for {
			j := int(next.Add(1) - 1)
			if j >= total {
				return
			}
			k, pt := j/nPts, j%nPts
			t, err := NewCapacityTrial(c, pt/len(c.Alphas), pt%len(c.Alphas), k)
			if err == nil {
				_, err = t.Run()
			}
			if err != nil {
				errs[j] = err
			} else {
				results[j] = t.overlapCount()
			}
			if done != nil {
				mu.Lock()
				finished++
				done(finished, total)
				mu.Unlock()
			}
		}
	}
	runWorkers(workers, work)
	for j, m := range results {
		pt := j % nPts
		if errs[j] != nil {
			s := &CapacitySweep{cfg: c, points: pts}
			return nil, s.trialError(pt, errs[j])
		}
		pts[pt].tally(m)
	}
	return pts, nil
}
