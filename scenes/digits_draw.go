package scenes

import (
	"fmt"
	"image/color"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/assets/digits"
	"boltzlab/scenes/ui"
)

// The mosaic's tiles: ten a side, a pixel of gap between them.
const (
	mosaicCols = 10
	mosaicSide = mosaicCols*(digits.Side+1) - 1
)

// place derives the rectangles inside the layout's: the transport, the
// dreaming tiles, the mosaic's square and the canvas's.
func (d *digitsScene) place(th ui.Theme) {
	d.transport.Place(d.runRow, d.transport.Speed.Rect)
	cols, side := d.dreamGrid(th, d.dreamBox.W)
	gap := th.Px(ui.GapS)
	w := float64(cols)*(side+gap) - gap
	for c := range d.dreamCells {
		d.dreamCells[c] = ui.Rect{X: d.dreamBox.X + (d.dreamBox.W-w)/2 + float64(c%cols)*(side+gap),
			Y: d.dreamBox.Y + float64(c/cols)*(side+gap), W: side, H: side}
	}
	d.canvas = square(d.canvasBox, digits.Side)
	o := d.origBox
	s := math.Min(o.H, o.W)
	d.origCell = ui.Rect{X: o.X, Y: o.Y, W: s, H: s}
}

// square returns the largest square in r whose side is a whole multiple of
// n pixels when r allows it (so each of n cells is the same size), centred
// across and at the top.
func square(r ui.Rect, n int) ui.Rect {
	s := math.Min(r.W, r.H)
	if s >= float64(n) {
		s = math.Floor(s/float64(n)) * float64(n)
	}
	s = math.Max(0, s)
	return ui.Rect{X: math.Round(r.X + (r.W-s)/2), Y: math.Round(r.Y), W: s, H: s}
}

// newImg returns img, or a new image of w×h if img is nil.
func newImg(img *ebiten.Image, w, h int) *ebiten.Image {
	if img == nil {
		img = ebiten.NewImage(w, h)
	}
	return img
}

// blit draws img scaled to fill r, pixel for pixel without smoothing.
func blit(dst, img *ebiten.Image, r ui.Rect) {
	if r.W < 1 || r.H < 1 {
		return
	}
	b := img.Bounds()
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Scale(r.W/float64(b.Dx()), r.H/float64(b.Dy()))
	op.GeoM.Translate(r.X, r.Y)
	dst.DrawImage(img, op)
}

// put writes clr into the pixel buffer at (x, y) of an image w wide.
func put(pix []byte, w, x, y int, clr color.RGBA) {
	k := 4 * (y*w + x)
	pix[k], pix[k+1], pix[k+2], pix[k+3] = clr.R, clr.G, clr.B, clr.A
}

// paintDigit writes a 28×28 image of probabilities into img, dark to
// light, and free pixels (when free is not nil) from dark orange to
// orange.
func (d *digitsScene) paintDigit(img *ebiten.Image, v []float64, free []bool) {
	if len(d.pix) != 4*digits.Pixels {
		d.pix = make([]byte, 4*digits.Pixels)
	}
	for i, p := range v {
		clr := ui.Mix(ui.UnitOff, ui.UnitOn, p)
		if free != nil && free[i] {
			clr = ui.Mix(ui.Mix(ui.UnitOff, ui.Warm, 0.18), ui.Warm, p)
		}
		put(d.pix, digits.Side, i%digits.Side, i/digits.Side, clr)
	}
	img.WritePixels(d.pix)
}

// fillMosaic works out the mosaic's pixels, every hidden unit's receptive
// field on the scale of its own largest weight, for the next Draw to
// upload. Simulate calls it, so beside the frame on the desktop: 78,400
// colours are more than a frame should wait for.
func (d *digitsScene) fillMosaic() {
	if d.mosaicPix == nil {
		d.mosaicPix = make([]byte, 4*mosaicSide*mosaicSide)
	}
	pix := d.mosaicPix
	for j := 0; j < d.machine.Hidden; j++ {
		w := d.machine.ReceptiveField(j)
		s := maxAbs(w)
		if s == 0 {
			s = 1
		}
		x0, y0 := (j%mosaicCols)*(digits.Side+1), (j/mosaicCols)*(digits.Side+1)
		for i, x := range w {
			put(pix, mosaicSide, x0+i%digits.Side, y0+i/digits.Side, ui.Diverging(x/s))
		}
	}
	d.mosaicDirty, d.mosaicUpload = false, true
	d.mosaicSeen = d.trainer.Updates
}

