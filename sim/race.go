package sim

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
)

// Annealer runs one descent of a network down a temperature schedule, one
// sweep at a time, so a scene can draw it as it goes; Anneal runs it to the
// end in one call. After the last sweep, Polish takes the state to a local
// minimum by steepest descent at zero temperature, so every run ends in a
// valley that can be named even if the schedule stopped warm.
type Annealer struct {
	Chain    *Chain
	Schedule Schedule
	Sweep    int     // sweeps made so far
	E        float64 // energy of the current state, kept up to date
}

// NewAnnealer returns an annealer on net starting from a copy of start,
// drawing every random number from rng. It panics if len(start) != net.N
// or the schedule is not valid (check it with Validate first).
func NewAnnealer(net *Net, start []int8, sched Schedule, rng *rand.Rand) *Annealer {
	if err := sched.Validate(); err != nil {
		panic("sim: " + err.Error())
	}
	c := NewChain(net, start, sched.T1, rng)
	return &Annealer{Chain: c, Schedule: sched, E: net.Energy(start)}
}

// Done reports whether every sweep of the schedule has been made.
func (a *Annealer) Done() bool { return a.Sweep >= a.Schedule.Sweeps }

// Step makes the next sweep at the schedule's temperature for it and
// returns that temperature and the energy after the sweep. It panics if the
// schedule is done.
func (a *Annealer) Step() (T, E float64) {
	if a.Done() {
		panic("sim: annealing schedule already finished")
	}
	T = a.Schedule.temp(a.Sweep)
	a.sweepAt(T)
	return T, a.E
}

func (a *Annealer) sweepAt(T float64) {
	c := a.Chain
	c.T = T
	for range c.Net.N {
		if c.Step() {
			// ΔE is what turning the unit on saves, so the energy falls by
			// ΔE when it came on and rises by ΔE when it went off.
			if c.Last.On {
				a.E -= c.Last.DeltaE
			} else {
				a.E += c.Last.DeltaE
			}
		}
	}
	a.Sweep++
}

// Polish descends from the current state to a local minimum by steepest
// descent (Net.Descend), refreshes the energy and returns the number of
// flips it made. It draws no random numbers.
func (a *Annealer) Polish() int {
	c := a.Chain
	s := append([]int8(nil), c.State()...)
	flips := c.Net.Descend(s)
	c.SetState(s)
	// Recomputing rather than trusting the running sum keeps a real-valued
	// network's final energy free of accumulated rounding.
	a.E = c.Net.Energy(s)
	return flips
}

// Run is the record of one annealing run.
type Run struct {
	Start       []int8
	Final       []int8  // the local minimum the run ended in, after polishing
	FinalEnergy float64 // energy of Final
	Polish      int     // flips the zero-temperature polish made
	Match       Match   // which stored pattern Final is, if any

	// Energy[k] and Temp[k] are the energy after sweep k and the
	// temperature it ran at; both are nil when the run was not traced.
	Energy []float64
	Temp   []float64
}

// Reached reports whether the run ended in a stored pattern or its inverse.
func (r Run) Reached() bool { return r.Match.Index >= 0 }

// Anneal runs net from start down sched, polishes the result and
// classifies it against patterns. With trace set it records the energy and
// temperature of every sweep. The random numbers come from rng alone, so the
// same rng state replays the same run. It panics if sizes disagree or sched
// is not valid.
func Anneal(net *Net, start []int8, sched Schedule, patterns []Pattern, rng *rand.Rand, trace bool) Run {
	a := NewAnnealer(net, start, sched, rng)
	r := Run{Start: append([]int8(nil), start...)}
	if trace {
		r.Energy = make([]float64, 0, sched.Sweeps)
		r.Temp = make([]float64, 0, sched.Sweeps)
	}
	for !a.Done() {
		T, E := a.Step()
		if trace {
			r.Temp = append(r.Temp, T)
			r.Energy = append(r.Energy, E)
		}
	}
	r.Polish = a.Polish()
	r.Final = append([]int8(nil), a.Chain.State()...)
	r.FinalEnergy = a.E
	r.Match = Classify(r.Final, patterns)
	return r
}

// RunRand returns the random source of run k of a race with the given
// seed. Run k of every strategy uses a source in this same state, so it
// starts from the same random state, and since every unit update takes
// exactly one number whatever the temperature (see Net.UpdateStochastic),
// it visits the same units in the same order and draws the same number
// for each: the strategies differ only in their temperatures, and so in
// what they make of those numbers. The
// seed and run number are mixed (SplitMix64) before seeding, so that runs
// k and k+1 do not start from neighbouring generator states.
func RunRand(seed uint64, run int) *rand.Rand { return rand.New(runSource(seed, run)) }

// runSource is the generator behind RunRand.
func runSource(seed uint64, run int) *rand.PCG {
	x := seed ^ uint64(run)*0x9e3779b97f4a7c15
	a := splitMix64(&x)
	b := splitMix64(&x)
	return rand.NewPCG(a, b)
}

