package scenes

import (
	"fmt"

	"boltzlab/sim"
)

// capacityState is what the Capacity scene keeps: its settings, which
// recall is on screen (its number, which seeds its patterns, the pattern
// cued and how many steps it has made) and the speed. The measured curves
// are a history and start afresh.
type capacityState struct {
	_     [0]func() // not comparable: spares the download an equality function
	Side  float64   `json:"side"`
	Load  float64   `json:"load"`
	Flip  float64   `json:"flip"`
	Rule  string    `json:"rule"`
	Speed float64   `json:"speed"`
	Trial uint64    `json:"trial"`
	Cue   int       `json:"cue"`
	Steps int       `json:"steps"`
}

// maxCapacityTrial bounds the recall number a state may ask for; recalls
// are seeded from it, so any number is as cheap as another.
const maxCapacityTrial = 1 << 30

// State implements Scene.
func (c *capacity) State() (State, error) {
	d := &capacityState{Side: c.side.Value, Load: c.load.Value, Flip: c.flip.Value, Rule: capacityKeys[c.rule].ID,
		Speed: c.speed(), Trial: c.runs, Steps: c.steps}
	if c.trial != nil {
		d.Cue = c.trial.Cue()
	}
	return makeState("capacity", c.seed, d)
}

// SetState implements Scene.
func (c *capacity) SetState(st State) error {
	var d capacityState
	rule := -1
	err := readState(st, "capacity", &d, maxCount, "side load flip rule speed trial cue steps", func() error {
		for r := range ruleNames {
			if capacityKeys[r].ID == d.Rule {
				rule = r
			}
		}
		if rule < 0 {
			return fmt.Errorf("no storage rule %q (one of hebb, storkey, pinv)", short(d.Rule))
		}
		if err := sliderOK(&c.side, "side", d.Side); err != nil {
			return err
		}
		if err := sliderOK(&c.load, "load", d.Load); err != nil {
			return err
		}
		if err := sliderOK(&c.flip, "flip", d.Flip); err != nil {
			return err
		}
		if err := c.speedOK(d.Speed); err != nil {
			return err
		}
		if d.Trial < 1 || d.Trial > maxCapacityTrial {
			return fmt.Errorf("recall %d is outside 1 to %d", d.Trial, maxCapacityTrial)
		}
		n := int(d.Side) * int(d.Side)
		p := max(1, sim.LoadPatterns(n, d.Load))
		if err := countOK("cue", d.Cue, p-1); err != nil {
			return err
		}
		// Storing takes at most P steps, cueing one, recalling at most a
		// few hundred sweeps: a replay past that cannot be.
		return countOK("steps", d.Steps, p+1+1000)
	})
	if err != nil {
		return err
	}
	c.seed = st.Seed
	c.side.Value, c.load.Value, c.flip.Value = d.Side, d.Load, d.Flip
	c.rule = sim.Rule(rule)
	c.setSpeed(d.Speed)
	c.runs = d.Trial - 1
	c.newTrial()
	if c.trial != nil {
		c.trial.SetCue(d.Cue)
		for range d.Steps {
			if c.result != "" {
				break
			}
			c.stepTrial()
		}
	}
	c.SetRunning(false)
	c.measureLater()
	return nil
}
