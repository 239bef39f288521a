package sim

import (
	"cmp"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
)

// Minimum is one local minimum found by Census.
type Minimum struct {
	State  uint64 // the minimum's number (see StateOf)
	Energy float64
	Basin  int   // how many states steepest descent (Net.Descend) takes here
	Match  Match // which stored pattern it is, or None for a spurious one
}

// Census returns every local minimum of the network under single flips,
// lowest energy first (ties by state number), each with its basin under
// steepest descent and its classification against patterns. The basins
// agree with Net.Attractors state for state and add up to 2^N, but the
// census needs no table of 2^N entries and runs on up to workers
// goroutines (0 means GOMAXPROCS; the result does not depend on it).
//
// It finds the minima by testing every state with fields split into two
// precomputed halves, which rejects most states after looking at a unit or
// two, and then measures each basin by walking the tree of steepest-descent
// moves backwards from its minimum, keeping the units' stability margins up
// to date one flip at a time. Near-ties in a network with non-integer
// weights are settled by recomputing from scratch, so rounding cannot send
// a state to another basin than Descend would. Census panics if N exceeds
// MaxEnumUnits or a pattern has the wrong length. (It is a function rather
// than a method of Net so that programs which never call it, such as the
// browser build, do not carry it: Go keeps every exported method of a type
// that reflection can reach.)
func Census(n *Net, patterns []Pattern, workers int) []Minimum {
	return CensusPaced(n, patterns, workers, nil)
}

