package sim

import (
	"fmt"
	"math"
	"math/bits"
)

// MaxExactUnits is the largest network whose Boltzmann distribution Exact
// computes: 2^20 states keep two float64 tables of 8 MB each, which is about
// as far as a slider can drag a recomputation and still feel live.
const MaxExactUnits = 20

// Dist is the exact Boltzmann distribution p(s) = e^{−E(s)/T}/Z of a
// network at one temperature. States are numbered as StateOf numbers them.
//
// Energies that lie within a tiny tolerance of the lowest one (see
// GroundTolerance) count as ground states. Without that, two states whose
// energies are equal on paper but differ in the last bits of their
// floating-point sums would share the ground unevenly as T → 0, and the
// limit would not meet the value at T = 0.
//
// The tables E and P belong to d and are overwritten by Compute and
// SetTemperature; a caller that wants them in another order (sorted by
// energy, say) sorts a list of state numbers instead.
type Dist struct {
	N int     // number of units
	T float64 // temperature

	E []float64 // E[idx] is the energy of state idx
	P []float64 // P[idx] is the probability of state idx

	// LogZ is log Σ_s e^{−E(s)/T}. It is finite for every T > 0 unless
	// −E_min/T overflows; at T = 0 it is +Inf when the ground energy is
	// negative, −Inf when it is positive and the log of the number of
	// ground states when it is zero.
	LogZ float64

	MinEnergy  float64 // the ground-state energy
	Ground     int     // how many states share the ground energy
	MeanEnergy float64 // ⟨E⟩ = Σ_s p(s) E(s)
	Entropy    float64 // −Σ_s p(s) log p(s) in nats, with 0·log 0 = 0

	tol float64 // energies within tol of MinEnergy are ground states
}

// Exact returns the Boltzmann distribution of the network at temperature
// T, found by visiting all 2^N states. T = 0 gives the uniform distribution
// over the ground states and T = +Inf the uniform distribution over all
// states; no T ≥ 0 yields a NaN.
//
// It panics if N exceeds MaxExactUnits, if T is negative or NaN, or if the
// network fails Validate.
func (n *Net) Exact(T float64) *Dist {
	d := new(Dist)
	d.Compute(n, T)
	return d
}

// Compute makes d the Boltzmann distribution of net at temperature T, as
// Exact does, reusing d's tables when they are large enough. A scene that
// recomputes on every edit of a weight allocates nothing after the first
// call. It panics as Exact does.
func (d *Dist) Compute(net *Net, T float64) {
	checkTemperature(T)
	if net.N > MaxExactUnits {
		panic(fmt.Sprintf("sim: %d units is too many for an exact distribution (at most %d)", net.N, MaxExactUnits))
	}
	if err := net.Validate(); err != nil {
		panic("sim: exact distribution of an invalid network: " + err.Error())
	}
	size := 1 << uint(net.N)
	d.N = net.N
	d.E = floatsOfLen(d.E, size)
	d.P = floatsOfLen(d.P, size)
	d.MinEnergy = net.Energies(d.E)
	d.tol = GroundTolerance(net)
	d.SetTemperature(T)
}

// GroundTolerance returns how far above the lowest energy of net a state's
// computed energy may lie and still count as a ground state: 10^−10 of the
// largest |E| any state can have, Σ_{i<j}|w_ij| + Σ_i|b_i|. Rounding in the
// enumeration stays far below it, and real energy gaps that small are far
// below anything a person could see or set.
func GroundTolerance(net *Net) float64 {
	var m float64
	for i := 0; i < net.N; i++ {
		m += math.Abs(net.B[i])
		for _, w := range net.W[i*net.N+i+1 : (i+1)*net.N] {
			m += math.Abs(w)
		}
	}
	return 1e-10 * m
}

func checkTemperature(T float64) {
	if !(T >= 0) {
		panic(fmt.Sprintf("sim: temperature must be ≥ 0, got %v", T))
	}
}

