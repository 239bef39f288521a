package sim

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
)

// A disconnectivity graph is the usual picture of an energy landscape's
// barriers. Every local minimum is a leaf drawn at its energy; going up, two
// branches join at the lowest energy E such that the two minima are
// connected by a path of single flips that never rises above E (the saddle
// between their basins). Reading it needs no dynamics: a valley whose branch
// joins the rest far above its own floor is a real trap, and the height of
// that climb is its barrier.

// DNode is one node of a disconnectivity tree: a leaf for a local minimum,
// or a junction where basins meet.
type DNode struct {
	// Energy is the minimum's energy for a leaf and the saddle energy at
	// which the children's basins meet for a junction.
	Energy float64
	// State is the minimum for a leaf and the saddle state (the state whose
	// arrival joined the basins) for a junction.
	State    uint64
	Parent   int   // index of the parent node, −1 for the root
	Children []int // the nodes that meet here, deepest first; nil for a leaf
	Valley   int   // index into Valleys for a leaf, −1 for a junction
	Lowest   int   // index into Valleys of the deepest minimum below this node
	// Pos places the node across the picture, in leaf widths: leaves sit
	// at 0, 1, …, len(Valleys)−1 in an order that never crosses two
	// branches, and a junction sits midway between its outermost children.
	Pos float64
}

// Valley is one local minimum of a disconnectivity graph.
type Valley struct {
	State  uint64
	Energy float64
	// Barrier is how far above the minimum the lowest path to any strictly
	// lower minimum must climb: the saddle energy minus Energy. For the
	// deepest minima, which have nowhere lower to go, it is the climb to
	// the nearest other minimum exactly as deep (a memory's inverse,
	// say) or, for a single deepest minimum, the climb to any other
	// minimum at all; it is +Inf if the network has one minimum.
	Barrier float64
	// Saddle is the state at the top of that lowest path, or State when
	// Barrier is +Inf.
	Saddle uint64
	// Rise is the smallest energy change any single flip makes (see
	// Net.MinFlipRise): the minimum is strict when Rise > 0.
	Rise  float64
	Match Match // which stored pattern it is, or None
	Node  int   // its leaf in Disconnectivity.Nodes
}

// Disconnectivity is the disconnectivity graph of a network: every local
// minimum under single flips, the tree of energies at which their basins
// meet, and where every state lies on that tree.
//
// In a network whose minima are all strict, as in one with no exact ties,
// the valleys are exactly the local minima Net.LocalMinima lists. Where
// touching states share an energy, a flat valley is one leaf or several
// leaves joined at their own energy (a junction of zero height), and a
// local minimum on a flat ledge that leads lower without climbing is no
// leaf at all: Barrier reports 0 for it.
type Disconnectivity struct {
	Valleys []Valley // lowest energy first, ties by state number
	Nodes   []DNode  // leaves and junctions; a child comes before its parent
	Root    int      // the node where every basin has met

	energies []float64
	nodeOf   []int32
}

// Energy returns the energy of state x.
func (d *Disconnectivity) Energy(x uint64) float64 { return d.energies[x] }

// Locate returns the node whose branch holds state x: the valleys x can
// reach without ever climbing above its own energy are exactly those under
// that node, and x's energy lies between the node's and its parent's (above
// the root, for the states higher than every junction). A scene marks a
// live state at height Energy(x) on the vertical line of node Locate(x),
// so a descent slides down toward a leaf and a climb over a barrier
// visibly moves up to a junction and over into another branch. It panics
// if x is not a state of the network.
func (d *Disconnectivity) Locate(x uint64) int {
	if x >= uint64(len(d.nodeOf)) {
		panic(fmt.Sprintf("sim: state %d of a %d-state landscape", x, len(d.nodeOf)))
	}
	if k := d.nodeOf[x]; k >= 0 {
		return int(k)
	}
	return d.Root
}

