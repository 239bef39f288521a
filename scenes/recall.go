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
	eMin      float64
	eMax      float64

	last    [recallSide * recallSide]sim.Update // each unit's most recent update
	updated [recallSide * recallSide]bool
	glow    float64
	nextMem int // which memory "Corrupt a memory" uses next

	energy    *ui.Series
	plot      ui.Plot
	transport *ui.Transport
	temp      ui.Slider
	corrupt   ui.Button
	randomize ui.Button
	store     ui.Button
	forget    ui.Button
	paint     ui.Toggle
	grid      ui.UnitGrid
	weights   ui.Heatmap
	focus     ui.Focus

	hover   int // state under the pointer on the basin map, or −1
	painter ui.Painter
}

func newRecall(seed uint64) Scene {
	r := &recall{seed: seed}
	r.energy = ui.NewSeries("energy", ui.Warm, 600)
	r.plot = ui.Plot{Title: "Energy over time", XLabel: "unit updates", Series: []*ui.Series{r.energy}, FixedY: true, XSpan: 200}
	r.transport = ui.NewTransport(0.05, 200, 1)
	r.temp = ui.Slider{Label: "Temperature T", Min: 0.01, Max: 10, Value: 0.2, Log: true,
		Format: func(v float64) string { return fmt.Sprintf("%.2f", v) }}
	r.corrupt = ui.Button{Label: "Corrupt a memory", Hint: "C"}
	r.randomize = ui.Button{Label: "Randomize", Hint: "N"}
	r.store = ui.Button{Label: "Store this pattern", Hint: "P"}
	r.forget = ui.Button{Label: "Forget all", Hint: "Del"}
	r.paint = ui.Toggle{Label: "Paint with the mouse (I: inspect instead)", On: true}
	r.grid = ui.UnitGrid{Cols: recallSide, Rows: recallSide, Paint: true, Selected: 4, Recent: -1}
	r.weights = ui.Heatmap{Hover: -1}
	r.focus.Order = append([]any{&r.temp}, r.transport.Widgets()...)
	r.focus.Order = append(r.focus.Order, &r.corrupt, &r.randomize, &r.store, &r.forget, &r.paint)
	r.reset()
	return r
}

// reset restores the scene's starting point for its seed: T and L stored,
// the state a T with one unit flipped (one flip always descends back to T;
// two sometimes reach another valley, which "Corrupt a memory" shows), nothing
// run yet.
func (r *recall) reset() {
	r.rng = rand.New(rand.NewPCG(r.seed, 0x5eca11))
	r.memories = sim.TL()
	r.net = sim.Hebbian(r.memories[0].Units, r.memories[1].Units)
	s := make([]int8, r.net.N)
	sim.Corrupt(s, r.memories[0].Units, 1, r.rng)
	r.chain = sim.NewChain(r.net, s, r.temp.Value, r.rng)
	r.painted, r.nextMem = 0, 1
	r.updated = [9]bool{}
	r.transport.Running = false
	r.energy.Clear()
	r.weightsChanged()
	r.energy.Push(0, r.chain.Energy())
}

// weightsChanged recomputes everything that follows from the weights: the
// chain's fields, every state's attractor and the energy range.
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
	if r.eMax-r.eMin < 1 {
		r.eMin, r.eMax = r.eMin-1, r.eMax+1
	}
	pad := (r.eMax - r.eMin) * 0.06
	r.plot.YMin, r.plot.YMax = r.eMin-pad, r.eMax+pad
}

// stateChanged starts a fresh energy trace point after a jump.
func (r *recall) stateChanged() {
	r.energy.Push(float64(r.chain.Updates), r.chain.Energy())
}

func (r *recall) Title() string { return "Recall" }

func (r *recall) Caption() string {
	return "Nine ±1 units store a T and an L. At a low temperature the state rolls into a memory; heat it and it wanders."
}

