package fileio_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"boltzlab/fileio"
	"boltzlab/sim"
)

// loadRBM is how a saved RBM is read: bounded, strict, checked against the
// caps of package sim, and kept only when every check passes.
func loadRBM(data []byte) (*sim.RBM, error) {
	r := new(sim.RBM)
	err := fileio.DecodeJSON(data, r, fileio.JSONRules{
		Required: []string{"visible", "hidden", "weights", "visible_bias", "hidden_bias"},
		MaxAbs:   sim.MaxAbsWeight,
		Check:    func() error { return sim.CheckRBM(r) },
	})
	if err != nil {
		return nil, fmt.Errorf("reading RBM: %w", err)
	}
	return r, nil
}

func Example() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "rbm.json")

	// Save: the file holds the old machine or the new one, never half.
	m := sim.NewRBM(2, 1)
	m.W[0] = 0.5
	js, _ := m.MarshalJSON()
	if err := fileio.WriteAtomic(path, js); err != nil {
		fmt.Println(err)
	}

	// Load: size first, then a strict decode.
	data, err := fileio.ReadLimited(path, sim.MaxModelBytes)
	if err != nil {
		fmt.Println(err)
	}
	r, err := loadRBM(data)
	fmt.Println(r.Visible, r.Hidden, r.W, err)

	_, err = loadRBM([]byte(`{"visible": 1, "hidden": 1, "weights": [1e300], "visible_bias": [0], "hidden_bias": [0]}`))
	fmt.Println(err)
	_, err = loadRBM([]byte(`{"visible": 1, "hidden": 1, "weights": [null], "visible_bias": [0], "hidden_bias": [0]}`))
	fmt.Println(err)
	// Output:
	// 2 1 [0.5 0] <nil>
	// reading RBM: the number 1e300 at byte 40 in field "weights" is beyond the bound of ±1e+06
	// reading RBM: null at byte 40 in field "weights": every value must be given
}

// FuzzLoadRBM feeds the RBM loader arbitrary files: no panic, errors of one
// short line, and an accepted machine within every cap that saves and
// loads again bit for bit. Seed corpus: testdata/fuzz/FuzzLoadRBM.
func FuzzLoadRBM(f *testing.F) {
	f.Add([]byte(`{"visible":2,"hidden":1,"weights":[0.5,-1],"visible_bias":[0,0],"hidden_bias":[0]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := loadRBM(data)
		if err != nil {
			if msg := err.Error(); bytes.ContainsRune([]byte(msg), '\n') || len(msg) > 300 {
				t.Fatalf("message is not one short line: %q", msg)
			}
			return
		}
		if err := sim.CheckRBM(r); err != nil {
			t.Fatalf("accepted a machine that fails CheckRBM: %v", err)
		}
		js, err := r.MarshalJSON()
		if err != nil {
			t.Fatal(err)
		}
		again, err := loadRBM(js)
		if err != nil {
			t.Fatalf("a saved machine does not load: %v", err)
		}
		js2, _ := again.MarshalJSON()
		if !bytes.Equal(js, js2) {
			t.Fatalf("round trip changed the machine")
		}
	})
}
