package scenes

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/sim"
)

// waitDone waits for j to finish, failing after a minute.
func waitDone(t *testing.T, j Job) {
	t.Helper()
	for start := time.Now(); !j.Done(); time.Sleep(5 * time.Millisecond) {
		require.Less(t, time.Since(start), time.Minute, "%s did not finish", j.Name())
	}
}

// cancelAll cancels what a test's scenes still have under way.
func cancelAll(ss ...Scene) {
	for _, s := range ss {
		cancelJobs(s)
	}
}

// No scene starts anything in its constructor or when a state is
// restored into it off screen: the Manager makes such scenes only to
// compare states or check names, and drops them.
func TestNothingStartsBeforeActivate(t *testing.T) {
	for _, e := range Registry() {
		s := e.New(1)
		assert.Empty(t, s.Jobs(), "%s starts work in its constructor", e.Name)
		if st, err := s.State(); err == nil {
			require.NoError(t, s.SetState(st))
			assert.Empty(t, s.Jobs(), "%s starts work when a state is restored", e.Name)
		}
	}
	c := newCapacity(1).(*capacity)
	assert.Nil(t, c.sweepJob)
	assert.Nil(t, c.sweep)

	// A restored race waits for the scene to come on screen, and the
	// state says there is one meanwhile.
	a := newAnnealing(1).(*annealing)
	a.sweeps.Set(10)
	a.startRace()
	st, err := a.State()
	require.NoError(t, err)
	cancelAll(a)
	b := newAnnealing(1).(*annealing)
	require.NoError(t, b.SetState(st))
	assert.Nil(t, b.raceJob)
	assert.Empty(t, b.Jobs())
	again, err := b.State()
	require.NoError(t, err)
	assert.JSONEq(t, string(st.Data), string(again.Data))
	b.Activate(nil)
	require.NotNil(t, b.raceJob)
	waitDone(t, b.raceJob)
	b.syncRace()
	assert.True(t, b.raceFinished())
	cancelAll(b)
}

// The scenes list every computation they run beside the frames, while it
// runs, and no longer once it is done; a task's progress starts at 0 and
// ends at 1.
func TestJobsListRunningTasks(t *testing.T) {
	h := newHarness(t, "capacity", 1280, 800)
	c := h.s.(*capacity)
	require.NotNil(t, c.sweepJob, "Activate starts the experiment")
	job := c.sweepJob
	assert.Contains(t, c.Jobs(), Job(job))
	assert.Less(t, job.Progress(), 1.0)
	c.side.Set(10) // 100 units keep the test quick
	c.measure()
	assert.True(t, job.Done() || !slices.Contains(c.Jobs(), Job(job)), "the replaced experiment is not listed")
	job = c.sweepJob
	assert.Equal(t, []Job{job}, c.Jobs())
	for start := time.Now(); !job.Done(); time.Sleep(time.Millisecond) {
		require.Less(t, time.Since(start), time.Minute)
		h.step(t) // the experiment runs while the scene is on screen
	}
	assert.Equal(t, 1.0, job.Progress())
	assert.Empty(t, c.Jobs())

	ha := newHarness(t, "annealing", 1280, 800)
	a := ha.s.(*annealing)
	defer cancelAll(a)
	if a.graphJob != nil && !a.graphJob.Done() {
		assert.Contains(t, a.Jobs(), Job(a.graphJob))
	}
	a.startRace()
	race := a.raceJob
	require.NotNil(t, race)
	assert.Contains(t, a.Jobs(), Job(race), "the race is listed while it runs")
	waitDone(t, race)
	assert.Equal(t, 1.0, race.Progress())
	assert.NotContains(t, a.Jobs(), Job(race))
	if a.graphJob != nil {
		waitDone(t, a.graphJob)
		assert.Equal(t, 1.0, a.graphJob.Progress())
		assert.Empty(t, a.Jobs())
	}
}

// progressOf runs work to its end in this goroutine and returns every
// fraction it reported.
func progressOf(t *testing.T, work Work) []float64 {
	t.Helper()
	var got []float64
	_, err := work(context.Background(), func(f float64) { got = append(got, f) }, nil)
	require.NoError(t, err)
	return got
}

