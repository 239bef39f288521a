//go:build !js

package scenes

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/scenes/ui"
)

// The header's Share, Save and Open buttons sit inside the header, clear
// of the title and of each other, at every size; Save writes the scene's
// file as Ctrl+S does; teacher mode can hide them.
func TestHeaderButtons(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, sz := range sizes {
		h := newHarness(t, "recall", sz[0], sz[1])
		h.step(t)
		hdr := h.m.pages[h.m.active].header
		ctrls := h.m.HeaderControls()
		require.Len(t, ctrls, 3)
		for k, c := range ctrls {
			r := *c.R
			assert.True(t, r.W > 0 && r.X >= hdr.X-0.5 && r.Right() <= hdr.Right()+0.5 && r.Y >= hdr.Y-0.5 && r.Bottom() <= hdr.Bottom()+0.5,
				"%dx%d: %s at %+v leaves the header %+v", sz[0], sz[1], c.ID, r, hdr)
			if k > 0 {
				assert.LessOrEqual(t, ctrls[k-1].R.Right(), r.X, "%dx%d: %s overlaps the one before", sz[0], sz[1], c.ID)
			}
		}
		title, _ := h.m.placeHeader(hdr)
		assert.False(t, title.W < ui.TextWidth(h.s.Title(), h.m.th.Style(ui.Heading).Font, h.m.th.Style(ui.Heading).Size),
			"%dx%d: the title has %.0f px", sz[0], sz[1], title.W)
	}

	h := newHarness(t, "recall", 1280, 800)
	h.step(t)
	h.layoutClick(t, *h.m.HeaderControls()[1].R)
	_, err := os.Stat(FileName("recall"))
	assert.NoError(t, err, "Save wrote the scene's file")
	assert.Contains(t, h.notes[len(h.notes)-1], "Saved "+FileName("recall"))

	m, err := NewManager(Options{Scene: "recall", Seed: 1, Teacher: "recall:page-share"})
	require.NoError(t, err)
	assert.Empty(t, m.Notices())
	var ids []string
	for _, c := range m.HeaderControls() {
		ids = append(ids, c.ID)
	}
	assert.Equal(t, []string{"page-save", "page-open"}, ids)
}
