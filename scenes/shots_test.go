package scenes

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/require"

	"boltzlab/scenes/ui"
)

// TestWriteShots renders every scene at the four sizes the layout is
// checked at, and scenes in states the -screenshot flag cannot reach (a
// chosen temperature, a gap off the axis, the log scale, the help open) at
// a laptop's size and a phone's, into the folder named by BOLTZLAB_SHOTS,
// for the README and for looking at. It is skipped unless that variable is
// set.
func TestWriteShots(t *testing.T) {
	dir := os.Getenv("BOLTZLAB_SHOTS")
	if dir == "" {
		t.Skip("set BOLTZLAB_SHOTS to a folder to write the pictures")
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	shootAt := func(scene, name string, at [][2]int, prepare func(h *harness)) {
		for _, sz := range at {
			h := newHarness(t, scene, sz[0], sz[1])
			h.s.SetRunning(true)
			prepare(h)
			for range 300 {
				h.step(t)
			}
			h.draw()
			rgba := image.NewRGBA(h.img.Bounds())
			h.img.ReadPixels(rgba.Pix)
			file := fmt.Sprintf("%s-%s-%dx%d.png", scene, name, sz[0], sz[1])
			require.NoError(t, writePNG(filepath.Join(dir, file), rgba))
			for _, j := range h.s.Jobs() {
				j.Cancel()
			}
		}
	}
	shoot := func(scene, name string, prepare func(h *harness)) {
		shootAt(scene, name, [][2]int{{1280, 800}, {390, 844}}, prepare)
	}
	for _, name := range Names() {
		shootAt(name, "running", sizes, func(*harness) {})
	}
	for _, c := range []struct {
		name string
		T    float64
	}{{"cold", 0.3}, {"hot", 8}} {
		shoot("sigmoid", c.name, func(h *harness) {
			s := h.s.(*sigmoid)
			s.temp.Set(c.T)
			s.restart()
		})
		shoot("distribution", c.name, func(h *harness) {
			d := h.s.(*distribution)
			d.temp.Set(c.T)
			d.recompute()
		})
	}
	shoot("sigmoid", "offscale", func(h *harness) {
		s := h.s.(*sigmoid)
		s.gap.Set(68)
		s.restart()
	})
	shoot("sigmoid", "help", func(h *harness) { h.m.help = true })
	shoot("distribution", "log", func(h *harness) {
		d := h.s.(*distribution)
		d.logScale.On = true
	})
	shoot("distribution", "help", func(h *harness) { h.m.help = true })
	// On a phone the page scrolls to the part the picture is about.
	scrollTo := func(h *harness, r *ui.Rect) {
		h.step(t)
		h.m.pages[h.m.active].scroll = r.Y - h.m.th.Px(200)
	}
	shoot("digits", "dreaming", func(h *harness) {
		d := h.s.(*digitsScene)
		d.SetRunning(false)
		d.dreamK.Set(5)
		scrollTo(h, &d.dreamBox)
	})
	shoot("digits", "inpainting", func(h *harness) {
		d := h.s.(*digitsScene)
		d.SetRunning(false)
		d.digit = 3
		d.pickDigit()
		d.eraseMiddle()
		scrollTo(h, &d.canvas)
	})
	shoot("digits", "scratch", func(h *harness) {
		h.in.Key(ebiten.KeyZ)
		h.s.(*digitsScene).transport.Speed.Set(20)
	})
}
