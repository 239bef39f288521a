package scenes

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// Drawing of the sigmoid scene.

func (s *sigmoid) Draw(dst *ebiten.Image, ctx *Context) {
	th := ctx.Theme
	s.place(th)
	s.panels(dst, th)
	T, dE := s.temp.Value, s.gap.Value
	ui.TextIn(dst, s.readBox, ui.Fmt("ΔE = %+.2f   T = %.3g   p(on) = %.4f", dE, T, sim.POn(dE, T)), th.Style(ui.Number), ui.Text, ui.Left)
	s.drawCurve(dst, th)
	s.zoomIn.Disabled = s.span == 0
	s.zoomOut.Disabled = s.span == len(sigmoidSpans)-1
	s.zoomIn.Draw(dst, &s.focus)
	s.zoomOut.Draw(dst, &s.focus)
	ui.TextBlock(dst, s.zoomNote, s.zoomText(), th.Style(ui.Small), ui.TextFaint)

	s.temp.Draw(dst, &s.focus)
	s.gap.Draw(dst, &s.focus)
	s.useRecall.Draw(dst, &s.focus)
	if s.from != "" {
		ui.TextBlock(dst, s.fromBox, s.from, th.Style(ui.Small), ui.Accent)
	}
	s.drawCoin(dst, th)
	s.transport.Draw(dst, &s.focus)
	s.plot.FontSize = th.Px(12)
	s.plot.Draw(dst)
	ui.TextBlock(dst, s.tipBox, sigmoidTip, th.Style(ui.Small), ui.TextFaint)
}