// Barrier returns the barrier of the local minimum x (see Valley.Barrier).
// A minimum that is one of several touching states of equal energy shares
// its valley's barrier, and one whose flat neighbours lead somewhere lower
// without climbing has barrier 0. It panics if x is not a local minimum.
func (d *Disconnectivity) Barrier(x uint64) float64 {
	node := d.Locate(x)
	e := d.energies[x]
	for i := 0; 1<<i < len(d.energies); i++ {
		if d.energies[x^1<<uint(i)] < e {
			panic(fmt.Sprintf("sim: state %d is not a local minimum", x))
		}
	}
	if v := d.Valleys[d.Nodes[node].Lowest]; v.Energy == e {
		return v.Barrier
	}
	return 0
}

// Saddle returns the energy of the lowest path between valleys a and b
// (indices into Valleys): the energy of the junction where their branches
// meet, or their energy when a == b.
func (d *Disconnectivity) Saddle(a, b int) float64 {
	x, y := d.Valleys[a].Node, d.Valleys[b].Node
	for x != y {
		// A child always comes before its parent, so the later of the two
		// is never below the other: climb from the earlier one.
		if x < y {
			x = d.Nodes[x].Parent
		} else {
			y = d.Nodes[y].Parent
		}
	}
	return d.Nodes[x].Energy
}

// MinFlipRise returns the smallest change in energy that flipping a single
// unit of s makes, min_i 2 s_i h_i: positive exactly when s is a strict
// local minimum, zero when some flip costs nothing, negative when some
// flip lowers the energy. It panics if len(s) != N.
func (n *Net) MinFlipRise(s []int8) float64 {
	n.checkState(s)
	rise := math.Inf(1)
	for i := range s {
		rise = min(rise, 2*float64(s[i])*n.Field(s, i))
	}
	return rise
}

// Disconnectivity computes the disconnectivity graph of the network by
// visiting all 2^N states in order of energy (ties by state number) and
// joining each to those of its single-flip neighbours already visited, with
// a union–find forest: a state with no visited neighbour starts a new
// valley, and a state that touches several groups is the saddle where they
// meet. Each valley is classified against patterns. The walk stops once
// every local minimum has been visited and every basin has met, since the
// states above lie on the root's branch. The work is at most O(2^N·N) and
// the memory about 20 bytes a state while it runs (12 kept), about a tenth
// of a second for 20 units. It panics if N exceeds MaxExactUnits or a pattern has the
// wrong length.
func (n *Net) Disconnectivity(patterns []Pattern) *Disconnectivity {
	d, _ := n.DisconnectivityPaced(context.Background(), patterns, nil, nil)
	return d
}

// DisconnectivityPaced is Disconnectivity for a host that must stay
// responsive: between pieces of a few thousand states it calls pause, if
// not nil, and it gives up with ctx.Err() once ctx is done. It reports the
// fraction done to progress, if not nil, as it goes, ending at 1: the
// energies of all states and their local minima count for the first 30%,
// filing the states by energy for the next 20%, and the walk for the rest,
// measured against the states at or below the highest minimum, where it
// usually stops. The result depends on neither pause nor progress.
func (n *Net) DisconnectivityPaced(ctx context.Context, patterns []Pattern, pause func(), progress func(float64)) (*Disconnectivity, error) {
	if n.N > MaxExactUnits {
		panic(fmt.Sprintf("sim: %d units is too many for a disconnectivity graph (at most %d)", n.N, MaxExactUnits))
	}
	for _, p := range patterns {
		n.checkState(p.Units)
	}
	const piece = 1 << 13
	report := func(f float64) {
		if progress != nil {
			progress(min(1, f))
		}
	}
	check := func(k int) error {
		if k%piece != 0 {
			return nil
		}
		if pause != nil {
			pause()
		}
		return ctx.Err()
	}
	size := 1 << n.N
	energies := make([]float64, size)
	n.Energies(energies)
	report(0.1)
	if err := check(0); err != nil {
		return nil, err
	}
	// Above the highest local minimum, once every basin has met, no state
	// can change the tree: it lies on the root's branch. That is most of
	// the states, so the walk stops there.
	cs := newCensus(n)
	cs.pause = pause
	top := math.Inf(-1)
	for _, m := range cs.minima(1) {
		top = max(top, energies[m])
	}
	below := 0
	for _, e := range energies {
		if e <= top {
			below++
		}
	}
	report(0.3)
	filing := func(x int) error {
		if x%piece == 0 {
			report(0.3 + 0.2*float64(x)/float64(size))
		}
		return check(x)
	}
	b := newDBuilder(n.N, energies)
	k, every := 0, max(1, below/100)
	err := byEnergy(energies, filing, func(x uint32) bool {
		if energies[x] > top && b.groups == 1 {
			return false
		}
		if k%every == 0 {
			report(0.5 + 0.5*float64(k)/float64(max(1, below)))
		}
		if err := check(k); err != nil {
			return false
		}
		k++
		b.add(x)
		return true
	})
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, err
	}
	d := b.finish(n, patterns)
	report(1)
	return d, nil
}

