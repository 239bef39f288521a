package scenes

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// Drawing of the distribution scene.

func (d *distribution) Draw(dst *ebiten.Image, ctx *Context) {
	th := ctx.Theme
	d.place(th)
	d.panels(dst, th)
	d.drawKeys(dst, th)
	d.sorted.Draw(dst, &d.focus)
	d.logScale.Draw(dst, &d.focus)
	d.drawBars(dst, th)
	d.plot.FontSize = th.Px(12)
	d.plot.Draw(dst)
	d.drawReadouts(dst, th)
	d.drawNetwork(dst, th)
	ui.TextBlock(dst, d.netHint, distNetHint, th.Style(ui.Small), ui.TextFaint)
	d.param.Draw(dst, &d.focus)
	d.temp.Draw(dst, &d.focus)
	d.transport.Draw(dst, &d.focus)
}

// drawKeys draws the legend: the energy colours, the sampled outline and
// the uniform line.
func (d *distribution) drawKeys(dst *ebiten.Image, th ui.Theme) {
	small := th.Style(ui.Small)
	gap := th.Px(ui.GapS)
	k := d.energyKey
	hiW := ui.TextWidth("high E", small.Font, small.Size)
	loW := ui.TextWidth("low E", small.Font, small.Size)
	ui.TextIn(dst, ui.Rect{X: k.X, Y: k.Y, W: hiW + 1, H: k.H}, "high E", small, ui.TextDim, ui.Left)
	bar := ui.Rect{X: k.X + hiW + gap, Y: k.CenterY() - th.Px(6), W: math.Min(th.Px(140), k.W-hiW-loW-2*gap-1), H: th.Px(12)}
	const steps = 32
	for i := range steps {
		t := 0.15 + 0.85*(float64(i)+0.5)/steps
		ui.FillRect(dst, ui.Rect{X: bar.X + bar.W*float64(i)/steps, Y: bar.Y, W: bar.W/steps + 0.5, H: bar.H}, ui.Sequential(t))
	}
	ui.TextIn(dst, ui.Rect{X: bar.Right() + gap, Y: k.Y, W: loW + 1, H: k.H}, "low E", small, ui.TextDim, ui.Left)

	o := d.outlineKey
	sw := th.Px(14)
	box := ui.Rect{X: o.X, Y: o.CenterY() - sw/2, W: sw, H: sw}
	ui.StrokeRect(dst, box, th.Px(2), ui.Text)
	sampled := "sampled"
	sx := box.Right() + gap
	w := ui.TextWidth(sampled, small.Font, small.Size) + 1
	ui.TextIn(dst, ui.Rect{X: sx, Y: o.Y, W: w, H: o.H}, sampled, small, ui.TextDim, ui.Left)
	lx := sx + w + th.Px(ui.GapL)
	d.dashes(dst, th, lx, lx+th.Px(24), o.CenterY())
	ux := lx + th.Px(24) + gap
	ui.TextIn(dst, ui.Rect{X: ux, Y: o.Y, W: math.Max(0, o.Right()-ux), H: o.H}, "uniform, 1/16", small, ui.TextDim, ui.Left)
}

func (d *distribution) drawBars(dst *ebiten.Image, th ui.Theme) {
	a := d.bars
	if a.W <= 0 || a.H <= 0 {
		return
	}
	small := th.Style(ui.Small)
	lh := th.LineHeight(ui.Small)
	tick := func(p float64, label string) {
		y := d.sy(p)
		ui.FillRect(dst, ui.Rect{X: a.X, Y: y, W: a.W, H: 1}, ui.Grid)
		ui.TextIn(dst, ui.Rect{X: d.barsLeaf.X, Y: y - lh/2, W: a.X - d.barsLeaf.X - th.Px(ui.GapS), H: lh}, label, small, ui.TextDim, ui.Right)
	}
	if d.logScale.On {
		for e := -8; e <= 0; e += 2 {
			label := "1"
			if e < 0 {
				label = "10" + superscript(e)
			}
			tick(math.Pow(10, float64(e)), label)
		}
	} else {
		for _, t := range []float64{0, 0.25, 0.5, 0.75, 1} {
			tick(t, ui.FormatTick(t))
		}
	}

	bw := a.W / distStates
	rows := d.energyRows(th, bw)
	s := d.stateBuf
	for k, idx := range d.order {
		x := a.X + float64(k)*bw
		p := d.exact.P[idx]
		top := d.sy(p)
		bar := ui.Rect{X: x + bw*0.14, Y: top, W: bw * 0.72, H: a.Bottom() - top}
		ui.FillRect(dst, bar, ui.Sequential(d.energyShade(d.exact.E[idx])))
		if d.sampler.Sweeps > 0 && d.emp[idx] > 0 {
			h := d.sy(d.emp[idx])
			ui.StrokeRect(dst, ui.Rect{X: x + bw*0.08, Y: h - th.Px(1), W: bw * 0.84, H: a.Bottom() - h + th.Px(1)}, th.Px(2), ui.Text)
		}
		sim.StateOf(s, uint64(idx))
		ts := d.thumbSize
		ui.DrawMini(dst, ui.Rect{X: x + (bw-ts)/2, Y: a.Bottom() + th.Px(8), W: ts, H: ts}, 2, 2, s)
		y := a.Bottom() + th.Px(8) + ts + th.Px(4)
		w := bw
		if rows == 2 {
			w = 2 * bw
			y += float64(k%2) * lh
		}
		ui.TextIn(dst, ui.Rect{X: x + bw/2 - w/2, Y: y, W: w, H: lh}, signed(d.exact.E[idx]), small, ui.TextDim, ui.Center)
	}
	ui.TextIn(dst, ui.Rect{X: d.barsLeaf.X, Y: a.Bottom() + th.Px(8) + d.thumbSize + th.Px(4), W: a.X - d.barsLeaf.X - th.Px(ui.GapS), H: lh}, "E", small, ui.TextFaint, ui.Right)

	// The uniform distribution, where every bar ends up as T grows.
	d.dashes(dst, th, a.X, a.Right(), d.sy(1.0/distStates))
}

