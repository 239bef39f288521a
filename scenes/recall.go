package scenes

import (
	"fmt"
	"image/color"
	"math"
	"math/rand/v2"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// recallSide is the edge of the Recall scene's square grid of units.
const recallSide = 3

// maxMemories caps how many patterns a person can store: nine units hold
// barely one memory reliably, so a handful is plenty to show the crowding.
const maxMemories = 6

// Basin map geometry: 512 states as 32 columns × 16 rows.
const (
	basinCols = 32
	basinRows = 16
)

// recall is scene 1: a 3×3 network storing T and L, run at a temperature.
type recall struct {
	base
	seed     uint64
	rng      *rand.Rand
	memories []sim.Pattern
	net      *sim.Net
	chain    *sim.Chain
	painted  int // how many patterns the person has stored

	// Exhaustive facts about the current weights, recomputed when they change.
	attractor []uint32    // attractor[idx]: the minimum steepest descent reaches
	basin     []sim.Match // basin[idx]: which memory that minimum is
	isMin     []bool
	counts    map[sim.Match]int
	stable    int // how many stored memories are local minima
	eMin      float64
	eMax      float64

	last    [recallSide * recallSide]sim.Update // each unit's most recent update
	updated [recallSide * recallSide]bool
	glow    float64
	nextMem int // which memory "Corrupt a memory" uses next

	energy    *ui.Series
	plot      ui.Plot
	temp      ui.Slider
	corrupt   ui.Button
	randomize ui.Button
	store     ui.Button
	forget    ui.Button
	paint     ui.Toggle
	grid      ui.UnitGrid
	weights   ui.Heatmap
	hover     int // state under the pointer on the basin map, or −1

	// Rectangles the layout fills in.
	gridBox, chipBox, runRow, hint        ui.Rect
	readouts, unitBox                     ui.Rect
	basinLeaf, legendBox, footBox, memBox ui.Rect
	basinBox                              ui.Rect // the map itself, 2:1 inside basinLeaf
	memPanel                              *ui.Node
}

// recallT is the starting temperature.
const recallT = 0.2

// recallKeys are the Recall scene's own keys.
var recallKeys = ui.Keymap{
	{ID: "corrupt", Key: ebiten.KeyC, Label: "C", Does: "corrupt a memory"},
	{ID: "randomize", Key: ebiten.KeyN, Label: "N", Does: "random state"},
	{ID: "store", Key: ebiten.KeyP, Label: "P", Does: "store the pattern"},
	{ID: "forget", Key: ebiten.KeyDelete, Label: "Del", Does: "forget all"},
	{ID: "forget", Key: ebiten.KeyBackspace, Label: "Backspace", Does: "forget all"},
	{ID: "paint", Key: ebiten.KeyI, Label: "I", Does: "paint or inspect"},
}

func newRecall(seed uint64) Scene {
	r := &recall{seed: seed, hover: -1}
	r.energy = ui.NewSeries("energy", ui.Warm, 600)
	r.plot = ui.Plot{Title: "Energy over time", XLabel: "unit updates", Series: []*ui.Series{r.energy}, FixedY: true, XSpan: 200}
	t := ui.NewTransport(0.05, 200, 1)
	r.temp = ui.Slider{ID: "temperature", Label: "Temperature T", Min: 0.01, Max: 10, Value: recallT, Log: true,
		Format: func(v float64) string { return fmt.Sprintf("%.2f", v) }}
	r.corrupt = ui.Button{ID: "corrupt", Label: "Corrupt a memory"}
	r.randomize = ui.Button{ID: "randomize", Label: "Randomize"}
	r.store = ui.Button{ID: "store", Label: "Store this pattern"}
	r.forget = ui.Button{ID: "forget", Label: "Forget all"}
	r.paint = ui.Toggle{ID: "paint", Label: "Paint with the mouse (off: inspect)", On: true}
	r.grid = ui.UnitGrid{Cols: recallSide, Rows: recallSide, Paint: true, Selected: 4, Recent: -1}
	r.weights = ui.Heatmap{Hover: -1}
	r.setup(t, recallKeys, &r.temp, &r.grid, &r.corrupt, &r.randomize, &r.store, &r.forget, &r.paint)
	r.region("grid", &r.grid.Rect)
	r.region("basin-map", &r.basinLeaf)

	left := ui.Col(ui.Gap,
		ui.Section("", nil, ui.Leaf(&r.gridBox).Aspect(1).MinH(160)),
		ui.Leaf(&r.chipBox).H(36),
		ui.Leaf(&r.runRow).H(ui.ButtonH),
		ui.Row(ui.Gap, ui.Leaf(&r.corrupt.Rect), ui.Leaf(&r.randomize.Rect)).H(ui.ButtonH),
		ui.Row(ui.Gap, ui.Leaf(&r.store.Rect), ui.Leaf(&r.forget.Rect)).H(ui.ButtonH),
		ui.Leaf(&r.paint.Rect).H(ui.ToggleH),
		ui.Para(&r.hint, ui.Small, r.hintText),
	).W(300)
	middle := ui.Col(ui.Gap,
		ui.Section("", nil, ui.Leaf(&r.readouts).MinH(56)).H(88),
		ui.Leaf(&r.temp.Rect).H(ui.SliderH),
		ui.Leaf(&t.Speed.Rect).H(ui.SliderH),
		ui.Leaf(&r.plot.Rect).MinH(200),
		ui.Section("", nil, ui.Leaf(&r.unitBox).MinH(150)).NoGrow(),
	)
	basin := ui.Section("Basin map: all 512 states", nil, ui.Col(ui.Gap,
		ui.Leaf(&r.basinLeaf).Aspect(2).NoGrow(),
		ui.Leaf(&r.legendBox).NoGrow().MinH(44),
		ui.Para(&r.footBox, ui.Small, func() string { return basinFoot }),
	)).NoGrow()
	r.memPanel = ui.Section("Stored memories", nil, ui.Leaf(&r.memBox).MinH(240))
	right := ui.Flow(700, ui.GapL, basin, r.memPanel).W(390)
	r.root = ui.Flow(1100, ui.GapL, ui.Flow(700, ui.GapL, left, middle), right)

	r.reset()
	return r
}

// reset restores the scene's starting point for its seed: T and L stored,
// the state a T with one unit flipped (one flip always descends back to T;
// two sometimes reach another valley, which "Corrupt a memory" shows), the
// starting temperature, nothing run yet.
func (r *recall) reset() {
	r.rng = rand.New(rand.NewPCG(r.seed, 0x5eca11))
	r.memories = sim.TL()
	r.net = sim.Hebbian(r.memories[0].Units, r.memories[1].Units)
	s := make([]int8, r.net.N)
	sim.Corrupt(s, r.memories[0].Units, 1, r.rng)
	r.temp.Value = recallT
	r.chain = sim.NewChain(r.net, s, r.temp.Value, r.rng)
	r.painted, r.nextMem = 0, 1
	r.updated = [recallSide * recallSide]bool{}
	r.SetRunning(false)
	r.energy.Clear()
	r.weightsChanged()
	r.energy.Push(0, r.chain.Energy())
}

// Reset implements Scene.
func (r *recall) Reset() string {
	r.reset()
	return "Reset: T and L stored, T = 0.20, one unit away from T"
}

// weightsChanged recomputes everything that follows from the weights: the
// chain's fields, every state's attractor, which memories are stable, and
// the energy range.
func (r *recall) weightsChanged() {
	r.chain.Refresh()
	r.attractor = r.net.Attractors()
	n := len(r.attractor)
	r.basin = make([]sim.Match, n)
	r.isMin = make([]bool, n)
	r.counts = map[sim.Match]int{}
	s := make([]int8, r.net.N)
	r.eMin, r.eMax = math.Inf(1), math.Inf(-1)
	for idx := range n {
		sim.StateOf(s, uint64(r.attractor[idx]))
		m := sim.Classify(s, r.memories)
		r.basin[idx] = m
		r.counts[m]++
		r.isMin[idx] = r.attractor[idx] == uint32(idx)
		sim.StateOf(s, uint64(idx))
		e := r.net.Energy(s)
		r.eMin, r.eMax = math.Min(r.eMin, e), math.Max(r.eMax, e)
	}
	r.stable = 0
	for _, m := range r.memories {
		if r.net.IsLocalMin(m.Units) {
			r.stable++
		}
	}
	if r.eMax-r.eMin < 1 {
		r.eMin, r.eMax = r.eMin-1, r.eMax+1
	}
	pad := (r.eMax - r.eMin) * 0.06
	r.plot.YMin, r.plot.YMax = r.eMin-pad, r.eMax+pad
	r.Invalidate()
}

// stateChanged starts a fresh energy trace point after a jump.
func (r *recall) stateChanged() {
	r.energy.Push(float64(r.chain.Updates), r.chain.Energy())
}

func (r *recall) Title() string { return "Recall" }

func (r *recall) Caption() string {
	switch len(r.memories) {
	case 0:
		return "Nine ±1 units with no memories: paint a pattern and store it to carve a valley."
	case 2:
		if r.painted == 0 {
			return "Nine ±1 units store a T and an L. At a low temperature the state rolls into a memory; heat it and it wanders."
		}
	}
	return fmt.Sprintf("Nine ±1 units store %s. At a low temperature the state rolls into a valley; heat it and it wanders.", plural(len(r.memories), "memory", "memories"))
}

func (r *recall) Help() string {
	return "The 3×3 grid is a Hopfield network: every pair of units is joined by a weight, set by the Hebbian rule so that T and L are valleys of the energy E = −Σ w_ij s_i s_j, summed over each pair i < j once (this network has no biases).\n" +
		"Each update picks a unit and turns it on with probability σ(ΔE/T), where ΔE is the energy saved by turning it on. At T near zero this is the old Hopfield rule and the state slides into the nearest valley; at a high T every unit flips a fair coin.\n" +
		"Paint units with the mouse (a click toggles, a drag paints), corrupt a memory, then press Run and watch it repair itself. Store a painted pattern to carve a new valley, or forget everything. Nine units hold only about one random pattern reliably (the known limit is near 0.14 patterns per unit), so storing a few more soon leaves some memories that are no longer valleys at all: the panel of stored memories marks them.\n" +
		"The basin map shows all 512 states at once, coloured by the memory that steepest descent at T = 0 ends in. Neighbouring cells differ in exactly one unit. Click a cell to jump there. Select a unit (turn painting off, or give the grid the focus with Tab and use the arrow keys) to see its ΔE, its p(on) and the random number its last update drew; Enter flips the selected unit."
}

// plural writes n with the singular or plural noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// gray returns the k-th Gray code, so that neighbouring columns (and rows)
// of the basin map differ in exactly one unit.
func gray(k int) int { return k ^ k>>1 }

// basinState returns the state drawn at column c, row rw of the map: the
// low five units vary along the row, the high four down the column.
func basinState(c, rw int) int { return gray(c) | gray(rw)<<5 }

// basinCell returns the map cell that shows state idx.
func basinCell(idx int) (c, rw int) {
	inv := func(g int) int {
		k := 0
		for ; g != 0; g >>= 1 {
			k ^= g
		}
		return k
	}
	return inv(idx & 31), inv(idx >> 5)
}

func (r *recall) Update(ctx *Context) error {
	in := ctx.In
	r.place()
	if r.temp.Update(in, &r.focus) {
		r.chain.T = r.temp.Value
	}
	if r.pressed(in, &r.corrupt) {
		r.corruptMemory(ctx)
	}
	if r.pressed(in, &r.randomize) {
		s := make([]int8, r.net.N)
		sim.RandomState(s, r.rng)
		r.chain.SetState(s)
		r.stateChanged()
	}
	if r.pressed(in, &r.store) {
		r.storeCurrent(ctx)
	}
	if r.pressed(in, &r.forget) {
		r.net.Forget()
		r.memories = nil
		r.weightsChanged()
		r.stateChanged()
		ctx.Notify("Every weight is zero now: no memories, every state equally good")
	}
	if r.toggled(in, &r.paint) {
		r.grid.Paint = r.paint.On
	}
	r.moveSelection(in)
	if p := in.Pointer(); p.Pressed && r.grid.Rect.Contains(p.X, p.Y) {
		r.focus.Set(&r.grid)
	}
	if r.grid.Update(in, r.chain.State(), func(i int, v int8) { r.chain.SetUnit(i, v) }) && r.grid.Paint {
		r.stateChanged()
	}
	r.updateBasinMap(in)

	for k := 0; k < ctx.Steps; k++ {
		r.chain.Step()
		u := r.chain.Last
		r.last[u.Unit], r.updated[u.Unit] = u, true
		r.grid.Recent = u.Unit
		r.energy.Push(float64(r.chain.Updates), r.chain.Energy())
	}
	if ctx.Steps > 0 {
		r.glow = 1
	} else {
		r.glow = math.Max(0, r.glow-1.0/20)
	}
	r.grid.RecentGlow = r.glow
	if sel := r.grid.Selected; sel >= 0 {
		ctx.Shared.Unit, ctx.Shared.DeltaE, ctx.Shared.HasUnit, ctx.Shared.UnitFrom = sel, r.chain.DeltaE(sel), true, "Recall"
	}
	return nil
}

// moveSelection lets the arrow keys walk the selected unit around the grid,
// and Enter flip it, while the grid has the focus (or nothing has).
func (r *recall) moveSelection(in ui.Input) {
	if f := r.focus.Current(); f != nil && f != &r.grid {
		return
	}
	sel := max(0, r.grid.Selected)
	x, y := sel%recallSide, sel/recallSide
	switch {
	case in.KeyPressed(ebiten.KeyArrowLeft):
		x = (x + recallSide - 1) % recallSide
	case in.KeyPressed(ebiten.KeyArrowRight):
		x = (x + 1) % recallSide
	case in.KeyPressed(ebiten.KeyArrowUp):
		y = (y + recallSide - 1) % recallSide
	case in.KeyPressed(ebiten.KeyArrowDown):
		y = (y + 1) % recallSide
	case in.KeyPressed(ebiten.KeyEnter):
		r.chain.SetUnit(sel, -r.chain.State()[sel])
		r.stateChanged()
		return
	default:
		return
	}
	r.grid.Selected = y*recallSide + x
}

// corruptMemory starts from one of the stored memories (taking turns) with
// two units flipped.
func (r *recall) corruptMemory(ctx *Context) {
	if len(r.memories) == 0 {
		ctx.Notify("Nothing is stored: paint a pattern and store it first")
		return
	}
	m := r.memories[r.nextMem%len(r.memories)]
	r.nextMem++
	s := make([]int8, r.net.N)
	sim.Corrupt(s, m.Units, 2, r.rng)
	r.chain.SetState(s)
	r.stateChanged()
	ctx.Notify(fmt.Sprintf("%s with two units flipped: press Run (Space) and see which valley it finds", m.Name))
}

// storeCurrent adds the current state as a memory by the Hebbian rule.
func (r *recall) storeCurrent(ctx *Context) {
	s := r.chain.State()
	if m := sim.Classify(s, r.memories); m != sim.None {
		ctx.Notify(fmt.Sprintf("This state is already %s", describeMatch(m, r.memories)))
		return
	}
	if len(r.memories) >= maxMemories {
		ctx.Notify(fmt.Sprintf("This scene stops at %d memories; nine units hold only about one random pattern reliably", maxMemories))
		return
	}
	r.painted++
	p := sim.Pattern{Name: fmt.Sprintf("P%d", r.painted), Units: append([]int8(nil), s...)}
	r.memories = append(r.memories, p)
	r.net.Store(p.Units)
	r.weightsChanged()
	r.stateChanged()
	ctx.Notify(fmt.Sprintf("Stored %s: %s, %d of them still a valley", p.Name, plural(len(r.memories), "memory", "memories"), r.stable))
}

func describeMatch(m sim.Match, ps []sim.Pattern) string {
	switch {
	case m == sim.None:
		return "spurious"
	case m.Mirror:
		return "the mirror image of " + ps[m.Index].Name
	}
	return "the memory " + ps[m.Index].Name
}

// matchColor is the colour of a basin: each memory its own category
// colour, its mirror image a darker shade of it, spurious states grey.
func matchColor(m sim.Match) color.RGBA {
	switch {
	case m == sim.None:
		return ui.Spurious
	case m.Mirror:
		return ui.Shade(ui.Category(m.Index), 0.55)
	}
	return ui.Category(m.Index)
}

// updateBasinMap tracks the pointer over the map and jumps to a clicked
// state.
func (r *recall) updateBasinMap(in ui.Input) {
	b := r.basinBox
	p := in.Pointer()
	r.hover = -1
	if !b.Contains(p.X, p.Y) {
		return
	}
	c := int((p.X - b.X) / b.W * basinCols)
	rw := int((p.Y - b.Y) / b.H * basinRows)
	if c < 0 || rw < 0 || c >= basinCols || rw >= basinRows {
		return
	}
	r.hover = basinState(c, rw)
	if p.Pressed {
		s := make([]int8, r.net.N)
		sim.StateOf(s, uint64(r.hover))
		r.chain.SetState(s)
		r.stateChanged()
	}
}

func (r *recall) status() (string, color.RGBA) {
	s := r.chain.State()
	m := sim.Classify(s, r.memories)
	switch {
	case len(r.memories) == 0:
		return "no memories stored", ui.TextDim
	case m != sim.None && m.Mirror:
		return "in the mirror image of " + r.memories[m.Index].Name, matchColor(m)
	case m != sim.None:
		return "recalled: " + r.memories[m.Index].Name, matchColor(m)
	case r.net.IsLocalMin(s):
		return "stuck in a spurious valley", ui.Text
	}
	return "exploring", ui.TextDim
}

// basinFoot explains the basin map's marks.
const basinFoot = "● a local minimum  □ the live state  neighbours differ by one unit"

// hintText says what the pointer does on the grid now.
func (r *recall) hintText() string {
	if !r.grid.Paint {
		return "Click a unit to inspect it. Tab to the grid, then arrows select."
	}
	return "Click toggles a unit, drag paints. Tab to the grid, then arrows select."
}

// place derives the rectangles that follow from the layout's.
func (r *recall) place() {
	r.grid.Rect = r.gridBox.Square()
	r.basinBox = r.basinLeaf.Fit(2, 1)
	r.transport.Place(r.runRow, r.transport.Speed.Rect)
}

func (r *recall) Draw(dst *ebiten.Image, ctx *Context) {
	th := ctx.Theme
	r.place()
	s := r.chain.State()
	r.memPanel.Title = fmt.Sprintf("Stored memories (%d)", len(r.memories))
	if r.hover >= 0 {
		r.memPanel.Title = "State under the pointer"
	}
	r.panels(dst, th)

	// Left: the network, its status and the controls.
	r.grid.Draw(dst, s)
	msg, clr := r.status()
	r.chip(dst, th, r.chipBox, msg, clr)
	r.transport.Draw(dst, &r.focus)
	for _, b := range []*ui.Button{&r.corrupt, &r.randomize, &r.store, &r.forget} {
		b.Draw(dst, &r.focus)
	}
	r.paint.Draw(dst, &r.focus)
	if r.focus.Is(&r.grid) {
		r.painter.StrokeRound(dst, r.grid.Rect.Inset(-th.Px(6)), th.Px(8), th.Px(2), ui.Accent)
	}
	ui.TextBlock(dst, r.hint, r.hintText(), th.Style(ui.Small), ui.TextFaint)

	// Middle: readouts, sliders, the energy trace and the selected unit.
	r.drawReadouts(dst, th, s)
	r.temp.Draw(dst, &r.focus)
	r.plot.FontSize = th.Px(12)
	r.plot.Draw(dst)
	r.drawUnit(dst, th)

	// Right: the basin map and the stored memories.
	r.drawBasinMap(dst, th, s)
	r.drawMemories(dst, th)
}

func (r *recall) drawReadouts(dst *ebiten.Image, th ui.Theme, s []int8) {
	cols := r.readouts.SplitX(3, th.Px(ui.Gap))
	read := func(c ui.Rect, label, value string) {
		lh := th.LineHeight(ui.Small)
		ui.TextIn(dst, c.Top(lh), label, th.Style(ui.Small), ui.TextDim, ui.Left)
		ui.TextIn(dst, c.Below(lh, 0).Top(th.LineHeight(ui.Readout)), value, th.Style(ui.Readout), ui.Text, ui.Left)
	}
	read(cols[0], "Energy", fmt.Sprintf("%.1f", r.chain.Energy()))
	read(cols[1], "Updates", fmt.Sprintf("%d", r.chain.Updates))
	over := "—"
	label := "Overlap"
	if len(r.memories) > 0 {
		best, name := sim.Overlap(s, r.memories[0].Units), r.memories[0].Name
		for _, m := range r.memories[1:] {
			if o := sim.Overlap(s, m.Units); math.Abs(o) > math.Abs(best) {
				best, name = o, m.Name
			}
		}
		label = "Overlap with " + name
		over = fmt.Sprintf("%+.2f", best)
	}
	read(cols[2], label, over)
}

// drawUnit shows the numbers behind the selected unit's next and last
// updates.
func (r *recall) drawUnit(dst *ebiten.Image, th ui.Theme) {
	box := r.unitBox
	sel := r.grid.Selected
	small, num := th.Style(ui.Small), th.Style(ui.Number)
	if sel < 0 {
		ui.TextIn(dst, box, "Select a unit to see its numbers", th.Style(ui.Body), ui.TextDim, ui.Left)
		return
	}
	T := r.chain.T
	dE := r.chain.DeltaE(sel)
	p := sim.POn(dE, T)
	line := func(h float64) ui.Rect {
		l := box.Top(h)
		box = box.Below(h, th.Px(4))
		return l
	}
	ui.TextIn(dst, line(th.LineHeight(ui.Strong)), fmt.Sprintf("Unit %d  (row %d, column %d)", sel, sel/recallSide+1, sel%recallSide+1), th.Style(ui.Strong), ui.Text, ui.Left)
	ui.TextIn(dst, line(th.LineHeight(ui.Number)), fmt.Sprintf("ΔE = %+.2f    p(on) = σ(ΔE/T) = %.4f", dE, p), num, ui.Text, ui.Left)

	// A unit line from 0 to 1: p(on) is the shaded part; the last draw u is
	// a tick, and the unit turned on exactly when the tick fell inside.
	row := line(th.Px(16) + th.LineHeight(ui.Small))
	bar := row.Top(th.Px(14)).Offset(0, th.Px(2))
	ui.FillRect(dst, bar, ui.Control)
	ui.FillRect(dst, ui.Rect{X: bar.X, Y: bar.Y, W: bar.W * p, H: bar.H}, ui.Shade(ui.Accent, 0.7))
	ticks := row.Below(th.Px(16), 0)
	ui.TextIn(dst, ticks, "0", small, ui.TextFaint, ui.Left)
	ui.TextIn(dst, ticks, "1", small, ui.TextFaint, ui.Right)
	// p(on) labels the shaded part, kept clear of the 0 and 1 ticks.
	lw := ui.TextWidth("p(on)", small.Font, small.Size)
	lx := math.Max(bar.X+th.Px(14), math.Min(bar.X+bar.W*p/2-lw/2, bar.Right()-th.Px(14)-lw))
	ui.TextIn(dst, ui.Rect{X: lx, Y: ticks.Y, W: lw + 1, H: ticks.H}, "p(on)", small, ui.Accent, ui.Left)

	last := "No update of this unit yet: press Step (.) or Run"
	if r.updated[sel] {
		u := r.last[sel]
		verdict := "off"
		if u.On {
			verdict = "on"
		}
		if u.Draw == sim.NoDraw {
			last = fmt.Sprintf("Last update at T = 0: no coin, ΔE was %+.2f → %s", u.DeltaE, verdict)
		} else {
			cmp := "≥"
			if u.On {
				cmp = "<"
			}
			last = fmt.Sprintf("Last update: u = %.4f %s p = %.4f → %s", u.Draw, cmp, u.POn, verdict)
			ux := bar.X + bar.W*u.Draw
			ui.Line(dst, ux, bar.Y-th.Px(4), ux, bar.Bottom()+th.Px(4), th.Px(2.5), ui.Warm)
		}
	}
	ui.TextBlock(dst, line(th.LineHeight(ui.Number)), last, num, ui.TextDim)
	ui.TextBlock(dst, box, "The warm tick is the last draw u: the unit turns on when u < p(on).", small, ui.TextFaint)
}

func (r *recall) drawBasinMap(dst *ebiten.Image, th ui.Theme, s []int8) {
	b := r.basinBox
	cw, ch := b.W/basinCols, b.H/basinRows
	gap := math.Max(1, cw*0.12)
	for rw := 0; rw < basinRows; rw++ {
		for c := 0; c < basinCols; c++ {
			idx := basinState(c, rw)
			cell := ui.Rect{X: b.X + float64(c)*cw, Y: b.Y + float64(rw)*ch, W: cw - gap, H: ch - gap}
			ui.FillRect(dst, cell, matchColor(r.basin[idx]))
			if r.isMin[idx] {
				ui.Disc(dst, cell.CenterX(), cell.CenterY(), cw*0.2, ui.Background)
			}
		}
	}
	mark := func(idx int, clr color.Color, w float64) {
		c, rw := basinCell(idx)
		cell := ui.Rect{X: b.X + float64(c)*cw, Y: b.Y + float64(rw)*ch, W: cw - gap, H: ch - gap}
		ui.StrokeRect(dst, cell.Inset(-w), w, clr)
	}
	if r.hover >= 0 {
		mark(r.hover, ui.TextDim, th.Px(1.5))
	}
	mark(int(sim.IndexOf(s)), ui.Text, th.Px(2.5))

	// Legend: one swatch per basin that has states, with its size.
	var keys []sim.Match
	for k := range r.memories {
		keys = append(keys, sim.Match{Index: k}, sim.Match{Index: k, Mirror: true})
	}
	keys = append(keys, sim.None)
	small := th.Style(ui.Small)
	cols := max(1, int(r.legendBox.W/th.Px(120)))
	cellW := r.legendBox.W / float64(cols)
	lh := th.Px(22)
	col := 0
	for _, m := range keys {
		n := r.counts[m]
		if n == 0 && m != sim.None {
			continue
		}
		name := "spurious"
		if m != sim.None {
			name = r.memories[m.Index].Name
			if m.Mirror {
				name = "mirror " + name
			}
		}
		cell := ui.Rect{X: r.legendBox.X + float64(col%cols)*cellW, Y: r.legendBox.Y + float64(col/cols)*lh, W: cellW, H: lh}
		if cell.Bottom() > r.legendBox.Bottom()+0.5 {
			break
		}
		ui.FillRect(dst, ui.Rect{X: cell.X, Y: cell.CenterY() - th.Px(6), W: th.Px(12), H: th.Px(12)}, matchColor(m))
		ui.TextIn(dst, ui.Rect{X: cell.X + th.Px(18), Y: cell.Y, W: cell.W - th.Px(20), H: cell.H}, fmt.Sprintf("%s  %d", name, n), small, ui.TextDim, ui.Left)
		col++
	}
	ui.TextBlock(dst, r.footBox, basinFoot, small, ui.TextFaint)
}

func (r *recall) drawMemories(dst *ebiten.Image, th ui.Theme) {
	box := r.memBox
	small, num := th.Style(ui.Small), th.Style(ui.Number)
	if r.hover >= 0 {
		// Describe the state under the pointer on the basin map.
		s := make([]int8, r.net.N)
		sim.StateOf(s, uint64(r.hover))
		mini := ui.Rect{X: box.X, Y: box.Y, W: th.Px(96), H: th.Px(96)}
		ui.DrawMini(dst, mini, recallSide, recallSide, s)
		tx := mini.Right() + th.Px(ui.GapL)
		col := ui.Rect{X: tx, Y: box.Y, W: box.Right() - tx, H: box.H}
		lh := th.LineHeight(ui.Number) + th.Px(4)
		ui.TextIn(dst, col.Top(lh), fmt.Sprintf("state %d  %s", r.hover, sim.String(s)), num, ui.Text, ui.Left)
		col = col.Below(lh, 0)
		ui.TextIn(dst, col.Top(lh), fmt.Sprintf("energy %.1f", r.net.Energy(s)), num, ui.TextDim, ui.Left)
		col = col.Below(lh, 0)
		end := "a local minimum itself"
		if !r.isMin[r.hover] {
			end = "descends to " + describeMatch(r.basin[r.hover], r.memories)
		}
		col = col.Below(ui.TextBlock(dst, col, end, th.Style(ui.Body), ui.TextDim), th.Px(4))
		ui.TextBlock(dst, col, "Click to start from this state.", small, ui.TextFaint)
		return
	}
	if len(r.memories) == 0 {
		ui.TextBlock(dst, box, "None. Paint a pattern on the grid and press Store (P) to carve it into the weights.", th.Style(ui.Body), ui.TextDim)
		return
	}
	size := th.Px(56)
	step := size + th.Px(20)
	perRow := max(1, int((box.W+th.Px(20))/step))
	tileH := size + th.Px(26)
	for k, m := range r.memories {
		cx := box.X + float64(k%perRow)*step
		cy := box.Y + float64(k/perRow)*tileH
		ui.DrawMini(dst, ui.Rect{X: cx, Y: cy, W: size, H: size}, recallSide, recallSide, m.Units)
		sw := ui.Rect{X: cx, Y: cy + size + th.Px(7), W: th.Px(10), H: th.Px(10)}
		ui.FillRect(dst, sw, ui.Category(k))
		name := m.Name
		clr := ui.Text
		if !r.net.IsLocalMin(m.Units) {
			name += " ✕"
			clr = ui.TextFaint
		}
		ui.TextIn(dst, ui.Rect{X: sw.Right() + th.Px(5), Y: sw.Y - th.Px(4), W: step - sw.W - th.Px(10), H: th.Px(18)}, name, small, clr, ui.Left)
	}
	rows := (len(r.memories) + perRow - 1) / perRow
	y := box.Y + float64(rows)*tileH + th.Px(4)
	note := "All of them are valleys: every single flip raises the energy."
	if r.stable < len(r.memories) {
		note = fmt.Sprintf("✕ marks a memory that is no longer a valley: %d of %d are.", r.stable, len(r.memories))
	}
	y += ui.TextBlock(dst, ui.Rect{X: box.X, Y: y, W: box.W, H: th.LineHeight(ui.Small) * 2}, note, small, ui.TextDim) + th.Px(ui.Gap)
	r.drawWeights(dst, th, ui.Rect{X: box.X, Y: y, W: box.W, H: math.Min(th.Px(122), box.Bottom()-y)})
}

// drawWeights shows the weight matrix the memories produced, in the
// diverging map, with its legend.
func (r *recall) drawWeights(dst *ebiten.Image, th ui.Theme, box ui.Rect) {
	if box.H < th.Px(60) {
		return
	}
	r.weights.Rect = ui.Rect{X: box.X, Y: box.Y, W: box.H, H: box.H}
	r.weights.Cols, r.weights.Rows = r.net.N, r.net.N
	scale := 0.0
	for _, w := range r.net.W {
		scale = math.Max(scale, math.Abs(w))
	}
	r.weights.Scale = math.Max(scale, 1)
	r.weights.Draw(dst, r.net.W)
	tx := box.X + box.H + th.Px(ui.GapL)
	col := ui.Rect{X: tx, Y: box.Y, W: box.Right() - tx, H: box.H}
	lh := th.LineHeight(ui.Strong)
	ui.TextIn(dst, col.Top(lh), "Weights w_ij", th.Style(ui.Strong), ui.Text, ui.Left)
	legend := col.Below(col.H-th.Px(28), 0)
	ui.TextBlock(dst, ui.Rect{X: col.X, Y: col.Y + lh, W: col.W, H: legend.Y - col.Y - lh}, "Row i, column j: ξ_i ξ_j summed over the stored patterns. Blue pulls two units apart, orange together.", th.Style(ui.Small), ui.TextDim)
	ui.DrawLegend(dst, legend, -r.weights.Scale, r.weights.Scale, true)
}
