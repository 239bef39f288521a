package scenes

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/scenes/ui"
)

// Teacher mode keeps only the scenes named, hides the controls named (not
// drawn, not listed, not focusable, not clickable, their keys dead) and
// notes the names it could not use.
func TestTeacherMode(t *testing.T) {
	m, err := NewManager(Options{Scene: "distribution", Seed: 1, Teacher: " Recall , sigmoid,nope:forget,,STORE,nothing-here,grid"})
	require.NoError(t, err)
	assert.Equal(t, []string{"recall", "sigmoid"}, m.Names())
	assert.Equal(t, "recall", m.ActiveName(), "a scene left out opens the first one kept")
	assert.Len(t, m.Notices(), 3, "%q", m.Notices())
	assert.False(t, m.SwitchByName("distribution"))
	st, _ := worked(t, "distribution").s.State()
	assert.Error(t, m.applyState(st), "a state of a scene left out is refused")

	m.Resize(1280, 800, 1)
	h := &harness{m: m, s: m.Scene(), in: &ui.Fake{}, img: ebiten.NewImage(1280, 800)}
	r := h.s.(*recall)
	for _, c := range h.s.Controls() {
		assert.NotContains(t, []string{"forget", "store"}, c.ID)
	}
	ids := map[string]bool{}
	for _, c := range h.s.Controls() {
		ids[c.ID] = true
	}
	assert.True(t, ids["corrupt"] && ids["grid"], "the rest stay")
	for range 2 * len(r.focus.Order) {
		h.in.Key(ebiten.KeyTab)
		h.step(t)
		assert.False(t, r.focus.Is(&r.forget) || r.focus.Is(&r.store), "Tab passes over hidden controls")
	}
	before := len(r.memories)
	h.in.Key(ebiten.KeyDelete)
	h.step(t)
	h.in.Key(ebiten.KeyP)
	h.step(t)
	h.step(t)
	h.layoutClick(t, r.forget.Rect)
	assert.Equal(t, before, len(r.memories), "hidden controls do nothing, by key or click")
	h.draw()

	// Only hidden controls: every scene stays.
	m, err = NewManager(Options{Seed: 1, Teacher: ":forget"})
	require.NoError(t, err)
	assert.Equal(t, Names(), m.Names())
	assert.Empty(t, m.Notices())

	// Without teacher mode everything is there.
	full, err := NewManager(Options{Seed: 1})
	require.NoError(t, err)
	assert.Equal(t, Names(), full.Names())
}

// layoutClick presses and releases the pointer at the centre of r.
func (h *harness) layoutClick(t *testing.T, r ui.Rect) {
	t.Helper()
	h.in.Press(r.CenterX(), r.CenterY())
	h.step(t)
	h.in.Release()
	h.step(t)
}
