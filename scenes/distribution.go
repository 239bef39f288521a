//go:build legacy

package scenes

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// distUnits is the size of the Distribution scene's network: 2^4 = 16
// states, few enough to draw every one as a bar.
const distUnits = 4

// distPairs lists the weights in the order the scene (and boltzexp dist)
// names them: the upper triangle, row by row.
var distPairs = [6][2]int{{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}}

// distribution is scene 3: the exact Boltzmann distribution of a 4-unit
// network, with a Gibbs sampler's histogram converging onto it.
type distribution struct {
	seed    uint64
	net     *sim.Net
	exact   *sim.Dist
	sampler *sim.Sampler
	emp     []float64
	eMax    float64 // the highest energy of any state, for the bar colours
	order   []int   // bar order: state numbers left to right

	temp      ui.Slider
	param     ui.Slider // the selected weight or bias
	selected  int       // 0–5 a weight in distPairs order, 6–9 a bias
	transport *ui.Transport
	sorted    ui.Toggle
	focus     ui.Focus
	kl        *ui.Series
	plot      ui.Plot

	dragging  bool
	dragStart float64 // pointer y when the drag began
	dragFrom  float64 // the parameter's value then
	painter   ui.Painter
}

func newDistribution(seed uint64) Scene {
	d := &distribution{seed: seed}
	d.temp = ui.Slider{Label: "Temperature T", Min: 0.05, Max: 20, Value: 1, Log: true,
		Format: func(v float64) string { return fmt.Sprintf("%.3g", v) }}
	d.param = ui.Slider{Min: -4, Max: 4,
		Format: func(v float64) string { return fmt.Sprintf("%+.2f", v) }}
	d.transport = ui.NewTransport(0.2, 20000, 20)
	d.transport.Speed.Label = "Speed (sweeps per frame)"
	d.sorted = ui.Toggle{Label: "Sort bars by energy (O)"}
	d.kl = ui.NewSeries("KL", ui.Warm, 1500)
	d.plot = ui.Plot{Title: "KL(sampled || exact), log₁₀", XLabel: "sweeps", Series: []*ui.Series{d.kl}}
	d.focus.Order = append([]any{&d.temp, &d.param}, d.transport.Widgets()...)
	d.focus.Order = append(d.focus.Order, &d.sorted)
	d.reset()
	return d
}

// reset restores the starting network and a fresh sampler.
func (d *distribution) reset() {
	d.net = sim.DistributionNet()
	rng := rand.New(rand.NewPCG(d.seed, 0xd157))
	s := make([]int8, distUnits)
	sim.RandomState(s, rng)
	d.sampler = sim.NewSampler(d.net, s, d.temp.Value, rng)
	d.transport.Running = false
	d.choose(1)
	d.recompute()
}

// recompute refreshes the exact distribution and restarts the histogram:
// counts gathered under other weights or another T would be of a
// different distribution.
func (d *distribution) recompute() {
	if d.exact == nil {
		d.exact = d.net.Exact(d.temp.Value)
	} else {
		d.exact.Compute(d.net, d.temp.Value)
	}
	d.sampler.Chain.T = d.temp.Value
	d.sampler.Chain.Refresh()
	d.sampler.Reset()
	d.emp = d.sampler.Empirical(d.emp)
	d.kl.Clear()
	d.eMax = slices.Max(d.exact.E)
	d.sortBars()
}

func (d *distribution) sortBars() {
	n := 1 << distUnits
	if len(d.order) != n {
		d.order = make([]int, n)
	}
	for i := range d.order {
		d.order[i] = i
	}
	if d.sorted.On {
		sort.SliceStable(d.order, func(a, b int) bool { return d.exact.E[d.order[a]] < d.exact.E[d.order[b]] })
	}
}

// value returns the parameter k (a weight or a bias).
func (d *distribution) value(k int) float64 {
	if k < len(distPairs) {
		return d.net.Weight(distPairs[k][0], distPairs[k][1])
	}
	return d.net.B[k-len(distPairs)]
}

// setValue changes parameter k, clamped to the slider's range.
func (d *distribution) setValue(k int, v float64) {
	if math.IsNaN(v) {
		return
	}
	v = math.Max(d.param.Min, math.Min(d.param.Max, v))
	if v == d.value(k) {
		return
	}
	if k < len(distPairs) {
		d.net.SetWeight(distPairs[k][0], distPairs[k][1], v)
	} else {
		d.net.B[k-len(distPairs)] = v
	}
	d.recompute()
}

func (d *distribution) paramName(k int) string {
	if k < len(distPairs) {
		return fmt.Sprintf("w%d%d", distPairs[k][0], distPairs[k][1])
	}
	return fmt.Sprintf("b%d", k-len(distPairs))
}

