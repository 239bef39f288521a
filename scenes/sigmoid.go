package scenes

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// sigmoidMaxGap bounds ΔE. It covers every gap the Recall scene can share:
// each of its weights is a sum over at most maxMemories patterns, so a
// unit's field is at most 8 × maxMemories and its gap twice that, 96.
const sigmoidMaxGap = 100

// sigmoidSpans are the half-widths the ΔE axis can take. The axis keeps
// its span while ΔE and T change; only the zoom controls move it.
var sigmoidSpans = []float64{1, 2, 5, 10, 20, 50, 100}

// The article's opening view: ΔE = +2 at T = 1 (p = 0.88) on an axis of ±10.
const (
	sigmoidGap  = 2
	sigmoidT    = 1
	sigmoidSpan = 3 // index of ±10 in sigmoidSpans
)

// sigmoidTail is how many recent flips the strip of squares shows.
const sigmoidTail = 48

// sigmoid is scene 2: the curve p(on) = σ(ΔE/T), with a unit that flips
// coins at that probability.
//
// The coin is a real one-unit network whose bias is ΔE/2, so its energy
// gap is exactly the ΔE on screen and each flip is sim's stochastic update.
type sigmoid struct {
	base
	seed  uint64
	coin  *sim.Chain
	flips int
	ons   int
	tail  []bool // the most recent outcomes, newest last
	span  int    // index into sigmoidSpans

	temp, gap       ui.Slider
	zoomIn, zoomOut ui.Button
	useRecall       ui.Button
	freq, target    *ui.Series
	plot            ui.Plot

	from     string // where the current ΔE came from, if another scene
	dragging bool
	xs, ys   []float64
	marker   ui.Rect // the off-scale marker drawn in the last frame, if any

	// Rectangles the layout fills in.
	readBox, curveLeaf, zoomNote, fromBox ui.Rect
	coinBox, runRow, tipBox               ui.Rect
	area                                  ui.Rect // the plotting area inside curveLeaf
	fromNode                              *ui.Node
}

// sigmoidKeys are the Sigmoid scene's own keys.
var sigmoidKeys = ui.Keymap{
	{ID: "zoom-in", Key: ebiten.KeyEqual, Mod: ui.ModShift, Label: "+", Does: "narrow the ΔE axis"},
	{ID: "zoom-in", Key: ebiten.KeyEqual, Label: "=", Does: "narrow the ΔE axis"},
	{ID: "zoom-out", Key: ebiten.KeyMinus, Label: "−", Does: "widen the ΔE axis"},
	{ID: "use-recall", Key: ebiten.KeyU, Label: "U", Does: "use the unit selected in Recall"},
}

const sigmoidTip = "Try T = 0.05: the unit nearly always takes the side that lowers its energy. Try T = 50: it barely notices ΔE."

func newSigmoid(seed uint64) Scene {
	s := &sigmoid{seed: seed, span: sigmoidSpan}
	s.temp = ui.Slider{ID: "temperature", Label: "Temperature T", Min: 0.01, Max: 100, Value: sigmoidT, Log: true,
		Format: func(v float64) string { return fmt.Sprintf("%.3g", v) }}
	s.gap = ui.Slider{ID: "gap", Label: "Energy gap ΔE", Min: -sigmoidMaxGap, Max: sigmoidMaxGap, Value: sigmoidGap,
		Format: func(v float64) string { return fmt.Sprintf("%+.2f", v) }}
	t := ui.NewTransport(0.05, 500, 2)
	t.Speed.Label = "Speed (flips per frame)"
	s.zoomIn = ui.Button{ID: "zoom-in", Label: "Zoom in"}
	s.zoomOut = ui.Button{ID: "zoom-out", Label: "Zoom out"}
	s.useRecall = ui.Button{ID: "use-recall", Label: "Use Recall's unit"}
	s.freq = ui.NewSeries("running frequency", ui.Warm, 2000)
	s.target = ui.NewSeries("p(on)", ui.Accent, 2)
	s.plot = ui.Plot{Title: "Running frequency of 'on'", XLabel: "flips", Series: []*ui.Series{s.target, s.freq},
		FixedY: true, YMin: 0, YMax: 1, XSpan: 50}
	s.setup(t, sigmoidKeys, &s.temp, &s.gap, &s.zoomIn, &s.zoomOut, &s.useRecall)
	s.region("curve", &s.curveLeaf)

	curve := ui.Section("p(on) = σ(ΔE / T)", nil, ui.Col(ui.Gap,
		ui.Leaf(&s.readBox).H(22),
		ui.Leaf(&s.curveLeaf).MinH(240),
		ui.Flow(560, ui.GapL, ui.Leaf(&s.temp.Rect).MinH(ui.SliderH), ui.Leaf(&s.gap.Rect).MinH(ui.SliderH)).NoGrow(),
		ui.Row(ui.Gap, ui.Leaf(&s.zoomIn.Rect), ui.Leaf(&s.zoomOut.Rect)).H(ui.ButtonH),
		ui.Para(&s.zoomNote, ui.Small, s.zoomText),
	))
	s.fromNode = ui.Para(&s.fromBox, ui.Small, func() string { return s.from })
	s.fromNode.SetHidden(true)
	right := ui.Col(ui.Gap,
		ui.Leaf(&s.useRecall.Rect).H(ui.ButtonH),
		s.fromNode,
		ui.Section("A unit flipping coins", nil, ui.Leaf(&s.coinBox).MinH(160)).NoGrow(),
		ui.Leaf(&s.runRow).H(ui.ButtonH),
		ui.Leaf(&t.Speed.Rect).H(ui.SliderH),
		ui.Leaf(&s.plot.Rect).MinH(170),
		ui.Para(&s.tipBox, ui.Small, func() string { return sigmoidTip }),
	).W(400)
	s.root = ui.Flow(860, ui.GapL, curve, right)

	s.reset()
	return s
}