func (d *digitsScene) Draw(dst *ebiten.Image, ctx *Context) {
	th := ctx.Theme
	d.place(th)
	if !d.ready {
		dst.Fill(ui.Background) // no panels to show yet
		d.drawLoading(dst, th)
		return
	}
	d.panels(dst, th)
	small := th.Style(ui.Small)
	d.drawReadouts(dst, th)
	d.transport.Draw(dst, &d.focus)
	d.rate.Draw(dst, &d.focus)
	ui.TextBlock(dst, d.trainNote, digitsTrainNote, small, ui.TextFaint)
	d.scratch.Draw(dst, &d.focus)
	d.save.Draw(dst, &d.focus)
	d.load.Draw(dst, &d.focus)
	ui.TextBlock(dst, d.fileNote, digitsFileNote, small, ui.TextFaint)

	// The mosaic.
	if d.mosaicDirty || d.mosaicPix == nil {
		d.fillMosaic()
	}
	if d.mosaicUpload || d.mosaicImg == nil {
		d.mosaicImg = newImg(d.mosaicImg, mosaicSide, mosaicSide)
		d.mosaicImg.WritePixels(d.mosaicPix)
		d.mosaicUpload = false
	}
	m := square(d.mosaicBox, 1)
	blit(dst, d.mosaicImg, m)
	lg := ui.Rect{X: m.X, Y: d.mosaicLegend.Y, W: m.W, H: d.mosaicLegend.H}
	ui.DrawLegend(dst, lg, -1, 1, true)
	ui.TextBlock(dst, d.mosaicNote, digitsMosaicNote, small, ui.TextDim)

	// The curves.
	d.errPlot.FontSize, d.pllPlot.FontSize = th.Px(12), th.Px(12)
	d.errPlot.Draw(dst)
	d.pllPlot.Draw(dst)
	if d.errS.Len() < 2 {
		msg := "Train (Space) to draw how the scores change"
		if d.errS.Len() == 0 {
			msg = "Measuring…"
		}
		for _, p := range []ui.Rect{d.errPlot.Rect, d.pllPlot.Rect} {
			box := ui.Rect{X: p.X, Y: p.CenterY() - th.LineHeight(ui.Body)/2, W: p.W, H: th.LineHeight(ui.Body)}
			if s := fitting(th.Style(ui.Body), box.W, msg, "Train to draw the scores"); s != "" {
				ui.TextIn(dst, box, s, th.Style(ui.Body), ui.TextDim, ui.Center)
			}
		}
	}

	// Dreaming.
	for c, p := range d.chains.P {
		d.dreamImg[c] = newImg(d.dreamImg[c], digits.Side, digits.Side)
		d.paintDigit(d.dreamImg[c], p, nil)
		blit(dst, d.dreamImg[c], d.dreamCells[c])
	}
	d.dream.Draw(dst, &d.focus)
	d.restart.Draw(dst, &d.focus)
	d.dreamK.Draw(dst, &d.focus)
	ui.TextBlock(dst, d.dreamNote, digitsDreamNote, small, ui.TextFaint)

	// Inpainting.
	d.canvImg = newImg(d.canvImg, digits.Side, digits.Side)
	d.paintDigit(d.canvImg, d.canv, d.free)
	blit(dst, d.canvImg, d.canvas)
	d.painter.StrokeRound(dst, d.canvas.Inset(-th.Px(2)), th.Px(4), th.Px(1), ui.PanelEdge)
	d.origImg = newImg(d.origImg, digits.Side, digits.Side)
	d.paintDigit(d.origImg, d.orig, nil)
	blit(dst, d.origImg, d.origCell)
	lab := ui.Rect{X: d.origCell.Right() + th.Px(ui.Gap), Y: d.origCell.Y, W: math.Max(0, d.origBox.Right()-d.origCell.Right()-th.Px(ui.Gap)), H: d.origBox.H}
	label := ui.Fmt("original: test digit %d, a %d", float64(d.order[d.digit%len(d.order)]+1), float64(d.set.Labels[d.set.NTrain+d.order[d.digit%len(d.order)]]))
	ui.TextBlock(dst, lab, label, small, ui.TextDim)
	erased, wrong, blank := d.fillCounts()
	msg, clr := "Nothing erased: drag on the digit, or press Erase middle.", ui.TextDim
	if erased > 0 {
		msg = ui.Fmt("Step %d. Wrong in the erased part: %d of %d (left blank: %d)", float64(d.fillSteps), float64(wrong), float64(erased), float64(blank))
		clr = ui.Text
		if d.fillSteps > 0 && wrong < blank {
			clr = ui.Category(2)
		}
	}
	ui.TextBlock(dst, d.fillNote, msg, th.Style(ui.Body), clr)
	for _, b := range []*ui.Button{&d.next, &d.erase, &d.restore, &d.fill} {
		b.Draw(dst, &d.focus)
	}
	d.live.Draw(dst, &d.focus)
	d.ink.Draw(dst, &d.focus)
	ui.TextBlock(dst, d.inNote, digitsInNote, small, ui.TextFaint)
}