func (r *recall) Help() string {
	return "The 3×3 grid is a Hopfield network: every pair of units is joined by a weight, set by the Hebbian rule so that T and L are valleys of the energy E = −Σ w_ij s_i s_j (this network has no biases).\n" +
		"Each update picks a unit and turns it on with probability σ(ΔE/T), where ΔE is the energy saved by turning it on. At T near zero this is the old Hopfield rule and the state slides into the nearest valley; at a high T every unit flips a fair coin.\n" +
		"Paint units with the mouse (a click toggles, a drag paints), corrupt a memory, then press Run and watch it repair itself. Store a painted pattern to carve a new valley, or forget everything.\n" +
		"The basin map on the right shows all 512 states at once, coloured by the memory that steepest descent at T = 0 ends in. Neighbouring cells differ in exactly one unit. Click a cell to jump there. Select a unit (inspect mode, or the arrow keys) to see its ΔE, its p(on) and the random number its last update drew.\n" +
		"Keys: C corrupt a memory · N randomize · P store the pattern · Delete forget all · I paint or inspect · arrows move the selection · Enter flips the selected unit."
}

// SetRunning starts or stops the simulation.
func (r *recall) SetRunning(on bool) { r.transport.Running = on }

func (r *recall) layout(l ui.Layout) {
	r.grid.Rect = l.R(44, 140, 316, 316)
	r.transport.Place(l.R(32, 536, 340, 40), l.R(400, 302, 430, 50))
	row := l.R(32, 586, 340, 40).SplitX(2, l.S(10))
	r.corrupt.Rect, r.randomize.Rect = row[0], row[1]
	row = l.R(32, 636, 340, 40).SplitX(2, l.S(10))
	r.store.Rect, r.forget.Rect = row[0], row[1]
	r.paint.Rect = l.R(32, 690, 340, 30)
	r.temp.Rect = l.R(400, 242, 430, 50)
	r.plot.Rect = l.R(400, 366, 430, 226)
	r.plot.FontSize = l.S(13)
}

