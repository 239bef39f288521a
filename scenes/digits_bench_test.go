package scenes

import "testing"

// BenchmarkDigitsBusiest is one frame of the Digits scene training and
// dreaming at top speed, drawing included.
func BenchmarkDigitsBusiest(b *testing.B) {
	t := &testing.T{}
	h := newHarness(t, "digits", 1280, 800)
	h.s.Busiest()
	for b.Loop() {
		h.step(t)
		h.draw()
	}
}
