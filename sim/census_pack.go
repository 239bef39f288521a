package sim

import "math/bits"

// Census spends nearly all its time comparing fields and margins of units
// with zero and with each other. For a network with small integer weights
// (a Hebbian one, say) these are small integers too, so four of them fit in
// one uint64 as 16-bit lanes and one add, mask or compare serves four
// units. Each lane holds a biased value, so that lanes stay within
// [0, 2^16) through every operation and no carry or borrow crosses into the
// next lane; bit 15 of a lane then tells the sign of the biased difference.

const (
	// maxPackedReach bounds max_i(Σ_j |w_ij| + |b_i|), and so every margin
	// and every 2|w_ij|, for the lanes' arithmetic to stay in range.
	maxPackedReach = 4000
	packedWords    = (MaxEnumUnits + 3) / 4
	marginBias     = 0x4000 // a lane holds g + marginBias
	termBias       = 0x2000 // and a weight term 2w + termBias
	laneOnes       = 0x0001_0001_0001_0001
	laneTops       = 0x8000_8000_8000_8000
)

// packedMargins holds g_j = s_j h_j for every unit, unit j in lane j%4 of
// word j/4.
type packedMargins [packedWords]uint64

// packedTables are the per-network constants of the packed walk.
type packedTables struct {
	n int
	// plus[i][k] and minus[i][k] hold termBias + 2w_ij and termBias − 2w_ij
	// in the lanes of word k: the change of j's margin when i flips, for
	// s_i s_j = +1 (subtract plus) and −1 (subtract minus).
	plus, minus [][packedWords]uint64
	// below[i] has a 1 in the lane of every unit j < i: a tie with such a
	// unit goes to it, as in steepestFlip.
	below [][packedWords]uint64
	valid packedMargins // 0xffff in the lanes of real units
}

// spread[b] has lane l all ones when bit l of b is set.
var spread = func() (t [16]uint64) {
	for b := range t {
		for l := range 4 {
			if b>>l&1 == 1 {
				t[b] |= 0xffff << (16 * l)
			}
		}
	}
	return t
}()

func newPackedTables(net *Net) *packedTables {
	n := net.N
	t := &packedTables{n: n,
		plus: make([][packedWords]uint64, n), minus: make([][packedWords]uint64, n),
		below: make([][packedWords]uint64, n)}
	for j := range n {
		t.valid[j/4] |= 0xffff << (16 * (j % 4))
	}
	for i := range n {
		for k := range packedWords {
			t.plus[i][k] = termBias * laneOnes
			t.minus[i][k] = termBias * laneOnes
		}
		for j := range n {
			sh := 16 * (j % 4)
			w2 := int64(2 * net.W[i*n+j])
			t.plus[i][j/4] = t.plus[i][j/4]&^(0xffff<<sh) | uint64(termBias+w2)<<sh
			t.minus[i][j/4] = t.minus[i][j/4]&^(0xffff<<sh) | uint64(termBias-w2)<<sh
			if j < i {
				t.below[i][j/4] |= 1 << sh
			}
		}
	}
	return t
}

// lane returns the margin in unit j's lane.
func (m *packedMargins) lane(j int) int {
	return int(m[j/4]>>(16*(j%4))&0xffff) - marginBias
}

// setLane sets the margin in unit j's lane to g.
func (m *packedMargins) setLane(j, g int) {
	sh := 16 * (j % 4)
	m[j/4] = m[j/4]&^(0xffff<<sh) | uint64(g+marginBias)<<sh
}

// packedWalker is one worker's scratch space for the packed walk.
type packedWalker struct {
	t      *packedTables
	net    *Net
	levels []*packedMargins
	s      []int8
}

func newPackedWalker(cs *census) *packedWalker {
	return &packedWalker{t: cs.packed, net: cs.net, s: make([]int8, cs.n)}
}

func (w *packedWalker) level(d int) *packedMargins {
	for len(w.levels) <= d {
		w.levels = append(w.levels, new(packedMargins))
	}
	return w.levels[d]
}

func (w *packedWalker) subtree(root uint64, first int) int {
	g := w.level(0)
	// Padding lanes hold margin 0: never a candidate, never a rival.
	for k := range g {
		g[k] = marginBias * laneOnes
	}
	StateOf(w.s, root)
	for j := range w.t.n {
		g.setLane(j, int(float64(w.s[j])*w.net.Field(w.s, j)))
	}
	gi := g.lane(first)
	if gi <= 0 || !w.predecessor(root, g, first, gi, w.level(1)) {
		return 0
	}
	return w.walk(root^1<<first, 1, first, gi)
}

