package scenes

import (
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
)

// Drawing of the rbm scene.

func (r *rbmLab) Draw(dst *ebiten.Image, ctx *Context) {
	th := ctx.Theme
	r.place(th)
	r.panels(dst, th)
	r.drawMachine(dst, th)
	r.drawReadouts(dst, th)
	r.transport.Draw(dst, &r.focus)
	r.rate.Draw(dst, &r.focus)
	r.k.Draw(dst, &r.focus)
	r.save.Draw(dst, &r.focus)
	r.load.Draw(dst, &r.focus)
	ui.TextBlock(dst, r.fileNote, rbmFileNote, th.Style(ui.Small), ui.TextFaint)

	r.errPlot.FontSize, r.llPlot.FontSize = th.Px(12), th.Px(12)
	r.errPlot.Draw(dst)
	r.llPlot.Draw(dst)
	ui.TextBlock(dst, r.lesson, rbmLesson, th.Style(ui.Small), ui.TextFaint)
	r.drawFields(dst, th)
	r.drawReconstruct(dst, th)
}

// drawMachine states the {0, 1} convention and shows the training shapes.
func (r *rbmLab) drawMachine(dst *ebiten.Image, th ui.Theme) {
	small := th.Style(ui.Small)
	ui.TextBlock(dst, r.convNote, rbmConvNote, small, ui.TextDim)
	b := r.shapesBox
	size := b.H
	step := (b.W + th.Px(ui.GapL)) / float64(len(r.shapes))
	for k, p := range r.shapes {
		x := b.X + float64(k)*step
		ui.DrawMini(dst, ui.Rect{X: x, Y: b.Y, W: size, H: size}, rbmSide, rbmSide, p.Units)
		lx := x + size + th.Px(ui.Gap)
		ui.TextIn(dst, ui.Rect{X: lx, Y: b.Y, W: math.Max(0, x+step-th.Px(ui.GapL)-lx), H: size}, p.Name, th.Style(ui.Strong), ui.Text, ui.Left)
	}
	ui.TextBlock(dst, r.shapesFoot, r.batchText(), small, ui.TextFaint)
}

func (r *rbmLab) drawReadouts(dst *ebiten.Image, th ui.Theme) {
	cols := r.readBox.SplitX(3, th.Px(ui.Gap))
	readout(dst, th, cols[0], "CD updates", ui.Fmt("%d", float64(r.trainer.Updates)), ui.Fmt("CD-%d, ε %.3g", float64(r.trainer.K), r.trainer.Rate))
	// Small errors get an exponent, so training past 0.0001 still shows.
	e := ui.Fmt("%.4f", r.recon)
	if r.recon < 0.001 {
		e = ui.Fmt("%.1e", r.recon)
	}
	readout(dst, th, cols[1], "Recon. error", e, "mean squared")
	readout(dst, th, cols[2], "log p per shape", ui.Fmt("%.3f", r.ll), ui.Fmt("best %.3f", rbmBestLL))
}

// drawFields draws the hidden units' receptive fields on one shared scale.
func (r *rbmLab) drawFields(dst *ebiten.Image, th ui.Theme) {
	scale := r.fieldScale()
	small := th.Style(ui.Small)
	lh := th.LineHeight(ui.Small)
	hover := ""
	for j := range r.fields {
		h := &r.fields[j]
		h.Scale = scale
		w := r.machine.ReceptiveField(j)
		h.Draw(dst, w)
		lab := ui.Rect{X: h.Rect.X, Y: h.Rect.Bottom() + th.Px(ui.GapS), W: h.Rect.W, H: lh}
		name := ui.Fmt("h%d", float64(j+1))
		ui.TextIn(dst, lab, name, th.Style(ui.Strong), ui.Text, ui.Left)
		bias := fitting(small, lab.W-th.Px(24), ui.Fmt("bias %+.2f", r.machine.C[j]), ui.Fmt("%+.2f", r.machine.C[j]))
		if bias != "" {
			ui.TextIn(dst, lab, bias, small, ui.TextDim, ui.Right)
		}
		if h.Hover >= 0 && h.Hover < len(w) {
			i := h.Hover
			hover = fmt.Sprintf("h%d, pixel at row %d, column %d: w = %+.3f", j+1, i/rbmSide+1, i%rbmSide+1, w[i])
		}
	}
	lg := r.fieldsLegend
	if len(r.fields) > 0 {
		first, last := r.fields[0].Rect, r.fields[len(r.fields)-1].Rect
		lg = ui.Rect{X: first.X, Y: lg.Y, W: last.Right() - first.X, H: lg.H}
	}
	ui.DrawLegend(dst, lg, -scale, scale, true)
	note, clr := rbmFieldsOK, ui.TextDim
	if hover != "" {
		note, clr = hover, ui.Text
	}
	ui.TextBlock(dst, r.fieldsNote, note, small, clr)
}

