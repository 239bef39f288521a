package sim

import "fmt"

// GridHebbian returns a network of rows×cols units, numbered row by row,
// that stores patterns by the Hebbian rule restricted to neighbours:
// w_ij = Σ_patterns ξ_i ξ_j when units i and j touch on the grid (a king's
// move apart: side by side, one above the other, or diagonally) and 0
// otherwise. Biases are zero. It panics if there are no patterns or one
// does not have rows×cols units.
func GridHebbian(rows, cols int, patterns ...[]int8) *Net {
	if len(patterns) == 0 {
		panic("sim: no patterns to store")
	}
	if rows < 1 || cols < 1 {
		panic(fmt.Sprintf("sim: grid of %d×%d units", rows, cols))
	}
	net := NewNet(rows * cols)
	for _, p := range patterns {
		net.checkState(p)
	}
	for i := range net.N {
		for j := i + 1; j < net.N; j++ {
			if abs(i/cols-j/cols) > 1 || abs(i%cols-j%cols) > 1 {
				continue
			}
			var w float64
			for _, p := range patterns {
				w += float64(p[i]) * float64(p[j])
			}
			net.SetWeight(i, j, w)
		}
	}
	return net
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Landscape is a network built to make a point, with the patterns it
// stores, the grid its units are drawn on, and the settings its scene
// starts from.
type Landscape struct {
	Name       string
	Rows, Cols int // units are drawn row by row on this grid
	Patterns   []Pattern
	Net        *Net

	// The annealing race's defaults: the strategies Coolings race, the
	// cooling schedules run from T0 to T1 in Sweeps sweeps, the quench holds
	// QuenchT for as many sweeps, and Runs runs of each start from seed
	// Seed.
	Coolings []Cooling
	T0, T1   float64
	Sweeps   int
	QuenchT  float64
	Runs     int
	Seed     uint64
}

// Schedule returns the landscape's default schedule for a cooling: the
// quench at QuenchT for a Constant one, otherwise T0 to T1. Every one runs
// Sweeps sweeps, so the strategies race on equal budgets.
func (l Landscape) Schedule(c Cooling) Schedule {
	if c == Constant {
		return Quench(l.QuenchT, l.Sweeps)
	}
	return Schedule{Cooling: c, T0: l.T0, T1: l.T1, Sweeps: l.Sweeps}
}

// Strategies returns one strategy per cooling, named after it, with the
// landscape's default schedule for it (see Schedule). With no coolings it
// returns the race's defaults, l.Coolings.
func (l Landscape) Strategies(coolings ...Cooling) []Strategy {
	if len(coolings) == 0 {
		coolings = l.Coolings
	}
	out := make([]Strategy, len(coolings))
	for i, c := range coolings {
		out[i] = Strategy{Name: c.String(), Schedule: l.Schedule(c)}
	}
	return out
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