func floatsOfLen(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// SetTemperature reweighs d for temperature T without enumerating the
// states again: the energies do not depend on T, so moving a temperature
// slider costs one exponential per state. It panics if T is negative or NaN,
// or if d has not been computed.
func (d *Dist) SetTemperature(T float64) {
	checkTemperature(T)
	if len(d.E) == 0 {
		panic("sim: temperature of a distribution that was never computed")
	}
	d.T = T
	emin, tol := d.MinEnergy, d.tol

	// Every weight is taken relative to the ground state, e^{−(E−E_min)/T},
	// so the largest is exactly 1 and the sum S lies in [1, 2^N]: nothing
	// overflows, and log Z = −E_min/T + log S. Alongside S the loop sums
	// the weighted gaps, from which ⟨E⟩ and the entropy follow without a
	// second pass over log p.
	var sum, gapSum, xSum float64
	ground := 0
	if T == 0 {
		for idx, e := range d.E {
			if e-emin <= tol {
				d.P[idx] = 1
				ground++
			} else {
				d.P[idx] = 0
			}
		}
		sum = float64(ground)
	} else {
		beta := 1 / T // 0 at T = +Inf, which makes every weight 1
		for idx, e := range d.E {
			gap := e - emin
			var x float64
			if gap <= tol {
				gap = 0
				ground++
			} else {
				// Positive times a β that may be +Inf (T subnormal): ≥ 0
				// and never NaN, which 0·Inf would be.
				x = gap * beta
			}
			w := math.Exp(-x)
			d.P[idx] = w
			sum += w
			if w > 0 {
				gapSum += w * gap
				xSum += w * x
			}
		}
	}
	inv := 1 / sum
	for idx := range d.P {
		d.P[idx] *= inv
	}
	d.Ground = ground
	d.MeanEnergy = emin + gapSum*inv
	// −log p(s) = x(s) + log S, so H = ⟨x⟩ + log S.
	d.Entropy = xSum*inv + math.Log(sum)
	d.LogZ = math.Log(sum)
	if emin != 0 {
		// At T = 0 this is ±Inf by design; for T > 0 it is finite unless
		// the ratio itself overflows.
		d.LogZ -= emin / T
	}
}

// Energies writes into dst the energy of every state, dst[idx] = E(state
// idx), and returns the lowest. It walks the states in Gray-code order, so
// consecutive states differ in one unit and each energy is the previous one
// plus that unit's flip cost: O(N) work per state instead of O(N²). It
// panics if N exceeds MaxExactUnits or len(dst) != 2^N.
func (n *Net) Energies(dst []float64) float64 {
	if n.N > MaxExactUnits {
		panic(fmt.Sprintf("sim: %d units is too many to list every energy (at most %d)", n.N, MaxExactUnits))
	}
	size := uint64(1) << uint(n.N)
	if uint64(len(dst)) != size {
		panic(fmt.Sprintf("sim: energy table has %d entries, a %d-unit network has %d states", len(dst), n.N, size))
	}
	N := n.N
	// Fixed-size arrays keep the scratch state on the stack.
	var sBuf [MaxExactUnits]int8
	var hBuf [MaxExactUnits]float64
	s, h := sBuf[:N], hBuf[:N]
	StateOf(s, 0)
	refresh := func() float64 {
		for i := range h {
			h[i] = n.Field(s, i)
		}
		return n.Energy(s)
	}
	e := refresh()
	dst[0] = e
	emin := e
	var g uint64
	for k := uint64(1); k < size; k++ {
		i := bits.TrailingZeros64(k)
		// Flipping unit i changes E by 2 s_i h_i (s_i before the flip),
		// and then moves every field h_j by 2 s_i' w_ij.
		si := float64(s[i])
		e += 2 * si * h[i]
		s[i] = -s[i]
		g ^= 1 << uint(i)
		d := -2 * si
		row := n.W[i*N : i*N+N]
		hh := h[:N]
		for j, w := range row {
			hh[j] += d * w
		}
		// Each update rounds a little; starting afresh from the state now
		// and then keeps every energy within a few ulps of Net.Energy's,
		// for an O(N²) cost spread over 1024 cheap steps.
		if k&1023 == 0 {
			e = refresh()
		}
		dst[g] = e
		emin = min(emin, e)
	}
	return emin
}

// KL returns the Kullback–Leibler divergence KL(p‖q) = Σ_i p_i log(p_i/q_i)
// in nats, for two distributions over the same states.
//
// A term with p_i = 0 counts as zero (0·log 0 = 0), whatever q_i is, so a
// histogram that has not yet visited every state is a valid p: KL(sampled ‖
// exact) stays finite as long as exact has no zero where the sample has
// mass. A term with p_i > 0 and q_i = 0 makes the result +Inf. Both
// arguments should sum to 1; KL does not check it. It panics if the lengths
// differ.
func KL(p, q []float64) float64 {
	if len(p) != len(q) {
		panic(fmt.Sprintf("sim: KL of distributions over %d and %d states", len(p), len(q)))
	}
	var kl float64
	q = q[:len(p)]
	for i, pi := range p {
		if pi <= 0 {
			continue
		}
		if q[i] <= 0 {
			return math.Inf(1)
		}
		// Two logs rather than log(p/q): the ratio overflows when q is
		// subnormal, the difference of logs does not.
		kl += pi * (math.Log(pi) - math.Log(q[i]))
	}
	return kl
}
