package scenes

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// Drawing of the Recall scene: its panels, readouts, basin map and stored
// memories.

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
	r.memPanel.Title = ui.Fmt("Stored memories (%d)", float64(len(r.memories)))
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
	readout(dst, th, cols[0], "Energy", ui.Fmt("%.1f", r.chain.Energy()), "")
	readout(dst, th, cols[1], "Updates", ui.Fmt("%d", float64(r.chain.Updates)), "")
	over := "—"
	label := "Overlap"
	if len(r.memories) > 0 {
		best, name := sim.Overlap(s, r.memories[0].Units), r.memories[0].Name
		for _, m := range r.memories[1:] {
			if o := sim.Overlap(s, m.Units); math.Abs(o) > math.Abs(best) {
				best, name = o, m.Name
			}
		}
		label = ui.FmtS("Overlap with %s", []string{name})
		over = ui.Fmt("%+.2f", best)
	}
	readout(dst, th, cols[2], label, over, "")
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
	ui.TextIn(dst, line(th.LineHeight(ui.Strong)), ui.Fmt("Unit %d  (row %d, column %d)", float64(sel), float64(sel/recallSide+1), float64(sel%recallSide+1)), th.Style(ui.Strong), ui.Text, ui.Left)
	ui.TextIn(dst, line(th.LineHeight(ui.Number)), ui.Fmt("ΔE = %+.2f    p(on) = σ(ΔE/T) = %.4f", dE, p), num, ui.Text, ui.Left)

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
			last = ui.FmtS("Last update at T = 0: no coin, ΔE was %+.2[2]f → %[1]s", []string{verdict}, u.DeltaE)
		} else {
			cmp := "≥"
			if u.On {
				cmp = "<"
			}
			last = ui.FmtS("Last update: u = %.4[3]f %[1]s p = %.4[4]f → %[2]s", []string{cmp, verdict}, u.Draw, u.POn)
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
			r.cells.Add(cell, matchColor(r.basin[idx]))
		}
	}
	r.cells.Draw(dst)
	for rw := 0; rw < basinRows; rw++ {
		for c := 0; c < basinCols; c++ {
			if idx := basinState(c, rw); r.isMin[idx] {
				ui.Disc(dst, b.X+(float64(c)+0.5)*cw-gap/2, b.Y+(float64(rw)+0.5)*ch-gap/2, cw*0.2, ui.Background)
			}
		}
	}
	mark := func(idx int, clr color.RGBA, w float64) {
		c, rw := basinCell(idx)
		cell := ui.Rect{X: b.X + float64(c)*cw, Y: b.Y + float64(rw)*ch, W: cw - gap, H: ch - gap}
		ui.StrokeRect(dst, cell.Inset(-w), w, clr)
	}
	if r.hover >= 0 {
		mark(r.hover, ui.TextDim, th.Px(1.5))
	}
	mark(int(sim.IndexOf(s)), ui.Text, th.Px(2.5))

	// Legend: one swatch per basin that has states, with its size.
	keys := r.legendKeys[:0]
	for k := range r.memories {
		keys = append(keys, sim.Match{Index: k}, sim.Match{Index: k, Inverse: true})
	}
	keys = append(keys, sim.None)
	r.legendKeys = keys
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
		format, name := "spurious  %[2]d", ""
		if m != sim.None {
			format, name = "%[1]s  %[2]d", r.memories[m.Index].Name
			if m.Inverse {
				format = "inverse %[1]s  %[2]d"
			}
		}
		cell := ui.Rect{X: r.legendBox.X + float64(col%cols)*cellW, Y: r.legendBox.Y + float64(col/cols)*lh, W: cellW, H: lh}
		if cell.Bottom() > r.legendBox.Bottom()+0.5 {
			break
		}
		ui.FillRect(dst, ui.Rect{X: cell.X, Y: cell.CenterY() - th.Px(6), W: th.Px(12), H: th.Px(12)}, matchColor(m))
		ui.TextIn(dst, ui.Rect{X: cell.X + th.Px(18), Y: cell.Y, W: cell.W - th.Px(20), H: cell.H}, ui.FmtS(format, []string{name}, float64(n)), small, ui.TextDim, ui.Left)
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
			name += " *"
			clr = ui.TextFaint
		}
		ui.TextIn(dst, ui.Rect{X: sw.Right() + th.Px(5), Y: sw.Y - th.Px(4), W: step - sw.W - th.Px(10), H: th.Px(18)}, name, small, clr, ui.Left)
	}
	rows := (len(r.memories) + perRow - 1) / perRow
	y := box.Y + float64(rows)*tileH + th.Px(4)
	note := r.valleyNote()
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

// valleyNote says how many stored memories are valleys, telling strict
// ones (every single flip raises the energy) from flat ones (no flip
// lowers it, but some flip leaves it unchanged).
func (r *recall) valleyNote() string {
	n, stable, strict := float64(len(r.memories)), float64(r.stable), float64(r.strict)
	switch {
	case r.stable < len(r.memories) && r.strict < r.stable:
		return ui.Fmt("* marks a memory that is no longer a valley: %d of %d are, %d of them with a flat floor (a flip that costs nothing).", stable, n, stable-strict)
	case r.stable < len(r.memories):
		return ui.Fmt("* marks a memory that is no longer a valley: %d of %d are.", stable, n)
	case r.strict < r.stable:
		return ui.Fmt("None can be left downhill, but only %d of %d are strict valleys: in the others some single flip leaves the energy unchanged.", strict, n)
	}
	return "All of them are valleys: every single flip raises the energy."
}
