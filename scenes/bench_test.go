//go:build legacy

package scenes

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
)

// BenchmarkFrame measures one whole frame of each scene while it runs:
// Update, Draw onto a 1280×800 image, and a pixel read that waits for the
// GPU (software OpenGL under Xvfb here) to finish.
func BenchmarkFrame(b *testing.B) {
	for _, e := range Registry() {
		b.Run(e.Name, func(b *testing.B) {
			s := e.New(1)
			if r, ok := s.(interface{ SetRunning(bool) }); ok {
				r.SetRunning(true)
			}
			in := &ui.Fake{}
			ctx := testContext(in, nil)
			img := ebiten.NewImage(1280, 800)
			for b.Loop() {
				if err := s.Update(ctx); err != nil {
					b.Fatal(err)
				}
				img.Clear()
				s.Draw(img, ctx)
				img.At(0, 0)
			}
		})
	}
}
