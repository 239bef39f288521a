package ui

import (
	"testing"
)

// The width of a line is measured once for every pattern of its digits
// (see zeroDigits): that is exact only if the fonts' digits all advance
// alike and no kerning pair holds a digit, which this checks for every
// printable ASCII character and the symbols the scenes write beside
// numbers.
func TestDigitsAdvanceAlike(t *testing.T) {
	others := []rune{'−', '→', '≥', '≤', '·', '×', '–', '—', '±', 'Δ', 'σ', '½', '⁻', '¹', '²', '′', '≈'}
	for c := rune(' '); c <= '~'; c++ {
		others = append(others, c)
	}
	for _, f := range []Font{Regular, Bold, Mono} {
		for _, size := range []float64{12, 15, 22} {
			face := Face(f, size)
			zero := func(s string) float64 { return textAdvance(s, face) }
			for d := '0'; d <= '9'; d++ {
				for _, c := range others {
					if a, b := zero(string(c)+string(d)), zero(string(c)+"0"); a != b {
						t.Errorf("font %d size %g: %q is %g wide, %q %g", f, size, string(c)+string(d), a, string(c)+"0", b)
					}
					if a, b := zero(string(d)+string(c)), zero("0"+string(c)); a != b {
						t.Errorf("font %d size %g: %q is %g wide, %q %g", f, size, string(d)+string(c), a, "0"+string(c), b)
					}
				}
			}
		}
	}
}
