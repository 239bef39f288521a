package scenes

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"

	"boltzlab/fileio"
	"boltzlab/scenes/ui"
)

// stateVersion is the format of every scene's state data that this build
// writes and reads. A state of a higher version comes from a newer build
// and is refused rather than guessed at.
const stateVersion = 1

// maxStateBytes bounds a state's JSON, as a file or inside a share code.
// The biggest scene (the RBM lab) needs a few kilobytes.
const maxStateBytes = 256 << 10

// EncodeState returns st as the JSON a file or a share code holds.
func EncodeState(st State) ([]byte, error) {
	return json.Marshal(st)
}

// DecodeState reads a state written by EncodeState, strictly: one JSON
// object with exactly the fields of State, no null, nothing after it. It
// does not check the scene's name or its own data; the Manager and
// SetState do that.
func DecodeState(data []byte) (State, error) {
	if len(data) > maxStateBytes {
		return State{}, fmt.Errorf("the state is %d bytes, more than the %d a scene needs", len(data), maxStateBytes)
	}
	var st State
	if err := fileio.DecodeJSON(data, &st, fileio.JSONRules{Required: []string{"scene", "version", "seed", "data"}}); err != nil {
		return State{}, err
	}
	return st, nil
}

// short cuts a name from outside to a length a notice can show.
func short(s string) string {
	if r := []rune(s); len(r) > 24 {
		return string(r[:24]) + "…"
	}
	return s
}

// makeState wraps a scene's own data in a State.
func makeState(scene string, seed uint64, data any) (State, error) {
	js, err := json.Marshal(data)
	if err != nil {
		return State{}, err
	}
	return State{Scene: scene, Version: stateVersion, Seed: seed, Data: js}, nil
}

// readState checks that st belongs to scene and is of a version this build
// reads, and decodes its data into v (a pointer to a fresh struct) with
// every field of fields (its JSON names, space-separated: every field of
// v, which a test checks) required, every number within maxAbs, and check
// run last.
// Nothing of the scene changes here; the caller applies v only when
// readState returns nil.
func readState(st State, scene string, v any, maxAbs float64, fields string, check func() error) error {
	if st.Scene != scene {
		return fmt.Errorf("this is a state of %q, not of %q", short(st.Scene), scene)
	}
	if st.Version > stateVersion {
		return fmt.Errorf("this state is of format %d, made by a newer version of the lab (this one reads format %d)", st.Version, stateVersion)
	}
	if st.Version < 1 {
		return fmt.Errorf("format %d is not a state format", st.Version)
	}
	if len(st.Data) > maxStateBytes {
		return errors.New("the scene's data is too large")
	}
	return fileio.DecodeJSON(st.Data, v, fileio.JSONRules{Required: strings.Fields(fields), MaxAbs: maxAbs, Check: check})
}

// sliderOK reports whether v is a value slider s can hold.
func sliderOK(s *ui.Slider, name string, v float64) error {
	if math.IsNaN(v) || v < s.Min || v > s.Max || (s.Integer && v != math.Round(v)) {
		return fmt.Errorf("%s %v is outside %g to %g", name, v, s.Min, s.Max)
	}
	return nil
}

// textOK reports whether s, a name or a line from outside, is at most max
// bytes of printable text (no control characters).
func textOK(s string, max int) bool {
	if len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] == 0x7f {
			return false
		}
	}
	return true
}

// unitsOK checks a network state: n units, each +1 or −1.
func unitsOK(name string, s []int8, n int) error {
	if len(s) != n {
		return fmt.Errorf("%s has %d units, want %d", name, len(s), n)
	}
	for _, v := range s {
		if v != 1 && v != -1 {
			return fmt.Errorf("%s holds %d, but every unit is +1 or −1", name, v)
		}
	}
	return nil
}

// countOK checks a counter: a whole number from 0 to max.
func countOK(name string, v, max int) error {
	if v < 0 || v > max {
		return fmt.Errorf("%s %d is outside 0 to %d", name, v, max)
	}
	return nil
}

// maxCount bounds the counters a state carries (updates, flips, sweeps):
// far more than a person runs, small enough to stay exact in a float64.
const maxCount = 1 << 50

// speedOK checks a transport's speed.
func (b *base) speedOK(v float64) error {
	if b.transport == nil {
		return nil
	}
	return sliderOK(&b.transport.Speed, "speed", v)
}

// speed returns the transport's speed, or 0 without one.
func (b *base) speed() float64 {
	if b.transport == nil {
		return 0
	}
	return b.transport.Speed.Value
}

// setSpeed sets the transport's speed, if it has one.
func (b *base) setSpeed(v float64) {
	if b.transport != nil {
		b.transport.Speed.Value = v
	}
}

// boundOK checks that every weight and bias is within ±bound (they are
// finite already: DecodeJSON refuses anything else).
func boundOK(bound float64, params ...[]float64) error {
	for _, ps := range params {
		for _, p := range ps {
			if math.Abs(p) > bound {
				return fmt.Errorf("a weight or bias of %g is beyond ±%g", p, bound)
			}
		}
	}
	return nil
}