func (d *digitsScene) drawReadouts(dst *ebiten.Image, th ui.Theme) {
	cols := d.readBox.SplitX(3, th.Px(ui.Gap))
	readout(dst, th, cols[0], "CD updates", ui.Fmt("%d", float64(d.trainer.Updates)), ui.Fmt("epoch %d", float64(d.trainer.Epochs+1)))
	num := func(x float64) string {
		if d.errS.Len() == 0 {
			return "…"
		}
		return ui.Fmt("%.1f", x)
	}
	readout(dst, th, cols[1], "Held-out PLL", num(d.scores[3]), "nats per digit")
	readout(dst, th, cols[2], "Training PLL", num(d.scores[2]), "on 200 digits")
}

// drawLoading shows how much of the digits and the machine has arrived,
// or why they could not be had.
func (d *digitsScene) drawLoading(dst *ebiten.Image, th ui.Theme) {
	r := d.root.Rect()
	box := ui.Rect{X: r.X, Y: r.Y, W: math.Min(r.W, th.Px(560)), H: th.Px(110)}
	pad := th.Px(ui.GapL)
	if d.fault != "" {
		msg := "The digits could not be loaded: " + d.fault + ". The other scenes work without them; open this scene again, or reload the page, to try again."
		box.H = ui.TextHeight(msg, th.Style(ui.Body), box.W-2*pad) + 2*pad
		d.painter.FillRound(dst, box, th.Px(10), ui.Panel)
		ui.TextBlock(dst, box.Inset(pad), msg, th.Style(ui.Body), ui.Text)
		return
	}
	p := 0.0
	if d.files != nil {
		p = float64(d.files.progress.Load()) / (1 << 20)
	}
	title := fmt.Sprintf("Fetching the digits and the trained machine: %.0f%%", 100*p)
	note := "1.5 MB, once; the other scenes do not need them."
	w := box.W - 2*pad
	th1, th2 := ui.TextHeight(title, th.Style(ui.Strong), w), ui.TextHeight(note, th.Style(ui.Small), w)
	gap, barH := th.Px(ui.Gap), th.Px(12)
	box.H = 2*pad + th1 + gap + barH + gap + th2
	d.painter.FillRound(dst, box, th.Px(10), ui.Panel)
	in := box.Inset(pad)
	ui.TextBlock(dst, ui.Rect{X: in.X, Y: in.Y, W: w, H: th1}, title, th.Style(ui.Strong), ui.Text)
	bar := ui.Rect{X: in.X, Y: in.Y + th1 + gap, W: w, H: barH}
	d.painter.FillRound(dst, bar, bar.H/2, ui.Control)
	d.painter.FillRound(dst, ui.Rect{X: bar.X, Y: bar.Y, W: bar.W * math.Max(0.03, p), H: bar.H}, bar.H/2, ui.Accent)
	ui.TextBlock(dst, ui.Rect{X: in.X, Y: bar.Bottom() + gap, W: w, H: th2}, note, th.Style(ui.Small), ui.TextDim)
}

// dreamGrid returns how many chains a row holds at width w and the side
// of each, at most 96 dp: one row of eight when each can be 44 dp or
// more, two rows of four otherwise.
func (d *digitsScene) dreamGrid(t ui.Theme, w float64) (cols int, side float64) {
	gap := t.Px(ui.GapS)
	at := func(c int) float64 {
		return math.Max(0, math.Min((w-gap*float64(c-1))/float64(c), t.Px(96)))
	}
	if at(digitsChains) >= t.Px(44) {
		return digitsChains, at(digitsChains)
	}
	return digitsChains / 2, at(digitsChains / 2)
}
