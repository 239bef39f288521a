package sim

import (
	"fmt"
	"math/rand/v2"
)

// The networks, patterns and settings the scenes start from, gathered in
// one place so that a figure quoted in the documentation can be traced to
// a single definition.

// TL returns the two 3×3 shapes the Recall scene stores: a T (top row and
// middle column) and an L (left column and bottom row).
func TL() []Pattern {
	return []Pattern{
		MustPattern("T", "###|.#.|.#."),
		MustPattern("L", "#..|#..|###"),
	}
}

// DistributionNet returns the 4-unit network the Distribution scene starts
// from. Unit 0 excites units 1, 2 and 3 (w = 2) while units 2 and 3 inhibit
// each other (w = −2), so the triangle 0–2–3 is frustrated: no state
// satisfies all three of its bonds. Two biases (b_0 = 1, b_3 = −0.5) break
// the symmetry between a state and its inverse (every unit flipped),
// leaving a single ground state, + + + −, with energy −5.5, one unit below
// the next level and twelve distinct energy levels in all, so the bars
// separate clearly as the temperature falls.
func DistributionNet() *Net {
	n := NewNet(4)
	n.SetWeight(0, 1, 2)
	n.SetWeight(0, 2, 2)
	n.SetWeight(0, 3, 2)
	n.SetWeight(2, 3, -2)
	n.B[0] = 1
	n.B[3] = -0.5
	return n
}

// The Learning scene's machine and schedule. Its data is exclusive or on
// three visible units: every pairwise correlation and every mean of the
// data is zero, so a machine without hidden units can do no better than
// the uniform distribution, a KL divergence of log 2 ≈ 0.69 nats. Two
// hidden units let it carve out the four patterns. Five units have 32
// states, so both phases are exact at a few microseconds per step and a
// scene can afford hundreds of steps per frame. With these settings every
// one of the first hundred seeds brings the KL divergence below 0.05 within
// 410 steps and keeps it there.
const (
	LearningHidden  = 2   // hidden units
	LearningInitStd = 0.5 // standard deviation of the starting weights
	LearningRate    = 0.3 // ε of the exact phases
	LearningSteps   = 500 // learning steps of one run
)

// LearningData returns the Learning scene's four training vectors in the
// ±1 convention: (a, b, a XOR b) for every a and b, with −1 standing for 0
// and +1 for 1.
func LearningData() [][]int8 {
	return [][]int8{{-1, -1, -1}, {-1, 1, 1}, {1, -1, 1}, {1, 1, -1}}
}

// NewLearningBM returns the Learning scene's machine: three visible units,
// LearningHidden hidden ones, and weights and biases drawn from rng with
// standard deviation LearningInitStd.
func NewLearningBM(rng *rand.Rand) *BM {
	m := NewBM(3, LearningHidden)
	m.Randomize(LearningInitStd, rng)
	return m
}

