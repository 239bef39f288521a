package scenes

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// shotSetups put a scene in a state the -screenshot flag cannot reach (a
// chosen temperature, a finished run) before TestWriteShots draws it. A
// scene adds its own entries in its test file's init.
var shotSetups = map[string]func(s Scene){}

// TestWriteShots renders every scene at the four sizes the layout is
// checked at, plus the states in shotSetups, into the folder named by
// BOLTZLAB_SHOTS, for the README and for looking at. It is skipped unless
// that variable is set.
func TestWriteShots(t *testing.T) {
	dir := os.Getenv("BOLTZLAB_SHOTS")
	if dir == "" {
		t.Skip("set BOLTZLAB_SHOTS to a folder to write the pictures")
	}
	require.NoError(t, os.MkdirAll(dir, 0o755))
	shoot := func(file, scene string, w, h int, prepare func(Scene)) {
		hs := newHarness(t, scene, w, h)
		if prepare != nil {
			prepare(hs.s)
		}
		hs.s.SetRunning(true)
		for range 300 {
			hs.step(t)
		}
		hs.draw()
		rgba := image.NewRGBA(hs.img.Bounds())
		hs.img.ReadPixels(rgba.Pix)
		require.NoError(t, writePNG(filepath.Join(dir, file+".png"), rgba))
		for _, j := range hs.s.Jobs() {
			j.Cancel()
		}
	}
	for _, name := range Names() {
		for _, sz := range sizes {
			shoot(fmt.Sprintf("%s-%dx%d", name, sz[0], sz[1]), name, sz[0], sz[1], nil)
		}
	}
	for key, setup := range shotSetups {
		scene, _, _ := strings.Cut(key, "-")
		shoot(key, scene, 1280, 800, setup)
	}
}
