package sim

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every schedule must start at T0 and end at T1 exactly (a quench holds T1
// throughout), never leave [T1, T0], never warm up, and have the shape its
// name promises.
func TestScheduleEndpointsAndShape(t *testing.T) {
	ends := [][2]float64{{10, 0.5}, {3, 3}, {1e6, 1e-6}, {0.7, 0.1}, {12.5, 0.3}}
	for _, c := range []Cooling{Geometric, Linear, Logarithmic} {
		for _, e := range ends {
			for _, sweeps := range []int{2, 3, 10, 300, 1001} {
				s := Schedule{Cooling: c, T0: e[0], T1: e[1], Sweeps: sweeps}
				temps := s.Temps(nil)
				require.Len(t, temps, sweeps)
				require.Equal(t, e[0], temps[0], "%+v starts at T0", s)
				require.Equal(t, e[1], temps[sweeps-1], "%+v ends at T1", s)
				for k, T := range temps {
					require.Equal(t, s.Temp(k), T)
					require.True(t, T >= e[1] && T <= e[0], "%+v sweep %d at %v", s, k, T)
					if k > 0 {
						require.LessOrEqual(t, T, temps[k-1], "%+v warms at sweep %d", s, k)
					}
				}
				if sweeps < 3 || e[0] == e[1] {
					continue
				}
				for k := 1; k < sweeps-1; k++ {
					switch c {
					case Geometric: // a constant ratio
						require.InEpsilon(t, e[1]/e[0], math.Pow(temps[k+1]/temps[k], float64(sweeps-1)), 1e-6)
					case Linear: // a constant step
						require.InDelta(t, (e[1]-e[0])/float64(sweeps-1), temps[k+1]-temps[k], 1e-9*e[0])
					case Logarithmic: // T0/T − 1 grows as ln(1+k)
						ratio := (e[0]/temps[k] - 1) / math.Log1p(float64(k))
						require.InEpsilon(t, (e[0]/e[1]-1)/math.Log1p(float64(sweeps-1)), ratio, 1e-9)
					}
				}
			}
		}
	}
	// A linear schedule may end at zero; a single sweep runs at T1.
	assert.Equal(t, 0.0, Schedule{Cooling: Linear, T0: 4, T1: 0, Sweeps: 5}.Temp(4))
	assert.Equal(t, 2.0, Schedule{Cooling: Geometric, T0: 9, T1: 2, Sweeps: 1}.Temp(0))
	q := Quench(0.25, 50)
	for _, T := range q.Temps(nil) {
		assert.Equal(t, 0.25, T)
	}
	assert.Empty(t, Quench(0, 0).Temps(nil))
}

func TestScheduleValidate(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	good := []Schedule{
		Quench(0, 0), Quench(0.5, 100), Quench(inf, 10),
		{Cooling: Linear, T0: 5, T1: 0, Sweeps: 10},
		{Cooling: Geometric, T0: 5, T1: 5, Sweeps: 10},
		{Cooling: Logarithmic, T0: 50, T1: 0.01, Sweeps: 1},
		{Cooling: Constant, T0: nan, T1: 1, Sweeps: 3}, // a quench ignores T0
	}
	for _, s := range good {
		assert.NoError(t, s.Validate(), "%+v", s)
	}
	bad := []Schedule{
		Quench(-1, 10), Quench(nan, 10), Quench(1, -1),
		{Cooling: Geometric, T0: 1, T1: 2, Sweeps: 10}, // warms up
		{Cooling: Linear, T0: 1, T1: 2, Sweeps: 10},
		{Cooling: Logarithmic, T0: 1, T1: 2, Sweeps: 10},
		{Cooling: Geometric, T0: 1, T1: 0, Sweeps: 10}, // never reaches 0
		{Cooling: Logarithmic, T0: 1, T1: 0, Sweeps: 10},
		{Cooling: Geometric, T0: inf, T1: 1, Sweeps: 10},
		{Cooling: Linear, T0: nan, T1: 1, Sweeps: 10},
		{Cooling: Linear, T0: 2, T1: nan, Sweeps: 10},
		{Cooling: Cooling(7), T0: 2, T1: 1, Sweeps: 10},
	}
	for _, s := range bad {
		assert.Error(t, s.Validate(), "%+v", s)
		if s.Sweeps > 0 {
			assert.Panics(t, func() { s.Temp(0) }, "%+v", s)
		}
	}
	assert.Panics(t, func() { Quench(1, 3).Temp(3) })
	assert.Panics(t, func() { Quench(1, 3).Temp(-1) })
}

func TestParseCooling(t *testing.T) {
	for _, c := range []Cooling{Constant, Geometric, Linear, Logarithmic} {
		got, err := ParseCooling(c.String())
		require.NoError(t, err)
		assert.Equal(t, c, got)
	}
	got, err := ParseCooling("logarithmic")
	require.NoError(t, err)
	assert.Equal(t, Logarithmic, got)
	_, err = ParseCooling("cubic")
	assert.Error(t, err)
	assert.Equal(t, "Cooling(9)", Cooling(9).String())
}
