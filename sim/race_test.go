package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The running energy an Annealer keeps must be the true energy after every
// sweep, the trace must hold the schedule's temperatures, and the run must
// end polished in a local minimum whose label is its classification.
func TestAnnealTraceAndPolish(t *testing.T) {
	l := AnnealingLandscape()
	sched := l.Schedule(Geometric)
	start := make([]int8, l.Net.N)
	RandomState(start, rand.New(rand.NewPCG(1, 1)))

	a := NewAnnealer(l.Net, start, sched, rand.New(rand.NewPCG(2, 2)))
	for k := 0; !a.Done(); k++ {
		T, E := a.Step()
		require.Equal(t, sched.Temp(k), T)
		require.Equal(t, l.Net.Energy(a.Chain.State()), E, "sweep %d", k)
	}
	assert.Panics(t, func() { a.Step() })
	a.Polish()
	require.True(t, l.Net.IsLocalMin(a.Chain.State()))

	r := Anneal(l.Net, start, sched, l.Patterns, rand.New(rand.NewPCG(2, 2)), true)
	assert.Equal(t, start, r.Start)
	assert.Equal(t, sched.Temps(nil), r.Temp)
	require.Len(t, r.Energy, sched.Sweeps)
	assert.Equal(t, a.Chain.State(), r.Final, "same stream, same run")
	assert.Equal(t, l.Net.Energy(r.Final), r.FinalEnergy)
	assert.True(t, l.Net.IsLocalMin(r.Final))
	assert.Equal(t, Classify(r.Final, l.Patterns), r.Match)
	assert.LessOrEqual(t, r.FinalEnergy, r.Energy[len(r.Energy)-1], "polishing never climbs")

	// On a real-valued network the running energy drifts by rounding only.
	net := randomNet(12, rand.New(rand.NewPCG(3, 3)))
	s := make([]int8, 12)
	RandomState(s, rand.New(rand.NewPCG(3, 4)))
	b := NewAnnealer(net, s, Schedule{Cooling: Linear, T0: 3, T1: 0.1, Sweeps: 500}, rand.New(rand.NewPCG(4, 4)))
	for !b.Done() {
		_, E := b.Step()
		require.InDelta(t, net.Energy(b.Chain.State()), E, 1e-9)
	}

	// An untraced run makes the same moves and records no trace.
	u := Anneal(l.Net, start, sched, l.Patterns, rand.New(rand.NewPCG(2, 2)), false)
	assert.Nil(t, u.Energy)
	assert.Nil(t, u.Temp)
	assert.Equal(t, r.Final, u.Final)
}

// Run k of every strategy must start from the same state and draw from the
// same stream. Three schedules that hold the same temperature by different
// routes (a quench, and a geometric and a linear schedule with T0 = T1)
// must therefore make identical runs; different runs must differ; and the
// race must agree with replaying each run alone.
func TestRaceMatchedStreams(t *testing.T) {
	l := AnnealingLandscape()
	const T, sweeps, runs = 1.5, 40, 24
	strategies := []Strategy{
		{"quench", Quench(T, sweeps)},
		{"flat-geometric", Schedule{Cooling: Geometric, T0: T, T1: T, Sweeps: sweeps}},
		{"flat-linear", Schedule{Cooling: Linear, T0: T, T1: T, Sweeps: sweeps}},
		{"cooling", Schedule{Cooling: Geometric, T0: 20, T1: 0.5, Sweeps: sweeps}},
	}
	res, err := Race(RaceConfig{Net: l.Net, Patterns: l.Patterns, Strategies: strategies, Runs: runs, Seed: 99, Trace: true})
	require.NoError(t, err)
	require.Len(t, res, len(strategies))
	starts := map[string]bool{}
	for k := range runs {
		first := res[0].Runs[k]
		starts[String(first.Start)] = true
		want := make([]int8, l.Net.N)
		RandomState(want, RunRand(99, k))
		require.Equal(t, want, first.Start, "run %d starts from its stream's first draws", k)
		for s := range strategies {
			r := res[s].Runs[k]
			require.Equal(t, first.Start, r.Start, "run %d of %s", k, strategies[s].Name)
			require.Equal(t, RaceRun(l.Net, l.Patterns, strategies[s].Schedule, 99, k, true), r)
		}
		require.Equal(t, first, res[1].Runs[k], "run %d: same temperatures, same stream, same run", k)
		require.Equal(t, first, res[2].Runs[k], "run %d", k)
	}
	assert.Len(t, starts, runs, "every run starts somewhere else")
	// The cooling schedule shares the starts but not the temperatures.
	differs := 0
	for k := range runs {
		if String(res[3].Runs[k].Final) != String(res[0].Runs[k].Final) {
			differs++
		}
	}
	assert.Positive(t, differs)
}