// drawReconstruct draws v, p(h | v) and v′ side by side, with where the
// input came from and what v′ rounds to.
func (r *rbmLab) drawReconstruct(dst *ebiten.Image, th ui.Theme) {
	small := th.Style(ui.Small)
	g := r.grid.Rect
	r.grid.Selected = -1
	if r.focus.Is(&r.grid) {
		r.grid.Selected = r.sel
	}
	r.grid.Draw(dst, r.visPM)
	if r.focus.Is(&r.grid) {
		r.painter.StrokeRound(dst, g.Inset(-th.Px(4)), th.Px(8), th.Px(2), ui.Accent)
	}
	for j := 0; j < rbmHidden; j++ {
		r.probCell(dst, th, r.hiddenCell(th, j), r.hid[j], ui.Fmt("h%d ", float64(j+1)))
	}
	for i := range r.out {
		r.probCell(dst, th, r.outCell(i), r.out[i], "")
	}
	arrow := th.Style(ui.Readout)
	ah := th.LineHeight(ui.Readout)
	ui.TextIn(dst, ui.Rect{X: g.Right(), Y: g.CenterY() - ah/2, W: r.hidCol.X - g.Right(), H: ah}, "→", arrow, ui.TextDim, ui.Center)
	ui.TextIn(dst, ui.Rect{X: r.hidCol.Right(), Y: g.CenterY() - ah/2, W: r.outBox.X - r.hidCol.Right(), H: ah}, "→", arrow, ui.TextDim, ui.Center)

	// Labels under the three parts, each centred under its part and as
	// wide as the part and half of each arrow beside it.
	ly := g.Bottom() + th.Px(ui.GapS)
	lh := th.LineHeight(ui.Small)
	half := (r.hidCol.X - g.Right()) / 2
	label := func(part ui.Rect, left, right float64, texts ...string) {
		box := ui.Rect{X: part.X - left, Y: ly, W: part.W + left + right, H: lh}
		if s := fitting(small, box.W, texts...); s != "" {
			ui.TextIn(dst, box, s, small, ui.TextDim, ui.Center)
		}
	}
	label(g, math.Min(half, g.X-r.reconBox.X), half, "v: click or drag to paint", "v: paint it", "v")
	label(r.hidCol, half, half, "p(h = 1 | v)", "p(h | v)")
	label(r.outBox, half, math.Min(half, r.reconBox.Right()-r.outBox.Right()), "v′ = p(v = 1 | h)", "v′")
	lg := ui.Rect{X: r.hidCol.X, Y: r.reconLegend.Y, W: r.outBox.Right() - r.hidCol.X, H: r.reconLegend.H}
	ui.DrawLegend(dst, lg, 0, 1, false)
	bar := lg.H * 0.4
	ui.TextIn(dst, ui.Rect{X: lg.X + lg.W*0.2, Y: lg.Y + bar, W: lg.W * 0.6, H: lg.H - bar}, "probability", small, ui.TextFaint, ui.Center)

	// What went in and what came out.
	ui.TextBlock(dst, r.sourceBox, ui.FmtS("Input: %s", []string{r.source}), th.Style(ui.Body), ui.TextDim)
	shape, dist := r.nearest()
	got := r.rounded()
	var msg string
	clr := ui.TextDim
	switch {
	case got >= 0 && dist > 0 && got == shape:
		msg = ui.FmtS("v′ rounded at ½ is %s: %s repaired", []string{r.shapes[got].Name, plural(dist, "wrong pixel", "wrong pixels")})
		clr = ui.Category(2)
	case got >= 0 && dist == 0 && got == shape:
		msg = ui.FmtS("v′ rounded at ½ is %s, the same as the input", []string{r.shapes[got].Name})
		clr = ui.Category(2)
	case got >= 0:
		msg = ui.FmtS("v′ rounded at ½ is %s", []string{r.shapes[got].Name})
		clr = ui.Text
	default:
		msg = "v′ rounded at ½ is none of the three shapes"
	}
	ui.TextBlock(dst, r.verdBox, msg, th.Style(ui.Strong), clr)

	for k := range r.noisy {
		r.noisy[k].Draw(dst, &r.focus)
	}
	r.blank.Draw(dst, &r.focus)
	r.feed.Draw(dst, &r.focus)
}

// tallest returns a measure for a leaf as tall as the tallest of texts in
// role at its width, so a line whose wording changes does not move what
// lies below it.
func tallest(role ui.TextRole, texts ...func() string) func(ui.Theme, float64) float64 {
	return func(t ui.Theme, w float64) float64 {
		h := t.LineHeight(role)
		for _, s := range texts {
			h = math.Max(h, ui.TextHeight(s(), t.Style(role), w))
		}
		return h
	}
}