func (d *distribution) choose(k int) {
	d.selected = k
	d.param.Label = "Selected: " + d.paramName(k)
	d.param.Value = d.value(k)
}

// SetRunning starts or stops the sampler.
func (d *distribution) SetRunning(on bool) { d.transport.Running = on }

func (d *distribution) Title() string { return "Distribution" }

func (d *distribution) Caption() string {
	return "Energy becomes probability: all 16 states of a 4-unit network, p(s) = e^(−E(s)/T) / Z, and a sampler that finds it."
}

func (d *distribution) Help() string {
	return "Each bar is one whole configuration of the four units (drawn underneath, in the same places as the network on the right). Its height is the exact Boltzmann probability e^(−E/T)/Z, computed by summing over all 16 states. Colour shows energy: bright bars are low energy and likely, dark ones high energy and rare.\n" +
		"Cool the network and the probability piles onto the lowest state; heat it and every bar tends to 1/16.\n" +
		"Run starts a Gibbs sampler: the unit-by-unit stochastic rule, with the state counted after every sweep. The outlines are its histogram, and the KL divergence from it to the exact bars falls as the counts grow. Changing the weights or T restarts the count.\n" +
		"Drag a weight's or bias's label up or down on the network (or use the mouse wheel over it, or the slider below) to reshape the landscape. Orange weights pull two units into agreement, blue ones apart.\n" +
		"Keys: O sorts the bars by energy; Tab to the selected-parameter slider and use the arrows."
}

// Geometry of the network drawing: units at the corners of a square,
// placed as in the bars' thumbnails.
func (d *distribution) nodePos(l ui.Layout, i int) (float64, float64) {
	x := []float64{990, 1168}[i%2]
	y := []float64{210, 388}[i/2]
	return l.X(x), l.Y(y)
}

// handlePos is where parameter k's draggable label sits: a weight at its
// edge (the crossing diagonals a third of the way along, so they do not
// collide), a bias beside its unit.
func (d *distribution) handlePos(l ui.Layout, k int) (float64, float64) {
	if k < len(distPairs) {
		i, j := distPairs[k][0], distPairs[k][1]
		x0, y0 := d.nodePos(l, i)
		x1, y1 := d.nodePos(l, j)
		t := 0.5
		if i+j == 3 { // a diagonal
			t = 0.3
		}
		return x0 + (x1-x0)*t, y0 + (y1-y0)*t
	}
	i := k - len(distPairs)
	x, y := d.nodePos(l, i)
	return x, y + []float64{-1, 1}[i/2]*l.S(44)
}

func (d *distribution) handleRect(l ui.Layout, k int) ui.Rect {
	x, y := d.handlePos(l, k)
	return ui.Rect{X: x - l.S(30), Y: y - l.S(12), W: l.S(60), H: l.S(24)}
}

func (d *distribution) layout(l ui.Layout) {
	d.param.Rect = l.R(910, 472, 338, 50)
	d.temp.Rect = l.R(910, 530, 338, 50)
	d.transport.Place(l.R(910, 596, 338, 40), l.R(910, 646, 338, 50))
	d.sorted.Rect = l.R(910, 712, 338, 30)
	d.plot.Rect = l.R(32, 572, 520, 194)
	d.plot.FontSize = l.S(13)
}

func (d *distribution) Update(ctx *Context) error {
	in := ctx.In
	l := ctx.L
	d.layout(l)
	d.focus.Update(in)
	steps, reset := d.transport.Update(in, &d.focus)
	if reset {
		d.reset()
		return nil
	}
	if d.temp.Update(in, &d.focus) {
		d.recompute()
	}
	if d.param.Update(in, &d.focus) {
		d.setValue(d.selected, d.param.Value)
	}
	if d.sorted.Update(in, &d.focus) || in.KeyPressed(ebiten.KeyO) {
		if in.KeyPressed(ebiten.KeyO) {
			d.sorted.On = !d.sorted.On
		}
		d.sortBars()
	}

	// Dragging a label up raises the value: a quarter per 12 design units,
	// snapped to quarters so values stay readable.
	p := in.Pointer()
	for k := 0; k < len(distPairs)+distUnits; k++ {
		if !d.handleRect(l, k).Contains(p.X, p.Y) {
			continue
		}
		if p.Pressed {
			d.choose(k)
			d.focus.Set(&d.param)
			d.dragging, d.dragStart, d.dragFrom = true, p.Y, d.value(k)
		}
		if w := in.Wheel(); w != 0 {
			d.choose(k)
			d.setValue(k, d.value(k)+0.25*math.Copysign(1, w))
		}
	}
	if !p.Down {
		d.dragging = false
	}
	if d.dragging {
		v := d.dragFrom + math.Round((d.dragStart-p.Y)/l.S(12))*0.25
		d.setValue(d.selected, v)
	}
	d.param.Value = d.value(d.selected)

	sweeps := steps
	if sweeps > 0 {
		d.sampler.Run(sweeps)
		d.emp = d.sampler.Empirical(d.emp)
		if kl := sim.KL(d.emp, d.exact.P); kl > 0 && !math.IsInf(kl, 0) {
			d.kl.Push(float64(d.sampler.Sweeps), math.Log10(kl))
		}
	}
	return nil
}

