package scenes

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// capacity is scene 8: a Hopfield net of 100 to 400 units storing P random
// patterns, one recall watched sweep by sweep, and an experiment that
// measures recall against the load α = P/N for three storage rules.
type capacity struct {
	base
	seed uint64
	runs uint64 // how many single trials were started, for their seeds

	noteMemo ui.Memo[noteState] // the note under the curves
	steps    int                // steps the trial on screen has made
	rule     sim.Rule

	trial  *sim.Trial // the single recall on screen
	result string
	ok     bool

	// The experiment runs beside the frames (on another core on the
	// desktop, between frames in the browser) and the frames draw a copy
	// of its tallies taken at the start of each tick.
	sweep     *sim.CapacitySweep
	sweepJob  *task
	sweepErr  error
	sweepDone bool
	tally     sweepView    // this tick's copy
	viewMu    sync.Mutex   // guards latest and gen
	latest    sweepView    // the experiment's latest tallies
	gen       int          // which experiment may write latest
	seen      atomic.Int64 // when the scene last had a tick, in Unix nanoseconds

	rules              [3]ui.Button
	side, load, flip   ui.Slider
	fresh, cue, remeas ui.Button

	gridBox, chipBox, runRow, miniBox ui.Rect
	reads                             [3]ui.Rect
	readNote                          ui.Rect
	plotBox, legendBox, noteBox       ui.Rect
	expPanel                          *ui.Node
}

// sweepView is what the frames show of the experiment.
type sweepView struct {
	points               []sim.CapacityPoint
	rules, loads, trials int
	finished, total      int
	done                 bool
	err                  error
}

// point returns the tally of rule r at load index a.
func (v *sweepView) point(r, a int) sim.CapacityPoint { return v.points[r*v.loads+a] }

// Capacity settings: the experiment's loads and its trials per point.
const (
	capAlphaStep = 0.04
	capAlphaMax  = 0.80
	capTrials    = 10
)

// capacityKeys are the Capacity scene's own keys.
var capacityKeys = ui.Keymap{
	{ID: "hebb", Key: ebiten.KeyY, Label: "Y", Does: "the Hebbian rule"},
	{ID: "storkey", Key: ebiten.KeyK, Label: "K", Does: "Storkey's rule"},
	{ID: "pinv", Key: ebiten.KeyV, Label: "V", Does: "the pseudo-inverse rule"},
	{ID: "new", Key: ebiten.KeyN, Label: "N", Does: "new random patterns"},
	{ID: "cue", Key: ebiten.KeyC, Label: "C", Does: "cue another stored pattern"},
	{ID: "measure", Key: ebiten.KeyM, Label: "M", Does: "measure the curves again"},
}

// ruleNames are how the scene names the storage rules, in sim.Rule order.
var ruleNames = [3]string{"Hebbian", "Storkey", "pseudo-inverse"}