// CensusPaced is Census with a pause: between small pieces of work (a few
// thousand states each) it calls pause, if not nil. A host with a single
// thread, such as a browser, passes a pause that sleeps now and then, so
// that the census shares the thread with drawing instead of freezing it.
// The result does not depend on pause.
func CensusPaced(n *Net, patterns []Pattern, workers int, pause func()) []Minimum {
	n.checkEnum()
	for _, p := range patterns {
		n.checkState(p.Units)
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	cs := newCensus(n)
	cs.pause = pause
	states := cs.minima(workers)
	basins := cs.basins(states, workers)
	out := make([]Minimum, len(states))
	s := make([]int8, n.N)
	for k, x := range states {
		StateOf(s, x)
		out[k] = Minimum{State: x, Energy: n.Energy(s), Basin: basins[k], Match: Classify(s, patterns)}
	}
	slices.SortFunc(out, func(a, b Minimum) int {
		if c := cmp.Compare(a.Energy, b.Energy); c != 0 {
			return c
		}
		return cmp.Compare(a.State, b.State)
	})
	return out
}

// census holds what both passes of Net.Census share.
type census struct {
	net *Net
	n   int
	// eps is how close two margins must be for rounding to matter; it is 0
	// for integer weights and biases, whose sums are exact.
	eps float64
	w2  []float64 // 2·W
	// symmetric is set when every bias is zero: then E(−s) = E(s), and
	// the inverse of a minimum (every unit flipped) is a minimum with a
	// basin of the same size, so half the work can be skipped.
	symmetric bool
	// packed is set when the weights are small integers, for which the
	// basins are measured with packed integer arithmetic (census_pack.go).
	packed *packedTables
	pause  func() // called between pieces of work when not nil
}

func newCensus(net *Net) *census {
	n := net.N
	cs := &census{net: net, n: n, w2: make([]float64, n*n),
		symmetric: !slices.ContainsFunc(net.B, func(b float64) bool { return b != 0 })}
	integer := true
	var reach float64 // the largest |h_i| any state can have
	for i := range n {
		row := math.Abs(net.B[i])
		integer = integer && net.B[i] == math.Trunc(net.B[i])
		for j := range n {
			w := net.W[i*n+j]
			integer = integer && w == math.Trunc(w)
			row += math.Abs(w)
			cs.w2[i*n+j] = 2 * w
		}
		reach = max(reach, row)
	}
	switch {
	case integer && reach <= maxPackedReach:
		cs.packed = newPackedTables(net)
	case !integer || reach > 1<<50:
		// Sums of N terms of this size are off by far less than this, even
		// after a few dozen incremental updates.
		cs.eps = 1e-9 * max(reach, 1)
	}
	return cs
}

// minima returns the numbers of all local minima in increasing order. The
// field of unit j is split as h_j = lo_j(units below the split) +
// hi_j(units above it, plus the bias), both tabulated, so testing a state
// costs two loads and an add per unit looked at (per four units when the
// weights can be packed), and most states show an unstable unit within the
// first few.
func (cs *census) minima(workers int) []uint64 {
	n, net := cs.n, cs.net
	a := n / 2
	nLo, nHi := 1<<a, 1<<(n-a)
	lo := make([]float64, nLo*n)
	hi := make([]float64, nHi*n)
	for idx := range nLo {
		for j := range n {
			var h float64
			for k := range a {
				h += net.W[j*n+k] * float64(int(idx>>k&1)*2-1)
			}
			lo[idx*n+j] = h
		}
	}
	for idx := range nHi {
		for j := range n {
			h := net.B[j]
			for k := a; k < n; k++ {
				h += net.W[j*n+k] * float64(int(idx>>(k-a)&1)*2-1)
			}
			hi[idx*n+j] = h
		}
	}

	eps := cs.eps
	// Without biases a state and its inverse have the same margins,
	// so only states with the top unit off are tested.
	blocks := nHi
	if cs.symmetric {
		blocks = nHi / 2
	}
	found := make([][]uint64, blocks)
	var packedLo, packedHi []packedMargins
	if cs.packed != nil {
		packedLo, packedHi = packFields(lo, n), packFields(hi, n)
	}
	var next atomic.Int64
	work := func() {
		s := make([]int8, n)
		for {
			hiIdx := int(next.Add(1) - 1)
			if hiIdx >= blocks {
				return
			}
			if cs.pause != nil {
				cs.pause()
			}
			if cs.packed != nil {
				found[hiIdx] = cs.packed.minimaBlock(packedLo, &packedHi[hiIdx], uint64(hiIdx)<<a)
				continue
			}
			hr := hi[hiIdx*n : hiIdx*n+n]
			var mins []uint64
		states:
			for loIdx := range nLo {
				lr := lo[loIdx*n : loIdx*n+n]
				x := uint64(loIdx) | uint64(hiIdx)<<a
				near := false
				for j := range n {
					h := lr[j] + hr[j]
					if x>>j&1 == 0 {
						h = -h
					}
					// h is now s_j h_j, which a minimum keeps ≥ 0.
					if h < -eps {
						continue states
					}
					if h <= eps && eps > 0 {
						// Within rounding of zero: IsLocalMin decides.
						near = true
					}
				}
				if near {
					StateOf(s, x)
					if !net.IsLocalMin(s) {
						continue
					}
				}
				mins = append(mins, x)
			}
			found[hiIdx] = mins
		}
	}
	runWorkers(workers, work)
	var all []uint64
	for _, f := range found {
		all = append(all, f...)
	}
	if cs.symmetric {
		full := uint64(1)<<n - 1
		for _, m := range all {
			all = append(all, m^full)
		}
		slices.Sort(all)
	}
	return all
}

// basins returns the basin size of each minimum in mins.
//
// Steepest descent gives every state that is not a minimum exactly one
// successor, so the states form a forest with a minimum at each root; a
// basin is the size of one tree. The search walks each tree from its root:
// the predecessors of x are the states x with one unit i flipped for which
// flipping i back is the steepest move. It tracks g_j = s_j h_j (half the
// energy cost of flipping j), which changes by −2 w_ij s_i s_j when unit i
// flips, so each step costs O(N).
//
// With all biases zero, flipping every unit maps the forest onto itself
// (margins are unchanged, so descent makes the same choices), and a minimum
// and its inverse have basins of the same size: only one of each pair
// is searched.
func (cs *census) basins(mins []uint64, workers int) []int {
	n := cs.n
	full := uint64(1)<<n - 1
	symmetric := cs.symmetric
	pos := make(map[uint64]int, len(mins))
	for k, m := range mins {
		pos[m] = k
	}
	// A task is the subtree under one predecessor of one minimum; splitting
	// at the first level lets the big basins of the stored patterns share
	// the workers.
	type task struct {
		min   int // index into mins
		first int // the unit whose flip leads from the minimum to the subtree
	}
	var tasks []task
	sizes := make([]int, len(mins))
	for k, m := range mins {
		if symmetric && m^full < m {
			continue
		}
		sizes[k] = 1 // the minimum itself
		for i := range n {
			tasks = append(tasks, task{k, i})
		}
	}
	var mu sync.Mutex
	var next atomic.Int64
	work := func() {
		var w treeWalker
		if cs.packed != nil {
			w = newPackedWalker(cs)
		} else {
			w = &basinWalker{cs: cs, s: make([]int8, n)}
		}
		for {
			t := int(next.Add(1) - 1)
			if t >= len(tasks) {
				return
			}
			if cs.pause != nil {
				cs.pause()
			}
			tk := tasks[t]
			size := w.subtree(mins[tk.min], tk.first)
			mu.Lock()
			sizes[tk.min] += size
			mu.Unlock()
		}
	}
	runWorkers(workers, work)
	if symmetric {
		for k, m := range mins {
			if inv := m ^ full; inv < m {
				sizes[k] = sizes[pos[inv]]
			}
		}
	}
	return sizes
}

// treeWalker measures the steepest-descent tree above a minimum.
type treeWalker interface {
	// subtree returns the number of states whose descent reaches root
	// through root with unit first flipped, or 0 if descent from that state
	// goes elsewhere.
	subtree(root uint64, first int) int
}

// basinWalker is one worker's scratch space for the backward walk: the
// margins at every depth of the current path.
type basinWalker struct {
	cs     *census
	levels [][]float64
	s      []int8
}

func (w *basinWalker) level(d int) []float64 {
	for len(w.levels) <= d {
		w.levels = append(w.levels, make([]float64, w.cs.n))
	}
	return w.levels[d]
}

func (w *basinWalker) subtree(root uint64, first int) int {
	g := w.level(0)
	w.margins(g, root)
	if !w.isPredecessor(root, g, first, w.level(1)) {
		return 0
	}
	return w.walk(root^1<<first, 1, first)
}

// margins sets g[j] = s_j h_j for state x, computed as Net.Field does.
func (w *basinWalker) margins(g []float64, x uint64) {
	StateOf(w.s, x)
	for j := range g {
		g[j] = float64(w.s[j]) * w.cs.net.Field(w.s, j)
	}
}

// walk returns the size of the tree of states whose descent passes through
// x, x included. The margins of x are at depth d, and j is the steepest
// flip of x (the unit it was reached by, or any unit at a minimum).
//
// A state has one predecessor on average but N candidates, so the others
// must be ruled out cheaply. Every predecessor y = x with i flipped has to
// make i more unstable than j, the unit x itself is most eager to flip, so
// one pass without branches tests every i against j and leaves a mask of
// the few candidates worth the full test.
func (w *basinWalker) walk(x uint64, d, j int) int {
	g := w.level(d)
	child := w.level(d + 1)
	// level may have grown the slice of levels, but g and child stay valid:
	// they are separate arrays.
	cs := w.cs
	n, eps := cs.n, cs.eps
	g = g[:n]
	soft := b2u(eps > 0)
	gj := g[j]
	z := x
	if x>>j&1 == 0 {
		z = ^x
	}
	row := cs.w2[j*n : j*n+n]
	var mask uint64
	for i, gi := range g {
		// t is j's margin in y, plus gi; the same test as in isPredecessor,
		// except that near-ties pass and are left to it.
		t := gi + gj - row[i]*plusMinus[z>>uint(i)&1]
		pass := b2u(t > -eps) | b2u(t >= -eps)&(soft|b2u(i < j))
		mask |= b2u(gi > -eps) & pass << uint(i)
	}
	size := 1
	for mask != 0 {
		i := bits.TrailingZeros64(mask)
		mask &= mask - 1
		if w.isPredecessor(x, g, i, child) {
			size += w.walk(x^1<<i, d+1, i)
		}
	}
	return size
}

// plusMinus turns a bit into a sign: plusMinus[1] = +1, plusMinus[0] = −1.
var plusMinus = [2]float64{-1, 1}

// b2u is 1 for true and 0 for false; the compiler makes it a flag move,
// not a branch, which is the point in loops whose outcome is a coin toss.
func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}