// thinSeries keeps every other point of s, starting with the first.
func thinSeries(s *ui.Series) {
	n := s.Len()
	xs := make([]float64, 0, n/2+1)
	ys := make([]float64, 0, n/2+1)
	for k := 0; k < n; k += 2 {
		x, y := s.At(k)
		xs, ys = append(xs, x), append(ys, y)
	}
	s.Clear()
	for k := range xs {
		s.Push(xs[k], ys[k])
	}
}

// place derives the rectangles that follow from the layout's: the
// receptive fields in the largest squares their box allows, and the
// Reconstruct panel's input, hidden column and output side by side.
func (r *rbmLab) place(th ui.Theme) {
	r.transport.Place(r.runRow, r.transport.Speed.Rect)

	// Receptive fields: two rows of two, or one row of four when that
	// gives bigger squares; a label line under each.
	b := r.fieldsBox
	gap, lab := th.Px(ui.GapL), th.LineHeight(ui.Small)+th.Px(ui.GapS)
	best, cols := 0.0, 2
	for _, c := range []int{2, 4} {
		rows := rbmHidden / c
		w := (b.W - gap*float64(c-1)) / float64(c)
		h := (b.H-gap*float64(rows-1))/float64(rows) - lab
		if s := math.Min(w, h); s > best {
			best, cols = s, c
		}
	}
	side := math.Max(0, best)
	rows := rbmHidden / cols
	gw := side*float64(cols) + gap*float64(cols-1)
	gh := (side+lab)*float64(rows) + gap*float64(rows-1)
	x0, y0 := b.X+(b.W-gw)/2, b.Y+(b.H-gh)/2
	for j := range r.fields {
		x := x0 + float64(j%cols)*(side+gap)
		y := y0 + float64(j/cols)*(side+lab+gap)
		r.fields[j].Rect = ui.Rect{X: x, Y: y, W: side, H: side}
	}

	// Reconstruct: v, an arrow, p(h | v), an arrow, v′, labels below.
	b = r.reconBox
	arrow, hw := th.Px(rbmArrowW), th.Px(rbmHiddenW)
	g := math.Max(0, math.Min(b.H-lab, (b.W-2*arrow-hw)/2))
	total := 2*g + 2*arrow + hw
	x := b.X + (b.W-total)/2
	r.grid.Rect = ui.Rect{X: x, Y: b.Y, W: g, H: g}
	r.hidCol = ui.Rect{X: x + g + arrow, Y: b.Y, W: hw, H: g}
	r.outBox = ui.Rect{X: r.hidCol.Right() + arrow, Y: b.Y, W: g, H: g}
}

// hiddenCell and outCell are the rectangles of hidden unit j and of pixel
// i of v′.
func (r *rbmLab) hiddenCell(th ui.Theme, j int) ui.Rect {
	c := r.hidCol
	gap := th.Px(ui.GapS)
	h := (c.H - gap*float64(rbmHidden-1)) / rbmHidden
	return ui.Rect{X: c.X, Y: c.Y + float64(j)*(h+gap), W: c.W, H: h}
}

func (r *rbmLab) outCell(i int) ui.Rect {
	o := r.outBox
	cw := o.W / rbmSide
	gap := cw * 0.08
	return ui.Rect{X: o.X + float64(i%rbmSide)*cw + gap/2, Y: o.Y + float64(i/rbmSide)*cw + gap/2, W: cw - gap, H: cw - gap}
}

// fitting returns the first of texts that fits w pixels in st, or "".
func fitting(st ui.Style, w float64, texts ...string) string {
	for _, s := range texts {
		if ui.TextWidth(s, st.Font, st.Size) <= w {
			return s
		}
	}
	return ""
}

// probCell draws one probability as a sequential-map cell with its value,
// in the largest of st that fits (or none).
func (r *rbmLab) probCell(dst *ebiten.Image, th ui.Theme, c ui.Rect, p float64, prefix string) {
	r.painter.FillRound(dst, c, math.Min(c.W, c.H)*0.14, ui.Sequential(p))
	fg := ui.Text
	if p > 0.6 {
		fg = ui.Background
	}
	s := ui.FmtS("%s%.2f", []string{prefix}, p)
	for _, role := range []ui.TextRole{ui.Number, ui.Small} {
		st := th.Style(role)
		if ui.TextWidth(s, st.Font, st.Size) <= c.W-th.Px(4) && th.LineHeight(role) <= c.H+th.Px(4) {
			ui.TextIn(dst, c, s, st, fg, ui.Center)
			return
		}
	}
}
