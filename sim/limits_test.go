package sim

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckParams(t *testing.T) {
	assert.NoError(t, CheckParams("weight", []float64{0, -MaxAbsWeight, MaxAbsWeight, 1e-300}))
	for x, want := range map[float64]string{
		math.NaN():         "weight 1 is NaN",
		math.Inf(-1):       "weight 1 is -Inf",
		MaxAbsWeight * 1.5: "weight 1 is 1.5e+06, beyond the bound of ±1e+06",
		-1e300:             "weight 1 is -1e+300, beyond the bound of ±1e+06",
	} {
		err := CheckParams("weight", []float64{0, x})
		require.Error(t, err)
		assert.Equal(t, want, err.Error())
	}
}

// At the bound, every energy of the largest enumerable network is finite
// and far from overflowing.
func TestBoundKeepsEnergiesFinite(t *testing.T) {
	n := NewNet(MaxExactUnits)
	for i := range n.N {
		n.B[i] = MaxAbsWeight
		for j := i + 1; j < n.N; j++ {
			n.SetWeight(i, j, MaxAbsWeight)
		}
	}
	require.NoError(t, CheckNetParams(n))
	assert.Less(t, GroundTolerance(n)*1e10, 1e9)
	d := n.Exact(1e-300)
	for _, p := range d.P {
		assert.False(t, math.IsNaN(p))
	}
	n.B[3] = math.Inf(1)
	assert.EqualError(t, CheckNetParams(n), "bias 3 is +Inf")
}

func TestCheckRBMSize(t *testing.T) {
	assert.NoError(t, CheckRBMSize(784, 500))
	assert.NoError(t, CheckRBMSize(MaxRBMVisible, MaxRBMWeights/MaxRBMVisible))
	assert.Error(t, CheckRBMSize(0, 4))
	assert.EqualError(t, CheckRBMSize(MaxRBMVisible+1, 1), "65537 visible units is more than the cap of 65536")
	assert.EqualError(t, CheckRBMSize(9, MaxRBMHidden+1), "4097 hidden units is more than the cap of 4096")
	assert.EqualError(t, CheckRBMSize(60000, 4096), "60000 visible × 4096 hidden units is 245760000 weights, more than the cap of 4194304")

	r := NewRBM(2, 1)
	assert.NoError(t, CheckRBM(r))
	r.W[1] = 2e6
	assert.EqualError(t, CheckRBM(r), "weight 1 is 2e+06, beyond the bound of ±1e+06")
	r.W[1], r.C[0] = 0, math.NaN()
	assert.Error(t, CheckRBM(r))
}

func TestSweepsAndRunsCapped(t *testing.T) {
	assert.NoError(t, Quench(1, MaxSweeps).Validate())
	assert.EqualError(t, Quench(1, MaxSweeps+1).Validate(), "10000001 sweeps is more than the cap of 10000000")
	l := AnnealingLandscape()
	_, err := Race(RaceConfig{Net: l.Net, Patterns: l.Patterns, Strategies: l.Strategies(Geometric), Runs: MaxRuns + 1})
	assert.EqualError(t, err, "number of runs must be between 0 and 100000, got 100001")
}
