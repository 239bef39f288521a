package main

import (
	"errors"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/scenes"
)

// buildApp compiles the program once per test run.
func buildApp(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "boltzlab")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	require.NoError(t, err, "%s", out)
	return bin
}

// TestScreenshotEveryScene renders every registered scene with
// -screenshot and checks the picture is a real frame: the right size, and
// far more than a blank fill.
func TestScreenshotEveryScene(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("needs a display (run under xvfb-run)")
	}
	bin := buildApp(t)
	for _, name := range scenes.Names() {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), name+".png")
			out, err := exec.Command(bin, "-scene", name, "-screenshot", path, "-frames", "20", "-run").CombinedOutput()
			require.NoError(t, err, "%s", out)
			f, err := os.Open(path)
			require.NoError(t, err)
			defer f.Close()
			img, err := png.Decode(f)
			require.NoError(t, err)
			b := img.Bounds()
			require.GreaterOrEqual(t, b.Dx(), 640)
			require.GreaterOrEqual(t, b.Dy(), 400)
			colours := map[[3]uint32]int{}
			for y := b.Min.Y; y < b.Max.Y; y += 3 {
				for x := b.Min.X; x < b.Max.X; x += 3 {
					r, g, bb, _ := img.At(x, y).RGBA()
					colours[[3]uint32{r >> 8, g >> 8, bb >> 8}]++
				}
			}
			assert.Greater(t, len(colours), 50, "a blank or nearly blank frame")
			bg := 0
			for _, n := range colours {
				bg = max(bg, n)
			}
			total := (b.Dx() / 3) * (b.Dy() / 3)
			assert.Less(t, float64(bg)/float64(total), 0.9, "one colour covers almost everything")
			t.Logf("%s: %v, %d colours", name, b.Size(), len(colours))
		})
	}
}

// Bad flag values print one line and exit with status 2.
func TestBadFlagsExitTwo(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("needs a display (run under xvfb-run)")
	}
	bin := buildApp(t)
	for _, args := range [][]string{
		{"-scene", "nope"},
		{"-frames", "0"},
		{"-seed", "abc"},
		{"-bogus"},
		{"stray"},
	} {
		cmd := exec.Command(bin, args...)
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		require.True(t, errors.As(err, &exit), "%v: %v", args, err)
		assert.Equal(t, 2, exit.ExitCode(), "%v", args)
		assert.Contains(t, string(out), "boltzlab", "%v", args)
		assert.Equal(t, 1, strings.Count(strings.TrimSpace(string(out)), "\n")+1, "one line for %v: %s", args, out)
	}
	out, err := exec.Command(bin, "-h").CombinedOutput()
	require.NoError(t, err)
	assert.True(t, strings.Contains(string(out), "-screenshot"))
}
