package scenes

import (
	"bytes"
	"fmt"
	"strings"

	"boltzlab/assets/digits"
	"boltzlab/fileio"
	"boltzlab/sim"
)

// The Digits scene's saved state, its machine files, and the files of
// digits it loads.

// digitsState is what a share code or a saved state carries: the
// settings, not the weights (the machine is too big for a link; Save
// writes it).
type digitsState struct {
	_      [0]func() // not comparable: spares the download an equality function
	Rate   float64   `json:"rate"`
	Speed  float64   `json:"speed"`
	DreamK float64   `json:"dream_k"`
	Dream  bool      `json:"dream"`
	Digit  int       `json:"digit"`
	Ink    bool      `json:"ink"`
	Live   bool      `json:"live"`
}

// State implements Scene.
func (d *digitsScene) State() (State, error) {
	return makeState("digits", d.seed, &digitsState{Rate: d.rate.Value, Speed: d.speed(), DreamK: d.dreamK.Value,
		Dream: d.dream.On, Digit: d.digit, Ink: d.ink.On, Live: d.live.On})
}

// SetState implements Scene.
func (d *digitsScene) SetState(st State) error {
	var s digitsState
	err := readState(st, "digits", &s, maxCount, "rate speed dream_k dream digit ink live", func() error {
		if err := sliderOK(&d.rate, "rate", s.Rate); err != nil {
			return err
		}
		if err := d.speedOK(s.Speed); err != nil {
			return err
		}
		if err := sliderOK(&d.dreamK, "dream_k", s.DreamK); err != nil {
			return err
		}
		return countOK("digit", s.Digit, digits.Test-1)
	})
	if err != nil {
		return err
	}
	d.seed = st.Seed
	d.reset()
	d.apply(s)
	// Settings restored before the files arrive are applied again once
	// they have, since setting up resets the scene.
	d.pending = &s
	if d.ready {
		d.pending = nil
	}
	return nil
}

func loadDigitFiles() *digitFiles {
	digitLoad.mu.Lock()
	defer digitLoad.mu.Unlock()
	if f := digitLoad.f; f != nil && (!f.done.Load() || f.failure() == nil) {
		return f
	}
	digitLoad.f = startDigitFiles()
	return digitLoad.f
}

func (f *digitFiles) failure() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.err
}

// saveMachine writes the machine as JSON, as the RBM lab does.
func (d *digitsScene) saveMachine(ctx *Context) {
	var buf bytes.Buffer
	err := d.machine.WriteJSON(&buf)
	if err == nil {
		err = saveFile(digitsFileName, buf.Bytes(), "application/json")
	}
	if err != nil {
		ctx.Notify("Could not save the machine: " + err.Error())
		return
	}
	ctx.Notify(digitsSavedNotice)
}

// loadFile loads a machine that arrived from outside the frame loop (the
// browser's file picker), once the scene has its digits.
func (d *digitsScene) loadFile(data []byte, from string, ctx *Context) {
	switch {
	case !d.ready:
		ctx.Notify("Not loaded, nothing changed: the digits are still loading")
	case len(data) > sim.MaxModelBytes:
		ctx.Notify("Not loaded, nothing changed: " + (&fileio.TooLargeError{Name: from, Size: int64(len(data)), Max: sim.MaxModelBytes}).Error())
	default:
		d.loadJSON(data, from, ctx)
	}
}

// loadJSON replaces the machine with the one in data if it is well formed
// and of this scene's shape; otherwise it says why and changes nothing.
func (d *digitsScene) loadJSON(data []byte, from string, ctx *Context) bool {
	m, err := sim.ReadRBM(bytes.NewReader(data))
	if err != nil {
		ctx.Notify(fmt.Sprintf("Not loaded, nothing changed: %s: %s", from, strings.TrimPrefix(err.Error(), "reading RBM: ")))
		return false
	}
	if m.Visible != digits.Pixels || m.Hidden != digits.ModelHidden {
		ctx.Notify(fmt.Sprintf("Not loaded, nothing changed: %s has %s and %s, this scene needs %d and %d",
			from, plural(m.Visible, "visible unit", "visible units"), plural(m.Hidden, "hidden unit", "hidden units"), digits.Pixels, digits.ModelHidden))
		return false
	}
	d.adopt(m, "loaded from "+from)
	ctx.Notify("Loaded the machine from " + from)
	return true
}

// apply sets the settings of a saved state.
func (d *digitsScene) apply(s digitsState) {
	d.rate.Value, d.dreamK.Value = s.Rate, s.DreamK
	d.setSpeed(s.Speed)
	d.dream.On, d.ink.On, d.live.On = s.Dream, s.Ink, s.Live
	d.digit = s.Digit
	if d.ready {
		d.trainer.Rate = s.Rate
		d.pickDigit()
	}
}
