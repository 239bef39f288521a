//go:build linux && !android

package cli

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Without a display the desktop program answers -h and otherwise says in
// one line why it cannot start, instead of a panic from inside Ebitengine.
func TestNoDisplay(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the desktop program")
	}
	bin := filepath.Join(t.TempDir(), "boltzlab")
	out, err := exec.Command("go", "build", "-o", bin, "../cmd/boltzlab").CombinedOutput()
	require.NoError(t, err, "%s", out)
	env := []string{}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DISPLAY=") && !strings.HasPrefix(kv, "WAYLAND_DISPLAY=") {
			env = append(env, kv)
		}
	}
	run := func(args ...string) (string, int) {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			return string(out), exit.ExitCode()
		}
		require.NoError(t, err)
		return string(out), 0
	}
	out2, code := run()
	assert.Equal(t, 2, code)
	assert.Equal(t, 1, strings.Count(strings.TrimSpace(out2), "\n")+1, "one line: %s", out2)
	assert.Contains(t, out2, "no display")
	assert.NotContains(t, out2, "panic")

	out2, code = run("-h")
	assert.Equal(t, 0, code)
	assert.Contains(t, out2, "-screenshot")
	assert.Contains(t, out2, "-size")

	out2, code = run("-frames", "0")
	assert.Equal(t, 2, code, "a bad flag is still a usage error: %s", out2)
}