// AnnealingLandscape returns the landscape of the Annealing scene: a U and
// a P on a 5×4 grid (20 units), stored twice each by Hebb's rule over every
// pair of units, on top of eleven fixed patterns of noise stored once each
// (AnnealingCrosstalk):
//
//	w_ij = 2(u_i u_j + p_i p_j) + Σ_k η^k_i η^k_j,   b_i = 0.
//
// The noise stands for the crosstalk of everything else a network might be
// asked to remember: thirteen patterns on twenty units is far beyond the
// roughly 0.14·N ≈ 3 a Hopfield network can hold, so the noise patterns
// themselves are not recalled, but they crease the landscape into valleys
// that are neither letter. Storing the letters twice keeps them the
// deepest.
//
// Every minimum is strict, by parity. Each weight is 2·(an even number)
// plus a sum of eleven ±1 terms, so it is odd; each local field is a sum
// of nineteen odd numbers, so it is odd too and never zero. Every single
// flip therefore changes the energy by at least 2 (|ΔE_i| = 2|h_i| ≥ 2),
// in every state: there are no ties, no flat ledges, and no free moves
// anywhere in the landscape.
//
// The census (all 2^20 states): 28 local minima. U and its inverse (every
// unit flipped) are the deepest, at −312, then P and its inverse at −288;
// the 24 spurious minima lie between −282 and −184, and the smallest rise
// of a single flip out of any of them is 2. The disconnectivity graph
// gives each spurious valley a barrier of 2 to 14 above its floor: to
// reach anything lower, a run must first climb that far. (U must climb
// 102 to reach its inverse, P 48 to reach U.)
//
// How it was chosen. A search stored pairs of twelve hand-drawn 5×4
// letters once, twice or three times, on top of 3 to 13 random noise
// patterns (odd counts, for the parity argument), with tens of random noise
// sets for each, and kept the networks in which both letters and their
// inverses are local minima deeper than every spurious one and a quench at
// T = 0 from random states ends in a letter or its inverse in at most 40%
// of 200 tries. Among those it took the one whose quench stays low from
// T = 0 to T = 1 while geometric cooling almost always succeeds; U and P
// are also easy to tell apart. The noise patterns are written out in
// AnnealingCrosstalk, so the network depends on no random generator.
//
// At the defaults, 2000 runs of each with seed 1 (boltzexp race -summary
// -runs 2000, adding -tq or -strategies), where a run succeeds when it
// ends in a letter or in its inverse (about half the successes are
// inverses): a quench at T = 0 succeeds in 40.1% of runs (95% interval
// 38.0–42.3%), a quench held at the schedules' end temperature, T = 0.5,
// in 40.35%, and geometric cooling from 20 to 0.5 in 300 sweeps in 99.35%
// (98.9–99.6%); linear cooling does as well (99.45%), while logarithmic
// cooling, which spends most of its sweeps below T = 1, manages 43%. The
// quench mostly settles in the three deepest spurious valleys, whose ways
// out climb 8 to 14: at T = 0.5 one such climb is a factor of e^−16 or
// less, so holding the quench there changes nothing, and even at T = 1 it
// succeeds in only 40.4% of runs. What succeeds is time spent warm enough
// to make those climbs yet cool enough that the valleys of the letters and
// their inverses hold the run: held at T = 3 for the same 300 sweeps and
// then polished, a quench succeeds in 99.6% of 1000 runs (at T = 2, 79%;
// at T = 10, 88%). Cooling passes through that range without having to
// know where it is.
func AnnealingLandscape() Landscape {
	ps := []Pattern{
		MustPattern("U", "#..#|#..#|#..#|#..#|.##."),
		MustPattern("P", "###.|#..#|###.|#...|#..."),
	}
	net := NewNet(20)
	for _, p := range ps {
		net.Store(p.Units)
		net.Store(p.Units)
	}
	noise := AnnealingCrosstalk()
	for _, p := range noise {
		net.Store(p.Units)
	}
	return Landscape{
		Name:      "U and P in crosstalk",
		Rows:      5,
		Cols:      4,
		Patterns:  ps,
		Crosstalk: noise,
		Net:       net,
		Coolings:  []Cooling{Constant, Geometric},
		T0:        20,
		T1:        0.5,
		Sweeps:    300,
		QuenchT:   0,
		Runs:      200,
		Seed:      1,
	}
}

// AnnealingCrosstalk returns the eleven noise patterns AnnealingLandscape
// stores once each beside its letters: random 5×4 patterns (each unit a
// fair coin), named n1 to n11.
func AnnealingCrosstalk() []Pattern {
	rows := []string{
		"#.#.|.###|#...|..##|.#.#",
		"..##|#..#|....|#...|....",
		"##..|...#|#..#|.#..|.###",
		"####|#.#.|##.#|.#..|.#.#",
		"##.#|..##|####|..#.|####",
		"....|...#|..##|.#..|#.##",
		"#..#|#...|#.#.|.###|#..#",
		"..##|..##|.##.|....|#.##",
		".#.#|#.#.|#.#.|###.|..##",
		"#..#|.#..|.###|...#|#.#.",
		".###|...#|....|#.##|.#.#",
	}
	ps := make([]Pattern, len(rows))
	for k, r := range rows {
		ps[k] = MustPattern(fmt.Sprintf("n%d", k+1), r)
	}
	return ps
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
