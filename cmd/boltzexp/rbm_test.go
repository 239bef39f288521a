package main

import (
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/sim"
)

// withoutSeconds drops the timing column, the one part of a run that a
// seed does not fix.
func withoutSeconds(rows [][]string) [][]string {
	var out [][]string
	for _, r := range rows {
		out = append(out, r[:len(r)-1])
	}
	return out
}

// The defaults train exactly as sim's TestRBMCD1LearnsTLO does, so after
// 1000 epochs the last row carries the numbers that test asserts.
func TestRBMCommandShapes(t *testing.T) {
	code, out, errOut := runArgs("rbm", "-epochs", "1000")
	require.Equal(t, 0, code, errOut)
	rows := readCSV(t, out)
	require.Equal(t, []string{"epoch", "recon_error", "log_likelihood", "pseudo_log_likelihood", "seconds"}, rows[0])
	require.Len(t, rows, 1002)
	prev := -1.0
	for k, r := range rows[1:] {
		assert.Equal(t, strconv.Itoa(k), r[0])
		assert.LessOrEqual(t, parse(t, r[2]), 0.0)
		assert.LessOrEqual(t, parse(t, r[3]), 0.0)
		s := parse(t, r[4])
		assert.GreaterOrEqual(t, s, prev, "seconds accumulate")
		prev = s
	}
	assert.Equal(t, "0.000000", rows[1][4], "no training before epoch 1")
	// Untrained, every pixel is a fair coin: log-likelihood 9·log ½.
	assert.InDelta(t, 9*math.Log(0.5), parse(t, rows[1][2]), 0.01)
	last := rows[1001]
	assert.InDelta(t, 0.0058, parse(t, last[1]), 0.0005)
	assert.InDelta(t, -1.499, parse(t, last[2]), 0.005)

	_, again, _ := runArgs("rbm", "-epochs", "100")
	assert.Equal(t, withoutSeconds(rows[:102]), withoutSeconds(readCSV(t, again)), "same seed, same numbers")
	_, other, _ := runArgs("rbm", "-epochs", "100", "-seed", "2")
	assert.NotEqual(t, withoutSeconds(rows[:102]), withoutSeconds(readCSV(t, other)))
	if _, ok := processCPU(); ok {
		_, cpu, _ := runArgs("rbm", "-epochs", "100", "-clock", "cpu")
		assert.Equal(t, withoutSeconds(rows[:102]), withoutSeconds(readCSV(t, cpu)), "the clock changes only the seconds")
	}
}

func TestRBMCommandSaveAndFile(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data.csv")
	require.NoError(t, os.WriteFile(data, []byte("a,b,c,d\n1,0,1,0\n0, 1, 0, 1\n1,1,0,0.5\n"), 0o644))
	save := filepath.Join(dir, "rbm.json")
	code, out, errOut := runArgs("rbm", "-data", data, "-hidden", "3", "-epochs", "20", "-k", "2",
		"-persistent", "-batch", "2", "-momentum", "0", "-decay", "0.001", "-save", save)
	require.Equal(t, 0, code, errOut)
	assert.Len(t, readCSV(t, out), 22)

	f, err := os.Open(save)
	require.NoError(t, err)
	defer f.Close()
	r, err := sim.ReadRBM(f)
	require.NoError(t, err)
	assert.Equal(t, 4, r.Visible)
	assert.Equal(t, 3, r.Hidden)

	// A visible layer beyond RBMMaxEnumVisible leaves the exact
	// log-likelihood empty; the pseudo-likelihood is still there.
	wide := filepath.Join(dir, "wide.csv")
	row := strings.TrimSuffix(strings.Repeat("1,0,", 11), ",")
	require.NoError(t, os.WriteFile(wide, []byte(row+"\n"+row+"\n"), 0o644))
	code, out, errOut = runArgs("rbm", "-data", wide, "-epochs", "2")
	require.Equal(t, 0, code, errOut)
	rows := readCSV(t, out)
	require.Len(t, rows, 4)
	for _, r := range rows[1:] {
		assert.Empty(t, r[2])
		assert.NotEmpty(t, r[3])
	}
}

func TestRBMCommandRefusesBadData(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"empty":        "",
		"header only":  "x,y\n",
		"ragged":       "1,0,1\n0,1\n",
		"above one":    "1,0\n0,1.5\n",
		"negative":     "-0.1,0\n",
		"NaN":          "0,NaN\n",
		"word in data": "0,1\n1,yes\n",
		"bad quoting":  "0,\"1\n",
	} {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".csv")
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		code, out, errOut := runArgs("rbm", "-data", path, "-epochs", "1")
		assert.Equal(t, 2, code, name)
		assert.Empty(t, out, name)
		assert.Equal(t, 1, strings.Count(strings.TrimSpace(errOut), "\n")+1, "one-line error for %s: %q", name, errOut)
		assert.Contains(t, errOut, path, name)
	}
	code, _, errOut := runArgs("rbm", "-data", filepath.Join(dir, "missing.csv"))
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "missing.csv")
}

// With no flags, learn runs the Learning scene's defaults with exact
// phases and ends below 0.05 nats, at the value sim's
// TestBMLearnsXORExactly asserts.
func TestLearnCommandDefaults(t *testing.T) {
	code, out, errOut := runArgs("learn")
	require.Equal(t, 0, code, errOut)
	rows := readCSV(t, out)
	require.Equal(t, []string{"epoch", "kl"}, rows[0])
	require.Len(t, rows, sim.LearningSteps+2)
	assert.Greater(t, parse(t, rows[1][1]), 0.5)
	kl := parse(t, rows[len(rows)-1][1])
	assert.Less(t, kl, 0.05)
	assert.InDelta(t, 0.0351, kl, 5e-4)

	// Without hidden units exclusive or is out of reach: log 2.
	code, out, _ = runArgs("learn", "-hidden", "0")
	require.Equal(t, 0, code)
	rows = readCSV(t, out)
	assert.InDelta(t, math.Ln2, parse(t, rows[len(rows)-1][1]), 1e-4)

	code, out, _ = runArgs("learn", "-sample-positive", "-sample-negative", "-lr", "0.1", "-epochs", "50", "-sweeps", "2", "-chains", "20")
	require.Equal(t, 0, code)
	assert.Len(t, readCSV(t, out), 52)
}

func TestRBMAndLearnBadUsage(t *testing.T) {
	for _, args := range [][]string{
		{"rbm", "-hidden", "0"},
		{"rbm", "-epochs", "-1"},
		{"rbm", "-lr", "NaN"},
		{"rbm", "-lr", "-0.1"},
		{"rbm", "-k", "0"},
		{"rbm", "-batch", "0"},
		{"rbm", "-momentum", "1"},
		{"rbm", "-decay", "inf"},
		{"rbm", "-clock", "gpu"},
		{"rbm", "stray"},
		{"learn", "-hidden", "14"},
		{"learn", "-lr", "inf"},
		{"learn", "-chains", "0"},
		{"learn", "-sweeps", "0"},
		{"learn", "-epochs", "-2"},
	} {
		code, out, errOut := runArgs(args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Empty(t, out)
		assert.Equal(t, 1, strings.Count(strings.TrimSpace(errOut), "\n")+1, "one-line error for %v: %q", args, errOut)
	}
}
