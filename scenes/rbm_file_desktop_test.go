//go:build !js

package scenes

import (
	"os"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/sim"
)

// Save writes the machine as JSON; Load brings back exactly those weights
// after more training has moved them.
func TestRBMSaveLoadRoundTrip(t *testing.T) {
	t.Chdir(t.TempDir())
	h := newHarness(t, "rbm", 1280, 800)
	r, in := h.s.(*rbmLab), h.in
	for range 300 {
		r.trainer.Step()
	}
	in.Key(ebiten.KeyE)
	h.step(t)
	require.FileExists(t, rbmFileName)
	assert.Equal(t, "Saved the machine to "+rbmFileName, h.notes[len(h.notes)-1])
	saved := r.machine.Clone()

	for range 200 {
		r.trainer.Step()
	}
	require.NotEqual(t, saved.W, r.machine.W)
	in.Key(ebiten.KeyI)
	h.step(t)
	assert.Contains(t, h.notes[len(h.notes)-1], "Loaded "+rbmFileName)
	assert.Equal(t, saved.W, r.machine.W)
	assert.Equal(t, saved.B, r.machine.B)
	assert.Equal(t, saved.C, r.machine.C)
	assert.Same(t, r.machine, r.trainer.RBM, "training goes on from the loaded machine")
	assert.Equal(t, 1, r.errS.Len(), "its curves start over")
	assert.Equal(t, r.machine.LogLikelihood(sim.TLOData()), r.ll)

	// The bytes survive a second trip unchanged.
	a, err := r.saveJSON()
	require.NoError(t, err)
	require.True(t, r.loadJSON(a, "a copy", h.ctx()))
	b, err := r.saveJSON()
	require.NoError(t, err)
	assert.Equal(t, a, b)
}

// A missing, malformed or mismatched file is refused with a notice and
// the machine, its training and its curves are left exactly as they were.
func TestRBMRefusesBadFiles(t *testing.T) {
	t.Chdir(t.TempDir())
	h := newHarness(t, "rbm", 1280, 800)
	r, in := h.s.(*rbmLab), h.in
	for range 100 {
		r.trainer.Step()
	}
	r.record()
	before := r.machine.Clone()
	machine, updates, points := r.machine, r.trainer.Updates, r.errS.Len()

	big := sim.NewRBM(16, 4)
	bigJSON, err := big.MarshalJSON()
	require.NoError(t, err)
	good, err := r.saveJSON()
	require.NoError(t, err)
	cases := []struct {
		name, text, want string
	}{
		{"no file", "", "no " + rbmFileName + " here yet: save one first (" + r.Keys().Hint("save") + ")"},
		{"not JSON", "{weights: oops", "Not loaded"},
		{"empty object", "{}", "Not loaded"},
		{"null", "null", "Not loaded"},
		{"cut short", string(good[:len(good)/2]), "Not loaded"},
		{"short weights", `{"visible":9,"hidden":4,"weights":[1,2],"visible_bias":[0,0,0,0,0,0,0,0,0],"hidden_bias":[0,0,0,0]}`, "Not loaded"},
		{"unknown field", `{"visible":9,"hidden":4,"temperature":1}`, "Not loaded"},
		{"another shape", string(bigJSON), "16 visible units and 4 hidden units"},
	}
	for _, c := range cases {
		if c.name != "no file" {
			require.NoError(t, os.WriteFile(rbmFileName, []byte(c.text), 0o644))
		}
		in.Key(ebiten.KeyI)
		h.step(t)
		t.Logf("%s: %s", c.name, h.notes[len(h.notes)-1])
		assert.Contains(t, h.notes[len(h.notes)-1], c.want, c.name)
		require.Same(t, machine, r.machine, c.name)
		assert.Equal(t, before.W, r.machine.W, c.name)
		assert.Equal(t, before.B, r.machine.B, c.name)
		assert.Equal(t, before.C, r.machine.C, c.name)
		assert.Equal(t, updates, r.trainer.Updates, c.name)
		assert.Equal(t, points, r.errS.Len(), c.name)
	}
}