func (d *distribution) Draw(dst *ebiten.Image, ctx *Context) {
	l := ctx.L
	d.layout(l)
	d.drawBars(dst, l)
	d.plot.Draw(dst)
	d.drawReadouts(dst, l)
	d.drawNetwork(dst, l)
	d.param.Draw(dst, &d.focus)
	d.temp.Draw(dst, &d.focus)
	d.transport.Draw(dst, &d.focus)
	d.sorted.Draw(dst, &d.focus)
}

// energyShade maps an energy onto the sequential map: bright for the
// lowest energy (likely), dark for the highest (rare).
func (d *distribution) energyShade(e float64) float64 {
	lo, hi := d.exact.MinEnergy, d.eMax
	if hi == lo {
		return 1
	}
	return 0.15 + 0.85*(hi-e)/(hi-lo)
}

func (d *distribution) drawBars(dst *ebiten.Image, l ui.Layout) {
	box := l.R(32, 128, 860, 430)
	d.painter.FillRound(dst, box, l.S(10), ui.Panel)
	ui.Label(dst, "p(s) for every state s", ui.Bold, l.S(15), box.X+l.S(18), box.Y+l.S(20), ui.Text, ui.Left)
	// Legend: the energy colours and what the outlines are.
	lg := l.R(560, 140, 200, 26)
	ui.DrawLegend(dst, lg, 0, 1, false)
	ui.FillRect(dst, ui.Rect{X: lg.X, Y: lg.Y + lg.H*0.4, W: lg.W, H: lg.H * 0.6}, ui.Panel)
	ui.Label(dst, "rare", ui.Regular, l.S(12), lg.X-l.S(6), lg.Y+lg.H*0.2, ui.TextDim, ui.Right)
	ui.Label(dst, "likely", ui.Regular, l.S(12), lg.Right()+l.S(6), lg.Y+lg.H*0.2, ui.TextDim, ui.Left)
	ui.Label(dst, "high energy → low energy", ui.Regular, l.S(11), lg.CenterX(), lg.Y+lg.H*0.8, ui.TextFaint, ui.Center)
	ui.StrokeRect(dst, l.R(800, 140, 14, 14), l.S(2), ui.Text)
	ui.Label(dst, "sampled", ui.Regular, l.S(12), l.X(820), l.Y(147), ui.TextDim, ui.Left)

	a := l.R(92, 186, 780, 272)
	top := 0.0
	for i, p := range d.exact.P {
		top = math.Max(top, math.Max(p, d.emp[i]))
	}
	ticks := ui.NiceTicks(0, math.Max(top, 0.05)*1.05, 5)
	ymax := ticks[len(ticks)-1]
	if ymax < top {
		ymax = top
	}
	sy := func(p float64) float64 { return a.Bottom() - p/ymax*a.H }
	for _, t := range ticks {
		ui.FillRect(dst, ui.Rect{X: a.X, Y: sy(t), W: a.W, H: 1}, ui.Grid)
		ui.Label(dst, ui.FormatTick(t), ui.Mono, l.S(12), a.X-l.S(8), sy(t), ui.TextDim, ui.Right)
	}
	n := len(d.order)
	bw := a.W / float64(n)
	s := make([]int8, distUnits)
	for k, idx := range d.order {
		x := a.X + float64(k)*bw
		p := d.exact.P[idx]
		bar := ui.Rect{X: x + bw*0.14, Y: sy(p), W: bw * 0.72, H: a.Bottom() - sy(p)}
		ui.FillRect(dst, bar, ui.Sequential(d.energyShade(d.exact.E[idx])))
		if d.sampler.Sweeps > 0 {
			h := d.emp[idx]
			ui.StrokeRect(dst, ui.Rect{X: x + bw*0.08, Y: sy(h) - l.S(1), W: bw * 0.84, H: a.Bottom() - sy(h) + l.S(1)}, l.S(2), ui.Text)
		}
		sim.StateOf(s, uint64(idx))
		th := l.S(30)
		ui.DrawMini(dst, ui.Rect{X: x + (bw-th)/2, Y: a.Bottom() + l.S(10), W: th, H: th}, 2, 2, s)
		ui.Label(dst, fmt.Sprintf("%+.1f", d.exact.E[idx]), ui.Mono, l.S(11), x+bw/2, a.Bottom()+l.S(54), ui.TextDim, ui.Center)
	}
	ui.Label(dst, "E", ui.Mono, l.S(11), a.X-l.S(8), a.Bottom()+l.S(54), ui.TextFaint, ui.Right)
}

