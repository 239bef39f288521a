package scenes

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// annealing is scene 4: a landscape with real traps, a single descent
// drawn as it cools and marked on the landscape's disconnectivity graph,
// and a race of quenching against annealing on matched random streams.
type annealing struct {
	base
	land    sim.Landscape
	cooling sim.Cooling
	cells   ui.Rects // the race's dots, drawn in one call

	captionText ui.Memo[*sim.Disconnectivity]
	noteMemo    ui.Memo[noteKey]

	// The single descent on screen.
	descent  *sim.Annealer
	run      int // which race run the descent replays (same start, same seed)
	result   string
	resultOK bool
	energy   *ui.Series
	temp     *ui.Series
	pinE     *ui.Series
	pinT     *ui.Series
	ePlot    ui.Plot
	tPlot    ui.Plot

	// The race, computed a few runs per frame.
	race     []sim.StrategyResult
	raceNext int // jobs done so far, as of this tick; job j is run j/len(race) of strategy j%len(race)
	// The race runs beside the frames (another core on the desktop,
	// between frames in the browser), writing each run into race and
	// counting it in raceDone under raceMu; a tick copies the count.
	raceJob  *task
	raceMu   sync.Mutex
	raceDone int
	raceGen  int // which race may write
	// raceWanted: a restored state had a race, which starts once the
	// scene is on screen.
	raceWanted bool
	hist       raceHistogram // the finished race's final energies, counted once
	raceShown  bool

	// The landscape's disconnectivity graph, computed once per process
	// beside the frames.
	graphJob *sharedJob
	graph    *sim.Disconnectivity
	graphErr error
	graphLay graphLayout

	coolings [4]ui.Button
	t0, t1   ui.Slider
	sweeps   ui.Slider
	quenchT  ui.Slider
	single   ui.Button
	pin      ui.Button
	raceBtn  ui.Button
	export   ui.Button
	grid     ui.UnitGrid

	// Rectangles the layout fills in.
	gridBox, statusBox, memBox, stratBox ui.Rect
	runRow, noteBox, raceBox, graphBox   ui.Rect
	graphText                            ui.Rect
	racePanel, graphPanel                *ui.Node
}

// annealingKeys are the Annealing scene's own keys.
var annealingKeys = ui.Keymap{
	{ID: "descent", Key: ebiten.KeyD, Label: "D", Does: "run a single descent"},
	{ID: "pin", Key: ebiten.KeyP, Label: "P", Does: "pin the trace"},
	{ID: "race", Key: ebiten.KeyA, Label: "A", Does: "race"},
	{ID: "export", Key: ebiten.KeyE, Label: "E", Does: "export the race as CSV"},
	{ID: "quench", Key: ebiten.KeyQ, Label: "Q", Does: "quench"},
	{ID: "geometric", Key: ebiten.KeyG, Label: "G", Does: "geometric cooling"},
	{ID: "linear", Key: ebiten.KeyL, Label: "L", Does: "linear cooling"},
	{ID: "log", Key: ebiten.KeyO, Label: "O", Does: "logarithmic cooling"},
}

// coolingIDs are the strategy buttons' IDs, in sim.Cooling order.
var coolingIDs = [4]string{"quench", "geometric", "linear", "log"}

