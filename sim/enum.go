package sim

import "fmt"

// MaxEnumUnits is the largest network the enumeration helpers accept:
// 2^MaxEnumUnits states is where exhaustive work stops being interactive.
const MaxEnumUnits = 26

// StateOf writes into dst the state numbered idx: unit i is +1 when bit i
// of idx is set.
func StateOf(dst []int8, idx uint64) {
	for i := range dst {
		if idx>>uint(i)&1 == 1 {
			dst[i] = 1
		} else {
			dst[i] = -1
		}
	}
}

// IndexOf returns the number of state s, the inverse of StateOf.
func IndexOf(s []int8) uint64 {
	var idx uint64
	for i, v := range s {
		if v > 0 {
			idx |= 1 << uint(i)
		}
	}
	return idx
}

func (n *Net) checkEnum() {
	if n.N > MaxEnumUnits {
		panic(fmt.Sprintf("sim: %d units is too many to enumerate (at most %d)", n.N, MaxEnumUnits))
	}
}

// IsLocalMin reports whether no single flip lowers the energy of s, that is
// s_i h_i ≥ 0 for every unit. These are exactly the fixed points of the
// deterministic update, which keeps a unit on a tie.
func (n *Net) IsLocalMin(s []int8) bool {
	for i := range s {
		if float64(s[i])*n.Field(s, i) < 0 {
			return false
		}
	}
	return true
}

// LocalMinima returns the numbers of all local minima under single flips,
// in increasing order, by visiting all 2^N states. It panics if N exceeds
// MaxEnumUnits.
func (n *Net) LocalMinima() []uint64 {
	n.checkEnum()
	s := make([]int8, n.N)
	var mins []uint64
	for idx := uint64(0); idx < 1<<uint(n.N); idx++ {
		StateOf(s, idx)
		if n.IsLocalMin(s) {
			mins = append(mins, idx)
		}
	}
	return mins
}

// steepestFlip returns the unit whose flip lowers the energy most (the
// lowest-numbered one on a tie), or −1 when s is a local minimum.
func (n *Net) steepestFlip(s []int8) int {
	best, gain := -1, 0.0
	for i := range s {
		// Flipping unit i changes the energy by 2 s_i h_i.
		if d := 2 * float64(s[i]) * n.Field(s, i); d < gain {
			best, gain = i, d
		}
	}
	return best
}

// Descend makes s a local minimum by steepest descent at zero temperature:
// it repeatedly flips the unit whose flip lowers the energy most (the
// lowest-numbered one on a tie) until no flip lowers it. Unlike
// asynchronous updates in random order, the result depends on s alone, so it
// can label every state with the memory it falls into. It returns the number
// of flips made.
func (n *Net) Descend(s []int8) int {
	n.checkState(s)
	flips := 0
	for {
		i := n.steepestFlip(s)
		if i < 0 {
			return flips
		}
		s[i] = -s[i]
		flips++
	}
}

// Attractors returns, for every state number idx, the number of the local
// minimum that Descend reaches from it. It panics if N exceeds
// MaxEnumUnits.
func (n *Net) Attractors() []uint32 {
	n.checkEnum()
	size := uint64(1) << uint(n.N)
	next := make([]uint32, size)
	s := make([]int8, n.N)
	for idx := range size {
		StateOf(s, idx)
		if i := n.steepestFlip(s); i >= 0 {
			next[idx] = uint32(idx ^ 1<<uint(i))
		} else {
			next[idx] = uint32(idx)
		}
	}
	// Each step strictly lowers the energy, so following next always ends
	// at a fixed point; compress the paths so every state points at it.
	out := make([]uint32, size)
	const unknown = ^uint32(0)
	for i := range out {
		out[i] = unknown
	}
	var path []uint32
	for idx := range size {
		x := uint32(idx)
		path = path[:0]
		for out[x] == unknown && next[x] != x {
			path = append(path, x)
			x = next[x]
		}
		root := out[x]
		if root == unknown {
			root = x
			out[x] = x
		}
		for _, p := range path {
			out[p] = root
		}
	}
	return out
}
