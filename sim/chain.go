package sim

import (
	"math"
	"math/rand/v2"
)

// Chain is a network with a current state that evolves one unit update at a
// time: the thing a scene animates and the hot loop of every sampler. Units
// are visited in sweeps, each a fresh random permutation, so N consecutive
// Steps make one Sweep.
//
// A Chain makes exactly the moves Net.UpdateStochastic and Net.Sweep would
// make with the same random stream, only faster: it keeps every unit's local
// field up to date (O(N) work per flip instead of per update) and remembers
// σ(ΔE/T) for the few energy gaps a network with integer weights produces.
// Change the state only through its methods; after changing Net's weights or
// biases, call Refresh.
type Chain struct {
	Net     *Net
	T       float64 // temperature of the next update; may be changed freely
	Rand    *rand.Rand
	Updates int    // unit updates made so far
	Last    Update // what the most recent update did

	s     []int8
	h     []float64 // h[i] = Σ_j w_ij s_j + b_i
	order []int
	next  int // position in order of the next unit to update
	drift int // flips since the fields were last recomputed
	memo  sigmoidMemo
}

// NewChain returns a chain on net starting from a copy of s at temperature
// T. It panics if len(s) != net.N.
func NewChain(net *Net, s []int8, T float64, rng *rand.Rand) *Chain {
	net.checkState(s)
	c := &Chain{Net: net, T: T, Rand: rng,
		s: append([]int8(nil), s...), h: make([]float64, net.N),
		order: make([]int, net.N)}
	c.next = net.N // the first Step starts a fresh sweep
	c.Refresh()
	return c
}

// State returns the current state. The slice belongs to the chain: read it,
// but change it only through SetState or SetUnit.
func (c *Chain) State() []int8 { return c.s }

// SetState replaces the state with a copy of s and starts a new sweep.
func (c *Chain) SetState(s []int8) {
	c.Net.checkState(s)
	copy(c.s, s)
	c.next = len(c.order)
	c.Refresh()
}

// SetUnit sets unit i to v (+1 for any v > 0, −1 otherwise).
func (c *Chain) SetUnit(i int, v int8) {
	if v > 0 {
		v = 1
	} else {
		v = -1
	}
	if c.s[i] != v {
		c.flip(i)
	}
}

// Refresh recomputes every local field from the weights, biases and state.
// Call it after changing Net.
func (c *Chain) Refresh() {
	for i := range c.h {
		c.h[i] = c.Net.Field(c.s, i)
	}
	c.drift = 0
}

// DeltaE returns ΔE_i of the current state.
func (c *Chain) DeltaE(i int) float64 { return 2 * c.h[i] }

// Energy returns the energy of the current state.
func (c *Chain) Energy() float64 { return c.Net.Energy(c.s) }

func (c *Chain) flip(i int) {
	c.s[i] = -c.s[i]
	// Unit i moved by 2 s_i, so every field moves by 2 s_i w_ij.
	d := 2 * float64(c.s[i])
	n := c.Net.N
	row := c.Net.W[i*n : i*n+n]
	h := c.h[:n]
	for j, w := range row {
		h[j] += d * w
	}
	// Adding and subtracting non-integer weights lets rounding errors creep
	// in; recomputing now and then keeps the fields within a few ulps.
	if c.drift++; c.drift >= 1<<12 {
		c.Refresh()
	}
}

// Update makes one stochastic update of unit i, exactly as
// Net.UpdateStochastic would, and reports whether the unit flipped. The
// details are left in c.Last rather than returned: the hot loop has no use
// for them, and returning the record costs more than the update itself.
func (c *Chain) Update(i int) bool {
	u := &c.Last
	dE := 2 * c.h[i]
	u.Unit, u.DeltaE = i, dE
	on := c.s[i] > 0
	// Every update takes one number, used or not (see
	// Net.UpdateStochastic), so chains on the same stream stay in step
	// whatever their temperatures.
	x := c.Rand.Float64()
	if c.T > 0 {
		u.POn = c.memo.pOn(dE, c.T)
		u.Draw = x
		on = x < u.POn
	} else {
		u.POn = POn(dE, c.T)
		u.Draw = NoDraw
		if dE != 0 {
			on = dE > 0
		}
	}
	changed := on != (c.s[i] > 0)
	if changed {
		c.flip(i)
	}
	u.On, u.Changed = on, changed
	c.Updates++
	return changed
}

// Step updates the next unit of the current sweep, starting a new random
// sweep order when the last one is used up, and reports whether it flipped.
func (c *Chain) Step() bool {
	if c.next >= len(c.order) {
		c.newSweep()
	}
	i := c.order[c.next]
	c.next++
	return c.Update(i)
}

func (c *Chain) newSweep() {
	for i := range c.order {
		c.order[i] = i
	}
	Shuffle(c.order, c.Rand)
	c.next = 0
}

// Sweep finishes the current sweep, or makes a whole new one if the last
// finished, and returns how many units flipped.
func (c *Chain) Sweep() int {
	if c.next >= len(c.order) {
		c.newSweep()
	}
	flips := 0
	for c.next < len(c.order) {
		if c.Step() {
			flips++
		}
	}
	return flips
}

// sigmoidMemo remembers σ(ΔE/T) for recently seen energy gaps at one
// temperature. A network with integer weights has only a handful of gaps, so
// after the first sweep the exponential is almost never computed again. It is
// exact: a hit returns the very number POn would.
type sigmoidMemo struct {
	t    float64
	keys [64]uint64
	vals [64]float64
}

// emptyKey is the bit pattern of a NaN, which no finite ΔE ever has.
const emptyKey = 0x7ff8dead00000000

func (m *sigmoidMemo) pOn(dE, T float64) float64 {
	if T != m.t {
		m.t = T
		for i := range m.keys {
			m.keys[i] = emptyKey
		}
	}
	k := math.Float64bits(dE)
	slot := (k * 0x9e3779b97f4a7c15) >> 58
	if m.keys[slot] == k {
		return m.vals[slot]
	}
	p := POn(dE, T)
	m.keys[slot], m.vals[slot] = k, p
	return p
}
