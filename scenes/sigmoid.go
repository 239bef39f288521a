//go:build legacy

package scenes

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// sigmoid is scene 2: the curve p(on) = σ(ΔE/T), with a unit that flips
// coins at that probability.
//
// The coin is a real one-unit network whose bias is ΔE/2, so its energy
// gap is exactly the ΔE on screen and each flip is sim's stochastic update.
type sigmoid struct {
	seed  uint64
	coin  *sim.Chain
	flips int
	ons   int
	tail  []bool // the most recent outcomes, newest last

	temp, gap ui.Slider
	transport *ui.Transport
	useRecall ui.Button
	focus     ui.Focus
	freq      *ui.Series
	target    *ui.Series
	plot      ui.Plot

	from     string // where the current ΔE came from, if another scene
	dragging bool
	painter  ui.Painter
	xs, ys   []float64
}

// sigmoidMaxGap bounds ΔE: the Recall network's gaps reach ±32.
const sigmoidMaxGap = 40

func newSigmoid(seed uint64) Scene {
	s := &sigmoid{seed: seed}
	s.temp = ui.Slider{Label: "Temperature T", Min: 0.01, Max: 100, Value: 1, Log: true,
		Format: func(v float64) string { return fmt.Sprintf("%.3g", v) }}
	s.gap = ui.Slider{Label: "Energy gap ΔE", Min: -sigmoidMaxGap, Max: sigmoidMaxGap, Value: 2,
		Format: func(v float64) string { return fmt.Sprintf("%+.2f", v) }}
	s.transport = ui.NewTransport(0.05, 500, 2)
	s.transport.Speed.Label = "Speed (flips per frame)"
	s.useRecall = ui.Button{Label: "Use Recall's unit", Hint: "U"}
	s.freq = ui.NewSeries("running frequency", ui.Warm, 2000)
	s.target = ui.NewSeries("p(on)", ui.Accent, 2)
	s.plot = ui.Plot{Title: "Running frequency of 'on'", XLabel: "flips", Series: []*ui.Series{s.target, s.freq},
		FixedY: true, YMin: 0, YMax: 1, XSpan: 50}
	s.focus.Order = append([]any{&s.temp, &s.gap}, s.transport.Widgets()...)
	s.focus.Order = append(s.focus.Order, &s.useRecall)
	s.reset()
	return s
}

