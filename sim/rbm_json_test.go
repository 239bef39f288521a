package sim

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRBMJSONRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	r := randomRBM(9, 4, 1, rng)
	r.W[3] = math.Nextafter(1, 2) // a number that needs all 17 digits
	r.B[0] = 5e-324               // the smallest subnormal
	var buf bytes.Buffer
	require.NoError(t, r.WriteJSON(&buf))
	back, err := ReadRBM(&buf)
	require.NoError(t, err)
	assert.Equal(t, r, back, "bit for bit")

	// encoding/json finds the methods too.
	data, err := json.Marshal(r)
	require.NoError(t, err)
	var viaJSON RBM
	require.NoError(t, json.Unmarshal(data, &viaJSON))
	assert.Equal(t, *r, viaJSON)
	assert.Contains(t, string(data), `"visible":9,"hidden":4,"weights":[`)

	bad := r.Clone()
	bad.C[1] = math.Inf(1)
	_, err = json.Marshal(bad)
	assert.Error(t, err)
}

func TestRBMJSONRefusesBadFiles(t *testing.T) {
	good := `{"visible":2,"hidden":1,"weights":[0.5,-1],"visible_bias":[0,0.25],"hidden_bias":[1]}`
	r, err := ReadRBM(strings.NewReader(good))
	require.NoError(t, err)
	assert.Equal(t, &RBM{Visible: 2, Hidden: 1, W: []float64{0.5, -1}, B: []float64{0, 0.25}, C: []float64{1}}, r)

	for name, text := range map[string]string{
		"empty":            ``,
		"not JSON":         `visible=2`,
		"cut short":        good[:40],
		"null":             `null`,
		"empty object":     `{}`,
		"array":            `[1,2,3]`,
		"too few weights":  `{"visible":2,"hidden":1,"weights":[0.5],"visible_bias":[0,0.25],"hidden_bias":[1]}`,
		"too many biases":  `{"visible":2,"hidden":1,"weights":[0.5,-1],"visible_bias":[0,0.25,1],"hidden_bias":[1]}`,
		"no hidden biases": `{"visible":2,"hidden":1,"weights":[0.5,-1],"visible_bias":[0,0.25]}`,
		"zero hidden":      `{"visible":2,"hidden":0,"weights":[],"visible_bias":[0,0.25],"hidden_bias":[]}`,
		"negative size":    `{"visible":-2,"hidden":-1,"weights":[2],"visible_bias":[],"hidden_bias":[]}`,
		"huge size":        `{"visible":100000000,"hidden":100000000,"weights":[],"visible_bias":[],"hidden_bias":[]}`,
		"string number":    `{"visible":2,"hidden":1,"weights":["0.5",-1],"visible_bias":[0,0.25],"hidden_bias":[1]}`,
		"overflow":         `{"visible":2,"hidden":1,"weights":[1e999,-1],"visible_bias":[0,0.25],"hidden_bias":[1]}`,
		"unknown field":    `{"visible":2,"hidden":1,"weights":[0.5,-1],"visible_bias":[0,0.25],"hidden_bias":[1],"temperature":1}`,
		"another kind":     `{"N":3,"W":[0,1,1,1,0,1,1,1,0],"B":[0,0,0]}`,
		"two objects":      good + good,
		"trailing garbage": good + ` x`,
	} {
		_, err := ReadRBM(strings.NewReader(text))
		assert.Error(t, err, name)

		// A refused file leaves the machine it was read into untouched.
		keep := randomRBM(3, 2, 1, rand.New(rand.NewPCG(4, 4)))
		before := keep.Clone()
		assert.Error(t, keep.UnmarshalJSON([]byte(text)), name)
		assert.Equal(t, before, keep, name)
	}
}
