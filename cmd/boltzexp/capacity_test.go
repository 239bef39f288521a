package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/sim"
)

// One row per rule and load, rules in the order hebb, storkey, pinv, loads
// as the range lists them; the same bytes whatever the number of workers;
// and the Hebbian memory recalls at a low load and fails at a high one.
func TestCapacityCSV(t *testing.T) {
	args := []string{"capacity", "-n", "100", "-alphas", "0.05:0.45:0.2", "-trials", "6", "-flip", "0.05", "-seed", "1"}
	code, out, errOut := runArgs(args...)
	require.Equal(t, 0, code, errOut)
	rows := readCSV(t, out)
	require.Equal(t, []string{"rule", "alpha", "mean_overlap", "recall_rate"}, rows[0])
	require.Len(t, rows, 1+3*3)
	for i, r := range rows[1:] {
		assert.Equal(t, []string{"hebb", "storkey", "pinv"}[i/3], r[0])
		assert.Equal(t, []string{"0.05", "0.25", "0.45"}[i%3], r[1])
		m, err := strconv.ParseFloat(r[2], 64)
		require.NoError(t, err)
		rate, err := strconv.ParseFloat(r[3], 64)
		require.NoError(t, err)
		assert.True(t, m >= -1 && m <= 1, "overlap %v", m)
		k := rate * 6
		assert.InDelta(t, k, float64(int(k+0.5)), 1e-3, "rate %v is a count of 6", rate)
	}
	assert.Equal(t, "1.0000", rows[1][3], "hebb at α = 0.05")
	assert.Equal(t, "0.0000", rows[3][3], "hebb at α = 0.45")
	assert.Equal(t, "1.0000", rows[9][3], "pinv at α = 0.45")
	for _, w := range []string{"1", "3"} {
		_, again, _ := runArgs(append(args, "-workers", w)...)
		assert.Equal(t, out, again, "-workers %s", w)
	}

	// One rule prints that rule's rows, the same as in the full table.
	code, one, _ := runArgs("capacity", "-n", "100", "-alphas", "0.05:0.45:0.2", "-trials", "6", "-seed", "1", "-rule", "pinv")
	require.Equal(t, 0, code)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	assert.Equal(t, strings.Join(append(lines[:1:1], lines[7:]...), "\n")+"\n", one)

	// A list of loads, and the range's end reached despite rounding.
	code, out, _ = runArgs("capacity", "-n", "50", "-alphas", "0.02:0.06:0.01", "-trials", "1", "-rule", "hebb,storkey")
	require.Equal(t, 0, code)
	rows = readCSV(t, out)
	require.Len(t, rows, 1+2*5)
	assert.Equal(t, []string{"0.02", "0.03", "0.04", "0.05", "0.06"}, []string{rows[1][1], rows[2][1], rows[3][1], rows[4][1], rows[5][1]})
	code, out, _ = runArgs("capacity", "-n", "50", "-alphas", "0.1, 0.3", "-trials", "1", "-rule", "storkey")
	require.Equal(t, 0, code)
	rows = readCSV(t, out)
	require.Len(t, rows, 3)
	assert.Equal(t, "0.3", rows[2][1])
}

func TestCapacityRefused(t *testing.T) {
	base := func(extra ...string) []string {
		return append([]string{"capacity", "-n", "100", "-trials", "1"}, extra...)
	}
	for _, c := range []struct {
		args []string
		want []string
	}{
		{base("-alphas", "0.1:0.2"), []string{"-alphas", "LO:HI:STEP"}},
		{base("-alphas", "a:0.2:0.1"), []string{"-alphas", "LO", "not a number"}},
		{base("-alphas", "0.3:0.2:0.01"), []string{"-alphas", "above HI"}},
		{base("-alphas", "0.1:0.2:0"), []string{"-alphas", "STEP"}},
		{base("-alphas", "0.1:0.2:-0.1"), []string{"-alphas", "STEP"}},
		{base("-alphas", "0:0.2:0.1"), []string{"-alphas", "LO"}},
		{base("-alphas", "-0.1,0.2"), []string{"-alphas", "above 0"}},
		{base("-alphas", "0.1,x"), []string{"-alphas", "not a number"}},
		{base("-alphas", ""), []string{"-alphas", "empty"}},
		{base("-alphas", "0.1:inf:0.1"), []string{"-alphas", "finite"}},
		{base("-alphas", "0.001:1:0.0001"), []string{"-alphas", "past the cap of " + strconv.Itoa(sim.MaxCapacityPoints)}},
		{base("-alphas", "0.001:1e300:1e-300"), []string{"-alphas", "past the cap"}},
		{base("-alphas", "0.001"), []string{"-alphas", "rounds to no pattern"}},
		{base("-alphas", "0.5:1.2:0.1"), []string{"-alphas", "α = 1.1", "pseudo-inverse"}},
		{base("-alphas", "1e300", "-rule", "hebb"), []string{"-alphas", "past the cap of " + strconv.Itoa(sim.MaxCapacityPatterns)}},
		{base("-rule", "oja"), []string{"-rule", "oja"}},
		{base("-rule", "hebb,hebb"), []string{"-rule", "twice"}},
		{base("-n", "0"), []string{"-n", "≥ 1"}},
		{base("-n", "5000"), []string{"-n", "5000", "cap of " + strconv.Itoa(sim.MaxCapacityUnits)}},
		{base("-flip", "0.6"), []string{"-flip", "0.6", "0.5"}},
		{base("-flip", "-0.1"), []string{"-flip"}},
		{base("-flip", "nan"), []string{"-flip", "NaN"}},
		{base("-trials", "0"), []string{"-trials"}},
		{base("-trials", "2000000"), []string{"-trials", "cap of " + strconv.Itoa(sim.MaxCapacityTrials)}},
		{base("-alphas", "0.01:0.99:0.01", "-trials", "5000"), []string{"trials, past the cap"}},
	} {
		refused(t, c.args, c.want...)
	}
}