// reset forgets every flip and rebuilds the coin for the current ΔE and T.
func (s *sigmoid) reset() {
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

// SetRunning starts or stops the coin.
func (s *sigmoid) SetRunning(on bool) { s.transport.Running = on }

// Activate picks up the unit selected in the Recall scene, if any.
func (s *sigmoid) Activate(ctx *Context) {
	if ctx.Shared.HasUnit {
		s.adoptShared(ctx)
	}
}

func (s *sigmoid) adoptShared(ctx *Context) {
	sh := ctx.Shared
	s.gap.Set(sh.DeltaE)
	s.from = fmt.Sprintf("ΔE of unit %d in %s", sh.Unit, sh.UnitFrom)
	s.reset()
}

func (s *sigmoid) Title() string { return "Sigmoid" }

func (s *sigmoid) Caption() string {
	return "Why a sigmoid: temperature turns a thermostat into a coin. Drag T and ΔE, then let the unit flip."
}

func (s *sigmoid) Help() string {
	return "A stochastic unit turns on with probability p = σ(ΔE/T) = 1/(1 + e^(−ΔE/T)), where ΔE is the energy it saves by being on.\n" +
		"Drag the temperature: as T falls toward zero the curve sharpens into a step (the faint vertical line), which is the deterministic Hopfield rule. As T grows it flattens toward the faint line at 1/2, a fair coin that ignores the energy.\n" +
		"Drag the handle on the curve, or the ΔE slider, to choose the gap. The unit on the right is a one-unit network with exactly that gap; Run makes it update again and again, and its running frequency of being on settles at p, within the 95% interval shown.\n" +
		"If you selected a unit in the Recall scene, its current ΔE is brought here; press U to fetch it again."
}

func (s *sigmoid) curveRect(l ui.Layout) ui.Rect { return l.R(32, 128, 760, 420) }

// curveArea is the plotting area inside the curve panel.
func (s *sigmoid) curveArea(l ui.Layout) ui.Rect { return l.R(96, 168, 672, 320) }

// xRange is the ΔE span of the curve: wide enough to show the current gap.
func (s *sigmoid) xRange() float64 {
	r := 10.0
	for r < math.Abs(s.gap.Value)*1.15 {
		r *= 2
	}
	return r
}

func (s *sigmoid) layout(l ui.Layout) {
	s.temp.Rect = l.R(820, 136, 428, 50)
	s.gap.Rect = l.R(820, 196, 428, 50)
	s.useRecall.Rect = l.R(820, 262, 428, 38)
	s.transport.Place(l.R(820, 580, 428, 40), l.R(820, 632, 428, 50))
	s.plot.Rect = l.R(32, 566, 760, 200)
	s.plot.FontSize = l.S(13)
}

func (s *sigmoid) Update(ctx *Context) error {
	in := ctx.In
	l := ctx.L
	s.layout(l)
	s.focus.Update(in)
	steps, reset := s.transport.Update(in, &s.focus)
	if reset {
		s.reset()
	}
	changed := s.temp.Update(in, &s.focus)
	if s.gap.Update(in, &s.focus) {
		changed, s.from = true, ""
	}
	// The handle on the curve: grab it anywhere near, drag along ΔE.
	a := s.curveArea(l)
	p := in.Pointer()
	if p.Pressed && a.Inset(-l.S(12)).Contains(p.X, p.Y) {
		s.dragging = true
		s.focus.Set(&s.gap)
	}
	if !p.Down {
		s.dragging = false
	}
	if s.dragging {
		xr := s.xRange()
		if s.gap.Set((p.X-a.X)/a.W*2*xr - xr) {
			changed, s.from = true, ""
		}
	}
	if (s.useRecall.Update(in, &s.focus) || in.KeyPressed(ebiten.KeyU)) && ctx.Shared.HasUnit {
		s.adoptShared(ctx)
	} else if changed {
		s.reset()
	}
	s.useRecall.Disabled = !ctx.Shared.HasUnit

	for k := 0; k < steps; k++ {
		s.coin.Update(0)
		s.flips++
		if s.coin.Last.On {
			s.ons++
		}
		s.tail = append(s.tail, s.coin.Last.On)
		if len(s.tail) > 48 {
			s.tail = s.tail[1:]
		}
		s.freq.Push(float64(s.flips), float64(s.ons)/float64(s.flips))
	}
	if steps > 0 {
		s.retarget()
	}
	return nil
}

func (s *sigmoid) Draw(dst *ebiten.Image, ctx *Context) {
	l := ctx.L
	s.layout(l)
	s.drawCurve(dst, l)
	s.temp.Draw(dst, &s.focus)
	s.gap.Draw(dst, &s.focus)
	s.useRecall.Draw(dst, &s.focus)
	if s.from != "" {
		ui.Label(dst, s.from, ui.Regular, l.S(12.5), l.X(820), l.Y(314), ui.Accent, ui.Left)
	}
	s.drawCoin(dst, l)
	s.transport.Draw(dst, &s.focus)
	s.plot.Draw(dst)
	ui.Paragraph(dst, "Try T = 0.05: the unit nearly always takes the side that lowers its energy. Try T = 50: it barely notices ΔE.",
		ui.Regular, l.S(12.5), l.X(820), l.Y(702), l.S(428), ui.TextFaint)
}

func (s *sigmoid) drawCurve(dst *ebiten.Image, l ui.Layout) {
	box := s.curveRect(l)
	s.painter.FillRound(dst, box, l.S(10), ui.Panel)
	ui.Label(dst, "p(on) = σ(ΔE / T)", ui.Bold, l.S(15), box.X+l.S(18), box.Y+l.S(20), ui.Text, ui.Left)
	a := s.curveArea(l)
	xr := s.xRange()
	T, dE := s.temp.Value, s.gap.Value
	sx := func(x float64) float64 { return a.X + (x+xr)/(2*xr)*a.W }
	sy := func(p float64) float64 { return a.Bottom() - p*a.H }

	for _, t := range []float64{0, 0.25, 0.5, 0.75, 1} {
		ui.FillRect(dst, ui.Rect{X: a.X, Y: sy(t), W: a.W, H: 1}, ui.Grid)
		ui.Label(dst, ui.FormatTick(t), ui.Mono, l.S(12), a.X-l.S(8), sy(t), ui.TextDim, ui.Right)
	}
	for _, t := range ui.NiceTicks(-xr, xr, 8) {
		ui.FillRect(dst, ui.Rect{X: sx(t), Y: a.Y, W: 1, H: a.H}, ui.Grid)
		ui.Label(dst, ui.FormatTick(t), ui.Mono, l.S(12), sx(t), a.Bottom()+l.S(12), ui.TextDim, ui.Center)
	}
	ui.Label(dst, "energy gap ΔE", ui.Regular, l.S(13), a.CenterX(), a.Bottom()+l.S(34), ui.TextDim, ui.Center)

	// The two limits, faint: a step at T → 0 and a flat coin at T → ∞.
	faint := ui.WithAlpha(ui.TextDim, 0.45)
	s.xs = append(s.xs[:0], a.X, sx(0), sx(0), a.Right())
	s.ys = append(s.ys[:0], sy(0), sy(0), sy(1), sy(1))
	s.painter.Polyline(dst, s.xs, s.ys, l.S(2), faint)
	ui.Line(dst, a.X, sy(0.5), a.Right(), sy(0.5), l.S(2), faint)
	ui.Label(dst, "T → 0: a step", ui.Regular, l.S(12), sx(0)+l.S(8), sy(1)+l.S(14), faint, ui.Left)
	ui.Label(dst, "T → ∞: a fair coin", ui.Regular, l.S(12), a.X+l.S(8), sy(0.5)-l.S(12), faint, ui.Left)

	// The curve at the current temperature, sampled finely enough that a
	// steep sigmoid at small T still looks like one.
	const n = 400
	s.xs, s.ys = s.xs[:0], s.ys[:0]
	for k := 0; k <= n; k++ {
		x := -xr + 2*xr*float64(k)/n
		s.xs = append(s.xs, sx(x))
		s.ys = append(s.ys, sy(sim.POn(x, T)))
	}
	s.painter.Polyline(dst, s.xs, s.ys, l.S(3), ui.Accent)

	// The handle at the chosen gap, with guides to both axes.
	p := sim.POn(dE, T)
	hx, hy := sx(dE), sy(p)
	guide := ui.WithAlpha(ui.Warm, 0.6)
	ui.Line(dst, hx, hy, hx, a.Bottom(), l.S(1.5), guide)
	ui.Line(dst, a.X, hy, hx, hy, l.S(1.5), guide)
	r := l.S(9)
	if s.dragging {
		r *= 1.2
	}
	ui.Disc(dst, hx, hy, r, ui.Warm)
	ui.Ring(dst, hx, hy, r+l.S(2), l.S(2), ui.Background)

	tag := fmt.Sprintf("ΔE = %+.2f   T = %.3g   p(on) = %.4f", dE, T, p)
	ui.Label(dst, tag, ui.Mono, l.S(15), box.Right()-l.S(18), box.Y+l.S(20), ui.Text, ui.Right)
}

// drawCoin shows the unit, its recent flips and the tally against p.
func (s *sigmoid) drawCoin(dst *ebiten.Image, l ui.Layout) {
	box := l.R(820, 330, 428, 236)
	s.painter.FillRound(dst, box, l.S(10), ui.Panel)
	ui.Label(dst, "A unit flipping coins", ui.Bold, l.S(15), box.X+l.S(18), box.Y+l.S(20), ui.Text, ui.Left)
	unit := ui.Rect{X: box.X + l.S(18), Y: box.Y + l.S(42), W: l.S(88), H: l.S(88)}
	clr := ui.UnitOff
	state := "off"
	if s.coin.State()[0] > 0 {
		clr, state = ui.UnitOn, "on"
	}
	s.painter.FillRound(dst, unit, l.S(12), clr)
	if s.flips > 0 {
		s.painter.StrokeRound(dst, unit.Inset(l.S(5)), l.S(9), l.S(4), ui.Warm)
	}
	x := unit.Right() + l.S(18)
	p := sim.POn(s.gap.Value, s.temp.Value)
	ui.Label(dst, fmt.Sprintf("now %s", state), ui.Regular, l.S(14), x, box.Y+l.S(52), ui.Text, ui.Left)
	ui.Label(dst, fmt.Sprintf("flips %d   on %d", s.flips, s.ons), ui.Mono, l.S(14), x, box.Y+l.S(78), ui.Text, ui.Left)
	freq := "—"
	ci := ""
	if s.flips > 0 {
		freq = fmt.Sprintf("%.4f", float64(s.ons)/float64(s.flips))
		lo, hi := sim.Wilson(s.ons, s.flips, 1.959963984540054)
		ci = fmt.Sprintf("95%% interval %.3f – %.3f", lo, hi)
	}
	ui.Label(dst, "frequency "+freq+"   p "+fmt.Sprintf("%.4f", p), ui.Mono, l.S(14), x, box.Y+l.S(104), ui.Text, ui.Left)
	ui.Label(dst, ci, ui.Regular, l.S(12.5), x, box.Y+l.S(126), ui.TextDim, ui.Left)

	// The last flips as a strip of small squares, newest at the right.
	strip := ui.Rect{X: box.X + l.S(18), Y: box.Y + l.S(150), W: box.W - l.S(36), H: l.S(16)}
	cw := strip.W / 48
	for k, on := range s.tail {
		c := ui.UnitOff
		if on {
			c = ui.UnitOn
		}
		ui.FillRect(dst, ui.Rect{X: strip.Right() - float64(len(s.tail)-k)*cw + 1, Y: strip.Y, W: cw - 2, H: strip.H}, c)
	}
	ui.Label(dst, "recent flips, newest on the right", ui.Regular, l.S(12), strip.X, strip.Bottom()+l.S(12), ui.TextFaint, ui.Left)
	if u := s.coin.Last; s.flips > 0 && u.Draw != sim.NoDraw {
		cmp := "≥"
		if u.On {
			cmp = "<"
		}
		ui.Label(dst, fmt.Sprintf("last draw u = %.4f %s p", u.Draw, cmp), ui.Mono, l.S(13), strip.X, box.Bottom()-l.S(18), ui.TextDim, ui.Left)
	}
}