func newCapacity(seed uint64) Scene {
	c := &capacity{seed: seed, rule: sim.HebbRule}
	for r, id := range [3]string{"hebb", "storkey", "pinv"} {
		c.rules[r] = ui.Button{ID: id, Label: ruleNames[r]}
	}
	c.side = ui.Slider{ID: "units", Label: "Units N", Min: 10, Max: 20, Value: 20, Integer: true,
		Format: func(v float64) string { return ui.Fmt("%.0f (%.0f×%.0f)", v*v, v, v) }}
	c.load = ui.Slider{ID: "load", Label: "Load α = P/N", Min: 0.01, Max: 0.8, Value: 0.1,
		Format: func(v float64) string { return ui.Fmt("%.3f", v) }}
	c.flip = ui.Slider{ID: "flip", Label: "Cue: units flipped", Min: 0, Max: 0.5, Value: 0.05,
		Format: func(v float64) string { return ui.Fmt("%.0f%%", 100*v) }}
	c.fresh = ui.Button{ID: "new", Label: "New patterns"}
	c.cue = ui.Button{ID: "cue", Label: "Cue another"}
	c.remeas = ui.Button{ID: "measure", Label: "Measure again"}
	t := ui.NewTransport(0.1, 50, 1)
	t.Speed.Label = "Speed (steps per frame)"
	c.setup(t, capacityKeys, &c.rules[0], &c.rules[1], &c.rules[2], &c.side, &c.load, &c.flip, &c.fresh, &c.cue, &c.remeas)
	c.region("grid", &c.gridBox)

	left := ui.Col(ui.Gap,
		ui.Section("", nil, ui.Col(ui.GapS, ui.Leaf(&c.gridBox).Aspect(1).MinH(200).NoGrow(), ui.Leaf(&c.chipBox).H(30))).NoGrow(),
		ui.Row(ui.GapS, ui.Leaf(&c.rules[0].Rect), ui.Leaf(&c.rules[1].Rect), ui.Leaf(&c.rules[2].Rect)).H(36),
		ui.Leaf(&c.side.Rect).H(ui.SliderH),
		ui.Leaf(&c.load.Rect).H(ui.SliderH),
		ui.Leaf(&c.flip.Rect).H(ui.SliderH),
		ui.Row(ui.Gap, ui.Leaf(&c.fresh.Rect), ui.Leaf(&c.cue.Rect)).H(ui.ButtonH),
		ui.Leaf(&c.runRow).H(ui.ButtonH),
		ui.Leaf(&t.Speed.Rect).H(ui.SliderH),
	).W(360)
	c.expPanel = ui.Section("Recall against load", nil, ui.Col(ui.Gap,
		ui.Leaf(&c.plotBox).MinH(260),
		ui.Leaf(&c.legendBox).H(22),
		ui.Row(ui.Gap, ui.Leaf(nil), ui.Leaf(&c.remeas.Rect).W(180)).H(ui.ButtonH),
		ui.Para(&c.noteBox, ui.Small, c.note),
	))
	right := ui.Col(ui.GapL,
		ui.Section("This recall", nil, ui.Col(ui.GapS,
			ui.Flow(520, ui.GapL, ui.Leaf(&c.miniBox).W(80).H(80).MinH(80),
				ui.Row(ui.Gap, ui.Leaf(&c.reads[0]), ui.Leaf(&c.reads[1]), ui.Leaf(&c.reads[2])).MinH(56)),
			ui.Para(&c.readNote, ui.Small, func() string { return capReadNote }))).NoGrow(),
		c.expPanel,
	)
	c.root = ui.Flow(1000, ui.GapL, left, right)
	c.newTrial()
	return c
}

// Activate starts the experiment the first time the scene comes on
// screen, and again after a reset or a restored state dropped the last
// one; a scene that is never shown measures nothing.
func (c *capacity) Activate(*Context) {
	c.seen.Store(time.Now().UnixNano())
	if c.sweep == nil && c.sweepErr == nil {
		c.measure()
	}
}

// Jobs implements Scene: the experiment, while it runs.
func (c *capacity) Jobs() []Job {
	if c.sweepJob == nil || c.sweepJob.Done() {
		return nil
	}
	return []Job{c.sweepJob}
}

// capReadNote says what the small picture is.
const capReadNote = "The small picture is the stored pattern being recalled; the grid is the network's state."

// n is the number of units the sliders ask for.
func (c *capacity) n() int { s := int(c.side.Value); return s * s }

// p is the number of patterns of the load the slider asks for, at least one
// and, for the pseudo-inverse rule, at most N.
func (c *capacity) p() int { return max(1, sim.LoadPatterns(c.n(), c.load.Value)) }

// newTrial draws new patterns for the single recall and stores them.
func (c *capacity) newTrial() {
	c.runs++
	rng := rand.New(rand.NewPCG(c.seed, 0xcab0+c.runs))
	t, err := sim.NewTrial(sim.TrialConfig{N: c.n(), P: c.p(), Rule: c.rule, Flip: c.flip.Value}, rng)
	if err != nil {
		c.result, c.ok = err.Error(), false
		return
	}
	c.trial, c.result, c.steps = t, "", 0
	c.SetRunning(false)
}

// measure starts the experiment again for the network size and cue the
// sliders ask for.
func (c *capacity) measure() {
	var alphas []float64
	for a := capAlphaStep; a <= capAlphaMax+1e-9; a += capAlphaStep {
		alphas = append(alphas, math.Round(a*100)/100)
	}
	c.stopSweep()
	c.sweep, c.sweepErr = sim.NewCapacitySweep(sim.CapacityConfig{N: c.n(), Alphas: alphas, Rules: sim.Rules(),
		Trials: capTrials, Flip: c.flip.Value, Seed: c.seed})
	c.sweepDone = c.sweepErr != nil
	c.tally = sweepView{points: c.tally.points[:0]}
	if c.sweepDone {
		return
	}
	sw := c.sweep
	c.viewMu.Lock()
	c.gen++
	gen := c.gen
	c.latest = sweepView{}
	c.latest.rules, c.latest.loads, c.latest.trials = sw.Sizes()
	c.latest.total = sw.Total()
	c.viewMu.Unlock()
	c.sweepJob = startTask("the capacity experiment", c.sweepWork(sw, gen))
	c.syncSweep()
}

