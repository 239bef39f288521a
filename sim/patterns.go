package sim

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// Pattern is a named ±1 pattern, for instance a shape drawn on a grid.
type Pattern struct {
	Name  string
	Units []int8
}

// ParsePattern reads a pattern written with '#', '+' or '1' for +1 and '.',
// '-' or '0' for −1; spaces and newlines are ignored, so a grid can be
// written row by row.
func ParsePattern(name, text string) (Pattern, error) {
	p := Pattern{Name: name}
	for _, r := range text {
		switch r {
		case '#', '+', '1':
			p.Units = append(p.Units, 1)
		case '.', '-', '0':
			p.Units = append(p.Units, -1)
		case ' ', '\n', '\t', '\r', '|':
		default:
			return Pattern{}, fmt.Errorf("pattern %q: unexpected character %q", name, r)
		}
	}
	if len(p.Units) == 0 {
		return Pattern{}, fmt.Errorf("pattern %q is empty", name)
	}
	return p, nil
}

// MustPattern is ParsePattern for patterns written in the source; it panics
// on a malformed one.
func MustPattern(name, text string) Pattern {
	p, err := ParsePattern(name, text)
	if err != nil {
		panic("sim: " + err.Error())
	}
	return p
}

// String writes s as '+' and '-' characters, unit 0 first.
func String(s []int8) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, v := range s {
		if v > 0 {
			b.WriteByte('+')
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

// Overlap returns (1/N) Σ_i s_i p_i, in [−1, 1]: 1 when s equals p and −1
// when s is p's inverse (every unit flipped).
func Overlap(s, p []int8) float64 {
	if len(s) != len(p) {
		panic("sim: overlap of states of different lengths")
	}
	var m int
	for i := range s {
		m += int(s[i]) * int(p[i])
	}
	return float64(m) / float64(len(s))
}

// Match says which stored pattern a state is: Index is the pattern's index,
// or −1 for none of them; Inverse is set when the state is that pattern's
// inverse, every unit flipped, rather than the pattern. (With ±1 units and
// no biases E(−s) = E(s), so a network that stores a pattern stores its
// inverse as deeply.)
type Match struct {
	Index   int
	Inverse bool
}

// None is the Match of a state that is no stored pattern nor any inverse.
var None = Match{Index: -1}

// Classify returns which of the patterns s equals exactly, or which one's
// inverse it is, or None. The first match wins if patterns repeat.
func Classify(s []int8, patterns []Pattern) Match {
	for k, p := range patterns {
		switch Overlap(s, p.Units) {
		case 1:
			return Match{Index: k}
		case -1:
			return Match{Index: k, Inverse: true}
		}
	}
	return None
}

// Label names a match: the pattern's name, "inverse:NAME", or "spurious".
func (m Match) Label(patterns []Pattern) string {
	switch {
	case m.Index < 0 || m.Index >= len(patterns):
		return "spurious"
	case m.Inverse:
		return "inverse:" + patterns[m.Index].Name
	}
	return patterns[m.Index].Name
}

// Corrupt copies p into dst and flips k distinct units chosen uniformly at
// random. k is clamped to [0, len(p)].
func Corrupt(dst, p []int8, k int, rng *rand.Rand) {
	if len(dst) != len(p) {
		panic("sim: corrupt into a state of another length")
	}
	copy(dst, p)
	k = max(0, min(k, len(p)))
	// A partial Fisher–Yates shuffle picks k distinct units in O(N) for any k.
	idx := make([]int, len(p))
	for i := range idx {
		idx[i] = i
	}
	for i := 0; i < k; i++ {
		j := i + rng.IntN(len(idx)-i)
		idx[i], idx[j] = idx[j], idx[i]
		dst[idx[i]] = -dst[idx[i]]
	}
}

// RandomState sets every unit of dst to ±1 with a fair coin.
func RandomState(dst []int8, rng *rand.Rand) {
	for i := range dst {
		if rng.Uint64()&1 == 1 {
			dst[i] = 1
		} else {
			dst[i] = -1
		}
	}
}
