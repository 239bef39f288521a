package sim

import (
	"fmt"
	"math"
)

// Cooling says how a Schedule moves from its start temperature to its end
// temperature.
type Cooling int

const (
	// Constant holds the end temperature for every sweep: a quench, which
	// drops the state straight into the cold and lets it settle.
	Constant Cooling = iota
	// Geometric multiplies T by the same factor every sweep, so it spends as
	// many sweeps halving from 8 to 4 as from 2 to 1.
	Geometric
	// Linear lowers T by the same amount every sweep, which rushes through
	// the cold end where the choice between valleys is made.
	Linear
	// Logarithmic follows T_k = T0/(1 + a·ln(1+k)), the shape of the
	// classical cooling law T ∝ 1/ln k: a fast start, then a long slow tail.
	Logarithmic
)

var coolingNames = [...]string{"quench", "geometric", "linear", "log"}

// String returns the name ParseCooling reads: quench, geometric, linear or
// log.
func (c Cooling) String() string {
	if c < 0 || int(c) >= len(coolingNames) {
		return fmt.Sprintf("Cooling(%d)", int(c))
	}
	return coolingNames[c]
}

// ParseCooling reads a cooling name as String writes it; "constant" and
// "logarithmic" are accepted too.
func ParseCooling(name string) (Cooling, error) {
	switch name {
	case "constant":
		return Constant, nil
	case "logarithmic":
		return Logarithmic, nil
	}
	for c, n := range coolingNames {
		if n == name {
			return Cooling(c), nil
		}
	}
	return 0, fmt.Errorf("unknown schedule %q (want quench, geometric, linear or log)", name)
}

// Schedule is a temperature for each of a fixed number of sweeps. Sweep 0
// runs at T0 and sweep Sweeps−1 at T1 exactly, except that a Constant
// schedule ignores T0 and runs every sweep at T1.
type Schedule struct {
	Cooling Cooling
	T0, T1  float64 // start and end temperatures
	Sweeps  int
}

// Quench returns the Constant schedule that holds T for the given number of
// sweeps.
func Quench(T float64, sweeps int) Schedule {
	return Schedule{Cooling: Constant, T0: T, T1: T, Sweeps: sweeps}
}

// Validate reports whether the schedule can be run. Every schedule needs
// 0 ≤ Sweeps ≤ MaxSweeps and an end temperature T1 ≥ 0 that is not NaN; a
// quench may run at T1 = +Inf (a fair coin). A cooling schedule needs finite
// temperatures with T0 ≥ T1; geometric and logarithmic cooling need
// T1 > 0 as well, since neither ever reaches zero.
func (s Schedule) Validate() error {
	switch {
	case s.Cooling < Constant || s.Cooling > Logarithmic:
		return fmt.Errorf("unknown cooling %d", int(s.Cooling))
	case s.Sweeps < 0:
		return fmt.Errorf("number of sweeps must be ≥ 0, got %d", s.Sweeps)
	case s.Sweeps > MaxSweeps:
		return fmt.Errorf("%d sweeps is more than the cap of %d", s.Sweeps, MaxSweeps)
	case math.IsNaN(s.T1) || s.T1 < 0:
		return fmt.Errorf("end temperature must be ≥ 0, got %v", s.T1)
	case s.Cooling == Constant:
		return nil
	case math.IsNaN(s.T0) || math.IsInf(s.T0, 0) || math.IsInf(s.T1, 0):
		return fmt.Errorf("%v cooling needs finite temperatures, got %v to %v", s.Cooling, s.T0, s.T1)
	case s.T0 < s.T1:
		return fmt.Errorf("%v cooling must not warm up: start temperature %v is below end temperature %v", s.Cooling, s.T0, s.T1)
	case s.T1 == 0 && s.Cooling != Linear:
		return fmt.Errorf("%v cooling never reaches zero: end temperature must be > 0", s.Cooling)
	}
	return nil
}

// Temp returns the temperature of sweep k, for 0 ≤ k < Sweeps. A schedule
// of a single sweep runs it at T1, the temperature the run is meant to end
// at. Temp panics if k is out of range or the schedule is not valid.
func (s Schedule) Temp(k int) float64 {
	if k < 0 || k >= s.Sweeps {
		panic(fmt.Sprintf("sim: sweep %d of a %d-sweep schedule", k, s.Sweeps))
	}
	if err := s.Validate(); err != nil {
		panic("sim: " + err.Error())
	}
	return s.temp(k)
}

// temp is Temp without the checks, for a schedule already validated.
func (s Schedule) temp(k int) float64 {
	last := s.Sweeps - 1
	// The end is returned as given rather than computed, so that rounding in
	// Pow or Log cannot leave a run a hair above its end temperature.
	if s.Cooling == Constant || k == last {
		return s.T1
	}
	if k == 0 {
		return s.T0
	}
	x := float64(k) / float64(last)
	switch s.Cooling {
	case Geometric:
		return s.T0 * math.Pow(s.T1/s.T0, x)
	case Linear:
		return s.T0 + (s.T1-s.T0)*x
	default: // Logarithmic
		// a makes T0/(1 + a·ln(1+last)) equal T1.
		a := (s.T0/s.T1 - 1) / math.Log1p(float64(last))
		return s.T0 / (1 + a*math.Log1p(float64(k)))
	}
}

// Temps appends the temperature of every sweep to dst and returns it. It
// panics if the schedule is not valid.
func (s Schedule) Temps(dst []float64) []float64 {
	if err := s.Validate(); err != nil {
		panic("sim: " + err.Error())
	}
	for k := range s.Sweeps {
		dst = append(dst, s.temp(k))
	}
	return dst
}