func (s *sigmoid) drawCurve(dst *ebiten.Image, th ui.Theme) {
	a := s.area
	s.marker = ui.Rect{}
	if a.W <= 0 || a.H <= 0 {
		return
	}
	small := th.Style(ui.Small)
	lh := th.LineHeight(ui.Small)
	xr := s.axis()
	T, dE := s.temp.Value, s.gap.Value
	sx := func(x float64) float64 { return a.X + (x+xr)/(2*xr)*a.W }
	sy := func(p float64) float64 { return a.Bottom() - p*a.H }

	// Axes: p from 0 to 1 up the side, ΔE along the bottom.
	for _, t := range []float64{0, 0.25, 0.5, 0.75, 1} {
		ui.FillRect(dst, ui.Rect{X: a.X, Y: sy(t), W: a.W, H: 1}, ui.Grid)
		ui.TextIn(dst, ui.Rect{X: s.curveLeaf.X, Y: sy(t) - lh/2, W: a.X - s.curveLeaf.X - th.Px(ui.GapS), H: lh}, ui.FormatTick(t), small, ui.TextDim, ui.Right)
	}
	ticks := ui.NiceTicks(-xr, xr, max(2, min(8, int(a.W/th.Px(64)))))
	tw := a.W
	if len(ticks) > 1 {
		tw = sx(ticks[1]) - sx(ticks[0])
	}
	for _, t := range ticks {
		ui.FillRect(dst, ui.Rect{X: sx(t), Y: a.Y, W: 1, H: a.H}, ui.Grid)
		label := ui.FormatTick(t)
		if t > 0 {
			label = ui.FmtS("+%s", []string{label})
		}
		ui.TextIn(dst, ui.Rect{X: sx(t) - tw/2, Y: a.Bottom() + th.Px(2), W: tw, H: lh}, label, small, ui.TextDim, ui.Center)
	}
	ui.TextIn(dst, ui.Rect{X: a.X, Y: a.Bottom() + lh + th.Px(2), W: a.W, H: lh}, "energy gap ΔE", small, ui.TextDim, ui.Center)
	ui.TextIn(dst, ui.Rect{X: a.X + th.Px(ui.GapS), Y: s.curveLeaf.Y, W: a.W - th.Px(ui.GapS), H: lh}, "p(on) ↑", small, ui.TextDim, ui.Left)

	// The two limits, faint: a step at T → 0 and a flat coin at T → ∞. Their
	// labels sit where σ never goes, above 1/2 for a negative ΔE.
	faint := ui.WithAlpha(ui.TextDim, 0.45)
	s.xs = append(s.xs[:0], a.X, sx(0), sx(0), a.Right())
	s.ys = append(s.ys[:0], sy(0), sy(0), sy(1), sy(1))
	s.painter.Polyline(dst, s.xs, s.ys, th.Px(2), faint)
	ui.Line(dst, a.X, sy(0.5), a.Right(), sy(0.5), th.Px(2), faint)
	// The guides from the handle to both axes go under the labels.
	p := sim.POn(dE, T)
	hx, hy := sx(dE), sy(p)
	side := s.offScale()
	if side == 0 {
		guide := ui.WithAlpha(ui.Warm, 0.6)
		ui.Line(dst, hx, hy, hx, a.Bottom(), th.Px(1.5), guide)
		ui.Line(dst, a.X, hy, hx, hy, th.Px(1.5), guide)
	}
	// The limits' labels sit where σ never goes, above 1/2 for a negative
	// ΔE, on the panel's colour so a guide passing behind stays clear of
	// them.
	half := ui.Rect{X: a.X + th.Px(ui.GapS), Y: sy(1), W: sx(0) - a.X - th.Px(2*ui.GapS), H: sy(0.5) - sy(1)}
	label := func(r ui.Rect, msg string, align ui.Align) {
		w := ui.TextWidth(msg, small.Font, small.Size) + th.Px(8)
		bg := ui.Rect{X: r.X - th.Px(4), Y: r.Y, W: w, H: r.H}
		if align == ui.Right {
			bg.X = r.Right() - w + th.Px(4)
		}
		ui.FillRect(dst, bg, ui.Panel)
		ui.TextIn(dst, r, msg, small, ui.TextDim, align)
	}
	if half.W > ui.TextWidth("T → ∞: a fair coin", small.Font, small.Size)+th.Px(8) && half.H > 3*lh {
		label(half.Top(lh).Offset(0, th.Px(4)), "T → 0: a step", ui.Right)
		label(ui.Rect{X: half.X, Y: sy(0.5) - lh - th.Px(4), W: half.W, H: lh}, "T → ∞: a fair coin", ui.Left)
	}

	// The curve at the current temperature, sampled finely enough that a
	// steep sigmoid at small T still looks like one.
	const n = 400
	s.xs, s.ys = s.xs[:0], s.ys[:0]
	for k := 0; k <= n; k++ {
		x := -xr + 2*xr*float64(k)/n
		s.xs = append(s.xs, sx(x))
		s.ys = append(s.ys, sy(sim.POn(x, T)))
	}
	s.painter.Polyline(dst, s.xs, s.ys, th.Px(3), ui.Accent)

	if side != 0 {
		s.drawOffScale(dst, th, side, hy, dE)
		return
	}
	// The handle at the chosen gap.
	r := th.Px(9)
	if s.dragging {
		r *= 1.2
	}
	ui.Disc(dst, hx, hy, r, ui.Warm)
	ui.Ring(dst, hx, hy, r+th.Px(2), th.Px(2), ui.Background)
}

// drawOffScale marks a ΔE beyond the axis: an arrow at the axis's edge,
// at the height of its p(on), pointing off the plot, with the value.
func (s *sigmoid) drawOffScale(dst *ebiten.Image, th ui.Theme, side int, hy, dE float64) {
	a := s.area
	small := th.Style(ui.Small)
	lh := th.LineHeight(ui.Small)
	d := th.Px(10)
	hy = math.Max(a.Y+lh, math.Min(a.Bottom()-lh, hy))
	edge, dir := a.Right(), 1.0
	if side < 0 {
		edge, dir = a.X, -1
	}
	tip := edge
	base := edge - dir*1.6*d
	s.xs = append(s.xs[:0], tip, base, base)
	s.ys = append(s.ys[:0], hy, hy-d, hy+d)
	s.painter.Fill(dst, s.xs, s.ys, ui.Warm)
	label := ui.Fmt("ΔE = %+.2f, off the axis", dE)
	w := ui.TextWidth(label, small.Font, small.Size) + th.Px(12)
	// The value sits beside the arrow along the edge, below it in the upper
	// half and above it in the lower, clear of the limits' labels.
	box := ui.Rect{X: edge - w, Y: hy + d + th.Px(4), W: w, H: lh + th.Px(4)}
	if side < 0 {
		box.X = edge
	}
	if hy > a.CenterY() {
		box.Y = hy - d - th.Px(4) - box.H
	}
	s.painter.FillRound(dst, box, th.Px(4), ui.Control)
	ui.TextIn(dst, box, label, small, ui.Warm, ui.Center)
	s.marker = ui.Rect{X: math.Min(tip, base), Y: hy - d, W: 1.6 * d, H: 2 * d}
}

