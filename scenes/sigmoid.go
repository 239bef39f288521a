package scenes

import (
	"fmt"
	"math"
	"math/rand/v2"

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
		Format: func(v float64) string { return ui.Fmt("%.3g", v) }}
	s.gap = ui.Slider{ID: "gap", Label: "Energy gap ΔE", Min: -sigmoidMaxGap, Max: sigmoidMaxGap, Value: sigmoidGap,
		Format: func(v float64) string { return ui.Fmt("%+.2f", v) }}
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
	return ui.Fmt("The axis runs from ΔE = −%[1]g to +%[1]g and stays put while ΔE and T change. Zoom with the buttons, + and −, or the mouse wheel over the curve.", s.axis())
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
	return nil
}

// Simulate tosses the tick's coins.
func (s *sigmoid) Simulate(ctx *Context) {
	for k := 0; ctx.More(k); k++ {
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
}
