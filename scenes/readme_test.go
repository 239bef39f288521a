package scenes

import (
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/scenes/ui"
)

// The README's key table is made from the key maps, so the two cannot
// drift apart. Run with BOLTZLAB_WRITE_README=1 to write it anew.
func TestReadmeKeys(t *testing.T) {
	const begin, end = "<!-- keys: made from the key maps by TestReadmeKeys -->\n", "<!-- /keys -->"
	path := "../README.md"
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	readme := string(data)
	i, j := strings.Index(readme, begin), strings.Index(readme, end)
	require.True(t, i >= 0 && j > i, "README.md has no key table between the markers")
	want := keyTable()
	if os.Getenv("BOLTZLAB_WRITE_README") != "" {
		readme = readme[:i+len(begin)] + want + readme[j:]
		require.NoError(t, os.WriteFile(path, []byte(readme), 0o644))
		return
	}
	assert.Equal(t, want, readme[i+len(begin):j], "README.md's key table is out of date: run BOLTZLAB_WRITE_README=1 go test -run ReadmeKeys ./scenes/")
}

// keyTable writes every scene's keys as a Markdown table.
func keyTable() string {
	var b strings.Builder
	b.WriteString("| where | keys |\n| --- | --- |\n")
	b.WriteString("| every scene | " + ui.TransportKeys.Describe() + " · " + globalHelp(len(Registry())) + " |\n")
	for _, e := range Registry() {
		var own ui.Keymap
		for _, k := range e.New(1).Keys() {
			if ui.TransportKeys.Hint(k.ID) == "" {
				own = append(own, k)
			}
		}
		if len(own) > 0 {
			b.WriteString("| " + e.Tab + " | " + own.Describe() + " |\n")
		}
	}
	return b.String()
}
