//go:build !js

package scenes

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The RBM lab's Load refuses machines that would draw NaN or are not
// machines at all, says why in one short line, and changes nothing; a good
// file loads.
func TestRBMLoadRefusesBadMachines(t *testing.T) {
	h := newHarness(t, "rbm", 1280, 800)
	r := h.s.(*rbmLab)
	good, err := r.saveJSON()
	require.NoError(t, err)
	before := append([]float64(nil), r.machine.W...)
	w := `"weights":[` + strings.TrimSuffix(strings.Repeat("0.1,", 36), ",") + `]`
	for name, text := range map[string]string{
		"empty":        "",
		"huge weight":  strings.Replace(string(good), `"weights":[`, `"weights":[1e308,`, 1),
		"null weight":  `{"visible":9,"hidden":4,` + strings.Replace(w, "0.1,", "null,", 1) + `,"visible_bias":[0,0,0,0,0,0,0,0,0],"hidden_bias":[0,0,0,0]}`,
		"unknown":      `{"visible":9,"hidden":4,` + w + `,"visible_bias":[0,0,0,0,0,0,0,0,0],"hidden_bias":[0,0,0,0],"extra":1}`,
		"wrong shape":  `{"visible":2,"hidden":1,"weights":[0,0],"visible_bias":[0,0],"hidden_bias":[0]}`,
		"not a number": `{"visible":9,"hidden":4,"weights":"x","visible_bias":[],"hidden_bias":[]}`,
	} {
		h.notes = nil
		ok := r.loadJSON([]byte(text), name, h.ctx())
		assert.False(t, ok, name)
		require.Len(t, h.notes, 1, name)
		assert.Contains(t, h.notes[0], "nothing changed", name)
		assert.Less(t, len(h.notes[0]), 300, "%s: a short notice", name)
		assert.NotContains(t, h.notes[0], "\n")
		assert.Equal(t, before, r.machine.W, "%s changed the machine", name)
	}
	assert.True(t, r.loadJSON(good, "the saved machine", h.ctx()))
}