func splitMix64(x *uint64) uint64 {
	*x += 0x9e3779b97f4a7c15
	z := *x
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

// RaceRun runs run k of a race: it draws a uniformly random start from
// RunRand(seed, k) and anneals it down sched with the same source. Race
// calls it for every run; a scene can call it to replay one.
func RaceRun(net *Net, patterns []Pattern, sched Schedule, seed uint64, k int, trace bool) Run {
	rng := RunRand(seed, k)
	start := make([]int8, net.N)
	RandomState(start, rng)
	return Anneal(net, start, sched, patterns, rng, trace)
}

// Strategy is a named schedule taking part in a race.
type Strategy struct {
	Name     string
	Schedule Schedule
}

// RaceConfig describes a race: Runs runs of every strategy on Net, each
// classified against Patterns.
type RaceConfig struct {
	Net        *Net
	Patterns   []Pattern
	Strategies []Strategy
	Runs       int
	Seed       uint64
	// Workers is how many goroutines share the runs; 0 means GOMAXPROCS.
	// The results do not depend on it.
	Workers int
	// Trace keeps every run's per-sweep energy and temperature.
	Trace bool
}

// StrategyResult is how one strategy fared in a race.
type StrategyResult struct {
	Strategy Strategy
	Runs     []Run // Runs[k] is run k
}

// Successes returns how many runs ended in a stored pattern or its
// inverse.
func (r *StrategyResult) Successes() int {
	n := 0
	for k := range r.Runs {
		if r.Runs[k].Reached() {
			n++
		}
	}
	return n
}

// Rate returns the fraction of runs that ended in a stored pattern or its
// inverse, and its 95% Wilson interval.
func (r *StrategyResult) Rate() (rate, lo, hi float64) {
	n := len(r.Runs)
	k := r.Successes()
	lo, hi = Wilson(k, n, Z95)
	if n == 0 {
		return math.NaN(), lo, hi
	}
	return float64(k) / float64(n), lo, hi
}

// MeanFinalEnergy returns the mean energy of the minima the runs ended in,
// or NaN when there were no runs.
func (r *StrategyResult) MeanFinalEnergy() float64 {
	if len(r.Runs) == 0 {
		return math.NaN()
	}
	var sum float64
	for k := range r.Runs {
		sum += r.Runs[k].FinalEnergy
	}
	return sum / float64(len(r.Runs))
}

// Race runs every strategy cfg.Runs times on matched random streams (see
// RunRand) and returns the results in the order of cfg.Strategies. Runs are
// shared among cfg.Workers goroutines, but each run owns its random source
// and its slot in the result, so the numbers are the same for any number of
// workers, one included (as in a browser, where goroutines take turns on a
// single thread). An invalid schedule or a negative number of runs is
// reported as an error, as is a number of runs past MaxRuns; a network or
// patterns of the wrong size panic.
func Race(cfg RaceConfig) ([]StrategyResult, error) {
	if cfg.Net == nil {
		panic("sim: race without a network")
	}
	for _, p := range cfg.Patterns {
		cfg.Net.checkState(p.Units)
	}
	if cfg.Runs < 0 || cfg.Runs > MaxRuns {
		return nil, fmt.Errorf("number of runs must be between 0 and %d, got %d", MaxRuns, cfg.Runs)
	}
	if len(cfg.Strategies) == 0 {
		return nil, errors.New("a race needs at least one strategy")
	}
	out := make([]StrategyResult, len(cfg.Strategies))
	for i, st := range cfg.Strategies {
		if err := st.Schedule.Validate(); err != nil {
			return nil, fmt.Errorf("strategy %s: %w", st.Name, err)
		}
		out[i] = StrategyResult{Strategy: st, Runs: make([]Run, cfg.Runs)}
	}
	jobs := len(out) * cfg.Runs
	workers := cfg.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	workers = max(1, min(workers, jobs))
	// Job j is run j%Runs of strategy j/Runs; handing them out one at a time
	// from a counter balances cheap quenches against slow schedules.
	var next atomic.Int64
	work := func() {
		for {
			j := int(next.Add(1) - 1)
			if j >= jobs {
				return
			}
			st, k := j/cfg.Runs, j%cfg.Runs
			out[st].Runs[k] = RaceRun(cfg.Net, cfg.Patterns, out[st].Strategy.Schedule, cfg.Seed, k, cfg.Trace)
		}
	}
	runWorkers(workers, work)
	return out, nil
}

// Z95 is the standard normal quantile for a two-sided 95% interval.
const Z95 = 1.959963984540054

// Wilson returns the Wilson score interval for k successes in n trials at
// normal quantile z (Z95 for 95%). Unlike the textbook p ± z·√(p(1−p)/n) it
// stays inside [0, 1] and does not shrink to a point when every run
// succeeds or every run fails. With no trials it returns [0, 1]. It panics
// if k is outside [0, n].
func Wilson(k, n int, z float64) (lo, hi float64) {
	if k < 0 || k > n {
		panic(fmt.Sprintf("sim: %d successes in %d trials", k, n))
	}
	if n == 0 {
		return 0, 1
	}
	nf := float64(n)
	p := float64(k) / nf
	z2 := z * z
	centre := (p + z2/(2*nf)) / (1 + z2/nf)
	half := z / (1 + z2/nf) * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf))
	lo, hi = max(0, centre-half), min(1, centre+half)
	// At the edges the bound is exactly 0 or 1; rounding must not move it.
	if k == 0 {
		lo = 0
	}
	if k == n {
		hi = 1
	}
	return lo, hi
}
