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
	Rows, Cols int       // units are drawn row by row on this grid
	Patterns   []Pattern // the memories a run should reach
	// Crosstalk holds patterns stored beside the memories only to roughen
	// the landscape; a run that ends in one of them has not succeeded.
	Crosstalk []Pattern
	Net       *Net

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