// The numbers must not depend on how many goroutines share the runs: the
// browser has one thread, the desktop several.
func TestRaceSameForAnyWorkers(t *testing.T) {
	l := AnnealingLandscape()
	l.Sweeps = 60
	strategies := l.Strategies(Constant, Geometric, Linear, Logarithmic)
	cfg := RaceConfig{Net: l.Net, Patterns: l.Patterns, Strategies: strategies, Runs: 30, Seed: 5, Trace: true}
	cfg.Workers = 1
	one, err := Race(cfg)
	require.NoError(t, err)
	for _, w := range []int{0, 2, 3, 17} {
		cfg.Workers = w
		many, err := Race(cfg)
		require.NoError(t, err)
		require.Equal(t, one, many, "%d workers", w)
	}
	cfg.Seed = 6
	other, _ := Race(cfg)
	assert.NotEqual(t, one, other)
}

func TestRaceRefusesBadConfig(t *testing.T) {
	l := AnnealingLandscape()
	ok := []Strategy{{"quench", Quench(0, 10)}}
	_, err := Race(RaceConfig{Net: l.Net, Patterns: l.Patterns, Strategies: ok, Runs: -1})
	assert.Error(t, err)
	_, err = Race(RaceConfig{Net: l.Net, Patterns: l.Patterns, Runs: 3})
	assert.Error(t, err)
	_, err = Race(RaceConfig{Net: l.Net, Patterns: l.Patterns, Runs: 3,
		Strategies: []Strategy{{"warm", Schedule{Cooling: Geometric, T0: 1, T1: 2, Sweeps: 5}}}})
	assert.Error(t, err)
	res, err := Race(RaceConfig{Net: l.Net, Patterns: l.Patterns, Strategies: ok, Runs: 0})
	require.NoError(t, err)
	rate, lo, hi := res[0].Rate()
	assert.True(t, math.IsNaN(rate))
	assert.Equal(t, [2]float64{0, 1}, [2]float64{lo, hi})
	assert.True(t, math.IsNaN(res[0].MeanFinalEnergy()))
	assert.Panics(t, func() {
		Race(RaceConfig{Net: l.Net, Patterns: TL(), Strategies: ok, Runs: 1})
	}, "patterns of the wrong size are a programming error")
}

// Wilson's interval against values worked by hand, and against its
// definition: the bounds are the two p at which the observed rate is
// exactly z standard errors away.
func TestWilson(t *testing.T) {
	lo, hi := Wilson(5, 10, Z95)
	assert.InDelta(t, 0.2366, lo, 1e-4)
	assert.InDelta(t, 0.7634, hi, 1e-4)
	lo, hi = Wilson(0, 10, Z95)
	assert.Equal(t, 0.0, lo)
	assert.InDelta(t, 0.2775, hi, 1e-4)
	lo, hi = Wilson(10, 10, Z95)
	assert.InDelta(t, 0.7225, lo, 1e-4)
	assert.Equal(t, 1.0, hi)
	lo, hi = Wilson(0, 0, Z95)
	assert.Equal(t, [2]float64{0, 1}, [2]float64{lo, hi})
	for _, c := range [][2]int{{1, 7}, {37, 200}, {190, 200}, {199, 200}, {12345, 20000}} {
		k, n := c[0], c[1]
		p := float64(k) / float64(n)
		lo, hi := Wilson(k, n, Z95)
		require.True(t, lo < p && p < hi)
		for _, b := range []float64{lo, hi} {
			require.InDelta(t, Z95*Z95*b*(1-b)/float64(n), (p-b)*(p-b), 1e-12, "k=%d n=%d", k, n)
		}
	}
	assert.InDelta(t, 0.975, normalCDF(Z95), 1e-12)
	assert.Panics(t, func() { Wilson(3, 2, Z95) })
	assert.Panics(t, func() { Wilson(-1, 2, Z95) })
}

