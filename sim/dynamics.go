package sim

import (
	"math"
	"math/rand/v2"
)

// Sigmoid returns σ(x) = 1/(1+e^−x), computed so that neither tail
// overflows: σ(+Inf) = 1 and σ(−Inf) = 0.
func Sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// POn returns the probability σ(ΔE/T) that a unit with energy gap dE turns
// on at temperature T, with its limits made exact: at T = +Inf it is 1/2;
// at T = 0 (or any T that is not positive, NaN included) it is 1 for
// dE > 0, 0 for dE < 0 and 1/2 for a tie, the limit of σ(0/T). It never
// returns NaN for a finite dE.
func POn(dE, T float64) float64 {
	switch {
	case math.IsInf(T, 1):
		return 0.5
	case !(T > 0):
		switch {
		case dE > 0:
			return 1
		case dE < 0:
			return 0
		}
		return 0.5
	}
	return Sigmoid(dE / T)
}

// NoDraw is the Draw of an Update whose outcome no random number decided:
// the deterministic update at T = 0. Such an update still takes a number
// from the stream and throws it away (see UpdateStochastic).
const NoDraw = -1.0

// Update records what happened to one unit in one stochastic update: the
// numbers a person needs to check the rule by hand.
type Update struct {
	Unit    int
	DeltaE  float64 // ΔE_i before the update
	POn     float64 // σ(ΔE_i/T), see POn
	Draw    float64 // the uniform number u in [0,1) compared with POn, or NoDraw at T = 0
	On      bool    // the unit's new value is +1
	Changed bool    // the unit flipped
}

// UpdateDeterministic sets unit i to the sign of its local field, leaving it
// alone on a tie: one asynchronous Hopfield update. It reports whether the
// unit changed.
func (n *Net) UpdateDeterministic(s []int8, i int) bool {
	h := n.Field(s, i)
	var v int8
	switch {
	case h > 0:
		v = 1
	case h < 0:
		v = -1
	default:
		return false
	}
	changed := s[i] != v
	s[i] = v
	return changed
}

// UpdateStochastic updates unit i at temperature T: it turns on with
// probability σ(ΔE_i/T). It draws exactly one number from rng (one
// Float64) at every temperature. At T = 0 (or a T that is not positive) the
// number is thrown away, the update is the deterministic one, keeping the
// unit on a tie, and Draw is NoDraw. Drawing a number that decides nothing
// keeps streams in step: two runs on the same stream whose temperatures
// differ still update the same units with the same numbers.
func (n *Net) UpdateStochastic(s []int8, i int, T float64, rng *rand.Rand) Update {
	dE := n.DeltaE(s, i)
	u := Update{Unit: i, DeltaE: dE, POn: POn(dE, T), Draw: NoDraw}
	old := s[i]
	x := rng.Float64()
	if T > 0 {
		u.Draw = x
		if u.Draw < u.POn {
			s[i] = 1
		} else {
			s[i] = -1
		}
	} else if dE != 0 {
		if dE > 0 {
			s[i] = 1
		} else {
			s[i] = -1
		}
	}
	u.On = s[i] > 0
	u.Changed = s[i] != old
	return u
}

// Shuffle puts dst into a uniformly random order (Fisher–Yates) without
// allocating. Each 64-bit draw from rng serves two swaps (Lemire's unbiased
// multiply-and-reject on each 32-bit half), since the draw, not the swap, is
// what a sweep of a small network spends its time on. It panics if dst has
// 2^32 elements or more.
func Shuffle(dst []int, rng *rand.Rand) {
	if uint64(len(dst)) > math.MaxUint32 {
		panic("sim: shuffle of more than 2^32 elements")
	}
	var bits uint64
	have := 0 // 32-bit halves left in bits
	for i := len(dst) - 1; i > 0; i-- {
		n := uint64(i + 1)
		var j uint64
		for {
			if have == 0 {
				bits, have = rng.Uint64(), 2
			}
			x := bits & math.MaxUint32
			bits >>= 32
			have--
			m := x * n
			// Reject the few low products that would make small j more
			// likely; the threshold is 2^32 mod n.
			if lo := m & math.MaxUint32; lo < n && lo < (1<<32)%n {
				continue
			}
			j = m >> 32
			break
		}
		dst[i], dst[j] = dst[j], dst[i]
	}
}

// Sweep updates every unit once, in a random order, at temperature T, and
// returns how many units flipped. order is scratch space of length N; its
// contents on entry do not matter, so one buffer serves every sweep.
func (n *Net) Sweep(s []int8, T float64, rng *rand.Rand, order []int) int {
	n.checkState(s)
	order = order[:n.N]
	for i := range order {
		order[i] = i
	}
	Shuffle(order, rng)
	flips := 0
	for _, i := range order {
		if n.UpdateStochastic(s, i, T, rng).Changed {
			flips++
		}
	}
	return flips
}
