package scenes

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// Drawing of the Annealing scene: the network, the traces, the race and
// the disconnectivity graph with the live descent marked on it.

func (a *annealing) Draw(dst *ebiten.Image, ctx *Context) {
	th := ctx.Theme
	a.place()
	a.panels(dst, th)
	a.drawNetwork(dst, th)
	a.drawMemories(dst, th)
	a.ePlot.FontSize, a.tPlot.FontSize = th.Px(12), th.Px(12)
	a.ePlot.Draw(dst)
	a.tPlot.Draw(dst)
	a.drawRace(dst, th)
	a.drawGraph(dst, th)
	ui.TextIn(dst, a.stratBox, "Strategy", th.Style(ui.Small), ui.TextDim, ui.Left)
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
	ui.TextBlock(dst, a.noteBox, a.noteText(), th.Style(ui.Small), ui.TextFaint)
}

// nextT is the temperature of the descent's next sweep (its last one when
// it is done), which is what the person should read as "now".
func (a *annealing) nextT() float64 {
	d := a.descent
	if d.Schedule.Sweeps == 0 {
		return d.Schedule.T1
	}
	return d.Schedule.Temp(min(d.Sweep, d.Schedule.Sweeps-1))
}

func (a *annealing) drawNetwork(dst *ebiten.Image, th ui.Theme) {
	a.grid.Draw(dst, a.descent.Chain.State())
	status, clr := a.status()
	ui.TextIn(dst, a.statusBox, status, th.Style(ui.Strong), clr, ui.Center)
}

// status is the line under the network: the sweep while the descent runs,
// then where it ended, with its energy once.
func (a *annealing) status() (string, color.RGBA) {
	if a.result != "" {
		clr := ui.Text
		if !a.resultOK {
			clr = ui.Warm
		}
		return ui.FmtS("%s   E = %.0f", []string{a.result}, a.descent.E), clr
	}
	if !a.descent.Done() {
		return ui.Fmt("sweep %d of %d   T = %.3g   E = %.0f", float64(a.descent.Sweep), float64(a.descent.Schedule.Sweeps), a.nextT(), a.descent.E), ui.TextDim
	}
	return ui.Fmt("sweep %d of %d   E = %.0f", float64(a.descent.Sweep), float64(a.descent.Schedule.Sweeps), a.descent.E), ui.TextDim
}

// drawMemories shows each stored letter beside its inverse, a letter to a
// row, under a heading.
func (a *annealing) drawMemories(dst *ebiten.Image, th ui.Theme) {
	small := th.Style(ui.Small)
	lh := th.LineHeight(ui.Small)
	ui.TextIn(dst, a.memBox.Top(lh), "Stored memories", small, ui.TextDim, ui.Left)
	box := a.memBox.Below(lh, th.Px(ui.GapS))
	rowH := box.H / float64(max(len(a.land.Patterns), 1))
	step := box.W / 2
	size := math.Min(step-th.Px(ui.Gap), rowH-th.Px(22))
	s := make([]int8, a.land.Net.N)
	for k, p := range a.land.Patterns {
		for inv := 0; inv < 2; inv++ {
			copy(s, p.Units)
			name := p.Name
			if inv == 1 {
				for i := range s {
					s[i] = -s[i]
				}
				name = "inverse"
			}
			x, y := box.X+float64(inv)*step, box.Y+float64(k)*rowH
			mini := ui.Rect{X: x, Y: y, W: size, H: size}.Fit(float64(a.land.Cols), float64(a.land.Rows))
			mini.X = x
			ui.DrawMini(dst, mini, a.land.Cols, a.land.Rows, s)
			m := sim.Match{Index: k, Inverse: inv == 1}
			sw := ui.Rect{X: x, Y: y + size + th.Px(7), W: th.Px(10), H: th.Px(10)}
			ui.FillRect(dst, sw, matchColor(m))
			ui.TextIn(dst, ui.Rect{X: sw.Right() + th.Px(4), Y: sw.Y - th.Px(4), W: step - sw.W - th.Px(8), H: th.Px(18)}, name, small, ui.TextDim, ui.Left)
		}
	}
}

