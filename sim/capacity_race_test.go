//go:build race

package sim

// underRace is set when the tests run under the race detector, which slows
// the dense loops of the capacity experiments about forty-fold.
const underRace = true
