package scenes

import (
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// Drawing of the Capacity scene: the network, the readouts of the recall
// on screen, and the measured curves.

func (c *capacity) Draw(dst *ebiten.Image, ctx *Context) {
	th := ctx.Theme
	c.place()
	c.expPanel.Title = "Recalls against the load α"
	if c.sweep != nil && !c.sweepDone {
		c.expPanel.Title = ui.Fmt("Recalls against load: %d of %d trials", float64(c.tally.finished), float64(c.tally.total))
	}
	c.panels(dst, th)
	side := int(c.side.Value)
	if c.trial != nil && c.trial.Stored() && len(c.trial.State()) == side*side {
		ui.DrawMini(dst, c.gridBox.Square(), side, side, c.trial.State())
	} else if c.trial != nil {
		// While the patterns are being stored the cue does not exist yet:
		// show the pattern that will be cued.
		ui.DrawMini(dst, c.gridBox.Square(), side, side, c.trial.Pattern(c.trial.Cue()))
	}
	msg, clr := c.status()
	c.chip(dst, th, c.chipBox, msg, clr)
	for r := range c.rules {
		c.rules[r].Draw(dst, &c.focus)
	}
	for _, s := range []*ui.Slider{&c.side, &c.load, &c.flip} {
		s.Draw(dst, &c.focus)
	}
	for _, b := range []*ui.Button{&c.fresh, &c.cue, &c.remeas} {
		b.Draw(dst, &c.focus)
	}
	c.transport.Draw(dst, &c.focus)
	c.drawReadouts(dst, th)
	c.drawCurves(dst, th)
	ui.TextBlock(dst, c.noteBox, c.note(), th.Style(ui.Small), ui.TextDim)
}

// status describes the recall on screen.
func (c *capacity) status() (string, color.RGBA) {
	switch {
	case c.trial == nil:
		return c.result, ui.Warm
	case c.result != "" && c.ok:
		return c.result, ui.Category(2)
	case c.result != "":
		return c.result, ui.Warm
	case !c.trial.Stored():
		return "storing the patterns: press Run or Step", ui.TextDim
	case c.trial.Sweeps() == 0:
		return "cued: press Run or Step to recall", ui.TextDim
	}
	return ui.Fmt("recalling: sweep %d", float64(c.trial.Sweeps())), ui.TextDim
}

func (c *capacity) drawReadouts(dst *ebiten.Image, th ui.Theme) {
	if c.trial == nil {
		return
	}
	cfg := c.trial.Config()
	side := int(c.side.Value)
	mini := c.miniBox.Square()
	mini.X = c.miniBox.X
	ui.DrawMini(dst, mini, side, side, c.trial.Pattern(c.trial.Cue()))
	m := "—"
	if c.trial.Stored() {
		m = ui.Fmt("%+.3f", c.trial.Overlap())
	}
	readout(dst, th, c.reads[0], "Overlap m", m, "")
	readout(dst, th, c.reads[1], ui.Fmt("P = %d, N = %d", float64(cfg.P), float64(cfg.N)), ui.Fmt("α %.3f", float64(cfg.P)/float64(cfg.N)), "")
	readout(dst, th, c.reads[2], ui.Fmt("Cue: pattern %d", float64(c.trial.Cue()+1)), ui.Fmt("%d off", float64(c.trial.Flips())), "")
	ui.TextBlock(dst, c.readNote, capReadNote, th.Style(ui.Small), ui.TextFaint)
}

// ruleColor is the colour of a rule's curve.
func ruleColor(r int) color.RGBA { return ui.Category([3]int{0, 1, 2}[r]) }

// drawCurves draws each rule's recall rate against α on fixed axes
// (α from 0 to the experiment's last load, the rate from 0 to 1), with
// the very-large-network Hebbian limit marked.
func (c *capacity) drawCurves(dst *ebiten.Image, th ui.Theme) {
	small := th.Style(ui.Small)
	b := c.plotBox
	plot := ui.Rect{X: b.X + th.Px(40), Y: b.Y + th.Px(6), W: b.W - th.Px(48), H: b.H - th.Px(40)}
	x := func(a float64) float64 { return plot.X + a/capAlphaMax*plot.W }
	y := func(v float64) float64 { return plot.Bottom() - v*plot.H }
	for _, v := range []float64{0, 0.25, 0.5, 0.75, 1} {
		ui.FillRect(dst, ui.Rect{X: plot.X, Y: y(v), W: plot.W, H: 1}, ui.Grid)
		ui.TextIn(dst, ui.Rect{X: b.X, Y: y(v) - th.Px(8), W: th.Px(34), H: th.Px(16)}, ui.FormatTick(v), small, ui.TextDim, ui.Right)
	}
	for a := 0.0; a <= capAlphaMax+1e-9; a += 0.1 {
		ui.TextIn(dst, ui.Rect{X: x(a) - th.Px(20), Y: plot.Bottom() + th.Px(4), W: th.Px(40), H: th.Px(16)}, ui.FormatTick(math.Round(a*10)/10), small, ui.TextDim, ui.Center)
	}
	ui.TextIn(dst, ui.Rect{X: plot.X, Y: plot.Bottom() + th.Px(20), W: plot.W, H: th.Px(16)}, "load α = P/N", small, ui.TextFaint, ui.Center)
	// The limit of a very large network, dashed.
	for yy := plot.Y; yy < plot.Bottom(); yy += th.Px(8) {
		ui.FillRect(dst, ui.Rect{X: x(sim.CriticalLoad), Y: yy, W: math.Max(1, th.Px(1.5)), H: th.Px(4)}, ui.TextDim)
	}
	v := &c.tally
	if c.sweep == nil || len(v.points) == 0 {
		return
	}
	for r := range v.rules {
		clr := ruleColor(r)
		w := th.Px(1.5)
		if sim.Rule(r) == c.rule {
			w = th.Px(2.5)
		}
		px, py := math.NaN(), math.NaN()
		for a := range v.loads {
			p := v.point(r, a)
			if p.Trials == 0 {
				px = math.NaN()
				continue
			}
			cx, cy := x(p.Alpha), y(p.RecallRate())
			if !math.IsNaN(px) {
				ui.Line(dst, px, py, cx, cy, w, clr)
			}
			if p.Trials >= 3 { // with one or two trials the interval says little but covers much
				lo, hi := p.RateInterval()
				ui.FillRect(dst, ui.Rect{X: cx - th.Px(0.75), Y: y(hi), W: th.Px(1.5), H: y(lo) - y(hi)}, ui.WithAlpha(clr, 0.45))
			}
			ui.Disc(dst, cx, cy, th.Px(3), clr)
			px, py = cx, cy
		}
	}
	// The legend: one swatch per rule.
	lb := c.legendBox
	third := lb.W / 3
	for r := range ruleNames {
		cell := ui.Rect{X: lb.X + float64(r)*third, Y: lb.Y, W: third, H: lb.H}
		ui.FillRect(dst, ui.Rect{X: cell.X, Y: cell.CenterY() - th.Px(5), W: th.Px(10), H: th.Px(10)}, ruleColor(r))
		ui.TextIn(dst, ui.Rect{X: cell.X + th.Px(15), Y: cell.Y, W: cell.W - th.Px(17), H: cell.H}, ruleNames[r], small, ui.TextDim, ui.Left)
	}
}
