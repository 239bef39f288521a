package scenes

import (
	"testing"
)

// BenchmarkFrame measures one whole frame of each scene in its busiest
// state through the Manager (layout, Update, Draw of a 1280×800 frame), and
// a pixel read that waits for the GPU (software OpenGL under Xvfb here) to
// finish.
func BenchmarkFrame(b *testing.B) {
	for _, e := range Registry() {
		b.Run(e.Name, func(b *testing.B) {
			t := &testing.T{}
			h := newHarness(t, e.Name, 1280, 800)
			h.s.Busiest()
			for b.Loop() {
				h.step(t)
				h.draw()
				h.img.At(0, 0)
			}
			for _, j := range h.s.Jobs() {
				j.Cancel()
			}
		})
	}
}