// isPredecessor reports whether y = x with unit i flipped descends to x,
// that is whether i is the steepest flip of y (the lowest-numbered one on a
// tie, as steepestFlip chooses). g holds x's margins; when it reports true,
// child holds y's.
//
// In y the flip of i costs 2·(−g_i) and the flip of j costs 2·c_j with
// c_j = g_j − 2 w_ij s_i s_j; i is steepest when −g_i < 0, −g_i < c_j for
// j < i, and −g_i ≤ c_j for j > i.
func (w *basinWalker) isPredecessor(x uint64, g []float64, i int, child []float64) bool {
	cs := w.cs
	n, eps := cs.n, cs.eps
	gi := g[i]
	if gi <= eps {
		if gi <= -eps {
			return false
		}
		return w.exact(x, i, child)
	}
	// z has bit j set exactly when s_j = s_i, i.e. when s_i s_j = +1.
	z := x
	if x>>i&1 == 0 {
		z = ^x
	}
	row := cs.w2[i*n : i*n+n]
	g, child = g[:n], child[:n]
	var bad, low, near uint64
	for j := range n {
		c := g[j] - row[j]*plusMinus[z>>uint(j)&1]
		child[j] = c
		// m > 0: i beats j; m = 0: a tie, which i wins only against
		// higher-numbered units. At j = i, m = 2g_i > 0.
		m := c + gi
		bad |= b2u(m < -eps)
		e := b2u(m <= eps)
		near |= e
		low |= e & b2u(j < i)
	}
	child[i] = -gi
	switch {
	case bad != 0, eps == 0 && low != 0:
		return false
	case eps > 0 && near != 0:
		return w.exact(x, i, child)
	}
	return true
}

// exact settles a near-tie by recomputing y's steepest flip from scratch,
// as Descend would see it, and fills child with y's margins if it is i.
func (w *basinWalker) exact(x uint64, i int, child []float64) bool {
	y := x ^ 1<<i
	StateOf(w.s, y)
	if w.cs.net.steepestFlip(w.s) != i {
		return false
	}
	w.margins(child, y)
	return true
}

// runWorkers runs work on the given number of goroutines and waits; with
// one it runs on the caller's, and never on more than MaxWorkers. A panic in a worker is raised again on the
// caller's goroutine as a *WorkerPanic.
func runWorkers(workers int, work func()) {
	if workers <= 1 {
		work()
		return
	}
	workers = min(workers, MaxWorkers)
	var wg sync.WaitGroup
	var panics workerPanics
	for range workers {
		wg.Go(panics.guard(work))
	}
	wg.Wait()
	panics.repanic()
}