func (d *distribution) drawReadouts(dst *ebiten.Image, l ui.Layout) {
	box := l.R(564, 572, 328, 194)
	d.painter.FillRound(dst, box, l.S(10), ui.Panel)
	x := box.X + l.S(18)
	ui.Label(dst, "From the exact sum over 16 states", ui.Bold, l.S(14), x, box.Y+l.S(20), ui.Text, ui.Left)
	ex := d.exact
	best := 0
	for i, p := range ex.P {
		if p > ex.P[best] {
			best = i
		}
	}
	g := make([]int8, distUnits)
	sim.StateOf(g, uint64(best))
	kl := "—"
	if d.sampler.Sweeps > 0 {
		kl = fmt.Sprintf("%.2e", sim.KL(d.emp, ex.P))
	}
	rows := [][2]string{
		{"log Z", fmt.Sprintf("%.4f", ex.LogZ)},
		{"mean energy <E>", fmt.Sprintf("%.4f", ex.MeanEnergy)},
		{"entropy (nats)", fmt.Sprintf("%.4f  of %.4f", ex.Entropy, distUnits*math.Ln2)},
		{"most likely state", fmt.Sprintf("%s  p = %.4f", sim.String(g), ex.P[best])},
		{"ground energy", fmt.Sprintf("%.2f  (%d state%s)", ex.MinEnergy, ex.Ground, plural(ex.Ground))},
		{"sweeps counted", fmt.Sprintf("%d", d.sampler.Sweeps)},
		{"KL(sampled || exact)", kl},
	}
	for k, r := range rows {
		y := box.Y + l.S(46) + float64(k)*l.S(20.5)
		ui.Label(dst, r[0], ui.Regular, l.S(13), x, y, ui.TextDim, ui.Left)
		ui.Label(dst, r[1], ui.Mono, l.S(13), box.Right()-l.S(18), y, ui.Text, ui.Right)
	}
}

func (d *distribution) drawNetwork(dst *ebiten.Image, l ui.Layout) {
	box := l.R(910, 128, 338, 334)
	d.painter.FillRound(dst, box, l.S(10), ui.Panel)
	ui.Label(dst, "The network (drag a label)", ui.Bold, l.S(14), box.X+l.S(18), box.Y+l.S(20), ui.Text, ui.Left)
	for k, pr := range distPairs {
		x0, y0 := d.nodePos(l, pr[0])
		x1, y1 := d.nodePos(l, pr[1])
		w := d.value(k)
		if w == 0 {
			ui.Line(dst, x0, y0, x1, y1, l.S(1), ui.PanelEdge)
			continue
		}
		ui.Line(dst, x0, y0, x1, y1, l.S(1.5+1.5*math.Abs(w)), ui.Diverging(w/4))
	}
	s := d.sampler.Chain.State()
	for i := 0; i < distUnits; i++ {
		x, y := d.nodePos(l, i)
		clr := ui.UnitOff
		if s[i] > 0 {
			clr = ui.UnitOn
		}
		ui.Disc(dst, x, y, l.S(24), clr)
		ui.Ring(dst, x, y, l.S(24), l.S(2), ui.PanelEdge)
		lc := ui.Text
		if s[i] > 0 {
			lc = ui.Background
		}
		ui.Label(dst, fmt.Sprintf("%d", i), ui.Bold, l.S(15), x, y, lc, ui.Center)
	}
	for k := 0; k < len(distPairs)+distUnits; k++ {
		r := d.handleRect(l, k)
		v := d.value(k)
		bg := ui.Control
		if k == d.selected {
			bg = ui.ControlHi
		}
		d.painter.FillRound(dst, r, r.H/2, bg)
		if k == d.selected {
			d.painter.StrokeRound(dst, r, r.H/2, l.S(1.5), ui.Accent)
		}
		name := "w"
		if k >= len(distPairs) {
			name = "b"
		}
		ui.Label(dst, fmt.Sprintf("%s %+.2g", name, v), ui.Mono, l.S(12), r.CenterX(), r.CenterY(), ui.Text, ui.Center)
	}
	ui.Label(dst, "the live sampler's state", ui.Regular, l.S(11.5), box.X+l.S(18), box.Bottom()-l.S(14), ui.TextFaint, ui.Left)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
