package sim

import (
	"fmt"
)

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
