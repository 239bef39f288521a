package main

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readCSV parses a command's CSV output.
func readCSV(t *testing.T, out string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	return rows
}

// parse reads one number from a CSV field.
func parse(t *testing.T, s string) float64 {
	t.Helper()
	x, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err, "%q", s)
	return x
}

func runArgs(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRecallCSV(t *testing.T) {
	code, out, _ := runArgs("recall", "-T", "0.2", "-sweeps", "50", "-seed", "1", "-corrupt", "2", "-pattern", "T")
	require.Equal(t, 0, code)
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"sweep", "energy", "overlap_T", "overlap_L", "state"}, rows[0])
	require.Len(t, rows, 52)
	for k, r := range rows[1:] {
		assert.Equal(t, strconv.Itoa(k), r[0])
		for _, col := range r[2:4] {
			o, err := strconv.ParseFloat(col, 64)
			require.NoError(t, err)
			assert.True(t, o >= -1 && o <= 1)
		}
		assert.Len(t, r[4], 9)
		assert.Empty(t, strings.Trim(r[4], "+-"))
	}
	// Two flips from T: overlap 1 − 2·2/9.
	assert.Equal(t, "0.555556", rows[1][2])
	// At T = 0.2 recall from two flips ends in T.
	assert.Equal(t, "+++-+--+-", rows[51][4])
	assert.Equal(t, "-36", rows[51][1])

	_, again, _ := runArgs("recall", "-T", "0.2", "-sweeps", "50", "-seed", "1", "-corrupt", "2", "-pattern", "T")
	assert.Equal(t, out, again, "same seed, same rows")
	_, other, _ := runArgs("recall", "-T", "3", "-sweeps", "50", "-seed", "2")
	assert.NotEqual(t, out, other)
}

func TestRecallZeroTemperatureNeverRises(t *testing.T) {
	code, out, _ := runArgs("recall", "-T", "0", "-sweeps", "10", "-corrupt", "4", "-pattern", "L", "-seed", "7")
	require.Equal(t, 0, code)
	rows, _ := csv.NewReader(strings.NewReader(out)).ReadAll()
	prev := 1e9
	for _, r := range rows[1:] {
		e, _ := strconv.ParseFloat(r[1], 64)
		assert.LessOrEqual(t, e, prev)
		prev = e
	}
}

func TestBadUsage(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"nope"},
		{"recall", "-T", "-1"},
		{"recall", "-T", "NaN"},
		{"recall", "-T", "abc"},
		{"recall", "-corrupt", "10"},
		{"recall", "-pattern", "Q"},
		{"recall", "-sweeps", "-3"},
		{"recall", "-bogus"},
		{"recall", "extra"},
	} {
		code, out, errOut := runArgs(args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Empty(t, out)
		if len(args) > 0 {
			assert.Equal(t, 1, strings.Count(strings.TrimSpace(errOut), "\n")+1, "one-line error for %v: %q", args, errOut)
		}
	}
	code, _, _ := runArgs("-h")
	assert.Equal(t, 0, code)
	code, _, _ = runArgs("recall", "-T", "inf", "-sweeps", "3")
	assert.Equal(t, 0, code, "T = inf is a fair coin, not an error")
}
