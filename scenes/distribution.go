package scenes

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// distUnits is the size of the Distribution scene's network: 2^4 = 16
// states, few enough to draw every one as a bar.
const distUnits = 4

// distStates is the number of states, and 1/distStates the uniform
// distribution every bar tends to as T grows.
const distStates = 1 << distUnits

// distPairs lists the weights in the order the scene (and boltzexp dist)
// names them: the upper triangle, row by row.
var distPairs = [6][2]int{{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}}

// distParams is how many weights and biases the network drawing offers.
const distParams = len(distPairs) + distUnits

// distT is the starting temperature.
const distT = 1

// distLogFloor is the bottom of the probability axis on the log scale:
// eight decades, enough for the rare states at the default T.
const distLogFloor = 1e-8

// distDragStep is how far, in dp, a label is dragged for each quarter it
// adds or takes away.
const distDragStep = 12

// distribution is scene 3: the exact Boltzmann distribution of a 4-unit
// network, with a Gibbs sampler's histogram converging onto it.
type distribution struct {
	base
	seed      uint64
	stateText ui.Memo[int] // the likeliest state, written out
	net       *sim.Net
	exact     *sim.Dist
	sampler   *sim.Sampler
	emp       []float64
	eMax      float64 // the highest energy of any state, for the bar colours
	order     []int   // bar order: state numbers left to right

	temp      ui.Slider
	param     ui.Slider // the selected weight or bias
	selected  int       // 0–5 a weight in distPairs order, 6–9 a bias
	sorted    ui.Toggle
	logScale  ui.Toggle
	kl        *ui.Series
	plot      ui.Plot
	handles   [distParams]ui.Rect // the draggable labels, from place()
	dragging  bool
	dragX     float64 // pointer position when the drag began
	dragY     float64
	dragFrom  float64 // the parameter's value then
	stateBuf  []int8
	thumbSize float64

	// Rectangles the layout fills in.
	energyKey, outlineKey, barsLeaf, readBox ui.Rect
	netBox, netHint, runRow                  ui.Rect
	bars                                     ui.Rect // the bars' plotting area inside barsLeaf
	nodes                                    ui.Rect // the square whose corners hold the units
}

// distKeys are the Distribution scene's own keys.
var distKeys = ui.Keymap{
	{ID: "param", Key: ebiten.KeyW, Label: "W", Does: "select the next weight or bias"},
	{ID: "param", Key: ebiten.KeyW, Mod: ui.ModShift, Label: "Shift+W", Does: "select the next weight or bias"},
	{ID: "sort", Key: ebiten.KeyO, Label: "O", Does: "sort the bars by energy"},
	{ID: "log", Key: ebiten.KeyL, Label: "L", Does: "log scale for p"},
}

const distNetHint = "Drag a label right or up to raise it, left or down to lower it (or turn the wheel over it). Orange weights pull two units into agreement, blue ones apart. The discs show the sampler's state."

