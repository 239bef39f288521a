package scenes

import (
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// Drawing of the learning scene.

func (s *learning) Draw(dst *ebiten.Image, ctx *Context) {
	th := ctx.Theme
	s.place(th)
	s.panels(dst, th)

	s.drawData(dst, th)
	s.drawReadouts(dst, th)
	s.transport.Draw(dst, &s.focus)
	s.rate.Draw(dst, &s.focus)
	s.samplePositive.Draw(dst, &s.focus)
	s.sampleNegative.Draw(dst, &s.focus)

	s.matrices()
	for k := range s.mats {
		s.drawMatrix(dst, th, &s.mats[k])
	}
	s.plot.FontSize = th.Px(12)
	s.plot.Draw(dst)
	s.drawMarginal(dst, th)
}

// drawMatrix draws one N×N matrix as a heatmap with unit names on its
// edges, a line between the visible and hidden units, its legend, and its
// note or the value under the pointer.
func (s *learning) drawMatrix(dst *ebiten.Image, th ui.Theme, m *matrixPanel) {
	n := len(s.names)
	h := &m.heat
	h.Cols, h.Rows, h.Scale = n, n, m.scale
	h.Draw(dst, m.vals)
	g := h.Rect
	c := g.W / float64(n)
	small := th.Style(ui.Small)
	lh := th.LineHeight(ui.Small)
	lw := th.Px(matrixLabelW)
	for i, name := range s.names {
		ui.TextIn(dst, ui.Rect{X: g.X + float64(i)*c, Y: g.Y - lh, W: c, H: lh}, name, small, ui.TextDim, ui.Center)
		ui.TextIn(dst, ui.Rect{X: g.X - lw, Y: g.Y + float64(i)*c, W: lw - th.Px(ui.GapS), H: c}, name, small, ui.TextDim, ui.Right)
	}
	vis := float64(s.trainer.BM.Visible)
	sep := th.Px(2)
	ui.FillRect(dst, ui.Rect{X: g.X + vis*c - sep/2, Y: g.Y, W: sep, H: g.H}, ui.Panel)
	ui.FillRect(dst, ui.Rect{X: g.X, Y: g.Y + vis*c - sep/2, W: g.W, H: sep}, ui.Panel)
	ui.DrawLegend(dst, ui.Rect{X: g.X, Y: m.legend.Y, W: g.W, H: m.legend.H}, -m.scale, m.scale, true)
	note, clr := m.note, ui.TextDim
	if k := h.Hover; k >= 0 && k < len(m.vals) {
		i, j := k/n, k%n
		what := fmt.Sprintf("%s, %s", s.names[i], s.names[j])
		if m == &s.mats[matWeights] && i == j {
			what = "bias of " + s.names[i]
		}
		note, clr = fmt.Sprintf("%s: %+.3f", what, m.vals[k]), ui.Text
	}
	ui.TextBlock(dst, m.foot, note, small, clr)
}

// drawData shows the training vectors.
func (s *learning) drawData(dst *ebiten.Image, th ui.Theme) {
	data := s.trainer.Data()
	b := s.dataBox
	gap := th.Px(ui.GapL)
	vis := len(data[0])
	cell := math.Min(b.H, (b.W-gap*float64(len(data)-1))/float64(vis*len(data)))
	for k, v := range data {
		x := b.X + float64(k)*(float64(vis)*cell+gap)
		ui.DrawMini(dst, ui.Rect{X: x, Y: b.CenterY() - cell/2, W: float64(vis) * cell, H: cell}, vis, 1, v)
	}
	ui.TextBlock(dst, s.dataNote, dataNote, th.Style(ui.Small), ui.TextDim)
}

// drawReadouts shows the training numbers and how each phase is computed.
func (s *learning) drawReadouts(dst *ebiten.Image, th ui.Theme) {
	t := s.trainer
	b := s.readBox
	lh, rh := th.LineHeight(ui.Small), th.LineHeight(ui.Readout)
	rows := []ui.Rect{b.Top(lh + rh), b.Below(lh+rh, th.Px(ui.Gap)).Top(lh + rh)}
	top := rows[0].SplitX(2, th.Px(ui.Gap))
	bot := rows[1].SplitX(2, th.Px(ui.Gap))
	readout(dst, th, top[0], "Learning steps", ui.Fmt("%d", float64(t.Steps)), "")
	readout(dst, th, top[1], "KL(data || model)", ui.Fmt("%.4f", s.klNow), "")
	readout(dst, th, bot[0], "log p(v) per vector", ui.Fmt("%.4f", s.ll), "")
	readout(dst, th, bot[1], "Best possible", ui.Fmt("%.4f", -math.Log(float64(len(t.Data())))), "")
	ui.TextBlock(dst, s.phaseNote, s.phaseText(t.SamplePositive, t.SampleNegative), th.Style(ui.Small), ui.TextDim)
}

// drawMarginal compares the model's exact p(v) with the data's for all 8
// visible vectors.
func (s *learning) drawMarginal(dst *ebiten.Image, th ui.Theme) {
	box := s.pvBox
	small := th.Style(ui.Small)
	lh := th.LineHeight(ui.Small)
	vis := s.trainer.BM.Visible
	axisW := th.Px(36)
	bw := (box.W - axisW) / float64(len(s.logp))
	cell := math.Min(th.Px(12), bw*0.8/float64(vis))
	a := ui.Rect{X: box.X + axisW, Y: box.Y + lh/2, W: box.W - axisW}
	a.H = box.Bottom() - a.Y - th.Px(ui.GapS) - cell - th.Px(ui.GapS) - lh
	if a.H <= 0 || bw <= 0 {
		return
	}
	inData := make([]bool, 1<<vis)
	for _, v := range s.trainer.Data() {
		inData[sim.IndexOf(v)] = true
	}
	pd := 1 / float64(len(s.trainer.Data()))
	const top = 0.5
	sy := func(p float64) float64 { return a.Bottom() - p/top*a.H }
	for _, t := range []float64{0, 0.25, 0.5} {
		ui.FillRect(dst, ui.Rect{X: a.X, Y: sy(t), W: a.W, H: 1}, ui.Grid)
		ui.TextIn(dst, ui.Rect{X: box.X, Y: sy(t) - lh/2, W: axisW - th.Px(ui.GapS), H: lh}, ui.FormatTick(t), small, ui.TextDim, ui.Right)
	}
	v := make([]int8, vis)
	for idx, lp := range s.logp {
		p := math.Exp(lp)
		x := a.X + float64(idx)*bw
		y := math.Max(sy(p), a.Y)
		ui.FillRect(dst, ui.Rect{X: x + bw*0.2, Y: y, W: bw * 0.6, H: a.Bottom() - y}, ui.Shade(ui.Accent, 0.8))
		if inData[idx] {
			ui.StrokeRect(dst, ui.Rect{X: x + bw*0.12, Y: sy(pd) - th.Px(1), W: bw * 0.76, H: a.Bottom() - sy(pd) + th.Px(1)}, th.Px(2), ui.Text)
		}
		sim.StateOf(v, uint64(idx))
		my := a.Bottom() + th.Px(ui.GapS)
		ui.DrawMini(dst, ui.Rect{X: x + bw/2 - float64(vis)*cell/2, Y: my, W: float64(vis) * cell, H: cell}, vis, 1, v)
		ui.TextIn(dst, ui.Rect{X: x, Y: my + cell + th.Px(ui.GapS), W: bw, H: lh}, ui.Fmt("%.2f", p), small, ui.TextDim, ui.Center)
	}
	ui.TextBlock(dst, s.pvFoot, pvFoot, small, ui.TextFaint)
}