// reset restores the opening view: ΔE = +2, T = 1, the axis at ±10, no
// flips.
func (s *sigmoid) reset() {
	s.temp.Value, s.gap.Value, s.span = sigmoidT, sigmoidGap, sigmoidSpan
	s.from = ""
	s.SetRunning(false)
	s.restart()
}

// Reset implements Scene.
func (s *sigmoid) Reset() string {
	s.reset()
	return "Reset: ΔE = +2, T = 1, the ΔE axis at ±10, no flips yet"
}

// restart forgets every flip and rebuilds the coin for the current ΔE and
// T, so the count is always of one distribution.
func (s *sigmoid) restart() {
	net := sim.NewNet(1)
	net.B[0] = s.gap.Value / 2
	s.coin = sim.NewChain(net, []int8{-1}, s.temp.Value, rand.New(rand.NewPCG(s.seed, 0x5165)))
	s.flips, s.ons = 0, 0
	s.tail = s.tail[:0]
	s.freq.Clear()
	s.retarget()
}

// retarget moves the reference line to the current p(on).
func (s *sigmoid) retarget() {
	p := sim.POn(s.gap.Value, s.temp.Value)
	s.target.Clear()
	s.target.Push(0, p)
	s.target.Push(math.Max(50, float64(s.flips)), p)
}

// axis returns the half-width of the ΔE axis.
func (s *sigmoid) axis() float64 { return sigmoidSpans[s.span] }

// zoom narrows (dir < 0) or widens (dir > 0) the ΔE axis by one step.
func (s *sigmoid) zoom(dir int) {
	s.span = max(0, min(len(sigmoidSpans)-1, s.span+dir))
}

func (s *sigmoid) zoomText() string {
	return fmt.Sprintf("The axis runs from ΔE = −%[1]g to +%[1]g and stays put while ΔE and T change. Zoom with the buttons, + and −, or the mouse wheel over the curve.", s.axis())
}

// offScale says where ΔE lies against the axis: −1 off its left end, +1
// off its right end, 0 on it.
func (s *sigmoid) offScale() int {
	switch r := s.axis(); {
	case s.gap.Value < -r:
		return -1
	case s.gap.Value > r:
		return 1
	}
	return 0
}

func (s *sigmoid) Title() string { return "Sigmoid" }

func (s *sigmoid) Caption() string {
	return "Why a sigmoid: temperature turns a thermostat into a coin. Drag T and ΔE, then let the unit flip."
}

func (s *sigmoid) Help() string {
	return "A stochastic unit turns on with probability p = σ(ΔE/T) = 1/(1 + e^(−ΔE/T)), where ΔE is the energy it saves by being on.\n" +
		"Drag the temperature: as T falls toward zero the curve sharpens into a step (the faint line that jumps at ΔE = 0), which is the deterministic Hopfield rule. As T grows it flattens toward the faint line at 1/2, a fair coin that ignores the energy.\n" +
		"Drag along the curve, or the ΔE slider, to choose the gap. The ΔE axis keeps its scale while you explore, so only T changes the curve's shape; zoom in or out on purpose with the buttons, + and −, or the mouse wheel over the curve. A gap beyond the axis is shown by a marker at its edge with its value.\n" +
		"The unit flipping coins is a one-unit network with exactly that gap. Run makes it update again and again; its running frequency of being on settles at p, and the 95% interval around the frequency contains p in about 19 runs out of 20. Changing ΔE or T starts a new count.\n" +
		"Use Recall's unit (or U) brings the ΔE of the unit selected in the Recall scene (the centre one unless you chose another), as it was when you left Recall; T stays as it is here."
}