func newDistribution(seed uint64) Scene {
	d := &distribution{seed: seed, stateBuf: make([]int8, distUnits)}
	d.temp = ui.Slider{ID: "temperature", Label: "Temperature T", Min: 0.05, Max: 20, Value: distT, Log: true,
		Format: func(v float64) string { return ui.Fmt("%.3g", v) }}
	d.param = ui.Slider{ID: "param", Min: -4, Max: 4,
		Format: func(v float64) string { return ui.Fmt("%+.2f", v) }}
	t := ui.NewTransport(0.2, 20000, 20)
	t.Speed.Label = "Speed (sweeps per frame)"
	d.sorted = ui.Toggle{ID: "sort", Label: "Sort by energy"}
	d.logScale = ui.Toggle{ID: "log", Label: "Log scale"}
	d.kl = ui.NewSeries("KL", ui.Warm, 1500)
	d.plot = ui.Plot{Title: "log₁₀ KL(sampled || exact)", XLabel: "sweeps", Series: []*ui.Series{d.kl}}
	d.setup(t, distKeys, &d.temp, &d.sorted, &d.logScale, &d.param)
	for k := range distParams {
		d.region(d.paramName(k), &d.handles[k])
	}

	barsPanel := ui.Section("p(s) for every state s", nil, ui.Col(ui.Gap,
		ui.Flow(560, ui.GapS, ui.Leaf(&d.energyKey).MinH(22), ui.Leaf(&d.outlineKey).MinH(22)).NoGrow(),
		ui.Flow(560, ui.GapL,
			ui.Leaf(&d.temp.Rect).MinH(ui.SliderH),
			// The toggles sit level with the slider's track, the one with
			// the longer label given the room to show its key too.
			ui.Row(ui.Gap,
				ui.Col(0, ui.Leaf(nil), ui.Leaf(&d.sorted.Rect).H(ui.ToggleH)).Flex(1.3),
				ui.Col(0, ui.Leaf(nil), ui.Leaf(&d.logScale.Rect).H(ui.ToggleH)),
			).W(300),
		).NoGrow(),
		ui.Leaf(&d.barsLeaf).MinH(250),
	))
	numbers := ui.Section("Exact sums and the sampler", nil, ui.Leaf(&d.readBox).MinH(7*21)).NoGrow()
	bottom := ui.Flow(640, ui.GapL, ui.Leaf(&d.plot.Rect).MinH(190), numbers.W(330))
	left := ui.Col(ui.GapL, barsPanel, bottom.NoGrow())
	netPanel := ui.Section("The network", nil, ui.Col(ui.Gap,
		ui.Leaf(&d.netBox).Aspect(1.05).MinH(200),
		ui.Para(&d.netHint, ui.Small, func() string { return distNetHint }),
	)).NoGrow()
	right := ui.Col(ui.Gap,
		netPanel,
		ui.Leaf(&d.param.Rect).H(ui.SliderH),
		ui.Leaf(&d.runRow).H(ui.ButtonH),
		ui.Leaf(&t.Speed.Rect).H(ui.SliderH),
	).W(360)
	d.root = ui.Flow(900, ui.GapL, left, right)

	d.reset()
	return d
}

// reset restores the starting network at T = 1 with a fresh sampler. The
// view (sorting, log scale) stays as the person set it.
func (d *distribution) reset() {
	d.net = sim.DistributionNet()
	rng := rand.New(rand.NewPCG(d.seed, 0xd157))
	s := make([]int8, distUnits)
	sim.RandomState(s, rng)
	d.temp.Value = distT
	d.sampler = sim.NewSampler(d.net, s, d.temp.Value, rng)
	d.SetRunning(false)
	d.choose(1)
	d.recompute()
}

