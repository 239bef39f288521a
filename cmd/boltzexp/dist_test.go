package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/sim"
)

// With no flags the command prints the Distribution scene's network at
// T = 1: sixteen rows in state-number order, the numbers sim computes.
func TestDistDefaultIsSceneNetwork(t *testing.T) {
	code, out, errOut := runArgs("dist")
	require.Equal(t, 0, code, errOut)
	rows := readCSV(t, out)
	require.Equal(t, []string{"state", "energy", "p_exact"}, rows[0])
	require.Len(t, rows, 17)
	d := sim.DistributionNet().Exact(1)
	s := make([]int8, 4)
	var total float64
	for idx, r := range rows[1:] {
		sim.StateOf(s, uint64(idx))
		assert.Equal(t, sim.String(s), r[0])
		assert.Equal(t, d.E[idx], parse(t, r[1]))
		p := parse(t, r[2])
		assert.Equal(t, d.P[idx], p, "printed exactly")
		total += p
	}
	assert.InDelta(t, 1, total, 1e-12)
	assert.Equal(t, []string{"----", "+---", "-+--", "++--"}, []string{rows[1][0], rows[2][0], rows[3][0], rows[4][0]})
	assert.Equal(t, "+++-", rows[8][0], "the ground state, state 7")
	assert.Equal(t, "-5.5", rows[8][1])
}

// A two-unit network worked by hand: w = 1, no biases, T = 1. The aligned
// states have E = −1, the others E = +1, so p(++) = e/(2e + 2/e).
func TestDistHandWorked(t *testing.T) {
	code, out, errOut := runArgs("dist", "-n", "2", "-w", "1", "-b", "0, 0", "-T", "1")
	require.Equal(t, 0, code, errOut)
	rows := readCSV(t, out)
	require.Len(t, rows, 5)
	z := 2*math.E + 2/math.E
	want := map[string]float64{"--": math.E / z, "+-": 1 / math.E / z, "-+": 1 / math.E / z, "++": math.E / z}
	for _, r := range rows[1:] {
		assert.InDelta(t, want[r[0]], parse(t, r[2]), 1e-15, r[0])
	}
	// One unit needs no weights: the empty list.
	code, out, _ = runArgs("dist", "-n", "1", "-w", "", "-b", "0.5", "-T", "inf")
	require.Equal(t, 0, code)
	assert.Equal(t, "state,energy,p_exact\n-,0.5,0.5\n+,-0.5,0.5\n", out)
}

// -samples adds the Gibbs histogram; a seed replays it, another seed
// changes it, and it lands near the exact column.
func TestDistSampled(t *testing.T) {
	args := []string{"dist", "-T", "0.8", "-samples", "50000", "-seed", "9"}
	code, out, errOut := runArgs(args...)
	require.Equal(t, 0, code, errOut)
	rows := readCSV(t, out)
	require.Equal(t, []string{"state", "energy", "p_exact", "p_sampled"}, rows[0])
	require.Len(t, rows, 17)
	var total float64
	for _, r := range rows[1:] {
		pe, ps := parse(t, r[2]), parse(t, r[3])
		assert.InDelta(t, pe, ps, 0.02, r[0])
		total += ps
	}
	assert.InDelta(t, 1, total, 1e-12)
	_, again, _ := runArgs(args...)
	assert.Equal(t, out, again, "same seed, same sample")
	_, other, _ := runArgs("dist", "-T", "0.8", "-samples", "50000", "-seed", "10")
	assert.NotEqual(t, out, other)
}

type distJSON struct {
	N          int      `json:"n"`
	T          *float64 `json:"T"`
	LogZ       *float64 `json:"log_z"`
	MeanEnergy float64  `json:"mean_energy"`
	Entropy    float64  `json:"entropy"`
	KL         *float64 `json:"kl"`
	Rows       []struct {
		State    string   `json:"state"`
		Energy   float64  `json:"energy"`
		PExact   float64  `json:"p_exact"`
		PSampled *float64 `json:"p_sampled"`
	} `json:"rows"`
}

