package scenes

import (
	"fmt"
	"math/rand/v2"

	"boltzlab/sim"
)

// The distribution scene's saved state.

// distState is what the Distribution scene keeps: the network's weights
// (in distPairs order) and biases, the temperature, the view, and the
// sampler's state and histogram.
type distState struct {
	T        float64   `json:"t"`
	Speed    float64   `json:"speed"`
	Weights  []float64 `json:"weights"`
	Biases   []float64 `json:"biases"`
	Selected int       `json:"selected"`
	Sorted   bool      `json:"sorted"`
	Log      bool      `json:"log_scale"`
	Units    []int8    `json:"units"`
	Counts   []int     `json:"counts"`
	Sweeps   int       `json:"sweeps"`
}

// State implements Scene.
func (d *distribution) State() (State, error) {
	st := distState{T: d.temp.Value, Speed: d.speed(), Selected: d.selected, Sorted: d.sorted.On, Log: d.logScale.On,
		Units: append([]int8(nil), d.sampler.Chain.State()...), Counts: append([]int(nil), d.sampler.Counts...), Sweeps: d.sampler.Sweeps}
	for k := range distParams {
		if k < len(distPairs) {
			st.Weights = append(st.Weights, d.value(k))
		} else {
			st.Biases = append(st.Biases, d.value(k))
		}
	}
	return makeState("distribution", d.seed, &st)
}

// SetState implements Scene.
func (d *distribution) SetState(st State) error {
	var s distState
	err := readState(st, "distribution", &s, maxCount, "t speed weights biases selected sorted log_scale units counts sweeps", func() error {
		if err := sliderOK(&d.temp, "temperature", s.T); err != nil {
			return err
		}
		if err := d.speedOK(s.Speed); err != nil {
			return err
		}
		if len(s.Weights) != len(distPairs) || len(s.Biases) != distUnits {
			return fmt.Errorf("%d weights and %d biases, want %d and %d", len(s.Weights), len(s.Biases), len(distPairs), distUnits)
		}
		for _, vs := range [][]float64{s.Weights, s.Biases} {
			for _, v := range vs {
				if err := sliderOK(&d.param, "a weight or bias", v); err != nil {
					return err
				}
			}
		}
		if s.Selected < 0 || s.Selected >= distParams {
			return fmt.Errorf("selected parameter %d is not one of the %d", s.Selected, distParams)
		}
		if err := unitsOK("the sampler's state", s.Units, distUnits); err != nil {
			return err
		}
		if err := countOK("sweeps", s.Sweeps, maxCount); err != nil {
			return err
		}
		if len(s.Counts) != distStates {
			return fmt.Errorf("%d counts, want one for each of the %d states", len(s.Counts), distStates)
		}
		sum := 0
		for _, c := range s.Counts {
			if err := countOK("a count", c, s.Sweeps); err != nil {
				return err
			}
			sum += c
		}
		if sum != s.Sweeps {
			return fmt.Errorf("the counts add up to %d, not to the %d sweeps", sum, s.Sweeps)
		}
		return nil
	})
	if err != nil {
		return err
	}
	d.seed = st.Seed
	d.net = sim.NewNet(distUnits)
	for k, p := range distPairs {
		d.net.SetWeight(p[0], p[1], s.Weights[k])
	}
	copy(d.net.B, s.Biases)
	d.temp.Value = s.T
	d.setSpeed(s.Speed)
	d.sorted.On, d.logScale.On = s.Sorted, s.Log
	d.sampler = sim.NewSampler(d.net, s.Units, s.T, rand.New(rand.NewPCG(d.seed, 0xd157^uint64(s.Sweeps))))
	d.SetRunning(false)
	d.dragging = false
	d.choose(s.Selected)
	d.recompute()
	copy(d.sampler.Counts, s.Counts)
	d.sampler.Sweeps = s.Sweeps
	d.emp = d.sampler.Empirical(d.emp)
	return nil
}
