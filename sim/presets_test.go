package sim

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestZeroOneAndPlusMinus(t *testing.T) {
	ps := TLO()
	require.Len(t, ps, 3)
	assert.Equal(t, "O", ps[2].Name)
	v := ZeroOne(nil, ps[2].Units)
	assert.Equal(t, []float64{1, 1, 1, 1, 0, 1, 1, 1, 1}, v)
	s := make([]int8, 9)
	PlusMinus(s, v)
	assert.Equal(t, ps[2].Units, s)
	PlusMinus(s, []float64{0.5, 0.49, 1, 0, 0.7, 0.2, 0, 0, 0})
	assert.Equal(t, []int8{1, -1, 1, -1, 1, -1, -1, -1, -1}, s)
}
