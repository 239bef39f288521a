package scenes

import (
	"fmt"
	"math/rand/v2"

	"boltzlab/sim"
)

// The recall scene's saved state.

// recallState is what the Recall scene keeps in a share code or a file:
// the memories (the weights are their Hebbian sum, so they follow), the
// network's state and the settings.
type recallState struct {
	T        float64        `json:"t"`
	Speed    float64        `json:"speed"`
	Memories []recallMemory `json:"memories"`
	Painted  int            `json:"painted"`
	NextMem  int            `json:"next_memory"`
	Units    []int8         `json:"units"`
	Updates  int            `json:"updates"`
	Selected int            `json:"selected"`
	Paint    bool           `json:"paint"`
}

// State implements Scene.
func (r *recall) State() (State, error) {
	d := recallState{T: r.temp.Value, Speed: r.speed(), Memories: []recallMemory{}, Painted: r.painted, NextMem: r.nextMem,
		Units: append([]int8(nil), r.chain.State()...), Updates: r.chain.Updates, Selected: r.grid.Selected, Paint: r.paint.On}
	for _, m := range r.memories {
		d.Memories = append(d.Memories, recallMemory{Name: m.Name, Units: append([]int8(nil), m.Units...)})
	}
	return makeState("recall", r.seed, &d)
}

// SetState implements Scene.
func (r *recall) SetState(st State) error {
	var d recallState
	n := recallSide * recallSide
	err := readState(st, "recall", &d, maxCount, "t speed memories painted next_memory units updates selected paint", func() error {
		if err := sliderOK(&r.temp, "temperature", d.T); err != nil {
			return err
		}
		if err := r.speedOK(d.Speed); err != nil {
			return err
		}
		if len(d.Memories) > maxMemories {
			return fmt.Errorf("%d memories, more than the %d this scene stores", len(d.Memories), maxMemories)
		}
		for _, m := range d.Memories {
			if m.Name == "" || !textOK(m.Name, 12) {
				return fmt.Errorf("a memory's name %q is not a short printable name", short(m.Name))
			}
			if err := unitsOK("memory "+m.Name, m.Units, n); err != nil {
				return err
			}
		}
		if err := unitsOK("the state", d.Units, n); err != nil {
			return err
		}
		if d.Selected < -1 || d.Selected >= n {
			return fmt.Errorf("selected unit %d is not one of the %d", d.Selected, n)
		}
		for _, c := range []struct {
			name string
			v    int
		}{{"painted", d.Painted}, {"next_memory", d.NextMem}, {"updates", d.Updates}} {
			if err := countOK(c.name, c.v, maxCount); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	r.seed = st.Seed
	r.rng = rand.New(rand.NewPCG(r.seed, 0x5eca11^uint64(d.Updates)))
	r.memories = nil
	r.net = sim.NewNet(n)
	for _, m := range d.Memories {
		p := sim.Pattern{Name: m.Name, Units: m.Units}
		r.memories = append(r.memories, p)
		r.net.Store(p.Units)
	}
	r.temp.Value = d.T
	r.setSpeed(d.Speed)
	r.chain = sim.NewChain(r.net, d.Units, d.T, r.rng)
	r.chain.Updates = d.Updates
	r.painted, r.nextMem = d.Painted, d.NextMem
	r.grid.Selected = d.Selected
	r.paint.On, r.grid.Paint = d.Paint, d.Paint
	r.updated = [recallSide * recallSide]bool{}
	r.grid.Recent = -1
	r.SetRunning(false)
	r.energy.Clear()
	r.weightsChanged()
	r.energy.Push(float64(d.Updates), r.chain.Energy())
	return nil
}
