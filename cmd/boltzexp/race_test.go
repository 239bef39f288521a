package main

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The default race: 200 runs each of quench and geometric cooling, one row
// per run, the same bytes whatever the number of workers, and a summary
// that agrees with the rows and shows the gap the scene is about.
func TestRaceCSV(t *testing.T) {
	code, out, _ := runArgs("race", "-runs", "200", "-seed", "1")
	require.Equal(t, 0, code)
	rows := readCSV(t, out)
	require.Equal(t, []string{"strategy", "run", "final_energy", "label"}, rows[0])
	require.Len(t, rows, 1+2*200)
	reached := map[string]int{}
	for i, r := range rows[1:] {
		strategy := []string{"quench", "geometric"}[i/200]
		assert.Equal(t, strategy, r[0])
		assert.Equal(t, strconv.Itoa(i%200), r[1])
		e, err := strconv.ParseFloat(r[2], 64)
		require.NoError(t, err)
		assert.True(t, e >= -312 && e < 0, "final energy %v", e)
		switch r[3] {
		case "U", "inverse:U":
			assert.Equal(t, -312.0, e)
			reached[r[0]]++
		case "P", "inverse:P":
			assert.Equal(t, -288.0, e)
			reached[r[0]]++
		case "spurious":
			assert.Greater(t, e, -288.0)
		default:
			t.Fatalf("unexpected label %q", r[3])
		}
	}
	for _, w := range []string{"1", "2", "5"} {
		_, again, _ := runArgs("race", "-runs", "200", "-seed", "1", "-workers", w)
		require.Equal(t, out, again, "-workers %s", w)
	}

	code, sum, _ := runArgs("race", "-summary")
	require.Equal(t, 0, code)
	srows := readCSV(t, sum)
	require.Equal(t, []string{"strategy", "runs", "success_rate", "ci_low", "ci_high", "mean_final_energy"}, srows[0])
	require.Len(t, srows, 3)
	for _, r := range srows[1:] {
		rate, _ := strconv.ParseFloat(r[2], 64)
		lo, _ := strconv.ParseFloat(r[3], 64)
		hi, _ := strconv.ParseFloat(r[4], 64)
		assert.Equal(t, "200", r[1])
		assert.InDelta(t, float64(reached[r[0]])/200, rate, 1e-9)
		assert.True(t, lo <= rate && rate <= hi)
	}
	quench, _ := strconv.ParseFloat(srows[1][2], 64)
	quenchHi, _ := strconv.ParseFloat(srows[1][4], 64)
	anneal, _ := strconv.ParseFloat(srows[2][2], 64)
	annealLo, _ := strconv.ParseFloat(srows[2][3], 64)
	assert.LessOrEqual(t, quench, 0.60)
	assert.GreaterOrEqual(t, anneal, 0.95)
	assert.Less(t, quenchHi, annealLo)

	// Held at the schedules' end temperature instead of T = 0, the quench
	// does no better; geometric cooling is unchanged by -tq.
	code, warm, _ := runArgs("race", "-summary", "-tq", "0.5")
	require.Equal(t, 0, code)
	wrows := readCSV(t, warm)
	require.Len(t, wrows, 3)
	wq, _ := strconv.ParseFloat(wrows[1][2], 64)
	wqHi, _ := strconv.ParseFloat(wrows[1][4], 64)
	assert.LessOrEqual(t, wq, 0.60)
	assert.Less(t, wqHi, annealLo)
	assert.Equal(t, srows[2], wrows[2])

	_, other, _ := runArgs("race", "-runs", "200", "-seed", "2")
	assert.NotEqual(t, out, other)
}

func TestRaceAllStrategies(t *testing.T) {
	code, out, _ := runArgs("race", "-strategies", "log, linear,geometric,quench", "-runs", "7", "-sweeps", "30", "-t0", "5", "-t1", "0.2", "-tq", "0.1", "-summary")
	require.Equal(t, 0, code)
	rows := readCSV(t, out)
	require.Len(t, rows, 5)
	for i, name := range []string{"log", "linear", "geometric", "quench"} {
		assert.Equal(t, name, rows[i+1][0])
		assert.Equal(t, "7", rows[i+1][1])
	}
	// A quench alone ignores -t0, so a warm-looking pair is no error, and
	// zero runs give an empty but well-formed table.
	code, _, _ = runArgs("race", "-strategies", "quench", "-t0", "0.1", "-t1", "0.5")
	assert.Equal(t, 0, code)
	code, out, _ = runArgs("race", "-runs", "0")
	assert.Equal(t, 0, code)
	assert.Equal(t, "strategy,run,final_energy,label\n", out)
	code, out, _ = runArgs("race", "-strategies", "linear", "-t1", "0", "-runs", "3", "-sweeps", "10")
	assert.Equal(t, 0, code, "linear cooling may end at zero")
	assert.Len(t, readCSV(t, out), 4)
}

