package sim

import (
	"fmt"
	"math"
)

// Net is a network of N binary ±1 units with symmetric weights and biases.
// W is flat and row-major (W[i*N+j] is the weight between units i and j),
// symmetric, with a zero diagonal; B holds one bias per unit. The methods
// keep W symmetric; code that writes W directly must do the same.
type Net struct {
	N int
	W []float64
	B []float64
}

// NewNet returns a network of n units with zero weights and biases.
// It panics if n < 1.
func NewNet(n int) *Net {
	if n < 1 {
		panic("sim: network needs at least one unit")
	}
	return &Net{N: n, W: make([]float64, n*n), B: make([]float64, n)}
}

// Clone returns a deep copy of the network.
func (n *Net) Clone() *Net {
	c := &Net{N: n.N, W: make([]float64, len(n.W)), B: make([]float64, len(n.B))}
	copy(c.W, n.W)
	copy(c.B, n.B)
	return c
}

// Weight returns w_ij.
func (n *Net) Weight(i, j int) float64 { return n.W[i*n.N+j] }

// SetWeight sets w_ij and w_ji to w. It panics if i == j, since the
// diagonal must stay zero.
func (n *Net) SetWeight(i, j int, w float64) {
	if i == j {
		panic("sim: a unit has no weight to itself")
	}
	n.W[i*n.N+j] = w
	n.W[j*n.N+i] = w
}

// Validate reports whether the network is well formed: sizes agree, W is
// symmetric with a zero diagonal, and every number is finite. Networks built
// from outside data (files, share codes) should pass it before use.
func (n *Net) Validate() error {
	if n.N < 1 {
		return fmt.Errorf("network has %d units", n.N)
	}
	if len(n.W) != n.N*n.N || len(n.B) != n.N {
		return fmt.Errorf("network of %d units has %d weights and %d biases, want %d and %d",
			n.N, len(n.W), len(n.B), n.N*n.N, n.N)
	}
	for i := 0; i < n.N; i++ {
		if !finite(n.B[i]) {
			return fmt.Errorf("bias %d is %v", i, n.B[i])
		}
		if n.W[i*n.N+i] != 0 {
			return fmt.Errorf("weight from unit %d to itself is %v, want 0", i, n.W[i*n.N+i])
		}
		for j := i + 1; j < n.N; j++ {
			w := n.W[i*n.N+j]
			if !finite(w) {
				return fmt.Errorf("weight %d–%d is %v", i, j, w)
			}
			if w != n.W[j*n.N+i] {
				return fmt.Errorf("weights %d–%d and %d–%d differ", i, j, j, i)
			}
		}
	}
	return nil
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

func (n *Net) checkState(s []int8) {
	if len(s) != n.N {
		panic(fmt.Sprintf("sim: state has %d units, network has %d", len(s), n.N))
	}
}

// Energy returns E(s) = −Σ_{i<j} w_ij s_i s_j − Σ_i b_i s_i.
// It panics if len(s) != N.
func (n *Net) Energy(s []int8) float64 {
	n.checkState(s)
	var e float64
	for i := 0; i < n.N; i++ {
		row := n.W[i*n.N : i*n.N+n.N]
		var h float64
		for j := i + 1; j < n.N; j++ {
			h += row[j] * float64(s[j])
		}
		e -= (h + n.B[i]) * float64(s[i])
	}
	return e
}

// Field returns the local field h_i = Σ_j w_ij s_j + b_i of unit i.
func (n *Net) Field(s []int8, i int) float64 {
	row := n.W[i*n.N : i*n.N+n.N]
	s = s[:len(row)]
	h := n.B[i]
	for j, w := range row {
		h += w * float64(s[j])
	}
	return h
}

// DeltaE returns ΔE_i = 2h_i, the energy saved by turning unit i on.
func (n *Net) DeltaE(s []int8, i int) float64 { return 2 * n.Field(s, i) }

// Store adds a pattern to the weights by the Hebbian rule,
// w_ij += ξ_i ξ_j for i ≠ j. Biases are left alone.
// It panics if len(pattern) != N.
func (n *Net) Store(pattern []int8) { n.hebb(pattern, 1) }

// Unstore removes a pattern stored earlier with Store.
func (n *Net) Unstore(pattern []int8) { n.hebb(pattern, -1) }

func (n *Net) hebb(p []int8, sign float64) {
	n.checkState(p)
	for i := 0; i < n.N; i++ {
		for j := 0; j < n.N; j++ {
			if i != j {
				n.W[i*n.N+j] += sign * float64(p[i]) * float64(p[j])
			}
		}
	}
}

// Forget sets every weight and bias to zero.
func (n *Net) Forget() {
	clear(n.W)
	clear(n.B)
}

// Hebbian returns a network of len(patterns[0]) units storing every pattern
// by the Hebbian rule. It panics if there are no patterns or their lengths
// differ.
func Hebbian(patterns ...[]int8) *Net {
	if len(patterns) == 0 {
		panic("sim: no patterns to store")
	}
	n := NewNet(len(patterns[0]))
	for _, p := range patterns {
		n.Store(p)
	}
	return n
}
