package sim

import (
	"boltzlab/fileio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// rbmJSON is the file format of an RBM. The field names spell out what
// each array holds, so a saved machine can be read without this package.
type rbmJSON struct {
	Visible     int       `json:"visible"`
	Hidden      int       `json:"hidden"`
	Weights     []float64 `json:"weights"` // hidden×visible, row-major
	VisibleBias []float64 `json:"visible_bias"`
	HiddenBias  []float64 `json:"hidden_bias"`
}

// MarshalJSON encodes the machine as a JSON object with its layer sizes,
// its weights (one row of Visible numbers per hidden unit, flattened) and
// both bias vectors. Go writes each float64 in the shortest form that
// reads back as the same number, so a saved machine loads bit for bit. It
// refuses a machine that fails Validate.
func (r *RBM) MarshalJSON() ([]byte, error) {
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("saving RBM: %w", err)
	}
	return json.Marshal(rbmJSON{Visible: r.Visible, Hidden: r.Hidden,
		Weights: r.W, VisibleBias: r.B, HiddenBias: r.C})
}

// UnmarshalJSON decodes a machine written by MarshalJSON. Unknown fields,
// anything after the object, arrays whose lengths disagree with the layer
// sizes and numbers that are not finite are refused (a file of another
// kind, or one cut short, fails one of these), and on any error r is left
// exactly as it was.
func (r *RBM) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f rbmJSON
	if err := dec.Decode(&f); err != nil {
		return fmt.Errorf("reading RBM: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("reading RBM: unexpected data after the JSON object")
	}
	// A JSON null decodes to nothing at all; insist on an object.
	if f.Visible == 0 && f.Hidden == 0 && f.Weights == nil && f.VisibleBias == nil && f.HiddenBias == nil {
		return errors.New("reading RBM: no layer sizes or weights")
	}
	c := RBM{Visible: f.Visible, Hidden: f.Hidden, W: f.Weights, B: f.VisibleBias, C: f.HiddenBias}
	if err := c.Validate(); err != nil {
		return fmt.Errorf("reading RBM: %w", err)
	}
	*r = c
	return nil
}

// ReadRBM reads a whole file in the format of MarshalJSON from rd,
// strictly: at most MaxModelBytes, one JSON object with exactly the fields
// MarshalJSON writes, no null anywhere, every number within
// ±MaxAbsWeight, and a shape CheckRBM accepts (the checks of
// UnmarshalJSON too). It returns an error rather than a machine that
// would draw NaN.
func ReadRBM(rd io.Reader) (*RBM, error) {
	data, err := fileio.ReadAllLimited(rd, MaxModelBytes)
	if err != nil {
		return nil, fmt.Errorf("reading RBM: %w", err)
	}
	r := new(RBM)
	err = fileio.DecodeJSON(data, r, fileio.JSONRules{
		Required: []string{"visible", "hidden", "weights", "visible_bias", "hidden_bias"},
		MaxAbs:   MaxAbsWeight,
		Check:    func() error { return CheckRBM(r) },
	})
	if err != nil {
		return nil, fmt.Errorf("reading RBM: %w", err)
	}
	return r, nil
}

// WriteJSON writes the machine to w in the format of MarshalJSON, followed
// by a newline.
func (r *RBM) WriteJSON(w io.Writer) error {
	data, err := r.MarshalJSON()
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}