// predecessor is basinWalker.isPredecessor for packed margins: it reports
// whether x with unit i flipped has i as its steepest flip, given
// gi = g_i > 0, and leaves that state's margins in child. A unit j rules i
// out when m = c_j + g_i < 0, or m = 0 and j < i; with K = g_i − [j < i] +
// marginBias that is bit 15 of (c_j + marginBias) + K being clear.
func (w *packedWalker) predecessor(x uint64, g *packedMargins, i, gi int, child *packedMargins) bool {
	t := w.t
	z := x // bit j of z is set when s_j = s_i
	if x>>i&1 == 0 {
		z = ^x
	}
	plus, minus, below := &t.plus[i], &t.minus[i], &t.below[i]
	k0 := uint64(marginBias+gi) * laneOnes
	// All packedWords words are worked, padding included: a constant trip
	// count lets the compiler drop the bounds checks, and padding lanes
	// never change and never rule anything out.
	for k := range packedWords {
		sel := spread[z>>(4*k)&15]
		term := plus[k]&sel | minus[k]&^sel
		c := g[k] + termBias*laneOnes - term
		child[k] = c
		if (c+k0-below[k])&laneTops != laneTops {
			return false
		}
	}
	child.setLane(i, -gi)
	return true
}

// walk is basinWalker.walk for packed margins. y was reached from its
// parent (margins at depth d−1) by flipping unit i, whose margin there was
// gi; y's margins are at depth d.
//
// The cheap screen works out simpler here than in the general walk: for a
// candidate k, i's margin in y with k flipped, plus g_k(y), equals
// g_k(parent) − gi, so k survives when its parent margin exceeds gi (or
// equals it and k < i) and its own margin in y is positive.
func (w *packedWalker) walk(y uint64, d, i, gi int) int {
	t := w.t
	parent, g := w.level(d-1), w.level(d)
	child := w.level(d + 1)
	below := &t.below[i]
	kp := uint64(marginBias-1-gi) * laneOnes
	size := 1
	for q := range packedWords {
		// Bit 15 of a lane of pos says g_k(y) ≥ 1, of beats that
		// g_k(parent) − gi − 1 + [k < i] ≥ 0. The survivors are visited
		// word by word; the recursion below only writes deeper levels, so
		// g and parent stay as they are.
		pos := g[q] + (marginBias-1)*laneOnes
		beats := parent[q] + kp + below[q]
		for m := pos & beats & t.valid[q] & laneTops; m != 0; m &= m - 1 {
			lane := bits.TrailingZeros64(m) / 16
			k := 4*q + lane
			gk := int(g[q]>>(16*lane)&0xffff) - marginBias
			if w.predecessor(y, g, k, gk, child) {
				size += w.walk(y^1<<k, d+1, k, gk)
			}
		}
	}
	return size
}

// packFields packs a table of field parts, n per row, into lanes holding
// part + marginBias, so that two such lanes add up to h + 0x8000 without
// leaving the lane. Padding lanes hold marginBias too and never borrow.
func packFields(parts []float64, n int) []packedMargins {
	out := make([]packedMargins, len(parts)/n)
	for r := range out {
		for q := range out[r] {
			out[r][q] = marginBias * laneOnes
		}
		for j := range n {
			out[r].setLane(j, int(parts[r*n+j]))
		}
	}
	return out
}

// minimaBlock returns, in increasing order, the local minima among the
// states high|lo for every lo in the low half, given the packed field
// parts of both halves. A minimum needs h_j ≥ 0 where s_j = +1 and
// h_j ≤ 0 where s_j = −1; with lanes holding h + 0x8000, the first is
// bit 15 set and the second bit 15 of lane − 1 clear. Four units are
// tested at once, and since each word of a random state passes only about
// one time in sixteen, nearly every state is settled by its first word.
func (t *packedTables) minimaBlock(lo []packedMargins, hi *packedMargins, high uint64) []uint64 {
	var mins []uint64
states:
	for loIdx := range lo {
		l := &lo[loIdx]
		x := high | uint64(loIdx)
		for q := range packedWords {
			h := l[q] + hi[q]
			plus := spread[x>>(4*q)&15]
			if (^h&plus|(h-laneOnes)&^plus)&t.valid[q]&laneTops != 0 {
				continue states
			}
		}
		mins = append(mins, x)
	}
	return mins
}