// Reset implements Scene.
func (d *distribution) Reset() string {
	d.reset()
	return "Reset: the starting network at T = 1, no sweeps counted"
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
	if len(d.order) != distStates {
		d.order = make([]int, distStates)
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
	kind := "weight"
	if k >= len(distPairs) {
		kind = "bias"
	}
	d.param.Label = fmt.Sprintf("Selected %s %s", kind, d.paramName(k))
	d.param.Value = d.value(k)
}

func (d *distribution) Title() string { return "Distribution" }

func (d *distribution) Caption() string {
	return "Energy becomes probability: all 16 states of a 4-unit network, p(s) = e^(−E(s)/T) / Z, and a sampler that finds it."
}

func (d *distribution) Help() string {
	return "Each bar is one whole configuration of the four units, drawn under it with the units in the same places as on the network drawing; the number under that is its energy E. The bar's height is the exact Boltzmann probability e^(−E/T)/Z, computed by summing over all 16 states. Colour shows energy: bright bars are the low energies, dark ones the high; at any T a lower energy is the more likely.\n" +
		"The probability axis stays at 0 to 1 while you explore. Cool the network and the probability piles onto the lowest state; heat it and every bar moves toward the dashed line at 1/16, the uniform distribution. The log scale spreads eight decades, from 10⁻⁸ to 1, so states far rarer than 1/16 show too (any rarer than 10⁻⁸ stay on the floor).\n" +
		"Run starts a Gibbs sampler: the unit-by-unit stochastic rule, with the state counted after every sweep. The outlines are its histogram. KL(sampled || exact) is the Kullback–Leibler divergence of the sampled histogram from the exact distribution: zero when they agree, and it falls as the counts grow (the plot shows its base-10 logarithm). Changing a weight, a bias or T restarts the count.\n" +
		"Drag a weight's or bias's label on the network, right or up to raise it and left or down to lower it, or turn the mouse wheel over it, or use the slider of the selected one, to reshape the landscape. Orange weights pull two units into agreement, blue ones apart."
}

// place derives the rectangles that follow from the layout's: the bars'
// plotting area, the square of units and the labels on the network.
func (d *distribution) place(th ui.Theme) {
	d.transport.Place(d.runRow, d.transport.Speed.Rect)

	// The bars leave room for the tick labels on the left and, underneath,
	// for each state's drawing and its energy (in two staggered rows when
	// one row is too narrow for the numbers).
	st := th.Style(ui.Small)
	lh := th.LineHeight(ui.Small)
	c := d.barsLeaf
	left := math.Max(ui.TextWidth("0.75", st.Font, st.Size), ui.TextWidth("10⁻⁸", st.Font, st.Size)) + th.Px(ui.GapS)
	w := math.Max(0, c.W-left)
	bw := w / distStates
	d.thumbSize = math.Min(th.Px(30), bw*0.8)
	rows := 1.0
	if d.energyRows(th, bw) == 2 {
		rows = 2
	}
	below := th.Px(8) + d.thumbSize + th.Px(4) + rows*lh
	d.bars = ui.Rect{X: c.X + left, Y: c.Y + lh/2, W: w, H: math.Max(0, c.H-lh/2-below)}

	// The units sit at the corners of a square, as in the bars' drawings,
	// with room around it for the bias labels above and below.
	hw, hh := th.Px(64), th.Px(24)
	b := d.netBox
	side := math.Max(0, math.Min(b.W-hw-th.Px(8), b.H-2*(th.Px(44)+hh/2)))
	d.nodes = ui.Rect{X: b.CenterX() - side/2, Y: b.CenterY() - side/2, W: side, H: side}
	for k := range distParams {
		x, y := d.handlePos(th, k)
		d.handles[k] = ui.Rect{X: x - hw/2, Y: y - hh/2, W: hw, H: hh}
	}
}

// energyRows is how many rows the energy labels under bars bw wide need.
func (d *distribution) energyRows(th ui.Theme, bw float64) int {
	st := th.Style(ui.Small)
	if ui.TextWidth("−40.0", st.Font, st.Size)+th.Px(2) > bw {
		return 2
	}
	return 1
}

// nodePos is the centre of unit i on the network drawing.
func (d *distribution) nodePos(i int) (float64, float64) {
	n := d.nodes
	return n.X + float64(i%2)*n.W, n.Y + float64(i/2)*n.H
}

// handlePos is where parameter k's draggable label sits: a weight at its
// edge (the crossing diagonals a third of the way along, so they do not
// collide), a bias beside its unit.
func (d *distribution) handlePos(th ui.Theme, k int) (float64, float64) {
	if k < len(distPairs) {
		i, j := distPairs[k][0], distPairs[k][1]
		x0, y0 := d.nodePos(i)
		x1, y1 := d.nodePos(j)
		t := 0.5
		if i+j == 3 { // a diagonal
			t = 0.3
		}
		return x0 + (x1-x0)*t, y0 + (y1-y0)*t
	}
	i := k - len(distPairs)
	x, y := d.nodePos(i)
	return x, y + []float64{-1, 1}[i/2]*th.Px(44)
}

// yRange is the probability axis: 0 to 1, or 10⁻⁸ to 1 on the log scale.
// It never depends on T or on the weights.
func (d *distribution) yRange() (lo, hi float64) {
	if d.logScale.On {
		return distLogFloor, 1
	}
	return 0, 1
}

// sy is the screen y of probability p on the bars' axis.
func (d *distribution) sy(p float64) float64 {
	a := d.bars
	lo, hi := d.yRange()
	if d.logScale.On {
		if !(p > lo) {
			return a.Bottom()
		}
		t := (math.Log10(p) - math.Log10(lo)) / (math.Log10(hi) - math.Log10(lo))
		return a.Bottom() - math.Min(1, t)*a.H
	}
	return a.Bottom() - (math.Max(lo, math.Min(hi, p))-lo)/(hi-lo)*a.H
}

func (d *distribution) Update(ctx *Context) error {
	in := ctx.In
	th := ctx.Theme
	d.place(th)
	if d.temp.Update(in, &d.focus) {
		d.recompute()
	}
	if d.param.Update(in, &d.focus) {
		d.setValue(d.selected, d.param.Value)
	}
	if d.keys.Fired(in, "param") {
		dir := 1
		if in.Mods()&ui.ModShift != 0 {
			dir = -1
		}
		d.choose((d.selected + dir + distParams) % distParams)
		d.focus.Set(&d.param)
	}
	if d.toggled(in, &d.sorted) {
		d.sortBars()
	}
	d.toggled(in, &d.logScale)

	// A label follows a drag in either direction: right and up raise the
	// value a quarter per step, left and down lower it, so values stay
	// readable.
	p := in.Pointer()
	for k := range distParams {
		if !d.handles[k].Contains(p.X, p.Y) {
			continue
		}
		if p.Pressed {
			d.choose(k)
			d.focus.Set(&d.param)
			d.dragging, d.dragX, d.dragY, d.dragFrom = true, p.X, p.Y, d.value(k)
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
		steps := math.Round(((p.X - d.dragX) + (d.dragY - p.Y)) / th.Px(distDragStep))
		d.setValue(d.selected, d.dragFrom+steps*0.25)
	}
	d.param.Value = d.value(d.selected)
	return nil
}

// Simulate runs the tick's sweeps of the sampler and scores its counts
// against the exact distribution.
func (d *distribution) Simulate(ctx *Context) {
	if ctx.Steps > 0 {
		// The sweeps go in blocks so that a tick's budget can stop them: at
		// top speed the speed asks for more than fit, in the browser above
		// all.
		for done := 0; done < ctx.Steps; {
			n := min(ctx.Steps-done, 256)
			d.sampler.Run(n)
			done += n
			if ctx.OverBudget() {
				break
			}
		}
		d.emp = d.sampler.Empirical(d.emp)
		if kl := sim.KL(d.emp, d.exact.P); kl > 0 && !math.IsInf(kl, 0) {
			d.kl.Push(float64(d.sampler.Sweeps), math.Log10(kl))
		}
	}
}

// energyShade maps an energy onto the sequential map: bright for the
// lowest energy (the likeliest state), dark for the highest.
func (d *distribution) energyShade(e float64) float64 {
	lo, hi := d.exact.MinEnergy, d.eMax
	if hi == lo {
		return 1
	}
	return 0.15 + 0.85*(hi-e)/(hi-lo)
}

// dashes draws the uniform line's dashed stroke from x0 to x1 at y.
func (d *distribution) dashes(dst *ebiten.Image, th ui.Theme, x0, x1, y float64) {
	dash, gap := th.Px(6), th.Px(4)
	for x := x0; x < x1; x += dash + gap {
		ui.FillRect(dst, ui.Rect{X: x, Y: y - th.Px(1), W: math.Min(dash, x1-x), H: th.Px(2)}, ui.TextDim)
	}
}

// superscript writes an integer exponent in superscript digits.
func superscript(n int) string {
	var b strings.Builder
	if n < 0 {
		b.WriteRune('⁻')
		n = -n
	}
	for _, c := range fmt.Sprint(n) {
		b.WriteRune([]rune("⁰¹²³⁴⁵⁶⁷⁸⁹")[c-'0'])
	}
	return b.String()
}

// signed writes an energy with one decimal and a true minus sign.
func signed(e float64) string {
	return ui.Minus(ui.Fmt("%+.1f", e))
}