func (a *annealing) drawRace(dst *ebiten.Image, th ui.Theme) {
	box := a.raceBox
	small, num := th.Style(ui.Small), th.Style(ui.Number)
	if a.race == nil {
		a.racePanel.Title = "The race"
		ui.TextBlock(dst, box, ui.Fmt("Press Race (A) to run %d descents of the quench and %d of the chosen cooling. Run k of each starts from the same random state, updates the same units in the same order and draws the same random numbers; only the temperatures differ.", float64(a.land.Runs), float64(a.land.Runs)), th.Style(ui.Body), ui.TextDim)
		return
	}
	a.racePanel.Title = ui.Fmt("The race: %d of %d runs", float64(a.raceNext), float64(a.raceJobs()))
	lh := th.LineHeight(ui.Small)
	// One block per strategy: its name, a dot per run, its success rate.
	cols := 40
	cell := math.Min(th.Px(6), box.W/float64(cols))
	rows := (a.land.Runs + cols - 1) / cols
	blockH := lh + float64(rows)*cell + th.Px(6) + th.Px(12) + lh + th.Px(ui.Gap)
	for s := range a.race {
		r := &a.race[s]
		y := box.Y + float64(s)*blockH
		ui.TextIn(dst, ui.Rect{X: box.X, Y: y, W: box.W, H: lh}, r.Strategy.Name+" — ended in a letter or its inverse", small, ui.Text, ui.Left)
		dots := ui.Rect{X: box.X, Y: y + lh, W: float64(cols) * cell, H: float64(rows) * cell}
		n, succ := 0, 0
		for k := range r.Runs {
			c := ui.Rect{X: dots.X + float64(k%cols)*cell, Y: dots.Y + float64(k/cols)*cell, W: cell - 1, H: cell - 1}
			clr := ui.Control
			if a.raceRunDone(s, k) {
				clr = matchColor(r.Runs[k].Match)
				n++
				if r.Runs[k].Reached() {
					succ++
				}
			}
			a.cells.Add(c, clr)
		}
		a.cells.Draw(dst)
		bar := ui.Rect{X: box.X, Y: dots.Bottom() + th.Px(6), W: box.W, H: th.Px(12)}
		ui.FillRect(dst, bar, ui.Control)
		if n > 0 {
			rate := float64(succ) / float64(n)
			lo, hi := sim.Wilson(succ, n, sim.Z95)
			ui.FillRect(dst, ui.Rect{X: bar.X, Y: bar.Y, W: bar.W * rate, H: bar.H}, ui.Shade(ui.Accent, 0.75))
			ui.FillRect(dst, ui.Rect{X: bar.X + bar.W*lo, Y: bar.CenterY() - th.Px(1), W: bar.W * (hi - lo), H: th.Px(2)}, ui.Text)
			ui.FillRect(dst, ui.Rect{X: bar.X + bar.W*lo, Y: bar.Y - th.Px(3), W: th.Px(2), H: bar.H + th.Px(6)}, ui.Text)
			ui.FillRect(dst, ui.Rect{X: bar.X + bar.W*hi - th.Px(2), Y: bar.Y - th.Px(3), W: th.Px(2), H: bar.H + th.Px(6)}, ui.Text)
			ui.TextIn(dst, ui.Rect{X: box.X, Y: bar.Bottom(), W: box.W, H: lh}, ui.FmtS("%.1[2]f%%  (95%%: %.1[3]f–%.1[4]f%%, %[1]s)", []string{plural(n, "run", "runs")}, 100*rate, 100*lo, 100*hi), num, ui.TextDim, ui.Left)
		}
	}
	if a.raceFinished() {
		y := box.Y + float64(len(a.race))*blockH
		if h := box.Bottom() - y; h > th.Px(50) {
			a.drawHistogram(dst, th, ui.Rect{X: box.X, Y: y, W: box.W, H: h})
		}
	}
}

// raceHistogram counts a finished race's final energies, once per race.
type raceHistogram struct {
	gen      int // the race counted
	counts   map[float64][]int
	energies []float64 // in increasing order
	peak     int
}

func newRaceHistogram(race []sim.StrategyResult, gen int) raceHistogram {
	h := raceHistogram{gen: gen, counts: map[float64][]int{}, peak: 1}
	for s, r := range race {
		for _, run := range r.Runs {
			c := h.counts[run.FinalEnergy]
			if c == nil {
				c = make([]int, len(race))
			}
			c[s]++
			h.counts[run.FinalEnergy] = c
		}
	}
	for e, c := range h.counts {
		h.energies = append(h.energies, e)
		for _, n := range c {
			h.peak = max(h.peak, n)
		}
	}
	slices.Sort(h.energies)
	return h
}

