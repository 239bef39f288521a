package sim

import "math/rand/v2"

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
// satisfies all three of its bonds. Two biases (b_0 = 1, b_3 = −0.5) break the
// mirror symmetry, leaving a single ground state, + + + −, with energy −5.5,
// one unit below the next level and twelve distinct energy levels in all, so
// the bars separate clearly as the temperature falls.
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

// AnnealingLandscape returns the landscape of the Annealing scene: X and O
// ("noughts and crosses") on a 5×5 grid, stored by GridHebbian.
//
// Why this network. In the 3×3 net with T and L the only minima are the
// two memories and their mirrors, all equally deep, so descent cannot go
// wrong. A race needs valleys that greedy descent falls into and that lie
// above the memories. The full Hebbian rule did not provide them on 25
// units. A throwaway search stored every set of three and of four shapes
// from a library of 31 hand-drawn 5×5 letters and figures (about 36 000
// sets), plus 300 sets each of 3 to 6 random patterns, and ran 300
// zero-temperature descents from random states on each. Wherever descent
// missed the memories at least half the time, it also found a spurious
// state at least as deep as they were (a mixture of memories, where we
// looked), and then annealing rightly prefers it. With every unit coupled
// to every other, descent settles one global question and few wrong
// answers are stable.
//
// Coupling only touching units changes that. Each 3×3 neighbourhood makes
// up its own mind, so descent from noise freezes into patchworks: a region
// that follows X beside one that follows O or a mirror image. Such a state
// is stable because moving the seam one unit at a time first costs energy,
// and it is shallower than a memory by the seam's cost. The same search
// over all 465 pairs of library shapes found 160 where descent reached a
// memory in at most 55% of 200 tries with no spurious state as deep; X and
// O are among them, with room to spare, and are two figures everyone knows.
//
// Their census: 1152 minima. X, O and their mirrors share the lowest
// energy, −96, and 23% of the states; the other 1148 minima are spurious,
// the deepest at −88. At the defaults, over 2000 runs of each (seed 1),
// greedy descent reaches a memory in 11% of runs, geometric cooling from
// 10 to 0.5 in 300 sweeps in 99.6%, linear in 99.0%, and logarithmic, which
// spends most of the same budget near the cold end, in 79%. The quench runs
// at T = 0 on purpose: the weights are even integers with many exact ties,
// and at any T > 0 a unit whose field is zero flips at random, so seams
// drift until they meet and cancel, and a quench at T = 0.05 already
// succeeds 76% of the time. That is a lesson of its own, which is why the
// quench temperature is a setting apart from the schedules'.
func AnnealingLandscape() Landscape {
	ps := []Pattern{
		MustPattern("X", "#...#|.#.#.|..#..|.#.#.|#...#"),
		MustPattern("O", ".###.|#...#|#...#|#...#|.###."),
	}
	return Landscape{
		Name:     "noughts and crosses",
		Rows:     5,
		Cols:     5,
		Patterns: ps,
		Net:      GridHebbian(5, 5, ps[0].Units, ps[1].Units),
		Coolings: []Cooling{Constant, Geometric},
		T0:       10,
		T1:       0.5,
		Sweeps:   300,
		QuenchT:  0,
		Runs:     200,
		Seed:     1,
	}
}