func newAnnealing(seed uint64) Scene {
	a := &annealing{land: sim.AnnealingLandscape(), cooling: sim.Geometric}
	a.land.Seed = seed
	l := a.land
	for c := range a.coolings {
		a.coolings[c] = ui.Button{ID: coolingIDs[c], Label: sim.Cooling(c).String()}
	}
	a.t0 = ui.Slider{ID: "t0", Label: "Start temperature T0", Min: 0.1, Max: 50, Value: l.T0, Log: true, Format: fmtT}
	a.t1 = ui.Slider{ID: "t1", Label: "End temperature T1", Min: 0.01, Max: 10, Value: l.T1, Log: true, Format: fmtT}
	a.sweeps = ui.Slider{ID: "sweeps", Label: "Sweeps", Min: 10, Max: 3000, Value: float64(l.Sweeps), Log: true, Integer: true}
	a.quenchT = ui.Slider{ID: "quench-t", Label: "Quench temperature", Min: 0, Max: 4, Value: l.QuenchT, Format: fmtT}
	a.single = ui.Button{ID: "descent", Label: "Run a single descent", Primary: true}
	a.pin = ui.Button{ID: "pin", Label: "Pin trace"}
	a.raceBtn = ui.Button{ID: "race", Label: fmt.Sprintf("Race %d runs each", l.Runs), Primary: true}
	a.export = ui.Button{ID: "export", Label: "Export race CSV"}
	t := ui.NewTransport(0.2, 200, 3)
	t.Speed.Label = "Speed (sweeps per frame)"
	a.energy = ui.NewSeries("energy", ui.Warm, 4000)
	a.temp = ui.NewSeries("temperature", ui.Accent, 4000)
	a.pinE = ui.NewSeries("pinned", ui.WithAlpha(ui.TextDim, 0.55), 4000)
	a.pinT = ui.NewSeries("pinned", ui.WithAlpha(ui.TextDim, 0.55), 4000)
	a.ePlot = ui.Plot{Title: "Energy", XLabel: "", Series: []*ui.Series{a.pinE, a.energy}}
	a.tPlot = ui.Plot{Title: "Temperature", XLabel: "sweeps", Series: []*ui.Series{a.pinT, a.temp}, FixedY: true}
	a.grid = ui.UnitGrid{Cols: l.Cols, Rows: l.Rows, Selected: -1, Recent: -1}
	a.setup(t, annealingKeys, &a.coolings[0], &a.coolings[1], &a.coolings[2], &a.coolings[3],
		&a.t0, &a.t1, &a.sweeps, &a.quenchT, &a.single, &a.pin, &a.export, &a.raceBtn)

	left := ui.Col(ui.GapL,
		// The stored letters and their inverses sit beside the grid, in
		// the room its 4:5 shape leaves, so that the whole scene fits a
		// laptop's screen without scrolling.
		ui.Section("", nil, ui.Col(ui.GapS,
			ui.Row(ui.GapL, ui.Leaf(&a.gridBox).MinH(180), ui.Leaf(&a.memBox).W(140)),
			ui.Leaf(&a.statusBox).H(24))).NoGrow(),
		ui.Section("The race", nil, ui.Leaf(&a.raceBox).MinH(250)),
	).W(330)
	a.racePanel = left.Child(1)
	middle := ui.Col(ui.GapL,
		ui.Leaf(&a.ePlot.Rect).MinH(140).NoGrow(),
		ui.Leaf(&a.tPlot.Rect).MinH(110).NoGrow(),
		ui.Section("Barriers: the disconnectivity graph", nil, ui.Col(ui.GapS,
			ui.Leaf(&a.graphBox).MinH(210), ui.Para(&a.graphText, ui.Small, a.graphCaption))),
	)
	a.graphPanel = middle.Child(2)
	right := ui.Col(ui.Gap,
		ui.Leaf(&a.stratBox).H(18),
		ui.Row(ui.GapS, ui.Leaf(&a.coolings[0].Rect), ui.Leaf(&a.coolings[1].Rect), ui.Leaf(&a.coolings[2].Rect), ui.Leaf(&a.coolings[3].Rect)).H(36),
		ui.Leaf(&a.t0.Rect).H(ui.SliderH),
		ui.Leaf(&a.t1.Rect).H(ui.SliderH),
		ui.Leaf(&a.sweeps.Rect).H(ui.SliderH),
		ui.Leaf(&a.quenchT.Rect).H(ui.SliderH),
		ui.Leaf(&a.single.Rect).H(ui.ButtonH),
		ui.Row(ui.Gap, ui.Leaf(&a.pin.Rect), ui.Leaf(&a.export.Rect)).H(ui.ButtonH),
		ui.Leaf(&a.raceBtn.Rect).H(ui.ButtonH),
		ui.Leaf(&a.runRow).H(ui.ButtonH),
		ui.Leaf(&t.Speed.Rect).H(ui.SliderH),
		ui.Para(&a.noteBox, ui.Small, a.noteText),
	).W(330)
	a.root = ui.Flow(1100, ui.GapL, ui.Flow(720, ui.GapL, left, middle), right)
	a.region("graph", &a.graphBox)
	a.reset()
	return a
}

func fmtT(v float64) string { return ui.Fmt("%.3g", v) }

// Activate starts the disconnectivity graph the first time the scene is
// shown (it depends only on the landscape, so every Manager in the process
// shares one), and the race a restored state had.
func (a *annealing) Activate(*Context) {
	if a.raceWanted {
		a.startRace()
	}
	if a.graphJob != nil || a.land.Net.N > sim.MaxExactUnits {
		return
	}
	net, ps := a.land.Net, a.land.Patterns
	a.graphJob = sharedTask("annealing-graph:"+a.land.Name, func(ctx context.Context, progress func(float64), pause func()) (any, error) {
		return net.DisconnectivityPaced(ctx, ps, pause, progress)
	})
}

