//go:build legacy

package scenes

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// raceBudget is how long a frame may spend on race runs, so the race
// animates instead of freezing the window (or the browser's only thread).
const raceBudget = 6 * time.Millisecond

// annealing is scene 4: a landscape with many shallow spurious valleys and
// two deep memories, a single descent drawn as it cools, and a race of
// quenching against annealing on matched random streams.
type annealing struct {
	land    sim.Landscape
	cooling sim.Cooling

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
	race      []sim.StrategyResult
	raceNext  int // jobs done so far; job j is run j/len(race) of strategy j%len(race)
	raceShown bool

	census   *censusSummary
	censusMu sync.Mutex

	coolings  [4]ui.Button
	t0, t1    ui.Slider
	sweeps    ui.Slider
	quenchT   ui.Slider
	single    ui.Button
	pin       ui.Button
	raceBtn   ui.Button
	export    ui.Button
	transport *ui.Transport
	focus     ui.Focus
	grid      ui.UnitGrid
	painter   ui.Painter
}

func newAnnealing(seed uint64) Scene {
	a := &annealing{land: sim.AnnealingLandscape(), cooling: sim.Geometric}
	a.land.Seed = seed
	l := a.land
	for c := range a.coolings {
		a.coolings[c] = ui.Button{Label: sim.Cooling(c).String()}
	}
	a.t0 = ui.Slider{Label: "Start temperature T0", Min: 0.1, Max: 50, Value: l.T0, Log: true, Format: fmtT}
	a.t1 = ui.Slider{Label: "End temperature T1", Min: 0.01, Max: 10, Value: l.T1, Log: true, Format: fmtT}
	a.sweeps = ui.Slider{Label: "Sweeps", Min: 10, Max: 3000, Value: float64(l.Sweeps), Log: true, Integer: true}
	a.quenchT = ui.Slider{Label: "Quench temperature", Min: 0, Max: 2, Value: l.QuenchT, Format: fmtT}
	a.single = ui.Button{Label: "Run a single descent", Hint: "D", Primary: true}
	a.pin = ui.Button{Label: "Pin trace", Hint: "P"}
	a.raceBtn = ui.Button{Label: fmt.Sprintf("Race %d runs each", l.Runs), Hint: "A", Primary: true}
	a.export = ui.Button{Label: "Export race CSV", Hint: "E"}
	a.transport = ui.NewTransport(0.2, 200, 3)
	a.transport.Speed.Label = "Speed (sweeps per frame)"
	a.energy = ui.NewSeries("energy", ui.Warm, 4000)
	a.temp = ui.NewSeries("temperature", ui.Accent, 4000)
	a.pinE = ui.NewSeries("pinned", ui.WithAlpha(ui.TextDim, 0.55), 4000)
	a.pinT = ui.NewSeries("pinned", ui.WithAlpha(ui.TextDim, 0.55), 4000)
	a.ePlot = ui.Plot{Title: "Energy", XLabel: "", Series: []*ui.Series{a.pinE, a.energy}}
	a.tPlot = ui.Plot{Title: "Temperature", XLabel: "sweeps", Series: []*ui.Series{a.pinT, a.temp}, FixedY: true}
	a.grid = ui.UnitGrid{Cols: l.Cols, Rows: l.Rows, Selected: -1, Recent: -1}
	a.focus.Order = []any{&a.coolings[0], &a.coolings[1], &a.coolings[2], &a.coolings[3],
		&a.t0, &a.t1, &a.sweeps, &a.quenchT, &a.single, &a.pin, &a.raceBtn, &a.export}
	a.focus.Order = append(a.focus.Order, a.transport.Widgets()...)
	a.reset()
	go a.takeCensus()
	return a
}

func fmtT(v float64) string { return fmt.Sprintf("%.3g", v) }

// takeCensus enumerates all 2^25 states once. It takes a second or two, so
// it runs beside the game loop and the panel says so until it is done.
func (a *annealing) takeCensus() {
	c := summariseCensus(a.land.Net.CensusPaced(a.land.Patterns, 0, backgroundPause()), 1<<a.land.Net.N)
	a.censusMu.Lock()
	a.census = c
	a.censusMu.Unlock()
}