// basinRect is where the 512 states are drawn.
func (r *recall) basinRect(l ui.Layout) ui.Rect { return l.R(876, 168, 352, 176) }

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
	r.layout(ctx.L)
	r.focus.Update(in)
	steps, reset := r.transport.Update(in, &r.focus)
	if reset {
		r.reset()
		ctx.Notify("Reset: T and L stored, starting one unit away from T")
		return nil
	}
	if r.temp.Update(in, &r.focus) {
		r.chain.T = r.temp.Value
	}
	if r.corrupt.Update(in, &r.focus) || in.KeyPressed(ebiten.KeyC) {
		r.corruptMemory(ctx)
	}
	if r.randomize.Update(in, &r.focus) || in.KeyPressed(ebiten.KeyN) {
		s := make([]int8, r.net.N)
		sim.RandomState(s, r.rng)
		r.chain.SetState(s)
		r.stateChanged()
	}
	if r.store.Update(in, &r.focus) || in.KeyPressed(ebiten.KeyP) {
		r.storeCurrent(ctx)
	}
	if r.forget.Update(in, &r.focus) || in.KeyPressed(ebiten.KeyDelete) || in.KeyPressed(ebiten.KeyBackspace) {
		r.net.Forget()
		r.memories = nil
		r.weightsChanged()
		r.stateChanged()
		ctx.Notify("Every weight is zero now: no memories, every state equally good")
	}
	if r.paint.Update(in, &r.focus) || in.KeyPressed(ebiten.KeyI) {
		if in.KeyPressed(ebiten.KeyI) {
			r.paint.On = !r.paint.On
		}
		r.grid.Paint = r.paint.On
	}
	r.moveSelection(in)
	if r.grid.Update(in, r.chain.State(), func(i int, v int8) { r.chain.SetUnit(i, v) }) && r.grid.Paint {
		r.stateChanged()
	}
	r.updateBasinMap(ctx.L, in)

	for k := 0; k < steps; k++ {
		r.chain.Step()
		u := r.chain.Last
		r.last[u.Unit], r.updated[u.Unit] = u, true
		r.grid.Recent = u.Unit
		r.energy.Push(float64(r.chain.Updates), r.chain.Energy())
	}
	if steps > 0 {
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

// moveSelection lets the arrow keys walk the selected unit around the grid
// when no slider has the focus.
func (r *recall) moveSelection(in ui.Input) {
	if _, ok := r.focus.Current().(*ui.Slider); ok {
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
	case in.KeyPressed(ebiten.KeyEnter) && r.focus.Current() == nil:
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
		ctx.Notify(fmt.Sprintf("%d memories is the limit here: nine units cannot hold more", maxMemories))
		return
	}
	r.painted++
	p := sim.Pattern{Name: fmt.Sprintf("P%d", r.painted), Units: append([]int8(nil), s...)}
	r.memories = append(r.memories, p)
	r.net.Store(p.Units)
	r.weightsChanged()
	r.stateChanged()
	ctx.Notify(fmt.Sprintf("Stored %s: %d memories now", p.Name, len(r.memories)))
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
func (r *recall) updateBasinMap(l ui.Layout, in ui.Input) {
	b := r.basinRect(l)
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

func (r *recall) Draw(dst *ebiten.Image, ctx *Context) {
	l := ctx.L
	r.layout(l)
	s := r.chain.State()

	// Left: the network, its status and the controls.
	r.painter.FillRound(dst, l.R(32, 128, 340, 340), l.S(10), ui.Panel)
	r.grid.Draw(dst, s)
	msg, clr := r.status()
	pill := l.R(32, 486, 340, 36)
	r.painter.FillRound(dst, pill, pill.H/2, ui.Panel)
	ui.Disc(dst, pill.X+l.S(20), pill.CenterY(), l.S(6), clr)
	ui.Label(dst, msg, ui.Bold, l.S(15), pill.X+l.S(36), pill.CenterY(), ui.Text, ui.Left)
	r.transport.Draw(dst, &r.focus)
	for _, b := range []*ui.Button{&r.corrupt, &r.randomize, &r.store, &r.forget} {
		b.Draw(dst, &r.focus)
	}
	r.paint.Draw(dst, &r.focus)
	hint := "Click toggles a unit, drag paints."
	if !r.grid.Paint {
		hint = "Click a unit to inspect it."
	}
	ui.Label(dst, hint+" Arrows move the selection.", ui.Regular, l.S(12.5), l.X(32), l.Y(738), ui.TextFaint, ui.Left)

	// Middle: readouts, sliders, the energy trace and the selected unit.
	r.drawReadouts(dst, l, s)
	r.temp.Draw(dst, &r.focus)
	r.plot.Draw(dst)
	r.drawUnit(dst, l)

	// Right: the basin map and the stored memories.
	r.drawBasinMap(dst, l, s)
	r.drawMemories(dst, l)
}

func (r *recall) drawReadouts(dst *ebiten.Image, l ui.Layout, s []int8) {
	box := l.R(400, 128, 430, 92)
	r.painter.FillRound(dst, box, l.S(10), ui.Panel)
	cols := box.Inset(l.S(16)).SplitX(3, l.S(12))
	read := func(c ui.Rect, label, value string) {
		ui.Label(dst, label, ui.Regular, l.S(13), c.X, c.Y+l.S(10), ui.TextDim, ui.Left)
		ui.Label(dst, value, ui.Mono, l.S(24), c.X, c.Y+l.S(42), ui.Text, ui.Left)
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
func (r *recall) drawUnit(dst *ebiten.Image, l ui.Layout) {
	box := l.R(400, 606, 430, 160)
	r.painter.FillRound(dst, box, l.S(10), ui.Panel)
	sel := r.grid.Selected
	x := box.X + l.S(16)
	if sel < 0 {
		ui.Label(dst, "Select a unit to see its numbers", ui.Regular, l.S(14), x, box.CenterY(), ui.TextDim, ui.Left)
		return
	}
	T := r.chain.T
	dE := r.chain.DeltaE(sel)
	p := sim.POn(dE, T)
	ui.Label(dst, fmt.Sprintf("Unit %d  (row %d, column %d)", sel, sel/recallSide+1, sel%recallSide+1), ui.Bold, l.S(15), x, box.Y+l.S(20), ui.Text, ui.Left)
	mono := l.S(14)
	ui.Label(dst, fmt.Sprintf("ΔE = %+.2f    p(on) = σ(ΔE/T) = %.4f", dE, p), ui.Mono, mono, x, box.Y+l.S(48), ui.Text, ui.Left)

	// A unit line from 0 to 1: p(on) is the shaded part; the last draw u is
	// a tick, and the unit turned on exactly when the tick fell inside.
	bar := ui.Rect{X: x, Y: box.Y + l.S(72), W: box.W - l.S(32), H: l.S(16)}
	ui.FillRect(dst, bar, ui.Control)
	ui.FillRect(dst, ui.Rect{X: bar.X, Y: bar.Y, W: bar.W * p, H: bar.H}, ui.Shade(ui.Accent, 0.7))
	ui.Label(dst, "0", ui.Mono, l.S(11), bar.X, bar.Bottom()+l.S(9), ui.TextFaint, ui.Left)
	ui.Label(dst, "1", ui.Mono, l.S(11), bar.Right(), bar.Bottom()+l.S(9), ui.TextFaint, ui.Right)
	ui.Label(dst, "p(on)", ui.Regular, l.S(11), bar.X+bar.W*p/2, bar.Bottom()+l.S(9), ui.Accent, ui.Center)

	line := "No update of this unit yet: press Step (.) or Run"
	if r.updated[sel] {
		u := r.last[sel]
		verdict := "off"
		if u.On {
			verdict = "on"
		}
		if u.Draw == sim.NoDraw {
			line = fmt.Sprintf("Last update at T = 0: no coin, ΔE was %+.2f → %s", u.DeltaE, verdict)
		} else {
			cmp := "≥"
			if u.On {
				cmp = "<"
			}
			line = fmt.Sprintf("Last update: u = %.4f %s p = %.4f → %s", u.Draw, cmp, u.POn, verdict)
			ux := bar.X + bar.W*u.Draw
			ui.Line(dst, ux, bar.Y-l.S(4), ux, bar.Bottom()+l.S(4), l.S(2.5), ui.Warm)
		}
	}
	ui.Label(dst, line, ui.Mono, l.S(13), x, box.Y+l.S(124), ui.TextDim, ui.Left)
	ui.Label(dst, "The warm tick is the last draw u: the unit turns on when u < p(on).", ui.Regular, l.S(12), x, box.Y+l.S(146), ui.TextFaint, ui.Left)
}

func (r *recall) drawBasinMap(dst *ebiten.Image, l ui.Layout, s []int8) {
	panel := l.R(858, 128, 390, 318)
	r.painter.FillRound(dst, panel, l.S(10), ui.Panel)
	ui.Label(dst, "Basin map: all 512 states", ui.Bold, l.S(15), panel.X+l.S(18), panel.Y+l.S(20), ui.Text, ui.Left)
	b := r.basinRect(l)
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
		mark(r.hover, ui.TextDim, l.S(1.5))
	}
	mark(int(sim.IndexOf(s)), ui.Text, l.S(2.5))

	// Legend: one swatch per basin that has states, with its size.
	y := b.Bottom() + l.S(22)
	x := panel.X + l.S(18)
	var keys []sim.Match
	for k := range r.memories {
		keys = append(keys, sim.Match{Index: k}, sim.Match{Index: k, Mirror: true})
	}
	keys = append(keys, sim.None)
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
		cx := x + float64(col%3)*l.S(120)
		cy := y + float64(col/3)*l.S(22)
		ui.FillRect(dst, ui.Rect{X: cx, Y: cy - l.S(6), W: l.S(12), H: l.S(12)}, matchColor(m))
		ui.Label(dst, fmt.Sprintf("%s  %d", name, n), ui.Regular, l.S(12.5), cx+l.S(18), cy, ui.TextDim, ui.Left)
		col++
	}
	foot := panel.Bottom() - l.S(16)
	ui.Label(dst, "● a local minimum   □ the live state   neighbours differ by one unit", ui.Regular, l.S(11.5), x, foot, ui.TextFaint, ui.Left)
}

func (r *recall) drawMemories(dst *ebiten.Image, l ui.Layout) {
	panel := l.R(858, 460, 390, 306)
	r.painter.FillRound(dst, panel, l.S(10), ui.Panel)
	x := panel.X + l.S(18)
	if r.hover >= 0 {
		// Describe the state under the pointer on the basin map.
		s := make([]int8, r.net.N)
		sim.StateOf(s, uint64(r.hover))
		ui.Label(dst, "State under the pointer", ui.Bold, l.S(15), x, panel.Y+l.S(20), ui.Text, ui.Left)
		ui.DrawMini(dst, ui.Rect{X: x, Y: panel.Y + l.S(44), W: l.S(96), H: l.S(96)}, recallSide, recallSide, s)
		tx := x + l.S(116)
		ui.Label(dst, fmt.Sprintf("state %d  %s", r.hover, sim.String(s)), ui.Mono, l.S(13), tx, panel.Y+l.S(56), ui.Text, ui.Left)
		ui.Label(dst, fmt.Sprintf("energy %.1f", r.net.Energy(s)), ui.Mono, l.S(13), tx, panel.Y+l.S(80), ui.TextDim, ui.Left)
		end := "a local minimum itself"
		if !r.isMin[r.hover] {
			end = "descends to " + describeMatch(r.basin[r.hover], r.memories)
		}
		ui.Label(dst, end, ui.Regular, l.S(13), tx, panel.Y+l.S(104), ui.TextDim, ui.Left)
		ui.Label(dst, "Click to start from this state.", ui.Regular, l.S(12.5), tx, panel.Y+l.S(128), ui.TextFaint, ui.Left)
		return
	}
	ui.Label(dst, fmt.Sprintf("Stored memories (%d)", len(r.memories)), ui.Bold, l.S(15), x, panel.Y+l.S(20), ui.Text, ui.Left)
	if len(r.memories) == 0 {
		ui.Paragraph(dst, "None. Paint a pattern on the grid and press Store (P) to carve it into the weights.", ui.Regular, l.S(13), x, panel.Y+l.S(40), panel.W-l.S(36), ui.TextDim)
		return
	}
	size := l.S(72)
	for k, m := range r.memories {
		cx := x + float64(k%4)*l.S(90)
		cy := panel.Y + l.S(44) + float64(k/4)*l.S(118)
		ui.DrawMini(dst, ui.Rect{X: cx, Y: cy, W: size, H: size}, recallSide, recallSide, m.Units)
		ui.FillRect(dst, ui.Rect{X: cx, Y: cy + size + l.S(10), W: l.S(10), H: l.S(10)}, ui.Category(k))
		ui.Label(dst, m.Name, ui.Regular, l.S(13), cx+l.S(16), cy+size+l.S(15), ui.Text, ui.Left)
	}
	r.drawWeights(dst, l, ui.Rect{X: x, Y: panel.Y + l.S(168), W: panel.W - l.S(36), H: l.S(122)})
}

// drawWeights shows the weight matrix the memories produced, in the
// diverging map, with its legend.
func (r *recall) drawWeights(dst *ebiten.Image, l ui.Layout, box ui.Rect) {
	r.weights.Rect = ui.Rect{X: box.X, Y: box.Y, W: box.H, H: box.H}
	r.weights.Cols, r.weights.Rows = r.net.N, r.net.N
	scale := 0.0
	for _, w := range r.net.W {
		scale = math.Max(scale, math.Abs(w))
	}
	r.weights.Scale = math.Max(scale, 1)
	r.weights.Draw(dst, r.net.W)
	tx := box.X + box.H + l.S(18)
	tw := box.Right() - tx
	ui.Label(dst, "Weights w_ij", ui.Bold, l.S(13.5), tx, box.Y+l.S(8), ui.Text, ui.Left)
	ui.Paragraph(dst, "Row i, column j: the sum of ξ_i ξ_j over the stored patterns. Blue pulls two units apart, orange together.",
		ui.Regular, l.S(12), tx, box.Y+l.S(22), tw, ui.TextDim)
	ui.DrawLegend(dst, ui.Rect{X: tx, Y: box.Bottom() - l.S(28), W: tw, H: l.S(28)}, -r.weights.Scale, r.weights.Scale, true)
}