// drawCoin shows the unit, its recent flips and the tally against p.
func (s *sigmoid) drawCoin(dst *ebiten.Image, th ui.Theme) {
	box := s.coinBox
	body, num, small := th.Style(ui.Body), th.Style(ui.Number), th.Style(ui.Small)
	unit := ui.Rect{X: box.X, Y: box.Y, W: th.Px(84), H: th.Px(84)}
	clr := ui.UnitOff
	state := "off"
	if s.coin.State()[0] > 0 {
		clr, state = ui.UnitOn, "on"
	}
	s.painter.FillRound(dst, unit, th.Px(12), clr)
	if s.flips > 0 {
		s.painter.StrokeRound(dst, unit.Inset(th.Px(5)), th.Px(9), th.Px(4), ui.Warm)
	}
	x := unit.Right() + th.Px(ui.GapL)
	col := ui.Rect{X: x, Y: box.Y, W: box.Right() - x, H: unit.H}
	line := func(h float64) ui.Rect {
		l := col.Top(h)
		col = col.Below(h, th.Px(2))
		return l
	}
	p := sim.POn(s.gap.Value, s.temp.Value)
	ui.TextIn(dst, line(th.LineHeight(ui.Body)), ui.FmtS("now %s", []string{state}), body, ui.Text, ui.Left)
	ui.TextIn(dst, line(th.LineHeight(ui.Number)), ui.Fmt("flips %d   on %d", float64(s.flips), float64(s.ons)), num, ui.Text, ui.Left)
	freq := "—"
	ci := "95% interval: —"
	if s.flips > 0 {
		freq = ui.Fmt("%.4f", float64(s.ons)/float64(s.flips))
		lo, hi := sim.Wilson(s.ons, s.flips, 1.959963984540054)
		ci = ui.Fmt("95%% interval %.3f – %.3f", lo, hi)
	}
	ui.TextIn(dst, line(th.LineHeight(ui.Number)), ui.FmtS("frequency %s   p %.4f", []string{freq}, p), num, ui.Text, ui.Left)
	ui.TextIn(dst, line(th.LineHeight(ui.Small)), ci, small, ui.TextDim, ui.Left)

	// The last flips as a strip of small squares, newest at the right.
	rest := box.Below(unit.H, th.Px(ui.GapL))
	strip := rest.Top(th.Px(16))
	cw := strip.W / sigmoidTail
	for k, on := range s.tail {
		c := ui.UnitOff
		if on {
			c = ui.UnitOn
		}
		ui.FillRect(dst, ui.Rect{X: strip.Right() - float64(len(s.tail)-k)*cw + 1, Y: strip.Y, W: cw - 2, H: strip.H}, c)
	}
	rest = rest.Below(strip.H, th.Px(4))
	ui.TextIn(dst, rest.Top(th.LineHeight(ui.Small)), "recent flips, newest on the right", small, ui.TextFaint, ui.Left)
	rest = rest.Below(th.LineHeight(ui.Small), th.Px(4))
	if u := s.coin.Last; s.flips > 0 && u.Draw != sim.NoDraw {
		cmp, verdict := "≥", "off"
		if u.On {
			cmp, verdict = "<", "on"
		}
		ui.TextIn(dst, rest.Top(th.LineHeight(ui.Number)), ui.FmtS("last draw u = %.4[3]f %[1]s p → %[2]s", []string{cmp, verdict}, u.Draw), num, ui.TextDim, ui.Left)
	}
}
