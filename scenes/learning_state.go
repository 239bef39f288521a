package scenes

import (
	"fmt"
	"math/rand/v2"

	"boltzlab/sim"
)

// The learning scene's saved state.

// learningState is what the Learning scene keeps: the machine's weights
// (the upper triangle, row by row) and biases, the settings, and how many
// steps it has learned. Sampled phases start fresh chains when restored.
type learningState struct {
	Rate          float64   `json:"rate"`
	Speed         float64   `json:"speed"`
	SampleClamped bool      `json:"sample_clamped"`
	SampleFree    bool      `json:"sample_free"`
	Weights       []float64 `json:"weights"`
	Biases        []float64 `json:"biases"`
	Steps         int       `json:"steps"`
}

// State implements Scene.
func (s *learning) State() (State, error) {
	net := s.trainer.BM.Net
	d := learningState{Rate: s.rate.Value, Speed: s.speed(), SampleClamped: s.samplePositive.On, SampleFree: s.sampleNegative.On,
		Weights: []float64{}, Biases: append([]float64(nil), net.B...), Steps: s.trainer.Steps}
	for i := 0; i < net.N; i++ {
		for j := i + 1; j < net.N; j++ {
			d.Weights = append(d.Weights, net.Weight(i, j))
		}
	}
	return makeState("learning", s.seed, &d)
}

// SetState implements Scene.
func (s *learning) SetState(st State) error {
	var d learningState
	m := sim.NewBM(3, sim.LearningHidden)
	n := m.Net.N
	err := readState(st, "learning", &d, maxCount, "rate speed sample_clamped sample_free weights biases steps", func() error {
		if err := sliderOK(&s.rate, "learning rate", d.Rate); err != nil {
			return err
		}
		if err := s.speedOK(d.Speed); err != nil {
			return err
		}
		if len(d.Weights) != n*(n-1)/2 || len(d.Biases) != n {
			return fmt.Errorf("%d weights and %d biases, want %d and %d", len(d.Weights), len(d.Biases), n*(n-1)/2, n)
		}
		k := 0
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				m.Net.SetWeight(i, j, d.Weights[k])
				k++
			}
		}
		copy(m.Net.B, d.Biases)
		// SetWeight keeps the weights symmetric with a zero diagonal.
		if err := boundOK(learningMaxWeight, m.Net.W, m.Net.B); err != nil {
			return err
		}
		return countOK("steps", d.Steps, maxCount)
	})
	if err != nil {
		return err
	}
	s.seed = st.Seed
	rng := rand.New(rand.NewPCG(s.seed, 0x1ea2^uint64(d.Steps)))
	s.trainer = sim.NewBMTrainer(m, sim.LearningData(), rng)
	s.trainer.Steps = d.Steps
	s.rate.Value = d.Rate
	s.setSpeed(d.Speed)
	s.samplePositive.On, s.sampleNegative.On = d.SampleClamped, d.SampleFree
	s.trainer.Rate = s.rate.Value
	s.applySampling()
	s.trainer.Measure()
	s.SetRunning(false)
	s.kl.Clear()
	s.klTop = 0
	s.record()
	return nil
}