// byEnergy calls visit with every state number in increasing order of
// energy, ties by state number, until visit returns false. It sorts in
// pieces, so a walk that stops early never sorts the rest: a counting pass
// files the states under the top 16 bits of their energy (sign, exponent
// and four bits of mantissa, so 16 pieces per doubling of |E|), and each
// piece is sorted only when the walk reaches it.
func byEnergy(energies []float64, check func(int) error, visit func(x uint32) bool) error {
	key := func(e float64) uint64 {
		// Flipping the sign bit of a positive number, and every bit of a
		// negative one, makes unsigned order agree with numeric order.
		b := math.Float64bits(e + 0) // +0 turns −0 into +0
		if b>>63 == 1 {
			return ^b
		}
		return b | 1<<63
	}
	start := make([]int, 1<<16+1)
	for _, e := range energies {
		start[key(e)>>48+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	order := make([]uint32, len(energies))
	fill := slices.Clone(start[:1<<16])
	for x, e := range energies {
		if err := check(x); err != nil {
			return err
		}
		d := key(e) >> 48
		order[fill[d]] = uint32(x)
		fill[d]++
	}
	for d := range 1 << 16 {
		piece := order[start[d]:start[d+1]]
		// The counting pass left each piece in increasing state order, so
		// a stable sort by energy breaks ties by state number.
		slices.SortStableFunc(piece, func(x, y uint32) int { return cmp.Compare(energies[x], energies[y]) })
		for _, x := range piece {
			if !visit(x) {
				return nil
			}
		}
	}
	return nil
}

// dBuilder holds the union–find forest while states are added.
type dBuilder struct {
	n        int
	energies []float64
	// up[x] is −1 for a state not yet added, the parent state for a
	// non-root, and −2−node for a root whose group currently hangs from
	// that node.
	up     []int32
	nodeOf []int32
	nodes  []DNode
	leaves []bLeaf
	// pending[node] lists the leaves below node that have not yet met a
	// strictly lower valley: the deepest ones below it.
	pending [][]int
	groups  int     // how many groups the states added so far form
	roots   []int32 // scratch
}

type bLeaf struct {
	energy     float64
	barrierSet bool
	saddle     uint64
	barrier    float64
	// The first junction the leaf took part in at all, and the first at
	// which it met another valley exactly as deep: the fallbacks for the
	// deepest valleys.
	first, equal   int
	firstS, equalS uint64
}

func newDBuilder(n int, energies []float64) *dBuilder {
	b := &dBuilder{n: n, energies: energies, up: make([]int32, len(energies)), nodeOf: make([]int32, len(energies))}
	for i := range b.up {
		b.up[i] = -1
		b.nodeOf[i] = -1 // on the root's branch, unless added
	}
	return b
}

func (b *dBuilder) find(x int32) int32 {
	for {
		p := b.up[x]
		if p < 0 {
			return x
		}
		if gp := b.up[p]; gp >= 0 {
			b.up[x] = gp // path halving
		}
		x = p
	}
}

// low returns the energy of the deepest valley below node c.
func (b *dBuilder) low(c int) float64 { return b.leaves[b.nodes[c].Lowest].energy }

func (b *dBuilder) add(x uint32) {
	roots := b.roots[:0]
	for i := range b.n {
		y := int32(x ^ 1<<uint(i))
		if b.up[y] == -1 {
			continue
		}
		if r := b.find(y); !slices.Contains(roots, r) {
			roots = append(roots, r)
		}
	}
	b.roots = roots
	e := b.energies[x]
	switch len(roots) {
	case 0:
		node, leaf := len(b.nodes), len(b.leaves)
		b.nodes = append(b.nodes, DNode{Energy: e, State: uint64(x), Parent: -1, Valley: leaf, Lowest: leaf})
		b.leaves = append(b.leaves, bLeaf{energy: e, first: -1, equal: -1})
		b.pending = append(b.pending, []int{leaf})
		b.up[x] = int32(-2 - node)
		b.nodeOf[x] = int32(node)
		b.groups++
		return
	case 1:
		b.up[x] = roots[0]
		b.nodeOf[x] = -2 - b.up[roots[0]]
		return
	}
	// x is the saddle where several groups meet.
	node := len(b.nodes)
	children := make([]int, len(roots))
	for k, r := range roots {
		children[k] = int(-2 - b.up[r])
	}
	// Deepest first; leaves are numbered in order of energy, so comparing
	// the deepest leaves' numbers breaks ties the same way.
	slices.SortFunc(children, func(p, q int) int { return cmp.Compare(b.nodes[p].Lowest, b.nodes[q].Lowest) })
	deepest := b.low(children[0])
	equals := 0
	for _, c := range children {
		if b.low(c) == deepest {
			equals++
		}
	}
	var pend []int
	for _, c := range children {
		lower := b.low(c) > deepest
		for _, l := range b.pending[c] {
			lf := &b.leaves[l]
			if lf.first < 0 {
				lf.first, lf.firstS = node, uint64(x)
			}
			if lower {
				lf.barrierSet, lf.barrier, lf.saddle = true, e-lf.energy, uint64(x)
				continue
			}
			if equals > 1 && lf.equal < 0 {
				lf.equal, lf.equalS = node, uint64(x)
			}
			pend = append(pend, l)
		}
		b.pending[c] = nil
		b.nodes[c].Parent = node
	}
	b.nodes = append(b.nodes, DNode{Energy: e, State: uint64(x), Parent: -1, Children: children, Valley: -1,
		Lowest: b.nodes[children[0]].Lowest})
	b.pending = append(b.pending, pend)
	top := roots[0]
	for _, r := range roots[1:] {
		b.up[r] = top
	}
	b.up[top] = int32(-2 - node)
	b.up[x] = top
	b.nodeOf[x] = int32(node)
	b.groups -= len(roots) - 1
}

// finish settles the deepest valleys' barriers, classifies the valleys and
// lays the tree out.
func (b *dBuilder) finish(net *Net, patterns []Pattern) *Disconnectivity {
	d := &Disconnectivity{Nodes: b.nodes, Root: len(b.nodes) - 1, energies: b.energies, nodeOf: b.nodeOf,
		Valleys: make([]Valley, len(b.leaves))}
	s := make([]int8, net.N)
	for node := range d.Nodes {
		l := d.Nodes[node].Valley
		if l < 0 {
			continue
		}
		lf := b.leaves[l]
		v := Valley{State: d.Nodes[node].State, Energy: lf.energy, Barrier: lf.barrier, Saddle: lf.saddle, Node: node}
		switch {
		case lf.barrierSet:
		case lf.equal >= 0:
			v.Barrier, v.Saddle = d.Nodes[lf.equal].Energy-v.Energy, lf.equalS
		case lf.first >= 0:
			v.Barrier, v.Saddle = d.Nodes[lf.first].Energy-v.Energy, lf.firstS
		default:
			v.Barrier, v.Saddle = math.Inf(1), v.State
		}
		StateOf(s, v.State)
		v.Rise = net.MinFlipRise(s)
		v.Match = Classify(s, patterns)
		d.Valleys[l] = v
	}
	// Lay the leaves out left to right in depth-first order, deepest
	// branch first, so no two branches cross.
	next := 0.0
	var place func(int)
	place = func(k int) {
		nd := &d.Nodes[k]
		if nd.Valley >= 0 {
			nd.Pos = next
			next++
			return
		}
		for _, c := range nd.Children {
			place(c)
		}
		nd.Pos = (d.Nodes[nd.Children[0]].Pos + d.Nodes[nd.Children[len(nd.Children)-1]].Pos) / 2
	}
	place(d.Root)
	return d
}
