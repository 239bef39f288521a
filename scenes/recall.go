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
	stable    int // how many stored memories are local minima: no flip lowers E
	strict    int // how many of those are strict: every flip raises E
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
	basinBox                              ui.Rect  // the map itself, 2:1 inside basinLeaf
	cells                                 ui.Rects // the basin map's cells, drawn in one call
	legendKeys                            []sim.Match
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
		Format: func(v float64) string { return ui.Fmt("%.2f", v) }}
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
	r.stable, r.strict = 0, 0
	for _, m := range r.memories {
		if r.net.IsLocalMin(m.Units) {
			r.stable++
		}
		if r.net.MinFlipRise(m.Units) > 0 {
			r.strict++
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
		"Paint units with the mouse (a click toggles, a drag paints), corrupt a memory, then press Run and watch it repair itself. Store a painted pattern to carve a new valley, or forget everything. Nine units hold only about one random pattern reliably (the known limit is near 0.14 patterns per unit), so storing a few more soon leaves some memories that are no longer valleys at all: the panel of stored memories marks them. It also says when a memory is a valley only in the weak sense, with a flat floor: no flip lowers the energy, but some flip leaves it unchanged (two memories that differ in one unit do this to each other).\n" +
		"The basin map shows all 512 states at once, coloured by the memory that steepest descent at T = 0 ends in. With no biases, flipping every unit leaves the energy unchanged, so each memory's inverse, every unit flipped, is a valley exactly as deep; its basin takes a darker shade of the memory's colour. Neighbouring cells differ in exactly one unit. Click a cell to jump there. Select a unit (turn painting off, or give the grid the focus with Tab and use the arrow keys) to see its ΔE, its p(on) and the random number its last update drew; Enter flips the selected unit."
}

// plural writes n with the singular or plural noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return ui.FmtS("1 %s", []string{one})
	}
	return ui.FmtS("%[2]d %[1]s", []string{many}, float64(n))
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
	if sel := r.grid.Selected; sel >= 0 {
		ctx.Shared.Unit, ctx.Shared.DeltaE, ctx.Shared.HasUnit, ctx.Shared.UnitFrom = sel, r.chain.DeltaE(sel), true, "Recall"
	}
	return nil
}

// Simulate makes the tick's unit updates and lets the last one's glow
// fade while the network rests.
func (r *recall) Simulate(ctx *Context) {
	for k := 0; ctx.More(k); k++ {
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
	case m.Inverse:
		return "the inverse of " + ps[m.Index].Name
	}
	return "the memory " + ps[m.Index].Name
}

// matchColor is the colour of a basin: each memory its own category
// colour, its inverse a darker shade of it, spurious states grey.
func matchColor(m sim.Match) color.RGBA {
	switch {
	case m == sim.None:
		return ui.Spurious
	case m.Inverse:
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
	case m != sim.None && m.Inverse:
		return "in the inverse of " + r.memories[m.Index].Name, matchColor(m)
	case m != sim.None:
		return "recalled: " + r.memories[m.Index].Name, matchColor(m)
	case r.net.IsLocalMin(s):
		return "stuck in a spurious valley", ui.Text
	}
	return "exploring", ui.TextDim
}

type recallMemory struct {
	Name  string `json:"name"`
	Units []int8 `json:"units"`
}