// sweepWork steps the experiment sw to its end, copying its tallies into
// latest after every step for as long as it is the scene's (generation
// gen), and reports the fraction of its trials finished.
func (c *capacity) sweepWork(sw *sim.CapacitySweep, gen int) Work {
	return func(ctx context.Context, progress func(float64), pause func()) (any, error) {
		total := float64(max(1, sw.Total()))
		for ctx.Err() == nil {
			// The experiment goes on only while the scene is on screen;
			// hidden, it waits and leaves the machine (or the page's one
			// thread) to what is.
			if time.Since(time.Unix(0, c.seen.Load())) > 250*time.Millisecond {
				time.Sleep(50 * time.Millisecond)
				continue
			}
			done := sw.Step()
			c.viewMu.Lock()
			if c.gen != gen {
				c.viewMu.Unlock()
				return nil, nil // a newer experiment has replaced this one
			}
			c.latest.points = sw.AppendPoints(c.latest.points[:0])
			c.latest.finished, c.latest.done, c.latest.err = sw.Finished(), done, sw.Err()
			c.viewMu.Unlock()
			progress(float64(sw.Finished()) / total)
			if done {
				return nil, nil
			}
			if pause != nil {
				pause()
			}
		}
		return nil, ctx.Err()
	}
}

// measureLater drops the experiment, so that the next tick the scene is
// on screen (Activate or Update) starts it afresh for the sliders; a
// scene that is reset or restored off screen starts nothing.
func (c *capacity) measureLater() {
	c.stopSweep()
	c.sweep, c.sweepErr, c.sweepDone = nil, nil, false
	c.tally = sweepView{points: c.tally.points[:0]}
}

// stopSweep cancels the experiment in progress; it stops after the step
// it is making and no longer touches what the scene shows.
func (c *capacity) stopSweep() {
	if c.sweepJob == nil {
		return
	}
	c.sweepJob.Cancel()
	c.viewMu.Lock()
	c.gen++
	c.viewMu.Unlock()
	c.sweepJob = nil
}

// syncSweep copies the experiment's latest tallies for this tick's
// drawing and notes when it has finished. The experiment holds the lock
// only while it copies them in, never while it steps, so a frame never
// waits for a step.
func (c *capacity) syncSweep() {
	c.seen.Store(time.Now().UnixNano())
	if c.sweepJob == nil {
		return
	}
	c.viewMu.Lock()
	pts := append(c.tally.points[:0], c.latest.points...)
	c.tally = c.latest
	c.tally.points = pts
	c.viewMu.Unlock()
	if c.tally.done {
		c.sweepDone, c.sweepErr = true, c.tally.err
	}
}

// Reset implements Scene.
func (c *capacity) Reset() string {
	c.side.Set(20)
	c.load.Set(0.1)
	c.flip.Set(0.05)
	c.rule = sim.HebbRule
	c.runs = 0
	c.newTrial()
	c.measureLater()
	return "Reset: 400 units, α = 0.1, 5% of the cue flipped, the Hebbian rule"
}

// Busiest runs the single recall at top speed while the experiment is
// measured.
func (c *capacity) Busiest() {
	c.base.Busiest()
	if c.sweepDone {
		c.measure()
	}
}

func (c *capacity) Title() string { return "Capacity" }

func (c *capacity) Caption() string {
	return "How many memories fit? Store P random patterns in N units and measure recall as the load α = P/N grows."
}

func (c *capacity) Help() string {
	return "The grid is a Hopfield network of N units (100 to 400) storing P random ±1 patterns. A recall starts from one stored pattern with a fraction of its units flipped and updates every unit at zero temperature, one sweep at a time in a random order, until a sweep changes nothing. The overlap m is the fraction of units that agree with the pattern minus the fraction that disagree: 1 is perfect recall; a recall counts when m is at least 0.95.\n" +
		"The curves measure this over many trials for every load, for three ways of setting the weights. The Hebbian rule adds ξ_i ξ_j/N for every pattern; for random patterns in a very large network it stops recalling near α = 0.138, marked on the plot. In a network of a few hundred units the drop is a slope rather than a cliff, and a cue that starts close to its pattern can still be pulled back a little past that load, so the measured curve crosses 50% somewhat later. Storkey's rule subtracts the part of each new pattern the old ones already predict, and holds on to far higher loads. The pseudo-inverse (projection) rule makes every stored pattern a fixed point as long as P < N; what limits it is that the valleys around the patterns narrow as P grows, until a cue this far off no longer rolls back.\n" +
		"Change N, the load or the cue and press New patterns to watch one recall; Measure again runs the experiment for the new N and cue. Each point shows the share of recalls with its 95% interval."
}