func TestRaceAndCensusBadUsage(t *testing.T) {
	for _, args := range [][]string{
		{"race", "-runs", "-1"},
		{"race", "-runs", "x"},
		{"race", "-strategies", "cubic"},
		{"race", "-strategies", ""},
		{"race", "-strategies", "quench,quench"},
		{"race", "-t0", "0.1", "-t1", "0.5"},
		{"race", "-strategies", "log", "-t0", "1", "-t1", "2"},
		{"race", "-t0", "NaN"},
		{"race", "-t1", "-1"},
		{"race", "-tq", "nan"},
		{"race", "-t1", "0"},
		{"race", "-t0", "inf"},
		{"race", "-sweeps", "-3"},
		{"race", "-workers", "-1"},
		{"race", "-runs", "0", "-summary"},
		{"race", "-bogus"},
		{"race", "extra"},
		{"census", "-workers", "-2"},
		{"census", "-weights-json=maybe"},
		{"census", "extra"},
	} {
		code, out, errOut := runArgs(args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Empty(t, out, "%v", args)
		assert.Equal(t, 1, strings.Count(strings.TrimSpace(errOut), "\n")+1, "one-line error for %v: %q", args, errOut)
	}
	code, _, _ := runArgs("race", "-h")
	assert.Equal(t, 0, code)
}

func TestCensusCSV(t *testing.T) {
	code, out, _ := runArgs("census")
	require.Equal(t, 0, code)
	rows := readCSV(t, out)
	require.Equal(t, []string{"energy", "basin_size", "barrier", "rise", "strict", "label", "state"}, rows[0])
	require.Len(t, rows, 1+28)
	total := 0
	labels := map[string]bool{}
	for i, r := range rows[1:] {
		basin, err := strconv.Atoi(r[1])
		require.NoError(t, err)
		total += basin
		barrier, err := strconv.ParseFloat(r[2], 64)
		require.NoError(t, err)
		rise, err := strconv.ParseFloat(r[3], 64)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, barrier, 2.0, "row %d", i)
		assert.GreaterOrEqual(t, rise, 2.0, "row %d", i)
		assert.Equal(t, "true", r[4], "every minimum is strict")
		assert.Len(t, r[6], 20)
		assert.Empty(t, strings.Trim(r[6], "+-"))
		if i < 4 {
			labels[r[5]] = true
		} else {
			assert.Equal(t, "spurious", r[5])
		}
	}
	assert.Equal(t, 1<<20, total)
	assert.Equal(t, map[string]bool{"U": true, "P": true, "inverse:U": true, "inverse:P": true}, labels)
	assert.Equal(t, []string{"-312", "162063", "102", "30", "true", "U", "+--++--++--++--+-++-"}, rows[1], "U, row by row")
	assert.Equal(t, []string{"-282", "118742", "10", "10", "true", "spurious"}, rows[5][:6])
}

func TestCensusWeightsJSON(t *testing.T) {
	code, out, _ := runArgs("census", "-weights-json")
	require.Equal(t, 0, code)
	var got struct {
		Name     string
		Rows     int
		Cols     int
		Units    int
		Weights  [][]float64
		Biases   []float64
		Patterns []struct {
			Name  string
			Units []int
		}
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got), out)
	assert.Equal(t, 5, got.Rows)
	assert.Equal(t, 4, got.Cols)
	assert.Equal(t, 20, got.Units)
	require.Len(t, got.Weights, 20)
	require.Len(t, got.Biases, 20)
	require.Len(t, got.Patterns, 2)
	assert.Equal(t, "U", got.Patterns[0].Name)
	assert.Equal(t, "P", got.Patterns[1].Name)
	for i := range 20 {
		require.Len(t, got.Weights[i], 20)
		assert.Zero(t, got.Weights[i][i])
		for j := range 20 {
			assert.Equal(t, got.Weights[i][j], got.Weights[j][i])
			if i != j {
				assert.Equal(t, 1.0, math.Abs(math.Mod(got.Weights[i][j], 2)), "w_%d,%d is odd", i, j)
			}
		}
	}
}
