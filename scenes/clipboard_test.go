//go:build !js

package scenes

import (
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.design/x/clipboard"

	"boltzlab/scenes/ui"
)

// Ctrl+C puts the scene's share code on the desktop clipboard, and Ctrl+V
// in another lab opens exactly that state.
func TestClipboardCarriesTheCode(t *testing.T) {
	if clipboardReady() != nil {
		t.Skip("no clipboard here (no X server)")
	}
	h := newHarness(t, "recall", 1280, 800)
	r := h.s.(*recall)
	r.temp.Set(3.5)
	r.chain.T = r.temp.Value
	want, err := h.m.shareCode()
	require.NoError(t, err)

	h.m.in = fakeSource{h.in}
	h.in.ModsHeld = ui.ModCtrl
	h.in.Key(ebiten.KeyC)
	h.m.keepKeys()
	assert.Equal(t, want, string(clipboard.Read(clipboard.FmtText)))

	other := newHarness(t, "sigmoid", 1280, 800)
	other.m.in = fakeSource{other.in}
	other.in.ModsHeld = ui.ModCtrl
	other.in.Key(ebiten.KeyV)
	other.m.keepKeys()
	assert.Equal(t, "recall", other.m.ActiveName())
	assert.Equal(t, 3.5, other.m.Scene().(*recall).temp.Value)

	assert.Equal(t, "1.recall.abc", codeIn("  http://127.0.0.1:8080/#scene=recall&seed=1&code=1.recall.abc&teacher=x \n"))
	assert.Equal(t, "1.recall.abc", codeIn("1.recall.abc"))
}

// fakeSource is a ui.Fake the Manager can read as its input.
type fakeSource struct{ *ui.Fake }

func (fakeSource) Update() {}