// Jobs implements Scene: the graph and the race, while they run.
func (a *annealing) Jobs() []Job {
	var jobs []Job
	if a.graphJob != nil && !a.graphJob.Done() {
		jobs = append(jobs, a.graphJob)
	}
	if a.raceJob != nil && !a.raceJob.Done() {
		jobs = append(jobs, a.raceJob)
	}
	return jobs
}

// pollGraph picks up the disconnectivity graph once its job is done.
func (a *annealing) pollGraph() {
	if a.graph != nil || a.graphJob == nil || !a.graphJob.Done() || a.graphErr != nil {
		return
	}
	res, err := a.graphJob.Result()
	if err != nil {
		a.graphErr = err
		return
	}
	a.graph = res.(*sim.Disconnectivity)
	a.graphLay = newGraphLayout(a.graph)
}

func (a *annealing) reset() {
	a.run = 0
	a.stopRace()
	a.pinE.Clear()
	a.pinT.Clear()
	a.startDescent()
	a.SetRunning(false)
}

// Reset implements Scene.
func (a *annealing) Reset() string {
	a.t0.Set(a.land.T0)
	a.t1.Set(a.land.T1)
	a.sweeps.Set(float64(a.land.Sweeps))
	a.quenchT.Set(a.land.QuenchT)
	a.cooling = sim.Geometric
	a.reset()
	return "Reset: the default schedules, run 0, no race"
}

// schedule returns the chosen strategy's schedule, clamped to what it can
// run: a cooling schedule never warms up.
func (a *annealing) schedule(c sim.Cooling) sim.Schedule {
	sw := int(a.sweeps.Value)
	if c == sim.Constant {
		return sim.Quench(a.quenchT.Value, sw)
	}
	t0 := math.Max(a.t0.Value, a.t1.Value)
	return sim.Schedule{Cooling: c, T0: t0, T1: a.t1.Value, Sweeps: sw}
}

// startDescent begins run a.run of the race again, from its own start and
// with its own random stream, under the chosen strategy.
func (a *annealing) startDescent() {
	rng := sim.RunRand(a.land.Seed, a.run)
	start := make([]int8, a.land.Net.N)
	sim.RandomState(start, rng)
	sched := a.schedule(a.cooling)
	a.descent = sim.NewAnnealer(a.land.Net, start, sched, rng)
	a.energy.Clear()
	a.temp.Clear()
	a.energy.Push(0, a.descent.E)
	a.result, a.resultOK = "", false
	a.ePlot.XSpan, a.tPlot.XSpan = float64(sched.Sweeps), float64(sched.Sweeps)
	top := math.Max(math.Max(a.t0.Value, a.t1.Value), a.quenchT.Value)
	a.tPlot.YMin, a.tPlot.YMax = 0, top*1.05+1e-9
}

// startRace queues every run of the two strategies: the quench and the
// chosen cooling (or geometric cooling, if the quench is chosen).
func (a *annealing) startRace() {
	other := a.cooling
	if other == sim.Constant {
		other = sim.Geometric
	}
	strategies := []sim.Strategy{
		{Name: "quench", Schedule: a.schedule(sim.Constant)},
		{Name: other.String(), Schedule: a.schedule(other)},
	}
	a.stopRace()
	race := make([]sim.StrategyResult, len(strategies))
	for s, st := range strategies {
		race[s] = sim.StrategyResult{Strategy: st, Runs: make([]sim.Run, a.land.Runs)}
	}
	a.race, a.raceNext = race, 0
	a.raceMu.Lock()
	gen := a.raceGen
	a.raceDone = 0
	a.raceMu.Unlock()
	a.raceJob = startTask("the race", a.raceWork(race, gen))
}

// raceWork computes every run of race, in job order, writing each into
// race and counting it in raceDone for as long as race is the scene's
// (generation gen), and reports the fraction of runs done. Run k of both
// strategies comes from sim.RaceRun with the same seed and k, so the two
// start from the same state with the same random numbers.
func (a *annealing) raceWork(race []sim.StrategyResult, gen int) Work {
	net, pats, seed, jobs := a.land.Net, a.land.Patterns, a.land.Seed, len(race)*a.land.Runs
	return func(ctx context.Context, progress func(float64), pause func()) (any, error) {
		for done := 0; done < jobs && ctx.Err() == nil; done++ {
			s, k := done%len(race), done/len(race)
			run := sim.RaceRun(net, pats, race[s].Strategy.Schedule, seed, k, false)
			a.raceMu.Lock()
			if a.raceGen != gen {
				a.raceMu.Unlock()
				return nil, nil
			}
			race[s].Runs[k] = run
			a.raceDone = done + 1
			a.raceMu.Unlock()
			progress(float64(done+1) / float64(jobs))
			if pause != nil {
				pause()
			}
		}
		return nil, ctx.Err()
	}
}