func TestDistJSON(t *testing.T) {
	code, out, errOut := runArgs("dist", "-json", "-samples", "40000", "-seed", "2")
	require.Equal(t, 0, code, errOut)
	var got distJSON
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	d := sim.DistributionNet().Exact(1)
	require.NotNil(t, got.LogZ)
	assert.Equal(t, d.LogZ, *got.LogZ)
	assert.Equal(t, d.Entropy, got.Entropy)
	require.Len(t, got.Rows, 16)
	sampled := make([]float64, 16)
	for idx, r := range got.Rows {
		assert.Equal(t, d.P[idx], r.PExact)
		require.NotNil(t, r.PSampled)
		sampled[idx] = *r.PSampled
	}
	require.NotNil(t, got.KL)
	assert.InDelta(t, sim.KL(sampled, d.P), *got.KL, 1e-15)
	assert.Less(t, *got.KL, 1e-2)
	assert.Contains(t, out, `"kl":`)

	// Without a sample there is no kl and no p_sampled.
	code, out, _ = runArgs("dist", "-json")
	require.Equal(t, 0, code)
	assert.NotContains(t, out, "kl")
	assert.NotContains(t, out, "p_sampled")

	// At T = 0 log Z is infinite, which JSON can only say as null; the
	// rest stays a valid document.
	code, out, _ = runArgs("dist", "-json", "-T", "0")
	require.Equal(t, 0, code)
	got = distJSON{}
	require.NoError(t, json.Unmarshal([]byte(out), &got))
	assert.Nil(t, got.LogZ)
	assert.Equal(t, 1.0, got.Rows[7].PExact)
	assert.Equal(t, -5.5, got.MeanEnergy)
}

// Twenty units is the limit and must work: 2^20 rows.
func TestDistTwentyUnits(t *testing.T) {
	if testing.Short() {
		t.Skip("prints a million rows")
	}
	w := strings.TrimSuffix(strings.Repeat("0.1,", 190), ",")
	b := strings.TrimSuffix(strings.Repeat("-0.05,", 20), ",")
	code, out, errOut := runArgs("dist", "-n", "20", "-w", w, "-b", b, "-T", "2")
	require.Equal(t, 0, code, errOut)
	assert.Equal(t, 1<<20+1, strings.Count(out, "\n"))
	assert.True(t, strings.HasPrefix(out, "state,energy,p_exact\n--------------------,"))
}

func TestDistBadUsage(t *testing.T) {
	for _, args := range [][]string{
		{"dist", "-n", "21"},
		{"dist", "-n", "0"},
		{"dist", "-n", "-3"},
		{"dist", "-n", "5"},
		{"dist", "-w", "1,2,3"},
		{"dist", "-w", "1,2,3,4,5,6,7"},
		{"dist", "-b", "1,2,3"},
		{"dist", "-b", ""},
		{"dist", "-w", "1,2,x,4,5,6"},
		{"dist", "-w", "1,2,,4,5,6"},
		{"dist", "-w", "1,2,NaN,4,5,6"},
		{"dist", "-b", "1,inf,0,0"},
		{"dist", "-T", "-1"},
		{"dist", "-T", "NaN"},
		{"dist", "-T", "warm"},
		{"dist", "-samples", "-5"},
		{"dist", "-samples", "many"},
		{"dist", "-seed", "-1"},
		{"dist", "stray"},
	} {
		code, out, errOut := runArgs(args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Empty(t, out, "%v", args)
		assert.Equal(t, 1, strings.Count(strings.TrimSpace(errOut), "\n")+1, "one-line error for %v: %q", args, errOut)
		assert.True(t, strings.HasPrefix(errOut, "boltzexp dist: "), errOut)
	}
	_, _, errOut := runArgs("dist", "-n", "5")
	assert.Contains(t, errOut, "a 5-unit network has 10 weights")
	code, _, _ := runArgs("dist", "-h")
	assert.Equal(t, 0, code)
}
