// Package sim holds the mathematics of Boltzmann Lab: networks of binary
// units, their energy, stochastic and deterministic dynamics, and exact
// enumeration of small state spaces.
//
// Conventions, stated once:
//
//   - Hopfield and Boltzmann networks use units in {−1, +1}, stored as int8.
//   - A network of N units has a dense symmetric weight matrix W, flat and
//     row-major (W[i*N+j]), with a zero diagonal, and a bias vector B.
//   - The energy of a state s is E(s) = −Σ_{i<j} w_ij s_i s_j − Σ_i b_i s_i.
//   - The energy gap of unit i is ΔE_i = 2(Σ_j w_ij s_j + b_i): the energy
//     saved by turning unit i on, E(s with s_i=−1) − E(s with s_i=+1).
//   - At temperature T a unit turns on with probability σ(ΔE_i/T). T = 0 is
//     the deterministic (Hopfield) limit, where a tie keeps the unit as it
//     is; T = +Inf is a fair coin. Every stochastic update takes exactly one
//     random number, even at T = 0 where it decides nothing, so runs on the
//     same stream at different temperatures stay in step.
//   - States of small networks are also numbered: bit i of the index is set
//     when unit i is +1.
//   - When a slice is modified in place it is named dst or s; a function
//     never keeps a reference to a slice it was given unless its doc says so.
//
// Nothing here keeps global state. (The RBM's batched kernels choose at
// start-up between assembly for the CPU they run on and their plain Go
// versions, which agree to rounding; that choice is a fact about the
// machine, and -tags purego forces the Go versions.) Every random choice
// is drawn from a
// *rand.Rand (math/rand/v2) passed in by the caller, so a seed replays a run
// exactly. Programmer errors (mismatched lengths, out-of-range units) panic
// with a message prefixed "sim: "; expected failures return an error.
package sim
