//go:build !js

package scenes

import (
	"bytes"
	"image"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every file the desktop writes (screenshots, exports, machines, saved
// scenes) replaces an older file of its name whole, by renaming a new file
// over it, and leaves no temporary file behind. An older file that another
// name links to keeps its contents under that name, which shows it was
// replaced, not written over in place.
func TestSavesReplaceFilesWhole(t *testing.T) {
	t.Chdir(t.TempDir())
	img := image.NewRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	png, err := encodePNG(img)
	require.NoError(t, err)
	h, d := digitsHarness(t, 1280, 800)
	var machine bytes.Buffer
	require.NoError(t, d.machine.WriteJSON(&machine))

	cases := []struct {
		name  string
		write func() error
		want  []byte
	}{
		{"export.csv", func() error { return saveFile("export.csv", []byte("a,b\n1,2\n"), "text/csv") }, []byte("a,b\n1,2\n")},
		{"shot.png", func() error { return savePNG("shot.png", img) }, png},
		{"screenshot.png", func() error { return writePNG("screenshot.png", img) }, png},
		{"scene.json", func() error { return saveState("scene.json", []byte("{}\n")) }, []byte("{}\n")},
		{digitsFileName, func() error {
			h.in.Key(ebiten.KeyE) // the Digits scene's Save
			h.step(t)
			return nil
		}, machine.Bytes()},
	}
	for _, c := range cases {
		old := []byte(strings.Repeat("an older, longer file ", 4000))
		require.NoError(t, os.WriteFile(c.name, old, 0o600))
		require.NoError(t, os.Link(c.name, c.name+".link"))
		require.NoError(t, c.write(), c.name)
		got, err := os.ReadFile(c.name)
		require.NoError(t, err)
		assert.Equal(t, c.want, got, "%s holds exactly the new contents", c.name)
		kept, err := os.ReadFile(c.name + ".link")
		require.NoError(t, err)
		assert.Equal(t, old, kept, "%s was replaced, not written over", c.name)
		st, err := os.Stat(c.name)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), st.Mode().Perm(), "%s keeps its mode", c.name)
		require.NoError(t, os.Remove(c.name+".link"))
	}
	assert.Equal(t, digitsSavedNotice, h.notes[len(h.notes)-1])

	// A new file is made whole too; nothing else is left in the folder.
	require.NoError(t, saveFile("new.csv", []byte("x\n"), "text/csv"))
	entries, err := os.ReadDir(".")
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"export.csv", "shot.png", "screenshot.png", "scene.json", digitsFileName, "new.csv"}
	assert.ElementsMatch(t, want, names, "no temporary file is left behind")

	// A write that cannot happen fails and leaves nothing behind.
	require.NoError(t, os.Mkdir("folder.png", 0o755))
	assert.Error(t, writePNG("folder.png", img))
	assert.Error(t, saveFile(filepath.Join("missing", "x.csv"), []byte("x"), "text/csv"))
	entries, err = os.ReadDir(".")
	require.NoError(t, err)
	assert.Len(t, entries, len(want)+1)
}