// stopRace stops the race in progress; after it returns the race's runs
// are no longer written.
func (a *annealing) stopRace() {
	a.raceWanted = false
	a.raceMu.Lock()
	a.raceGen++
	a.raceMu.Unlock()
	if a.raceJob != nil {
		a.raceJob.Cancel()
		a.raceJob = nil
	}
	a.race = nil
}

// syncRace takes this tick's count of finished runs.
func (a *annealing) syncRace() {
	a.raceMu.Lock()
	a.raceNext = a.raceDone
	a.raceMu.Unlock()
}

// raceJobs is the number of runs in the race, over all strategies.
func (a *annealing) raceJobs() int { return len(a.race) * a.land.Runs }

// raceRunDone reports whether run k of strategy s has been computed: jobs
// run in order, so that is whether its job number is below raceNext.
func (a *annealing) raceRunDone(s, k int) bool { return k*len(a.race)+s < a.raceNext }

func (a *annealing) raceFinished() bool { return a.race != nil && a.raceNext >= a.raceJobs() }

// SetRunning starts or stops the single descent; starting also starts a
// race, so that -run shows the whole scene at work.
func (a *annealing) SetRunning(on bool) {
	a.base.SetRunning(on)
	if on && a.race == nil {
		a.startRace()
	}
}

// Busiest runs a descent at top speed while a race is computed.
func (a *annealing) Busiest() {
	a.base.Busiest()
	a.startRace()
}

func (a *annealing) Title() string { return "Annealing" }

// annealingQuenchRate and annealingCoolRate are the shares of the default
// race, seed 1, that end in a stored letter or its inverse, as boltzexp
// race -summary prints them (0.3750 and 0.9850); a test holds them to sim.
const (
	annealingQuenchRate = "37.5%"
	annealingCoolRate   = "98.5%"
)

func (a *annealing) Caption() string {
	return "Start hot, cool slowly, land deep. In the default race (seed 1), " + annealingQuenchRate + " of 200 quenches at T = 0 end in a stored letter or its inverse, against " + annealingCoolRate + " of 200 geometric coolings."
}

func (a *annealing) Help() string {
	l := a.land
	names := make([]string, len(l.Patterns))
	for k, p := range l.Patterns {
		names[k] = p.Name
	}
	valleys := "Every spurious valley is strict"
	if a.graph != nil && a.graphLay.strict {
		valleys = fmt.Sprintf("All %d spurious valleys are strict", a.graphLay.spurious)
	}
	return fmt.Sprintf("This network of %d units (%d rows of %d) stores the letters %s, and beside them, more weakly, %d random patterns, as other memories would leave crosstalk behind. With ±1 units and no biases, flipping every unit leaves the energy unchanged, so each letter's inverse, every unit flipped, is stored as deeply as the letter itself. Every weight is odd, so every local field is odd and no single flip is ever free. %s: a state is trapped in one until the temperature lets it climb, and the climb is real.\n", l.Net.N, l.Rows, l.Cols, strings.Join(names, " and "), len(l.Crosstalk), valleys) +
		fmt.Sprintf("The disconnectivity graph draws every valley as a leaf at its energy; two branches join at the energy of the lowest path between their valleys, found by visiting all 2^%d states in order of energy. The warm dot is the live descent: cooling slides it down a branch, and a climb over a barrier takes it up and across to another.\n", l.Net.N) +
		"Run a single descent to watch one run: the energy trace, and the temperature it followed. A quench holds one temperature; the cooling schedules start at T0 and fall to T1 over the sweeps, geometrically, linearly or logarithmically. Every run ends with a zero-temperature polish into the valley it is in. Pin a finished trace to compare the next one with it.\n" +
		"A quench can match cooling only at the right temperature: held at T = 3 and then polished, it ends in a letter or its inverse about as often as geometric cooling does; held at T = 1 it stays in the traps nearly as often as at T = 0, and held at T = 10 it wanders and ends worse than cooling. Cooling passes through the temperatures that work without having to know which they are.\n" +
		fmt.Sprintf("Race runs %d descents of the quench and %d of the chosen cooling. Run k of each starts from the same random state, updates the same units in the same order and draws the same random numbers (at T = 0 a number is drawn and ignored), so only the temperatures differ. Each dot is a run, coloured by where it ended; the bars give the share that ended in a stored letter or its inverse, with a 95%% interval, and the histogram the final energies. Export writes the race as CSV.", l.Runs, l.Runs)
}