// drawHistogram shows each strategy's final energies side by side.
func (a *annealing) drawHistogram(dst *ebiten.Image, th ui.Theme, box ui.Rect) {
	if a.hist.gen != a.raceGen || a.hist.counts == nil {
		a.hist = newRaceHistogram(a.race, a.raceGen)
	}
	counts, energies, peak := a.hist.counts, a.hist.energies, a.hist.peak
	small := th.Style(ui.Small)
	lh := th.LineHeight(ui.Small)
	key := box.Top(lh)
	h := ui.Rect{X: box.X, Y: box.Y + lh + th.Px(4), W: box.W, H: box.H - 2*lh - th.Px(8)}
	bw := h.W / float64(len(energies))
	// Strategy colours stay clear of the basin colours (orange, blue) above.
	clrs := [2]color.RGBA{ui.Category(3), ui.Category(2)}
	for k, e := range energies {
		for s, n := range counts[e] {
			bh := h.H * float64(n) / float64(peak)
			w := (bw - 2) / float64(len(a.race))
			ui.FillRect(dst, ui.Rect{X: h.X + float64(k)*bw + 1 + float64(s)*w, Y: h.Bottom() - bh, W: math.Max(1, w-1), H: bh}, clrs[s%2])
		}
	}
	ui.FillRect(dst, ui.Rect{X: h.X, Y: h.Bottom(), W: h.W, H: 1}, ui.PanelEdge)
	foot := ui.Rect{X: h.X, Y: h.Bottom() + th.Px(2), W: h.W, H: lh}
	ui.TextIn(dst, foot, ui.Fmt("final energy %.0f", energies[0]), small, ui.TextDim, ui.Left)
	ui.TextIn(dst, foot, ui.Fmt("%.0f", energies[len(energies)-1]), small, ui.TextDim, ui.Right)
	for s, r := range a.race {
		half := ui.Rect{X: key.X + float64(s)*key.W/2, Y: key.Y, W: key.W / 2, H: key.H}
		ui.FillRect(dst, ui.Rect{X: half.X, Y: half.CenterY() - th.Px(5), W: th.Px(10), H: th.Px(10)}, clrs[s%2])
		ui.TextIn(dst, ui.Rect{X: half.X + th.Px(14), Y: half.Y, W: half.W - th.Px(16), H: half.H}, r.Strategy.Name, small, ui.TextDim, ui.Left)
	}
}

// graphLayout is what drawing the disconnectivity graph needs, worked out
// once when the graph arrives.
type graphLayout struct {
	leaves       int
	eLow, eHigh  float64 // the energy axis, fixed for the landscape
	letters      int     // valleys that are a stored letter
	inverses     int     // valleys that are a letter's inverse
	spurious     int
	strict       bool    // every minimum is strict
	minRise      float64 // the smallest single-flip rise of any minimum
	lowBarrier   float64 // the smallest barrier of a spurious minimum
	highBarrier  float64 // the largest
	layer        *ui.Layer
	drawnForSize ui.Rect
}

func newGraphLayout(d *sim.Disconnectivity) graphLayout {
	g := graphLayout{leaves: len(d.Valleys), eLow: math.Inf(1), eHigh: d.Nodes[d.Root].Energy,
		strict: true, minRise: math.Inf(1), lowBarrier: math.Inf(1), layer: &ui.Layer{}}
	for _, v := range d.Valleys {
		g.eLow = math.Min(g.eLow, v.Energy)
		g.strict = g.strict && v.Rise > 0
		g.minRise = math.Min(g.minRise, v.Rise)
		if v.Match != sim.None {
			if v.Match.Inverse {
				g.inverses++
			} else {
				g.letters++
			}
			continue
		}
		g.spurious++
		g.lowBarrier = math.Min(g.lowBarrier, v.Barrier)
		g.highBarrier = math.Max(g.highBarrier, v.Barrier)
	}
	if g.eHigh <= g.eLow {
		g.eHigh = g.eLow + 1
	}
	pad := (g.eHigh - g.eLow) * 0.06
	g.eLow, g.eHigh = g.eLow-pad, g.eHigh+pad
	g.layer.Invalidate()
	return g
}

// graphPlot is the graph's box without the energy axis's labels.
func (a *annealing) graphPlot(th ui.Theme) ui.Rect {
	b := a.graphBox
	return ui.Rect{X: b.X + th.Px(36), Y: b.Y + th.Px(8), W: b.W - th.Px(36), H: b.H - th.Px(8)}
}

// graphCaption says what the graph shows, with the landscape's numbers.
func (a *annealing) graphCaption() string {
	return a.captionText.Get(a.graph, func(*sim.Disconnectivity) string { return a.makeGraphCaption() })
}

func (a *annealing) makeGraphCaption() string {
	if a.graph == nil {
		return "Every valley of the landscape and the passes between them."
	}
	g := &a.graphLay
	line1 := fmt.Sprintf("%d valleys: %s, %s, %d spurious", g.leaves, plural(g.letters, "letter", "letters"), plural(g.inverses, "inverse", "inverses"), g.spurious)
	if g.strict {
		line1 += fmt.Sprintf("; all strict (every single flip costs at least %.3g).", g.minRise)
	} else {
		line1 += "; not all of them strict."
	}
	line2 := "Leaves are valleys at their energy; branches join at the lowest pass between them. The warm dot is the descent."
	if g.spurious > 0 {
		line2 = fmt.Sprintf("Leaves are valleys at their energy; branches join at the lowest pass between them. A spurious valley lies %.3g to %.3g below its lowest way out. The warm dot is the descent.", g.lowBarrier, g.highBarrier)
	}
	return line1 + "\n" + line2
}

