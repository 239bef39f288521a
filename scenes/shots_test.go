//go:build legacy

package scenes

import (
	"image"
	"os"
	"path/filepath"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/require"

	"boltzlab/scenes/ui"
)

// TestWriteShots renders scenes in states the -screenshot flag cannot
// reach (a chosen temperature, a finished run) into the folder named by
// BOLTZLAB_SHOTS, for the README and for looking at. It is skipped unless
// that variable is set.
func TestWriteShots(t *testing.T) {
	dir := os.Getenv("BOLTZLAB_SHOTS")
	if dir == "" {
		t.Skip("set BOLTZLAB_SHOTS to a folder to write the pictures")
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	shoot := func(name string, s Scene, frames int, prepare func()) {
		in := &ui.Fake{}
		ctx := testContext(in, nil)
		prepare()
		if r, ok := s.(interface{ SetRunning(bool) }); ok {
			r.SetRunning(true)
		}
		for k := 0; k < frames; k++ {
			step(t, s, ctx, in)
		}
		img := ebiten.NewImage(1280, 800)
		img.Fill(ui.Background)
		drawHeader(img, ctx, s)
		s.Draw(img, ctx)
		rgba := image.NewRGBA(img.Bounds())
		img.ReadPixels(rgba.Pix)
		require.NoError(t, writePNG(filepath.Join(dir, name+".png"), rgba))
	}
	for _, c := range []struct {
		name string
		T    float64
	}{{"cold", 0.3}, {"hot", 8}} {
		sg := newSigmoid(1).(*sigmoid)
		shoot("sigmoid-"+c.name, sg, 300, func() { sg.temp.Set(c.T); sg.reset() })
		d := newDistribution(1).(*distribution)
		shoot("distribution-"+c.name, d, 300, func() { d.temp.Set(c.T); d.recompute() })
	}
}