func (a *annealing) Update(ctx *Context) error {
	in := ctx.In
	a.place()
	a.pollGraph()
	if a.raceWanted {
		a.startRace()
	}
	if c := a.choose(in, a.coolings[:], int(a.cooling)); c >= 0 {
		a.cooling = sim.Cooling(c)
		a.startDescent()
	}
	if a.slid(in, &a.t0, &a.t1, &a.sweeps, &a.quenchT) {
		a.startDescent()
	}
	if a.pressed(in, &a.single) {
		if a.descent.Done() || a.descent.Sweep > 0 {
			a.run++
		}
		a.startDescent()
		a.SetRunning(true)
	}
	if a.pressed(in, &a.pin) {
		a.pinTrace(ctx)
	}
	if a.pressed(in, &a.raceBtn) {
		a.startRace()
	}
	if a.pressed(in, &a.export) {
		a.exportRace(ctx)
	}
	a.export.Disabled = !a.raceFinished()
	a.syncRace()
	return nil
}

// Simulate makes the tick's sweeps of the descent on screen.
func (a *annealing) Simulate(ctx *Context) {
	for k := 0; ctx.More(k) && !a.descent.Done(); k++ {
		T, E := a.descent.Step()
		x := float64(a.descent.Sweep)
		a.energy.Push(x, E)
		a.temp.Push(x-1, T)
		a.temp.Push(x, T)
	}
	if a.descent.Done() && a.result == "" && a.descent.Schedule.Sweeps > 0 {
		a.finishDescent()
		a.SetRunning(false)
	}
}

// place derives the rectangles that follow from the layout's.
func (a *annealing) place() {
	a.grid.Rect = a.gridBox.Fit(float64(a.land.Cols), float64(a.land.Rows))
	a.transport.Place(a.runRow, a.transport.Speed.Rect)
}

// noteText describes the descent's schedule.
func (a *annealing) noteText() string {
	return a.noteMemo.Get(noteKey{a.run, a.descent.Schedule}, func(noteKey) string { return a.makeNoteText() })
}

// noteKey is what the note says.
type noteKey struct {
	run   int
	sched sim.Schedule
}

func (a *annealing) makeNoteText() string {
	sched := a.descent.Schedule
	note := fmt.Sprintf("Run %d, %s: %s", a.run, sched.Cooling, plural(sched.Sweeps, "sweep", "sweeps"))
	if sched.Cooling == sim.Constant {
		note += fmt.Sprintf(" at T = %.3g", sched.T1)
	} else {
		note += fmt.Sprintf(" from T = %.3g to %.3g", sched.T0, sched.T1)
	}
	return note + ". Space pauses, '.' steps one sweep."
}

// finishDescent polishes the descent into its valley and names it.
func (a *annealing) finishDescent() {
	a.descent.Polish()
	m := sim.Classify(a.descent.Chain.State(), a.land.Patterns)
	a.energy.Push(float64(a.descent.Sweep), a.descent.E)
	a.resultOK = m != sim.None
	if a.resultOK {
		a.result = "reached " + describeMatch(m, a.land.Patterns)
	} else {
		a.result = "stuck in a spurious valley"
	}
}

func (a *annealing) pinTrace(ctx *Context) {
	if a.energy.Len() < 2 {
		ctx.Notify("Run a descent first, then pin its trace")
		return
	}
	a.pinE.Clear()
	a.pinT.Clear()
	for k := 0; k < a.energy.Len(); k++ {
		a.pinE.Push(a.energy.At(k))
	}
	for k := 0; k < a.temp.Len(); k++ {
		a.pinT.Push(a.temp.At(k))
	}
	ctx.Notify(fmt.Sprintf("Pinned run %d: later runs are drawn over it", a.run))
}

// raceCSV writes the race in the same columns as boltzexp race.
func (a *annealing) raceCSV() []byte {
	var b bytes.Buffer
	b.WriteString("strategy,run,final_energy,label\n")
	for _, r := range a.race {
		for k, run := range r.Runs {
			fmt.Fprintf(&b, "%s,%d,%g,%s\n", r.Strategy.Name, k, run.FinalEnergy, run.Match.Label(a.land.Patterns))
		}
	}
	return b.Bytes()
}

func (a *annealing) exportRace(ctx *Context) {
	if !a.raceFinished() {
		ctx.Notify("Finish a race first (A), then export it")
		return
	}
	name := fmt.Sprintf("boltzlab-race-seed%d.csv", a.land.Seed)
	if err := saveFile(name, a.raceCSV(), "text/csv"); err != nil {
		ctx.Notify("Export failed: " + err.Error())
		return
	}
	ctx.Notify("Saved " + name)
}