func (a *annealing) drawGraph(dst *ebiten.Image, th ui.Theme) {
	small := th.Style(ui.Small)
	d := a.graph
	if d == nil {
		msg := ui.Fmt("Finding every valley of the 2^%d states and the passes between them…", float64(a.land.Net.N))
		switch {
		case a.land.Net.N > sim.MaxExactUnits:
			msg = ui.Fmt("This landscape has %d units, too many to visit every state here.", float64(a.land.Net.N))
		case a.graphErr != nil:
			msg = "The graph could not be made: " + a.graphErr.Error()
		}
		ui.TextBlock(dst, a.graphBox, msg, th.Style(ui.Body), ui.TextDim)
		ui.TextBlock(dst, a.graphText, a.graphCaption(), small, ui.TextDim)
		return
	}
	g := &a.graphLay
	plot := a.graphPlot(th)
	y := func(e float64) float64 { return plot.Bottom() - (e-g.eLow)/(g.eHigh-g.eLow)*plot.H }
	x := func(pos float64) float64 { return plot.X + (pos+0.5)/float64(g.leaves)*plot.W }
	if g.drawnForSize != plot {
		g.drawnForSize = plot
		g.layer.Invalidate()
	}
	// The tree does not change: it is drawn once into a layer, and only
	// the live state's marker is drawn every frame.
	g.layer.Draw(dst, a.graphBox, func(img *ebiten.Image, _ ui.Rect) {
		ox, oy := a.graphBox.X, a.graphBox.Y
		lw := math.Max(1, th.Px(1.2))
		for _, t := range ui.NiceTicks(g.eLow, g.eHigh, 5) {
			ty := y(t) - oy
			ui.FillRect(img, ui.Rect{X: plot.X - ox, Y: ty, W: plot.W, H: 1}, ui.Grid)
			ui.TextIn(img, ui.Rect{X: 0, Y: ty - th.Px(8), W: th.Px(32), H: th.Px(16)}, ui.FormatTick(t), small, ui.TextDim, ui.Right)
		}
		for _, n := range d.Nodes {
			nx := x(n.Pos) - ox
			if n.Parent >= 0 {
				top := y(d.Nodes[n.Parent].Energy) - oy
				ui.FillRect(img, ui.Rect{X: nx - lw/2, Y: top, W: lw, H: y(n.Energy) - oy - top}, ui.TextDim)
			}
			if len(n.Children) > 0 {
				lo, hi := math.Inf(1), math.Inf(-1)
				for _, c := range n.Children {
					lo, hi = math.Min(lo, d.Nodes[c].Pos), math.Max(hi, d.Nodes[c].Pos)
				}
				ui.FillRect(img, ui.Rect{X: x(lo) - ox - lw/2, Y: y(n.Energy) - oy - lw/2, W: x(hi) - x(lo) + lw, H: lw}, ui.TextDim)
			}
			if n.Valley >= 0 {
				v := d.Valleys[n.Valley]
				r := th.Px(3)
				if v.Match != sim.None {
					r = th.Px(5)
				}
				ui.Disc(img, nx, y(v.Energy)-oy, r, matchColor(v.Match))
			}
		}
		ui.TextIn(img, ui.Rect{X: 0, Y: plot.Y - oy - th.Px(2), W: th.Px(32), H: th.Px(14)}, "E", small, ui.TextFaint, ui.Right)
	})
	// The live state sits on the branch of the valley it is in, at its
	// energy: cooling slides it down a branch, a climb over a barrier
	// takes it up and across to another.
	s := a.descent.Chain.State()
	idx := sim.IndexOf(s)
	n := d.Nodes[d.Locate(idx)]
	e := d.Energy(idx)
	mx, my := x(n.Pos), y(e)
	if my < plot.Y {
		// Above the highest pass every state is on the root's stem, which
		// the chart cuts off: the marker waits at the top, with its energy.
		my = plot.Y
		label := ui.Minus(ui.Fmt("↑ E = %.0f", e))
		w := ui.TextWidth(label, small.Font, small.Size)
		r := ui.Rect{X: mx + th.Px(12), Y: my - th.Px(8), W: w + 1, H: th.Px(16)}
		if r.Right() > a.graphBox.Right() {
			r.X = mx - th.Px(12) - r.W
		}
		ui.TextIn(dst, r, label, small, ui.Warm, ui.Left)
	}
	ui.Disc(dst, mx, my, th.Px(6), ui.Warm)
	ui.Ring(dst, mx, my, th.Px(7), th.Px(1.5), ui.Background)

	ui.TextBlock(dst, a.graphText, a.graphCaption(), small, ui.TextDim)
}