func (a *annealing) reset() {
	a.run = 0
	a.race = nil
	a.pinE.Clear()
	a.pinT.Clear()
	a.startDescent()
	a.transport.Running = false
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
	a.race = make([]sim.StrategyResult, len(strategies))
	for s, st := range strategies {
		a.race[s] = sim.StrategyResult{Strategy: st, Runs: make([]sim.Run, a.land.Runs)}
	}
	a.raceNext = 0
}

// raceJobs is the number of runs in the race, over all strategies.
func (a *annealing) raceJobs() int { return len(a.race) * a.land.Runs }

// raceRunDone reports whether run k of strategy s has been computed: jobs
// run in order, so that is whether its job number is below raceNext.
func (a *annealing) raceRunDone(s, k int) bool { return k*len(a.race)+s < a.raceNext }

func (a *annealing) raceFinished() bool { return a.race != nil && a.raceNext >= a.raceJobs() }

// advanceRace computes race runs until the frame's budget is spent. Run k
// of both strategies comes from sim.RaceRun with the same seed and k, so
// the two start from the same state with the same random numbers.
func (a *annealing) advanceRace() {
	if a.race == nil || a.raceFinished() {
		return
	}
	deadline := time.Now().Add(raceBudget)
	for a.raceNext < a.raceJobs() && time.Now().Before(deadline) {
		j := a.raceNext
		s, k := j%len(a.race), j/len(a.race)
		a.race[s].Runs[k] = sim.RaceRun(a.land.Net, a.land.Patterns, a.race[s].Strategy.Schedule, a.land.Seed, k, false)
		a.raceNext++
	}
}

// SetRunning starts or stops the single descent; starting also starts a
// race, so that -run shows the whole scene at work.
func (a *annealing) SetRunning(on bool) {
	a.transport.Running = on
	if on && a.race == nil {
		a.startRace()
	}
}

func (a *annealing) Title() string { return "Annealing" }

func (a *annealing) Caption() string {
	return "Start hot, cool slowly, land deep. Greedy descent freezes in the first valley; annealing finds the deep ones."
}

func (a *annealing) Help() string {
	return "This 5×5 network stores an X and an O, but each unit is wired only to its neighbours. So the landscape is full of patchworks, part X and part O, stuck behind seams that cost energy to repair: over a thousand shallow valleys around four deep ones (X, O and their mirror images). The census on the left counts every one of them by visiting all 33 554 432 states.\n" +
		"Run a single descent to watch one run: the energy trace above, the temperature it followed below. A quench holds one temperature; the cooling schedules start at T0 and fall to T1 over the sweeps, geometrically, linearly or logarithmically. Every run ends with a zero-temperature polish into the valley it is in. Pin a finished trace to compare the next one with it.\n" +
		"Race runs 200 descents of the quench and 200 of the chosen cooling. Run k of both starts from the same random state and draws the same random numbers, so only the schedule differs. Each dot is a run, coloured by where it ended; the bars give the share that reached a memory with its 95% interval, and the histogram the final energies. Export writes the race as CSV.\n" +
		"Keys: D single descent · P pin · A race · E export · Q G L O pick quench, geometric, linear or log cooling."
}

func (a *annealing) layout(l ui.Layout) {
	a.grid.Rect = l.R(82, 146, 240, 240)
	a.ePlot.Rect = l.R(390, 128, 480, 210)
	a.tPlot.Rect = l.R(390, 346, 480, 150)
	a.ePlot.FontSize, a.tPlot.FontSize = l.S(13), l.S(13)
	for c, r := range l.R(890, 152, 358, 34).SplitX(4, l.S(8)) {
		a.coolings[c].Rect = r
	}
	a.t0.Rect = l.R(890, 196, 358, 48)
	a.t1.Rect = l.R(890, 248, 358, 48)
	a.sweeps.Rect = l.R(890, 300, 358, 48)
	a.quenchT.Rect = l.R(890, 352, 358, 48)
	a.single.Rect = l.R(890, 412, 358, 38)
	row := l.R(890, 458, 358, 38).SplitX(2, l.S(8))
	a.pin.Rect, a.export.Rect = row[0], row[1]
	a.raceBtn.Rect = l.R(890, 504, 358, 38)
	a.transport.Place(l.R(890, 566, 358, 38), l.R(890, 612, 358, 48))
}