func normalCDF(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }

// RunRand must give different runs different streams and the same run the
// same stream.
func TestRunRand(t *testing.T) {
	seen := map[uint64]bool{}
	for seed := range uint64(4) {
		for k := range 50 {
			x := RunRand(seed, k).Uint64()
			require.False(t, seen[x], "seed %d run %d repeats a stream", seed, k)
			seen[x] = true
			require.Equal(t, x, RunRand(seed, k).Uint64())
		}
	}
}

// The annealing scene's default race: quench and geometric cooling, 200
// runs each, on every core.
func BenchmarkRaceDefault(b *testing.B) {
	l := AnnealingLandscape()
	cfg := RaceConfig{Net: l.Net, Patterns: l.Patterns, Strategies: l.Strategies(), Runs: l.Runs, Seed: l.Seed}
	for b.Loop() {
		if _, err := Race(cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// recordingSource passes on a PCG's numbers and logs each one with the
// number of unit updates its chain had made when it was drawn.
type recordingSource struct {
	src   *rand.PCG
	chain **Chain
	log   [][2]uint64
}

func (r *recordingSource) Uint64() uint64 {
	x := r.src.Uint64()
	at := uint64(0)
	if *r.chain != nil {
		at = uint64((*r.chain).Updates)
	}
	r.log = append(r.log, [2]uint64{at, x})
	return x
}

// Run k of a quench at T = 0 and run k of geometric cooling must see the
// same random numbers at the same moments and update the same units in
// the same order, sweep by sweep: the schedule is the only difference.
// A T = 0 update records NoDraw, since its number decides nothing.
func TestMatchedStreamsAcrossTemperatures(t *testing.T) {
	l := AnnealingLandscape()
	const sweeps = 60
	type trace struct {
		log    [][2]uint64
		orders [][]int
		units  []int
		run    Run
	}
	play := func(sched Schedule, k int) trace {
		var c *Chain
		rec := &recordingSource{src: runSource(l.Seed, k), chain: &c}
		rng := rand.New(rec)
		start := make([]int8, l.Net.N)
		RandomState(start, rng)
		a := NewAnnealer(l.Net, start, sched, rng)
		c = a.Chain
		var tr trace
		for !a.Done() {
			T, _ := a.Step()
			tr.orders = append(tr.orders, append([]int(nil), c.order...))
			if T == 0 {
				require.Equal(t, NoDraw, c.Last.Draw)
			} else {
				require.Equal(t, rec.log[len(rec.log)-1][1]&(1<<53-1), uint64(c.Last.Draw*(1<<53)), "the last number drawn is the last Draw")
			}
		}
		tr.log = rec.log
		a.Polish()
		tr.run = RaceRun(l.Net, l.Patterns, sched, l.Seed, k, false)
		require.Equal(t, tr.run.Final, a.Chain.State(), "the recorded run is the race's run %d", k)
		return tr
	}
	differ := 0
	for k := range 20 {
		q := play(Quench(0, sweeps), k)
		g := play(Schedule{Cooling: Geometric, T0: l.T0, T1: l.T1, Sweeps: sweeps}, k)
		require.Equal(t, q.orders, g.orders, "run %d: same units in the same order", k)
		require.Equal(t, q.log, g.log, "run %d: same numbers at the same moments", k)
		require.Len(t, q.log, len(g.log))
		updates := 0
		for _, e := range q.log {
			if int(e[0]) > updates {
				updates = int(e[0])
			}
		}
		require.Equal(t, sweeps*l.Net.N-1, updates, "every update drew")
		if String(q.run.Final) != String(g.run.Final) {
			differ++
		}
	}
	assert.Positive(t, differ, "the schedules still end in different places")
}