// place derives the rectangles that follow from the layout's: the
// plotting area inside the curve's leaf, leaving room for the tick labels
// and the axis titles.
func (s *sigmoid) place(th ui.Theme) {
	c := s.curveLeaf
	lh := th.LineHeight(ui.Small)
	st := th.Style(ui.Small)
	left := ui.TextWidth("0.75", st.Font, st.Size) + th.Px(ui.GapS)
	right := ui.TextWidth("+100", st.Font, st.Size) / 2
	s.area = ui.Rect{X: c.X + left, Y: c.Y + lh, W: math.Max(0, c.W-left-right), H: math.Max(0, c.H-3*lh-th.Px(4))}
	s.transport.Place(s.runRow, s.transport.Speed.Rect)
	s.fromNode.SetHidden(s.from == "")
}

func (s *sigmoid) Update(ctx *Context) error {
	in := ctx.In
	s.place(ctx.Theme)
	changed := s.temp.Update(in, &s.focus)
	if s.gap.Update(in, &s.focus) {
		changed, s.from = true, ""
	}
	if s.pressed(in, &s.zoomIn) {
		s.zoom(-1)
	}
	if s.pressed(in, &s.zoomOut) {
		s.zoom(+1)
	}
	p := in.Pointer()
	if w := in.Wheel(); w != 0 && s.curveLeaf.Contains(p.X, p.Y) {
		if w > 0 {
			s.zoom(-1)
		} else {
			s.zoom(+1)
		}
	}
	// Dragging along the curve sets ΔE from the pointer's x on the fixed
	// axis, so the handle stays under the pointer.
	if p.Pressed && s.curveLeaf.Contains(p.X, p.Y) {
		s.dragging = true
		s.focus.Set(&s.gap)
	}
	if !p.Down {
		s.dragging = false
	}
	if s.dragging && s.area.W > 0 {
		r := s.axis()
		x := math.Max(-r, math.Min(r, (p.X-s.area.X)/s.area.W*2*r-r))
		if s.gap.Set(x) {
			changed, s.from = true, ""
		}
	}

	sh := ctx.Shared
	s.useRecall.Disabled = !sh.HasUnit
	s.useRecall.Label = "Use Recall's unit (open Recall first)"
	if sh.HasUnit {
		s.useRecall.Label = fmt.Sprintf("Use Recall's unit %d (ΔE = %+.2f)", sh.Unit, sh.DeltaE)
	}
	if s.pressed(in, &s.useRecall) {
		s.gap.Set(sh.DeltaE)
		s.from = fmt.Sprintf("ΔE of unit %d in %s, as it was when you left it.", sh.Unit, sh.UnitFrom)
		changed = true
		if s.offScale() != 0 {
			ctx.Notify(fmt.Sprintf("ΔE = %+.2f lies beyond the axis: zoom out (−) to see it on the curve", s.gap.Value))
		}
	}
	if changed {
		s.restart()
	}

	for k := 0; k < ctx.Steps && !ctx.OverBudget(); k++ {
		s.coin.Update(0)
		s.flips++
		if s.coin.Last.On {
			s.ons++
		}
		s.tail = append(s.tail, s.coin.Last.On)
		if len(s.tail) > sigmoidTail {
			s.tail = s.tail[1:]
		}
		s.freq.Push(float64(s.flips), float64(s.ons)/float64(s.flips))
	}
	if ctx.Steps > 0 {
		s.retarget()
	}
	return nil
}