func (a *annealing) Update(ctx *Context) error {
	in := ctx.In
	a.layout(ctx.L)
	a.focus.Update(in)
	steps, reset := a.transport.Update(in, &a.focus)
	if reset {
		a.reset()
		return nil
	}
	keys := [4]ebiten.Key{ebiten.KeyQ, ebiten.KeyG, ebiten.KeyL, ebiten.KeyO}
	for c := range a.coolings {
		a.coolings[c].Primary = sim.Cooling(c) == a.cooling
		if a.coolings[c].Update(in, &a.focus) || in.KeyPressed(keys[c]) {
			a.cooling = sim.Cooling(c)
			a.startDescent()
		}
	}
	changed := false
	for _, s := range []*ui.Slider{&a.t0, &a.t1, &a.sweeps, &a.quenchT} {
		changed = s.Update(in, &a.focus) || changed
	}
	if changed {
		a.startDescent()
	}
	if a.single.Update(in, &a.focus) || in.KeyPressed(ebiten.KeyD) {
		if a.descent.Done() || a.descent.Sweep > 0 {
			a.run++
		}
		a.startDescent()
		a.transport.Running = true
	}
	if a.pin.Update(in, &a.focus) || in.KeyPressed(ebiten.KeyP) {
		a.pinTrace(ctx)
	}
	if a.raceBtn.Update(in, &a.focus) || in.KeyPressed(ebiten.KeyA) {
		a.startRace()
	}
	if a.export.Update(in, &a.focus) || in.KeyPressed(ebiten.KeyE) {
		a.exportRace(ctx)
	}
	a.export.Disabled = !a.raceFinished()

	for k := 0; k < steps && !a.descent.Done(); k++ {
		T, E := a.descent.Step()
		x := float64(a.descent.Sweep)
		a.energy.Push(x, E)
		a.temp.Push(x-1, T)
		a.temp.Push(x, T)
	}
	if a.descent.Done() && a.result == "" && a.descent.Schedule.Sweeps > 0 {
		a.finishDescent()
		a.transport.Running = false
	}
	a.advanceRace()
	return nil
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
		a.result = fmt.Sprintf("stuck in a spurious valley at E = %.0f", a.descent.E)
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

func (a *annealing) Draw(dst *ebiten.Image, ctx *Context) {
	l := ctx.L
	a.layout(l)
	a.drawNetwork(dst, l)
	a.drawCensus(dst, l)
	a.ePlot.Draw(dst)
	a.tPlot.Draw(dst)
	a.drawRace(dst, l)
	ui.Label(dst, "Strategy", ui.Regular, l.S(13), l.X(890), l.Y(138), ui.TextDim, ui.Left)
	for c := range a.coolings {
		a.coolings[c].Draw(dst, &a.focus)
	}
	for _, s := range []*ui.Slider{&a.t0, &a.t1, &a.sweeps, &a.quenchT} {
		s.Draw(dst, &a.focus)
	}
	for _, b := range []*ui.Button{&a.single, &a.pin, &a.export, &a.raceBtn} {
		b.Draw(dst, &a.focus)
	}
	a.transport.Draw(dst, &a.focus)
	sched := a.descent.Schedule
	note := fmt.Sprintf("Run %d, %s: %d sweeps", a.run, sched.Cooling, sched.Sweeps)
	if sched.Cooling == sim.Constant {
		note += fmt.Sprintf(" at T = %.3g", sched.T1)
	} else {
		note += fmt.Sprintf(" from T = %.3g to %.3g", sched.T0, sched.T1)
	}
	ui.Paragraph(dst, note+". Space pauses, '.' steps one sweep.", ui.Regular, l.S(12.5), l.X(890), l.Y(672), l.S(358), ui.TextFaint)
}

func (a *annealing) drawNetwork(dst *ebiten.Image, l ui.Layout) {
	box := l.R(32, 128, 340, 296)
	a.painter.FillRound(dst, box, l.S(10), ui.Panel)
	a.grid.Draw(dst, a.descent.Chain.State())
	status := fmt.Sprintf("sweep %d of %d", a.descent.Sweep, a.descent.Schedule.Sweeps)
	if !a.descent.Done() {
		status += fmt.Sprintf("   T = %.3g", a.descent.Chain.T)
	}
	clr := ui.TextDim
	if a.result != "" {
		status = a.result
		clr = ui.Text
		if !a.resultOK {
			clr = ui.Warm
		}
	}
	status += fmt.Sprintf("   E = %.0f", a.descent.E)
	ui.Label(dst, status, ui.Bold, l.S(14), box.CenterX(), box.Bottom()-l.S(22), clr, ui.Center)

	// The stored memories, each beside its mirror image.
	mem := l.R(32, 434, 340, 92)
	a.painter.FillRound(dst, mem, l.S(10), ui.Panel)
	size := l.S(52)
	s := make([]int8, a.land.Net.N)
	for k, p := range a.land.Patterns {
		for mirror := 0; mirror < 2; mirror++ {
			copy(s, p.Units)
			name := p.Name
			if mirror == 1 {
				for i := range s {
					s[i] = -s[i]
				}
				name = "mirror"
			}
			x := mem.X + l.S(14) + float64(2*k+mirror)*l.S(82)
			ui.DrawMini(dst, ui.Rect{X: x, Y: mem.Y + l.S(10), W: size, H: size}, a.land.Cols, a.land.Rows, s)
			m := sim.Match{Index: k, Mirror: mirror == 1}
			ui.FillRect(dst, ui.Rect{X: x, Y: mem.Y + l.S(70), W: l.S(10), H: l.S(10)}, matchColor(m))
			ui.Label(dst, name, ui.Regular, l.S(12), x+l.S(15), mem.Y+l.S(75), ui.TextDim, ui.Left)
		}
	}
}

// censusSummary is what the census panel shows, worked out once when the
// census arrives rather than on every frame.
type censusSummary struct {
	minima, memories, spurious int
	memoryEnergy, spuriousTop  float64
	memoryShare                float64 // fraction of all states in memory basins
	// Minima per distinct energy, lowest first: how many there are and
	// whether any of them is a memory.
	energies []float64
	counts   []int
	memory   []bool
	peak     int
}

func summariseCensus(census []sim.Minimum, states int) *censusSummary {
	c := &censusSummary{minima: len(census), spuriousTop: math.Inf(1)}
	basin := 0
	for _, m := range census {
		k := len(c.energies) - 1
		if k < 0 || c.energies[k] != m.Energy { // census comes sorted by energy
			c.energies = append(c.energies, m.Energy)
			c.counts = append(c.counts, 0)
			c.memory = append(c.memory, false)
			k++
		}
		c.counts[k]++
		if m.Match != sim.None {
			c.memories++
			c.memoryEnergy = m.Energy
			c.memory[k] = true
			basin += m.Basin
		} else {
			c.spurious++
			c.spuriousTop = math.Min(c.spuriousTop, m.Energy)
		}
		c.peak = max(c.peak, c.counts[k])
	}
	c.memoryShare = float64(basin) / float64(states)
	return c
}

// drawCensus summarises every local minimum, found by enumeration.
func (a *annealing) drawCensus(dst *ebiten.Image, l ui.Layout) {
	box := l.R(32, 536, 340, 230)
	a.painter.FillRound(dst, box, l.S(10), ui.Panel)
	x := box.X + l.S(16)
	ui.Label(dst, "Census of all 2^25 states", ui.Bold, l.S(14), x, box.Y+l.S(20), ui.Text, ui.Left)
	a.censusMu.Lock()
	c := a.census
	a.censusMu.Unlock()
	if c == nil || len(c.energies) == 0 {
		ui.Label(dst, "enumerating 33 554 432 states…", ui.Regular, l.S(13), x, box.Y+l.S(50), ui.TextDim, ui.Left)
		return
	}
	lines := []string{
		fmt.Sprintf("%d local minima", c.minima),
		fmt.Sprintf("%d memories at E = %.0f hold %.1f%% of states", c.memories, c.memoryEnergy, 100*c.memoryShare),
		fmt.Sprintf("%d spurious, the deepest at E = %.0f", c.spurious, c.spuriousTop),
	}
	for k, s := range lines {
		ui.Label(dst, s, ui.Regular, l.S(12.5), x, box.Y+l.S(46)+float64(k)*l.S(20), ui.TextDim, ui.Left)
	}
	// Minima by energy: how many valleys at each depth, memories coloured.
	h := ui.Rect{X: x, Y: box.Y + l.S(116), W: box.W - l.S(32), H: l.S(74)}
	bw := h.W / float64(len(c.energies))
	for k, n := range c.counts {
		bh := h.H * math.Sqrt(float64(n)/float64(c.peak))
		clr := ui.Spurious
		if c.memory[k] {
			clr = ui.Category(0)
		}
		ui.FillRect(dst, ui.Rect{X: h.X + float64(k)*bw + 1, Y: h.Bottom() - bh, W: math.Max(1, bw-2), H: bh}, clr)
	}
	ui.Label(dst, fmt.Sprintf("%.0f", c.energies[0]), ui.Mono, l.S(11), h.X, h.Bottom()+l.S(10), ui.TextDim, ui.Left)
	ui.Label(dst, fmt.Sprintf("%.0f", c.energies[len(c.energies)-1]), ui.Mono, l.S(11), h.Right(), h.Bottom()+l.S(10), ui.TextDim, ui.Right)
	ui.Label(dst, "minima per energy (√ scale)", ui.Regular, l.S(11), h.CenterX(), h.Bottom()+l.S(10), ui.TextFaint, ui.Center)
}

func (a *annealing) drawRace(dst *ebiten.Image, l ui.Layout) {
	box := l.R(390, 506, 480, 260)
	a.painter.FillRound(dst, box, l.S(10), ui.Panel)
	x := box.X + l.S(16)
	if a.race == nil {
		ui.Label(dst, "The race", ui.Bold, l.S(14), x, box.Y+l.S(20), ui.Text, ui.Left)
		ui.Paragraph(dst, fmt.Sprintf("Press Race (A) to run %d descents of the quench and %d of the chosen cooling, run k of each from the same start with the same random numbers.", a.land.Runs, a.land.Runs),
			ui.Regular, l.S(13), x, box.Y+l.S(40), box.W-l.S(32), ui.TextDim)
		return
	}
	ui.Label(dst, fmt.Sprintf("The race: %d of %d runs", a.raceNext, a.raceJobs()), ui.Bold, l.S(14), x, box.Y+l.S(20), ui.Text, ui.Left)
	ui.Label(dst, "reached a memory", ui.Regular, l.S(12), box.Right()-l.S(16), box.Y+l.S(20), ui.TextDim, ui.Right)
	// One row per strategy: a dot per run, then its success rate.
	for s := range a.race {
		r := &a.race[s]
		y := box.Y + l.S(44) + float64(s)*l.S(62)
		ui.Label(dst, r.Strategy.Name, ui.Regular, l.S(13), x, y+l.S(6), ui.Text, ui.Left)
		cols := 40
		cell := l.S(5.6)
		dots := ui.Rect{X: x, Y: y + l.S(18), W: float64(cols) * cell, H: 5 * cell}
		n, succ := 0, 0
		for k := range r.Runs {
			c := ui.Rect{X: dots.X + float64(k%cols)*cell, Y: dots.Y + float64(k/cols)*cell, W: cell - 1, H: cell - 1}
			var clr color.Color = ui.Control
			if a.raceRunDone(s, k) {
				clr = matchColor(r.Runs[k].Match)
				n++
				if r.Runs[k].Reached() {
					succ++
				}
			}
			ui.FillRect(dst, c, clr)
		}
		bar := ui.Rect{X: dots.Right() + l.S(18), Y: dots.Y + l.S(2), W: box.Right() - dots.Right() - l.S(34), H: l.S(12)}
		ui.FillRect(dst, bar, ui.Control)
		if n > 0 {
			rate := float64(succ) / float64(n)
			lo, hi := sim.Wilson(succ, n, sim.Z95)
			ui.FillRect(dst, ui.Rect{X: bar.X, Y: bar.Y, W: bar.W * rate, H: bar.H}, ui.Shade(ui.Accent, 0.75))
			ui.FillRect(dst, ui.Rect{X: bar.X + bar.W*lo, Y: bar.CenterY() - l.S(1), W: bar.W * (hi - lo), H: l.S(2)}, ui.Text)
			ui.FillRect(dst, ui.Rect{X: bar.X + bar.W*lo, Y: bar.Y - l.S(3), W: l.S(2), H: bar.H + l.S(6)}, ui.Text)
			ui.FillRect(dst, ui.Rect{X: bar.X + bar.W*hi - l.S(2), Y: bar.Y - l.S(3), W: l.S(2), H: bar.H + l.S(6)}, ui.Text)
			ui.Label(dst, fmt.Sprintf("%.1f%%  95%%: %.1f–%.1f", 100*rate, 100*lo, 100*hi), ui.Mono, l.S(11.5), bar.X, bar.Bottom()+l.S(14), ui.TextDim, ui.Left)
		}
	}
	if a.raceFinished() {
		a.drawHistogram(dst, l, ui.Rect{X: x, Y: box.Y + l.S(176), W: box.W - l.S(32), H: l.S(66)})
	}
}

// drawHistogram shows each strategy's final energies side by side.
func (a *annealing) drawHistogram(dst *ebiten.Image, l ui.Layout, h ui.Rect) {
	counts := map[float64][]int{}
	for s, r := range a.race {
		for _, run := range r.Runs {
			c := counts[run.FinalEnergy]
			if c == nil {
				c = make([]int, len(a.race))
			}
			c[s]++
			counts[run.FinalEnergy] = c
		}
	}
	energies := make([]float64, 0, len(counts))
	peak := 1
	for e, c := range counts {
		energies = append(energies, e)
		for _, n := range c {
			peak = max(peak, n)
		}
	}
	slices.Sort(energies)
	bw := h.W / float64(len(energies))
	// Strategy colours stay clear of the basin colours (orange, blue) above.
	clrs := []color.RGBA{ui.Category(3), ui.Category(2)}
	for k, e := range energies {
		for s, n := range counts[e] {
			bh := h.H * float64(n) / float64(peak)
			w := (bw - 2) / float64(len(a.race))
			ui.FillRect(dst, ui.Rect{X: h.X + float64(k)*bw + 1 + float64(s)*w, Y: h.Bottom() - bh, W: math.Max(1, w-1), H: bh}, clrs[s%2])
		}
	}
	ui.FillRect(dst, ui.Rect{X: h.X, Y: h.Bottom(), W: h.W, H: 1}, ui.PanelEdge)
	ui.Label(dst, fmt.Sprintf("final energy %.0f", energies[0]), ui.Mono, l.S(11), h.X, h.Bottom()+l.S(9), ui.TextDim, ui.Left)
	ui.Label(dst, fmt.Sprintf("%.0f", energies[len(energies)-1]), ui.Mono, l.S(11), h.Right(), h.Bottom()+l.S(9), ui.TextDim, ui.Right)
	for s, r := range a.race {
		lx := h.Right() - l.S(190) + float64(s)*l.S(96)
		ui.FillRect(dst, ui.Rect{X: lx, Y: h.Y - l.S(5), W: l.S(10), H: l.S(10)}, clrs[s%2])
		ui.Label(dst, r.Strategy.Name, ui.Regular, l.S(11.5), lx+l.S(14), h.Y, ui.TextDim, ui.Left)
	}
}
