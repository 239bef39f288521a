package fileio

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzDecodeJSON feeds DecodeJSON arbitrary files in the shape of a saved
// machine. It must never panic; an error is one short line; an accepted
// file holds only numbers within the bound and agrees with encoding/json.
// The seed corpus is in testdata/fuzz/FuzzDecodeJSON.
func FuzzDecodeJSON(f *testing.F) {
	f.Add([]byte(`{"visible": 2, "hidden": 1, "weights": [0.5, -1]}`))
	f.Add([]byte(`{"visible": 1, "hidden": 1, "weights": [null]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := decodeMachine(data)
		if err != nil {
			msg := err.Error()
			if strings.Contains(msg, "\n") || utf8.RuneCountInString(msg) > 200 {
				t.Fatalf("error is not one short line: %q", msg)
			}
			return
		}
		for _, w := range m.Weights {
			if !(math.Abs(w) <= 1e6) {
				t.Fatalf("accepted weight %v", w)
			}
		}
		var again machine
		if err := json.Unmarshal(StripBOM(data), &again); err != nil {
			t.Fatalf("accepted a file encoding/json refuses: %v", err)
		}
	})
}
