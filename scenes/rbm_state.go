package scenes

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"boltzlab/sim"
)

// The rbm scene's saved state.

// rbmState is what the RBM lab keeps: its small machine whole, the
// settings, how far training has gone, and the Reconstruct panel's input
// (one character a pixel, 0 or 1) with where it came from. A restored
// machine trains on with a fresh momentum, as a loaded one does.
type rbmState struct {
	Rate    float64    `json:"rate"`
	K       float64    `json:"k"`
	Speed   float64    `json:"speed"`
	Machine rbmMachine `json:"machine"`
	Updates int        `json:"updates"`
	Epochs  int        `json:"epochs"`
	Input   string     `json:"input"`
	Source  string     `json:"source"`
	Pixel   int        `json:"pixel"`
}

// State implements Scene.
func (r *rbmLab) State() (State, error) {
	in := make([]byte, len(r.vis))
	for i, x := range r.vis {
		in[i] = '0'
		if x == 1 {
			in[i] = '1'
		}
	}
	m := r.machine
	return makeState("rbm", r.seed, &rbmState{Rate: r.rate.Value, K: r.k.Value, Speed: r.speed(),
		Machine: rbmMachine{Weights: append([]float64(nil), m.W...), VisibleBias: append([]float64(nil), m.B...), HiddenBias: append([]float64(nil), m.C...)},
		Updates: r.trainer.Updates, Epochs: r.trainer.Epochs, Input: string(in), Source: r.source, Pixel: r.sel})
}

// SetState implements Scene.
func (r *rbmLab) SetState(st State) error {
	var d rbmState
	var m *sim.RBM
	err := readState(st, "rbm", &d, maxCount, "rate k speed machine updates epochs input source pixel", func() error {
		if err := sliderOK(&r.rate, "learning rate", d.Rate); err != nil {
			return err
		}
		if err := sliderOK(&r.k, "k", d.K); err != nil {
			return err
		}
		if err := r.speedOK(d.Speed); err != nil {
			return err
		}
		m = &sim.RBM{Visible: rbmVisible, Hidden: rbmHidden, W: d.Machine.Weights, B: d.Machine.VisibleBias, C: d.Machine.HiddenBias}
		if err := m.Validate(); err != nil {
			return err
		}
		if err := boundOK(sim.MaxAbsWeight, m.W, m.B, m.C); err != nil {
			return err
		}
		if len(d.Input) != rbmVisible || strings.Count(d.Input, "0")+strings.Count(d.Input, "1") != rbmVisible {
			return fmt.Errorf("the input %q is not %d pixels of 0 or 1", short(d.Input), rbmVisible)
		}
		if !textOK(d.Source, 120) {
			return fmt.Errorf("the input's description %q is not a short line of text", short(d.Source))
		}
		if d.Pixel < 0 || d.Pixel >= rbmVisible {
			return fmt.Errorf("pixel %d is not one of the %d", d.Pixel, rbmVisible)
		}
		if err := countOK("updates", d.Updates, maxCount); err != nil {
			return err
		}
		return countOK("epochs", d.Epochs, d.Updates)
	})
	if err != nil {
		return err
	}
	r.seed = st.Seed
	r.rng = rand.New(rand.NewPCG(r.seed, 0x7b3^uint64(d.Updates)))
	r.pick = rand.New(rand.NewPCG(r.seed, 0x7b3f11^uint64(d.Updates)))
	r.rate.Value, r.k.Value = d.Rate, d.K
	r.setSpeed(d.Speed)
	r.machine = m
	r.trainer = sim.NewRBMTrainer(m, r.data, r.rng)
	r.trainer.Updates, r.trainer.Epochs = d.Updates, d.Epochs
	r.applySettings()
	r.stride = 1
	r.errTop = 0
	r.errS.Clear()
	r.llS.Clear()
	r.record()
	for i := range r.vis {
		r.vis[i] = float64(d.Input[i] - '0')
	}
	r.source, r.sel = d.Source, d.Pixel
	r.SetRunning(false)
	r.push()
	return nil
}
