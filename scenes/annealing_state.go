package scenes

import (
	"fmt"
	"strings"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// The annealing scene's saved state.

// annealingState is what the Annealing scene keeps: the schedules, which
// run the descent replays and how far it has gone (its random stream is
// the run's own, so replaying that many sweeps brings back its state and
// its traces exactly), and whether a race was started.
type annealingState struct {
	_       [0]func() // not comparable: spares the download an equality function
	Cooling string    `json:"cooling"`
	T0      float64   `json:"t0"`
	T1      float64   `json:"t1"`
	Sweeps  float64   `json:"sweeps"`
	QuenchT float64   `json:"quench_t"`
	Speed   float64   `json:"speed"`
	Run     int       `json:"run"`
	Done    int       `json:"sweeps_done"`
	Race    bool      `json:"race"`
}

// maxAnnealRun bounds the run number a state may ask for; runs are
// numbered from the seed, so any number is as cheap as another.
const maxAnnealRun = 1 << 30

// State implements Scene.
func (a *annealing) State() (State, error) {
	return makeState("annealing", a.land.Seed, &annealingState{Cooling: coolingIDs[a.cooling], T0: a.t0.Value, T1: a.t1.Value,
		Sweeps: a.sweeps.Value, QuenchT: a.quenchT.Value, Speed: a.speed(), Run: a.run, Done: a.descent.Sweep, Race: a.race != nil || a.raceWanted})
}

// SetState implements Scene.
func (a *annealing) SetState(st State) error {
	var d annealingState
	cooling := -1
	err := readState(st, "annealing", &d, maxCount, "cooling t0 t1 sweeps quench_t speed run sweeps_done race", func() error {
		for c, id := range coolingIDs {
			if id == d.Cooling {
				cooling = c
			}
		}
		if cooling < 0 {
			return fmt.Errorf("no cooling %q (one of %s)", short(d.Cooling), strings.Join(coolingIDs[:], ", "))
		}
		for _, c := range []struct {
			s    *ui.Slider
			name string
			v    float64
		}{{&a.t0, "T0", d.T0}, {&a.t1, "T1", d.T1}, {&a.sweeps, "sweeps", d.Sweeps}, {&a.quenchT, "quench temperature", d.QuenchT}} {
			if err := sliderOK(c.s, c.name, c.v); err != nil {
				return err
			}
		}
		if err := a.speedOK(d.Speed); err != nil {
			return err
		}
		if err := countOK("run", d.Run, maxAnnealRun); err != nil {
			return err
		}
		return countOK("sweeps done", d.Done, int(d.Sweeps))
	})
	if err != nil {
		return err
	}
	a.land.Seed = st.Seed
	a.cooling = sim.Cooling(cooling)
	a.t0.Value, a.t1.Value, a.sweeps.Value, a.quenchT.Value = d.T0, d.T1, d.Sweeps, d.QuenchT
	a.setSpeed(d.Speed)
	a.run = d.Run
	a.stopRace()
	a.pinE.Clear()
	a.pinT.Clear()
	a.startDescent()
	for range d.Done {
		T, E := a.descent.Step()
		x := float64(a.descent.Sweep)
		a.energy.Push(x, E)
		a.temp.Push(x-1, T)
		a.temp.Push(x, T)
	}
	a.base.SetRunning(false)
	a.raceWanted = d.Race
	return nil
}