func (c *capacity) Update(ctx *Context) error {
	in := ctx.In
	c.place()
	if r := c.choose(in, c.rules[:], int(c.rule)); r >= 0 {
		c.rule = sim.Rule(r)
		c.newTrial()
	}
	if c.slid(in, &c.side, &c.load, &c.flip) {
		c.newTrial()
	}
	if c.pressed(in, &c.fresh) {
		c.newTrial()
	}
	if c.pressed(in, &c.cue) && c.trial != nil {
		// The same patterns (the same recall number seeds them), the next
		// one cued.
		next := (c.trial.Cue() + 1) % c.trial.Config().P
		c.runs--
		c.newTrial()
		if c.trial != nil {
			c.trial.SetCue(next)
		}
	}
	if c.pressed(in, &c.remeas) || (c.sweep == nil && c.sweepErr == nil) {
		c.measure()
	}
	c.syncSweep()
	return nil
}

// Simulate makes the tick's steps of the recall on screen.
func (c *capacity) Simulate(ctx *Context) {
	for k := 0; ctx.More(k) && c.trial != nil && c.result == ""; k++ {
		c.stepTrial()
	}
}

// stepTrial makes one step of the recall on screen.
func (c *capacity) stepTrial() {
	c.steps++
	if c.trial.Step() {
		c.finishTrial()
	}
}

// finishTrial names the outcome of the single recall.
func (c *capacity) finishTrial() {
	c.SetRunning(false)
	if err := c.trial.Err(); err != nil {
		c.result, c.ok = err.Error(), false
		return
	}
	r := c.trial.Result()
	c.ok = r.Recalled
	verdict := "recalled"
	if !r.Recalled {
		verdict = "not recalled"
	}
	c.result = fmt.Sprintf("%s: m = %+.3f after %s", verdict, r.Overlap, plural(r.Sweeps, "sweep", "sweeps"))
}

// place derives the rectangles that follow from the layout's.
func (c *capacity) place() {
	c.transport.Place(c.runRow, c.transport.Speed.Rect)
}

// note explains the plot's marks and the measured crossings.
func (c *capacity) note() string {
	k := noteState{sweep: c.sweep, finished: -1}
	if c.sweep != nil {
		k.finished = c.tally.finished
	}
	if c.sweepErr != nil {
		k.err = c.sweepErr.Error()
	}
	return c.noteMemo.Get(k, func(noteState) string { return c.makeNote() })
}

// noteState is what the note under the curves depends on.
type noteState struct {
	sweep    *sim.CapacitySweep
	finished int
	err      string
}

func (c *capacity) makeNote() string {
	s := "Dots: the share of recalls (m ≥ 0.95) at each load, with 95% intervals once three trials are in; lines join them. The dashed line marks α = 0.138, the Hebbian limit of a very large network."
	if c.sweep == nil {
		return s
	}
	cross := ""
	for r := range sim.Rules() {
		if a, ok := c.crossing(r); ok {
			cross += fmt.Sprintf(" %s near α = %.2f;", ruleNames[r], a)
		}
	}
	if cross != "" {
		s += " Measured here, recall falls through 50%:" + cross[:len(cross)-1] + "."
	}
	if c.sweepErr != nil {
		s += " The experiment stopped: " + c.sweepErr.Error()
	}
	return s
}

// crossing returns the load at which rule r's measured recall first falls
// through one half, interpolated between the two loads around it, once
// every trial at both is in.
func (c *capacity) crossing(r int) (float64, bool) {
	v := &c.tally
	if len(v.points) == 0 {
		return 0, false
	}
	for a := 1; a < v.loads; a++ {
		p0, p1 := v.point(r, a-1), v.point(r, a)
		if p0.Trials < v.trials || p1.Trials < v.trials {
			return 0, false
		}
		y0, y1 := p0.RecallRate(), p1.RecallRate()
		if y0 >= 0.5 && y1 < 0.5 {
			return p0.Alpha + (p1.Alpha-p0.Alpha)*(y0-0.5)/(y0-y1), true
		}
	}
	return 0, false
}