// climbs checks that reported fractions rise from near 0 to exactly 1,
// never going back, through values in between.
func climbs(t *testing.T, got []float64) {
	t.Helper()
	require.Greater(t, len(got), 3)
	assert.Less(t, got[0], 0.5)
	assert.Equal(t, 1.0, got[len(got)-1])
	assert.True(t, slices.IsSorted(got), "progress never goes back")
	for _, f := range got {
		assert.True(t, f >= 0 && f <= 1, "%v is a fraction", f)
	}
}

// The race reports the fraction of its runs done, and the capacity
// experiment the fraction of its trials finished.
func TestJobsReportProgress(t *testing.T) {
	a := newAnnealing(1).(*annealing)
	a.land.Runs = 12
	a.sweeps.Set(20)
	race := []sim.StrategyResult{
		{Strategy: sim.Strategy{Name: "quench", Schedule: a.schedule(sim.Constant)}, Runs: make([]sim.Run, a.land.Runs)},
		{Strategy: sim.Strategy{Name: "geometric", Schedule: a.schedule(sim.Geometric)}, Runs: make([]sim.Run, a.land.Runs)},
	}
	got := progressOf(t, a.raceWork(race, a.raceGen))
	climbs(t, got)
	assert.Len(t, got, 2*a.land.Runs, "one report per run")
	assert.Equal(t, 2*a.land.Runs, a.raceDone)

	c := newCapacity(1).(*capacity)
	c.seen.Store(math.MaxInt64) // as if on screen throughout
	sw, err := sim.NewCapacitySweep(sim.CapacityConfig{N: 25, Alphas: []float64{0.04, 0.12, 0.2}, Rules: sim.Rules(), Trials: 3, Flip: 0.05, Seed: 1})
	require.NoError(t, err)
	got = progressOf(t, c.sweepWork(sw, c.gen))
	climbs(t, got)
	assert.True(t, sw.Done())
	assert.Equal(t, sw.Total(), c.latest.finished)
}

// A scene the Manager replaces, or drops with a new seed, has its
// computations cancelled; the scene that takes its place starts its own.
func TestManagerCancelsDroppedScenesJobs(t *testing.T) {
	h := newHarness(t, "capacity", 1280, 800)
	old := h.s.(*capacity)
	job := old.sweepJob
	require.NotNil(t, job)
	st, err := h.m.State()
	require.NoError(t, err)
	require.NoError(t, h.m.applyState(st))
	now := h.m.Scene().(*capacity)
	require.NotSame(t, old, now)
	waitDone(t, job)
	_, err = job.Result()
	assert.ErrorIs(t, err, context.Canceled)
	require.NotNil(t, now.sweepJob, "the new scene measures")

	job = now.sweepJob
	st.Seed = 2
	require.NoError(t, h.m.applyState(st))
	waitDone(t, job)
	_, err = job.Result()
	assert.ErrorIs(t, err, context.Canceled, "a new seed drops every scene")
	cancelAll(h.m.Scene())
}

// A shared task goes on while any holder still wants it, and stops once
// the last lets go; the next to ask then starts it afresh.
func TestSharedTaskOutlivesOneHolder(t *testing.T) {
	release := make(chan struct{})
	work := func(ctx context.Context, progress func(float64), pause func()) (any, error) {
		select {
		case <-release:
			return 42, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	key := "test:" + t.Name()
	a, b := sharedTask(key, work), sharedTask(key, work)
	require.Same(t, a.task, b.task, "one computation")
	a.Cancel()
	a.Cancel() // a holder lets go once
	assert.False(t, b.Done(), "b still holds it")
	close(release)
	waitDone(t, b)
	res, err := b.Result()
	require.NoError(t, err)
	assert.Equal(t, 42, res)
	b.Cancel()
	c := sharedTask(key, work)
	assert.Same(t, b.task, c.task, "a finished result is kept")
	c.Cancel()

	stuck := "test:" + t.Name() + ":stuck"
	block := func(ctx context.Context, progress func(float64), pause func()) (any, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	d := sharedTask(stuck, block)
	d.Cancel()
	e := sharedTask(stuck, block)
	assert.NotSame(t, d.task, e.task, "a task every holder let go of is not handed out again")
	waitDone(t, d)
	e.Cancel()
	waitDone(t, e)
}