func (s *sigmoid) Draw(dst *ebiten.Image, ctx *Context) {
	th := ctx.Theme
	s.place(th)
	s.panels(dst, th)
	T, dE := s.temp.Value, s.gap.Value
	ui.TextIn(dst, s.readBox, fmt.Sprintf("ΔE = %+.2f   T = %.3g   p(on) = %.4f", dE, T, sim.POn(dE, T)), th.Style(ui.Number), ui.Text, ui.Left)
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
			label = "+" + label
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
	label := fmt.Sprintf("ΔE = %+.2f, off the axis", dE)
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
	ui.TextIn(dst, line(th.LineHeight(ui.Body)), "now "+state, body, ui.Text, ui.Left)
	ui.TextIn(dst, line(th.LineHeight(ui.Number)), fmt.Sprintf("flips %d   on %d", s.flips, s.ons), num, ui.Text, ui.Left)
	freq := "—"
	ci := "95% interval: —"
	if s.flips > 0 {
		freq = fmt.Sprintf("%.4f", float64(s.ons)/float64(s.flips))
		lo, hi := sim.Wilson(s.ons, s.flips, 1.959963984540054)
		ci = fmt.Sprintf("95%% interval %.3f – %.3f", lo, hi)
	}
	ui.TextIn(dst, line(th.LineHeight(ui.Number)), fmt.Sprintf("frequency %s   p %.4f", freq, p), num, ui.Text, ui.Left)
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
		ui.TextIn(dst, rest.Top(th.LineHeight(ui.Number)), fmt.Sprintf("last draw u = %.4f %s p → %s", u.Draw, cmp, verdict), num, ui.TextDim, ui.Left)
	}
}

// sigmoidState is what the Sigmoid scene keeps: the curve's settings and
// the coin's tally, its last outcomes (newest last, 1 for on) and its
// unit.
type sigmoidState struct {
	_     [0]func() // not comparable: spares the download an equality function
	T     float64   `json:"t"`
	Gap   float64   `json:"gap"`
	Span  float64   `json:"axis"`
	Speed float64   `json:"speed"`
	Flips int       `json:"flips"`
	Ons   int       `json:"ons"`
	Tail  string    `json:"recent"`
	Unit  int8      `json:"unit"`
}

// State implements Scene.
func (s *sigmoid) State() (State, error) {
	tail := make([]byte, len(s.tail))
	for k, on := range s.tail {
		tail[k] = '0'
		if on {
			tail[k] = '1'
		}
	}
	return makeState("sigmoid", s.seed, &sigmoidState{T: s.temp.Value, Gap: s.gap.Value, Span: s.axis(), Speed: s.speed(),
		Flips: s.flips, Ons: s.ons, Tail: string(tail), Unit: s.coin.State()[0]})
}

// SetState implements Scene.
func (s *sigmoid) SetState(st State) error {
	var d sigmoidState
	span := -1
	err := readState(st, "sigmoid", &d, maxCount, "t gap axis speed flips ons recent unit", func() error {
		if err := sliderOK(&s.temp, "temperature", d.T); err != nil {
			return err
		}
		if err := sliderOK(&s.gap, "ΔE", d.Gap); err != nil {
			return err
		}
		if err := s.speedOK(d.Speed); err != nil {
			return err
		}
		for k, v := range sigmoidSpans {
			if v == d.Span {
				span = k
			}
		}
		if span < 0 {
			return fmt.Errorf("the axis ±%g is not one of %v", d.Span, sigmoidSpans)
		}
		if err := countOK("flips", d.Flips, maxCount); err != nil {
			return err
		}
		if err := countOK("ons", d.Ons, d.Flips); err != nil {
			return err
		}
		ons := strings.Count(d.Tail, "1")
		if len(d.Tail) > min(sigmoidTail, d.Flips) || ons+strings.Count(d.Tail, "0") != len(d.Tail) ||
			ons > d.Ons || len(d.Tail)-ons > d.Flips-d.Ons {
			return fmt.Errorf("the recent flips %q do not fit the tally", short(d.Tail))
		}
		want := int8(-1)
		if n := len(d.Tail); n > 0 && d.Tail[n-1] == '1' {
			want = 1
		}
		if d.Unit != want {
			return fmt.Errorf("the unit is %d, but its last flip left it %d", d.Unit, want)
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.seed = st.Seed
	s.temp.Value, s.gap.Value, s.span = d.T, d.Gap, span
	s.setSpeed(d.Speed)
	s.from = ""
	s.SetRunning(false)
	net := sim.NewNet(1)
	net.B[0] = s.gap.Value / 2
	s.coin = sim.NewChain(net, []int8{d.Unit}, s.temp.Value, rand.New(rand.NewPCG(s.seed, 0x5165^uint64(d.Flips))))
	s.coin.Updates = d.Flips
	s.coin.Last.Draw = sim.NoDraw // the last draw is not kept
	s.flips, s.ons = d.Flips, d.Ons
	s.tail = s.tail[:0]
	for k := range len(d.Tail) {
		s.tail = append(s.tail, d.Tail[k] == '1')
	}
	s.freq.Clear()
	if s.flips > 0 {
		s.freq.Push(float64(s.flips), float64(s.ons)/float64(s.flips))
	}
	s.retarget()
	return nil
}
