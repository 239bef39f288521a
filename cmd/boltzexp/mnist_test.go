package main

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// -data mnist trains on all 60,000 digits when the module's files are
// there and on the 10,000 the program carries when they are not, and
// says which; a file named mnist is read as a file when named ./mnist.
func TestRBMCommandMNIST(t *testing.T) {
	if _, err := mnistSourceDir(); err == nil {
		code, out, errOut := runArgs("rbm", "-data", "mnist", "-hidden", "2", "-epochs", "0")
		require.Equal(t, 0, code, errOut)
		assert.Contains(t, errOut, "all 60000 training digits")
		assert.Contains(t, errOut, "held-out test digits")
		assert.Len(t, readCSV(t, out), 2)
	}

	saved := mnistSourceDir
	mnistSourceDir = func() (string, error) { return "", errors.New("not here") }
	defer func() { mnistSourceDir = saved }()
	code, out, errOut := runArgs("rbm", "-data", "mnist", "-hidden", "3", "-epochs", "1", "-batch", "100")
	require.Equal(t, 0, code, errOut)
	assert.Contains(t, errOut, "the 10000 training digits this program carries")
	rows := readCSV(t, out)
	require.Len(t, rows, 3)
	assert.Greater(t, parse(t, rows[2][3]), parse(t, rows[1][3]), "one epoch raises the pseudo-likelihood")

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "mnist"), []byte("0,1\n1,0\n"), 0o644))
	t.Chdir(dir)
	code, out, errOut = runArgs("rbm", "-data", "./mnist", "-hidden", "2", "-epochs", "1")
	require.Equal(t, 0, code, errOut)
	assert.NotContains(t, errOut, "training digits")
	assert.Len(t, readCSV(t, out), 3)
}