func (d *distribution) drawReadouts(dst *ebiten.Image, th ui.Theme) {
	ex := d.exact
	best := 0
	for i, p := range ex.P {
		if p > ex.P[best] {
			best = i
		}
	}
	g := d.stateBuf
	sim.StateOf(g, uint64(best))
	kl := "—"
	if d.sampler.Sweeps > 0 {
		kl = ui.Fmt("%.2e", sim.KL(d.emp, ex.P))
	}
	rows := [][2]string{
		{"log Z", ui.Fmt("%.4f", ex.LogZ)},
		{"mean energy <E>", ui.Fmt("%.4f", ex.MeanEnergy)},
		{"entropy (nats)", ui.Fmt("%.4f of %.4f", ex.Entropy, distUnits*math.Ln2)},
		{"likeliest state", ui.FmtS("%s  p = %.4f", []string{d.stateText.Get(best, func(int) string { return sim.String(g) })}, ex.P[best])},
		{"ground energy", ui.FmtS("%.2[2]f (%[1]s)", []string{plural(ex.Ground, "state", "states")}, ex.MinEnergy)},
		{"sweeps counted", ui.Fmt("%d", float64(d.sampler.Sweeps))},
		{"KL(sampled || exact)", kl},
	}
	body, num := th.Style(ui.Body), th.Style(ui.Number)
	box := d.readBox
	lh := box.H / float64(len(rows))
	for k, r := range rows {
		row := ui.Rect{X: box.X, Y: box.Y + float64(k)*lh, W: box.W, H: lh}
		vw := ui.TextWidth(r[1], num.Font, num.Size) + 1
		ui.TextIn(dst, ui.Rect{X: row.X, Y: row.Y, W: math.Max(0, row.W-vw-th.Px(ui.Gap)), H: row.H}, r[0], body, ui.TextDim, ui.Left)
		ui.TextIn(dst, ui.Rect{X: row.Right() - vw, Y: row.Y, W: vw, H: row.H}, r[1], num, ui.Text, ui.Right)
	}
}

func (d *distribution) drawNetwork(dst *ebiten.Image, th ui.Theme) {
	rad := math.Max(th.Px(12), math.Min(th.Px(24), d.nodes.W*0.13))
	for k, pr := range distPairs {
		x0, y0 := d.nodePos(pr[0])
		x1, y1 := d.nodePos(pr[1])
		w := d.value(k)
		if w == 0 {
			ui.Line(dst, x0, y0, x1, y1, th.Px(1), ui.PanelEdge)
			continue
		}
		ui.Line(dst, x0, y0, x1, y1, th.Px(1.5+1.5*math.Abs(w)), ui.Diverging(w/4))
	}
	s := d.sampler.Chain.State()
	for i := range distUnits {
		x, y := d.nodePos(i)
		clr, lc := ui.UnitOff, ui.Text
		if s[i] > 0 {
			clr, lc = ui.UnitOn, ui.Background
		}
		ui.Disc(dst, x, y, rad, clr)
		ui.Ring(dst, x, y, rad, th.Px(2), ui.PanelEdge)
		ui.TextIn(dst, ui.Rect{X: x - rad, Y: y - rad, W: 2 * rad, H: 2 * rad}, ui.Fmt("%d", float64(i)), th.Style(ui.Strong), lc, ui.Center)
	}
	for k := range distParams {
		r := d.handles[k]
		bg := ui.Control
		if k == d.selected {
			bg = ui.ControlHi
		}
		d.painter.FillRound(dst, r, r.H/2, bg)
		if k == d.selected {
			d.painter.StrokeRound(dst, r, r.H/2, th.Px(1.5), ui.Accent)
		}
		format := "w %+.3g"
		if k >= len(distPairs) {
			format = "b %+.3g"
		}
		ui.TextIn(dst, r, ui.Minus(ui.Fmt(format, d.value(k))), th.Style(ui.Small), ui.Text, ui.Center)
	}
}
