package fileio

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// machine is the shape of a saved RBM, for the tests.
type machine struct {
	Visible int       `json:"visible"`
	Hidden  int       `json:"hidden"`
	Weights []float64 `json:"weights"`
}

func decodeMachine(data []byte) (*machine, error) {
	m := new(machine)
	err := DecodeJSON(data, m, JSONRules{
		Required: []string{"visible", "hidden", "weights"},
		MaxAbs:   1e6,
		Check: func() error {
			if m.Visible < 1 || m.Hidden < 1 || m.Visible*m.Hidden > 1<<20 || len(m.Weights) != m.Visible*m.Hidden {
				return errors.New("the sizes do not agree")
			}
			return nil
		},
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

func TestDecodeJSON(t *testing.T) {
	m, err := decodeMachine([]byte("\xef\xbb\xbf{\"visible\": 2, \"hidden\": 1, \"weights\": [0.5, -1e6]}\n"))
	require.NoError(t, err)
	assert.Equal(t, &machine{2, 1, []float64{0.5, -1e6}}, m)

	long := strings.Repeat("9", 300)
	for text, want := range map[string]string{
		"":                "the file is empty",
		"\xef\xbb\xbf \n": "the file is empty",
		"null":            "the file does not hold a JSON object",
		"[1,2]":           "the file does not hold a JSON object",
		"3":               "the file does not hold a JSON object",
		`{"visible": 1, "hidden": 1, "weights": [null]}`:           `null at byte 40 in field "weights": every value must be given`,
		`{"visible": null, "hidden": 1, "weights": [1]}`:           `null at byte 12 in field "visible": every value must be given`,
		`{"visible": 1, "hidden": 1, "weights": [1e400]}`:          `the number 1e400 at byte 40 in field "weights" is out of range`,
		`{"visible": 1, "hidden": 1, "weights": [1e300]}`:          `the number 1e300 at byte 40 in field "weights" is beyond the bound of ±1e+06`,
		`{"visible": 1, "hidden": 1, "weights": [` + long + `]}`:   `the number 9999999999999999… (300 characters) at byte 40 in field "weights" is beyond the bound of ±1e+06`,
		`{"visible": 1, "hidden": 1, "weights": [1]} {}`:           "unexpected data after the JSON object at byte 44",
		`{"visible": 1, "hidden": 1, "weights": [1]} x`:            "not valid JSON at byte 44: invalid character 'x' looking for beginning of value",
		`{"visible": 1, "hidden": 1, "weights": [1]`:               "the JSON ends before its object is closed",
		`{"visible": 1, "hidden": 1}`:                              `the field "weights" is missing`,
		`{"visible": 1, "hidden": 1, "weights": [1], "extra": 2}`:  `unknown field "extra"`,
		`{"visible": 1.5, "hidden": 1, "weights": [1]}`:            `a JSON number in field "visible" where int is wanted`,
		`{"visible": "1", "hidden": 1, "weights": [1]}`:            `a JSON string in field "visible" where int is wanted`,
		`{"visible": 2, "hidden": 1, "weights": [1]}`:              "the sizes do not agree",
		`{"visible": 1, "visible": 1, "hidden": 1, "weights": []}`: "the sizes do not agree",
	} {
		_, err := decodeMachine([]byte(text))
		if assert.Error(t, err, "%.60q", text) {
			assert.Equal(t, want, err.Error(), "%.60q", text)
		}
	}
	_, err = decodeMachine([]byte(`{"` + strings.Repeat("k", 5000) + `": 1}`))
	require.Error(t, err)
	assert.Less(t, len(err.Error()), 120, err.Error())
}
