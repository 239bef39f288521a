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

// The RBM lab's machine: a 3×3 image of visible units and four hidden
// units, the sizes the scene insists on when it loads a saved machine.
const (
	rbmSide    = 3
	rbmVisible = rbmSide * rbmSide
	rbmHidden  = 4
)

// rbmHistory is how many points each training curve holds. When a curve
// fills up, every other point is dropped and points are taken half as
// often, so the plots always show the whole run at an even density.
const rbmHistory = 1000

// rbmFileName is the name a saved machine goes by on the desktop: a file
// in the working directory (boltzlab-rbm.json is the whole scene, which
// Ctrl+S saves).
const rbmFileName = "boltzlab-rbm-machine.json"

// The RBM lab's starting settings, which Reset restores.
const (
	rbmRate = 0.1
	rbmK    = 1
)

// Sizes in dp of the receptive fields and of the Reconstruct panel's
// parts: the most a field's square may take, the input and output grids'
// least and most, and the hidden column and the arrows beside it.
const (
	rbmFieldMax = 96
	rbmGridMin  = 96
	rbmGridMax  = 180
	rbmHiddenW  = 72
	rbmArrowW   = 28
)

// rbmBestLL is the highest mean log-likelihood a model can give three
// distinct shapes: a third of its probability on each, −log 3 nats.
var rbmBestLL = -math.Log(3)

// rbmLab is scene 6: a restricted Boltzmann machine of {0, 1} units
// learning the T, L and O shapes by CD-k, with its exact log-likelihood
// plotted beside the reconstruction error, its receptive fields, and a
// panel that pushes an image through the machine and back.
type rbmLab struct {
	base
	seed    uint64
	rng     *rand.Rand // initial weights and the trainer's sampling
	pick    *rand.Rand // which pixel a noisy shape has flipped
	shapes  []sim.Pattern
	data    [][]float64
	machine *sim.RBM
	trainer *sim.RBMTrainer
	stride  int     // a curve point is taken every stride updates
	recon   float64 // the machine's reconstruction error on the shapes now
	ll      float64 // and its exact mean log-likelihood, in nats
	errTop  float64 // the largest reconstruction error the curve holds

	// The Reconstruct panel: its input v in {0, 1}, the same in ±1 for the
	// grid widget, the hidden probabilities and the reconstruction v′.
	vis    []float64
	visPM  []int8
	hid    []float64
	out    []float64
	source string // where the input came from, in words
	sel    int    // the pixel the arrow keys move to while the grid has the focus

	errS, llS, bestS *ui.Series
	errPlot, llPlot  ui.Plot
	rate, k          ui.Slider
	noisy            [3]ui.Button
	blank, feed      ui.Button
	save, load       ui.Button
	grid             ui.UnitGrid
	fields           [rbmHidden]ui.Heatmap

	// Rectangles the layout fills in.
	convNote, shapesBox, shapesFoot, readBox  ui.Rect
	runRow, fileNote, lesson                  ui.Rect
	fieldsBox, fieldsLegend, fieldsNote       ui.Rect
	reconBox, reconLegend, sourceBox, verdBox ui.Rect
	// and the ones derived from them.
	hidCol, outBox ui.Rect
}

// rbmKeys are the RBM lab's own keys.
var rbmKeys = ui.Keymap{
	{ID: "noisy-t", Key: ebiten.KeyT, Label: "T", Does: "a T with one pixel flipped"},
	{ID: "noisy-l", Key: ebiten.KeyL, Label: "L", Does: "an L with one pixel flipped"},
	{ID: "noisy-o", Key: ebiten.KeyO, Label: "O", Does: "an O with one pixel flipped"},
	{ID: "clear", Key: ebiten.KeyC, Label: "C", Does: "clear the image"},
	{ID: "feed", Key: ebiten.KeyV, Label: "V", Does: "feed the rounded v′ back in"},
	{ID: "save", Key: ebiten.KeyE, Label: "E", Does: "save the machine"},
	{ID: "load", Key: ebiten.KeyI, Label: "I", Does: "load a saved machine"},
}

// Texts the layout measures.
const (
	rbmConvNote = "Unlike the ±1 scenes before it, a unit here is 0 (off, dark) or 1 (on, light), as is usual for RBMs."
	rbmLesson   = "Try ε = 1: the reconstruction error sinks toward zero while the log-likelihood gets worse. Low error is not a good model."
	rbmFieldsOK = "Orange pixels, when lit, push the hidden unit on; blue ones push it off. One colour scale for all four."
)

func newRBMLab(seed uint64) Scene {
	r := &rbmLab{seed: seed, shapes: sim.TLO(), data: sim.TLOData(), sel: rbmVisible / 2}
	r.vis = make([]float64, rbmVisible)
	r.visPM = make([]int8, rbmVisible)
	r.hid = make([]float64, rbmHidden)
	r.out = make([]float64, rbmVisible)

	t := ui.NewTransport(0.05, 100, 2)
	t.RunLabel = "Train"
	t.Speed.Label = "Speed (CD updates per frame)"
	r.rate = ui.Slider{ID: "rate", Label: "Learning rate ε", Min: 0.003, Max: 3, Value: rbmRate, Log: true,
		Format: func(v float64) string { return fmt.Sprintf("%.3g", v) }}
	r.k = ui.Slider{ID: "k", Label: "Gibbs steps k of CD-k", Min: 1, Max: 10, Value: rbmK, Integer: true}
	for k, p := range r.shapes {
		r.noisy[k] = ui.Button{ID: "noisy-" + strings.ToLower(p.Name), Label: "Noisy " + p.Name}
	}
	r.blank = ui.Button{ID: "clear", Label: "Clear"}
	r.feed = ui.Button{ID: "feed", Label: "v′ → v"}
	r.save = ui.Button{ID: "save", Label: "Save JSON"}
	r.load = ui.Button{ID: "load", Label: "Load JSON"}
	r.grid = ui.UnitGrid{Cols: rbmSide, Rows: rbmSide, Paint: true, Selected: -1, Recent: -1}
	for j := range r.fields {
		r.fields[j] = ui.Heatmap{Cols: rbmSide, Rows: rbmSide, Hover: -1}
	}
	r.setup(t, rbmKeys, &r.rate, &r.k, &r.save, &r.load, &r.grid,
		&r.noisy[0], &r.noisy[1], &r.noisy[2], &r.blank, &r.feed)
	r.region("grid", &r.grid.Rect)
	for k := range r.noisy {
		r.noisy[k].Hint = "" // the label already names the key
	}

	r.errS = ui.NewSeries("reconstruction error", ui.Warm, rbmHistory)
	r.llS = ui.NewSeries("per shape", ui.Accent, rbmHistory)
	r.bestS = ui.NewSeries("best, −log 3", ui.WithAlpha(ui.TextDim, 0.6), 2)
	r.errPlot = ui.Plot{Title: "Reconstruction error", XLabel: "CD updates", Series: []*ui.Series{r.errS},
		FixedY: true, XSpan: 100}
	r.llPlot = ui.Plot{Title: "Log-likelihood, nats", XLabel: "CD updates",
		Series: []*ui.Series{r.bestS, r.llS}, XSpan: 100}

	small := func(texts ...func() string) func(ui.Theme, float64) float64 {
		return tallest(ui.Small, texts...)
	}
	info := ui.Col(ui.GapL,
		ui.Section("9 visible units, 4 hidden, values 0 or 1", nil, ui.Col(ui.Gap,
			ui.Para(&r.convNote, ui.Small, func() string { return rbmConvNote }),
			ui.Leaf(&r.shapesBox).H(60),
			ui.Para(&r.shapesFoot, ui.Small, r.batchText),
		)).NoGrow(),
		ui.Section("", nil, ui.Leaf(&r.readBox).NoGrow().Measure(func(t ui.Theme, _ float64) float64 {
			return 2*t.LineHeight(ui.Small) + t.LineHeight(ui.Readout)
		})).NoGrow(),
	)
	controls := ui.Col(ui.Gap,
		ui.Leaf(&r.runRow).H(ui.ButtonH),
		ui.Leaf(&t.Speed.Rect).H(ui.SliderH),
		ui.Leaf(&r.rate.Rect).H(ui.SliderH),
		ui.Leaf(&r.k.Rect).H(ui.SliderH),
		ui.Row(ui.Gap, ui.Leaf(&r.save.Rect), ui.Leaf(&r.load.Rect)).H(ui.ButtonH),
		ui.Para(&r.fileNote, ui.Small, func() string { return rbmFileNote }),
	).NoGrow()
	left := ui.Flow(640, ui.GapL, info, controls).W(350)

	plots := ui.Col(ui.Gap,
		ui.Flow(600, ui.GapL, ui.Leaf(&r.errPlot.Rect).MinH(150), ui.Leaf(&r.llPlot.Rect).MinH(150)),
		ui.Para(&r.lesson, ui.Small, func() string { return rbmLesson }),
	)
	fields := ui.Section("Receptive fields: weights into h1–h4", nil, ui.Col(ui.GapS,
		ui.Leaf(&r.fieldsBox).Measure(func(t ui.Theme, w float64) float64 {
			// Two rows of two squares, each at most rbmFieldMax across.
			side := math.Min((w-t.Px(ui.GapL))/2, t.Px(rbmFieldMax))
			return 2*(side+t.LineHeight(ui.Small)+t.Px(ui.GapS)) + t.Px(ui.GapL)
		}),
		ui.Leaf(&r.fieldsLegend).H(28),
		ui.Leaf(&r.fieldsNote).NoGrow().Measure(small(
			func() string { return rbmFieldsOK },
			func() string { return "h4, pixel at row 3, column 3: w = −10.000" })),
	)).Flex(0.85)
	buttons := ui.Flow(440, ui.GapS,
		ui.Row(ui.GapS, ui.Leaf(&r.noisy[0].Rect).MinH(ui.ButtonH), ui.Leaf(&r.noisy[1].Rect).MinH(ui.ButtonH), ui.Leaf(&r.noisy[2].Rect).MinH(ui.ButtonH)).Flex(3),
		ui.Row(ui.GapS, ui.Leaf(&r.blank.Rect).MinH(ui.ButtonH), ui.Leaf(&r.feed.Rect).MinH(ui.ButtonH)).Flex(2),
	).NoGrow()
	recon := ui.Section("Reconstruct: v → h → v′", nil, ui.Col(ui.Gap,
		ui.Leaf(&r.reconBox).NoGrow().Measure(func(t ui.Theme, w float64) float64 {
			// The input and output grids are as wide as the row allows,
			// up to rbmGridMax, with a line of labels below.
			g := math.Min((w-2*t.Px(rbmArrowW)-t.Px(rbmHiddenW))/2, t.Px(rbmGridMax))
			return math.Max(g, t.Px(rbmGridMin)) + t.LineHeight(ui.Small) + t.Px(ui.GapS)
		}),
		ui.Leaf(&r.reconLegend).H(28),
		ui.Leaf(&r.sourceBox).NoGrow().Measure(tallest(ui.Body,
			func() string { return "Input: O with the pixel at row 3, column 3 flipped" },
			func() string { return "Input: the previous v′, rounded at ½" })),
		ui.Leaf(&r.verdBox).NoGrow().Measure(tallest(ui.Strong,
			func() string { return "v′ rounded at ½ is O: 9 wrong pixels repaired" },
			func() string { return "v′ rounded at ½ is O, the same as the input" },
			func() string { return "v′ rounded at ½ is none of the three shapes" })),
		buttons,
	)).Flex(1.15)
	right := ui.Col(ui.GapL, plots, ui.Flow(700, ui.GapL, fields, recon))
	r.root = ui.Flow(1160, ui.GapL, left, right)

	r.reset()
	return r
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

// reset starts over from the seed: small random weights, the starting
// learning rate and k, no training, a noisy T in the Reconstruct panel.
func (r *rbmLab) reset() {
	r.rng = rand.New(rand.NewPCG(r.seed, 0x7b3))
	r.pick = rand.New(rand.NewPCG(r.seed, 0x7b3f11))
	r.rate.Value, r.k.Value = rbmRate, rbmK
	m := sim.NewRBM(rbmVisible, rbmHidden)
	m.Randomize(0.01, r.rng)
	r.adopt(m)
	r.SetRunning(false)
	r.loadNoisy(0)
}

// Reset implements Scene.
func (r *rbmLab) Reset() string {
	r.reset()
	return fmt.Sprintf("Reset: small random weights, ε = %.2g, CD-%d, nothing learned yet", rbmRate, rbmK)
}

// Busiest trains at top speed with the largest k, the most expensive
// update the sliders allow.
func (r *rbmLab) Busiest() {
	r.k.Set(r.k.Max)
	r.applySettings()
	r.base.Busiest()
}

// adopt makes m the machine being trained, with a fresh trainer (no
// momentum carried over) and fresh curves that start from m as it is.
func (r *rbmLab) adopt(m *sim.RBM) {
	r.machine = m
	r.trainer = sim.NewRBMTrainer(m, r.data, r.rng)
	r.applySettings()
	r.stride = 1
	r.errTop = 0
	r.errS.Clear()
	r.llS.Clear()
	r.record()
	r.push()
}

// applySettings hands the sliders' values to the trainer.
func (r *rbmLab) applySettings() {
	r.trainer.Rate = r.rate.Value
	r.trainer.K = int(r.k.Value)
}

// measure computes the two scores of the machine as it is now.
func (r *rbmLab) measure() {
	r.recon = r.trainer.ReconError()
	r.ll = r.machine.LogLikelihood(r.data)
}

// record measures the machine and adds a point to both curves, thinning
// them first if they are full.
func (r *rbmLab) record() {
	r.measure()
	if r.errS.Len() >= rbmHistory {
		for _, s := range []*ui.Series{r.errS, r.llS} {
			thinSeries(s)
		}
		r.stride *= 2
	}
	x := float64(r.trainer.Updates)
	r.errS.Push(x, r.recon)
	r.llS.Push(x, r.ll)
	r.errTop = math.Max(r.errTop, r.recon)
	r.errPlot.YMin, r.errPlot.YMax = 0, math.Max(0.01, r.errTop*1.08)
	r.bestS.Clear()
	r.bestS.Push(0, rbmBestLL)
	r.bestS.Push(math.Max(x, r.llPlot.XSpan), rbmBestLL)
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

// push sends the panel's input up to the hidden layer and back down:
// v → p(h | v) → v′ = p(v | h), without sampling.
func (r *rbmLab) push() {
	r.machine.Reconstruct(r.out, r.hid, r.vis)
	sim.PlusMinus(r.visPM, r.vis)
}

// loadNoisy puts shape k into the panel with one pixel, drawn from the
// scene's own seeded stream, flipped.
func (r *rbmLab) loadNoisy(k int) {
	copy(r.vis, r.data[k])
	i := r.pick.IntN(rbmVisible)
	r.vis[i] = 1 - r.vis[i]
	r.source = fmt.Sprintf("%s with the pixel at row %d, column %d flipped", r.shapes[k].Name, i/rbmSide+1, i%rbmSide+1)
	r.push()
}

// rounded returns which training shape v′ is once each pixel is rounded
// at one half, or −1 if it is none of them.
func (r *rbmLab) rounded() int {
	for k, d := range r.data {
		same := true
		for i, x := range d {
			if (r.out[i] >= 0.5) != (x == 1) {
				same = false
				break
			}
		}
		if same {
			return k
		}
	}
	return -1
}

// nearest returns the training shape closest to the input and how many
// pixels it differs in.
func (r *rbmLab) nearest() (shape, dist int) {
	dist = rbmVisible + 1
	for k, d := range r.data {
		n := 0
		for i, x := range d {
			if x != r.vis[i] {
				n++
			}
		}
		if n < dist {
			shape, dist = k, n
		}
	}
	return shape, dist
}

// fieldScale is the weight drawn at full colour in every receptive field:
// the largest |weight| rounded up to a round number, so the legend changes
// in steps rather than every frame.
func (r *rbmLab) fieldScale() float64 { return niceCeil(maxAbs(r.machine.W)) }

func (r *rbmLab) Title() string { return "RBM lab" }

func (r *rbmLab) Caption() string {
	return "A restricted Boltzmann machine of {0, 1} units learns T, L and O by CD-k. Its exact likelihood is plotted beside the reconstruction error."
}

func (r *rbmLab) Help() string {
	return "A restricted Boltzmann machine has two layers: nine visible units holding a 3×3 image and four hidden units that learn features of it. Every visible unit is joined to every hidden unit, and no two units of the same layer are joined. Units here are 0 (off) or 1 (on), the custom for RBMs, where the earlier scenes used −1 and +1.\n" +
		"With no links inside a layer, the hidden units are independent once the image is fixed, so all four can be sampled in one go, and all nine pixels likewise given the hidden units. Contrastive divergence leans on this: from each training shape it walks k round trips between the layers, then moves every weight by ε times the difference between how often its two units are on together for the shape and for where the walk ended, averaged over the shapes. " +
		fmt.Sprintf("%s Momentum %.1f carries that fraction of each update into the next.\n", r.batchText(), r.trainer.Momentum) +
		"Two curves follow training. The reconstruction error is the mean squared gap between each shape and its one-pass reconstruction: cheap, but not what training optimises. With nine visible units the partition function Z is a sum of only 512 terms, so the exact log-likelihood of the shapes can be computed too; no model beats −log 3, a third of its probability on each shape. The curves usually move together, not always: raise ε to 1 and the error sinks toward zero while the log-likelihood gets worse.\n" +
		"Each receptive field is a hidden unit's nine weights, on one colour scale shared by all four: an orange pixel, when lit, pushes the unit on, a blue one pushes it off. In the Reconstruct panel, paint an image (or Tab to it, move with the arrows and flip a pixel with Enter) or load a shape with one pixel flipped; it goes up to the hidden probabilities and back down to v′, live while the machine trains. Save writes the machine's weights and biases as JSON and Load reads them back; a file that is malformed or of another shape is refused and nothing changes."
}

// batchText says how many shapes one CD update learns from, as the
// trainer's mini-batch size has it.
func (r *rbmLab) batchText() string {
	if b := max(r.trainer.Batch, 1); b < len(r.data) {
		return fmt.Sprintf("One CD update uses %s of the %d.", plural(b, "shape", "shapes"), len(r.data))
	}
	return "One CD update uses all three shapes."
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

func (r *rbmLab) Update(ctx *Context) error {
	in := ctx.In
	r.place(ctx.Theme)
	r.rate.Update(in, &r.focus)
	r.k.Update(in, &r.focus)
	r.applySettings()

	for k := range r.noisy {
		if r.pressed(in, &r.noisy[k]) {
			r.loadNoisy(k)
		}
	}
	if r.pressed(in, &r.blank) {
		clear(r.vis)
		r.source = "a blank image"
		r.push()
	}
	if r.pressed(in, &r.feed) {
		for i, p := range r.out {
			r.vis[i] = 0
			if p >= 0.5 {
				r.vis[i] = 1
			}
		}
		r.source = "the previous v′, rounded at ½"
		r.push()
	}
	if r.pressed(in, &r.save) {
		r.saveMachine(ctx)
	}
	if r.pressed(in, &r.load) {
		r.loadMachine(ctx)
	}
	set := func(i int, v int8) {
		r.visPM[i] = v
		r.vis[i] = 0
		if v > 0 {
			r.vis[i] = 1
		}
	}
	if p := in.Pointer(); p.Pressed {
		if i := r.grid.At(p.X, p.Y); i >= 0 {
			r.focus.Set(&r.grid)
			r.sel = i
		}
	}
	painted := r.grid.Update(in, r.visPM, set)
	if r.focus.Is(&r.grid) && r.moveSelection(in) {
		set(r.sel, -r.visPM[r.sel])
		painted = true
	}
	if painted {
		r.source = "painted by hand"
	}
	for j := range r.fields {
		r.fields[j].Update(in)
	}

	for s := 0; s < ctx.Steps && !ctx.OverBudget(); s++ {
		r.trainer.Step()
		if r.trainer.Updates%r.stride == 0 {
			r.record()
		}
	}
	if ctx.Steps > 0 {
		r.measure()
	}
	if ctx.Steps > 0 || painted {
		r.push()
	}
	return nil
}

// moveSelection walks the selected pixel with the arrow keys and reports
// whether Enter asked to flip it.
func (r *rbmLab) moveSelection(in ui.Input) bool {
	x, y := r.sel%rbmSide, r.sel/rbmSide
	switch {
	case in.KeyPressed(ebiten.KeyArrowLeft):
		x = (x + rbmSide - 1) % rbmSide
	case in.KeyPressed(ebiten.KeyArrowRight):
		x = (x + 1) % rbmSide
	case in.KeyPressed(ebiten.KeyArrowUp):
		y = (y + rbmSide - 1) % rbmSide
	case in.KeyPressed(ebiten.KeyArrowDown):
		y = (y + 1) % rbmSide
	case in.KeyPressed(ebiten.KeyEnter), in.KeyPressed(ebiten.KeyNumpadEnter):
		return true
	}
	r.sel = y*rbmSide + x
	return false
}

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
	lh, rh := th.LineHeight(ui.Small), th.LineHeight(ui.Readout)
	read := func(c ui.Rect, label, value, note string) {
		ui.TextIn(dst, c.Top(lh), label, th.Style(ui.Small), ui.TextDim, ui.Left)
		ui.TextIn(dst, c.Below(lh, 0).Top(rh), value, th.Style(ui.Readout), ui.Text, ui.Left)
		ui.TextIn(dst, c.Below(lh+rh, 0).Top(lh), note, th.Style(ui.Small), ui.TextFaint, ui.Left)
	}
	read(cols[0], "CD updates", fmt.Sprintf("%d", r.trainer.Updates), fmt.Sprintf("CD-%d, ε %.3g", r.trainer.K, r.trainer.Rate))
	// Small errors get an exponent, so training past 0.0001 still shows.
	e := fmt.Sprintf("%.4f", r.recon)
	if r.recon < 0.001 {
		e = fmt.Sprintf("%.1e", r.recon)
	}
	read(cols[1], "Recon. error", e, "mean squared")
	read(cols[2], "log p per shape", fmt.Sprintf("%.3f", r.ll), fmt.Sprintf("best %.3f", rbmBestLL))
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
		name := fmt.Sprintf("h%d", j+1)
		ui.TextIn(dst, lab, name, th.Style(ui.Strong), ui.Text, ui.Left)
		bias := fitting(small, lab.W-th.Px(24), fmt.Sprintf("bias %+.2f", r.machine.C[j]), fmt.Sprintf("%+.2f", r.machine.C[j]))
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
	s := prefix + fmt.Sprintf("%.2f", p)
	for _, role := range []ui.TextRole{ui.Number, ui.Small} {
		st := th.Style(role)
		if ui.TextWidth(s, st.Font, st.Size) <= c.W-th.Px(4) && th.LineHeight(role) <= c.H+th.Px(4) {
			ui.TextIn(dst, c, s, st, fg, ui.Center)
			return
		}
	}
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
		r.probCell(dst, th, r.hiddenCell(th, j), r.hid[j], fmt.Sprintf("h%d ", j+1))
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
	ui.TextBlock(dst, r.sourceBox, "Input: "+r.source, th.Style(ui.Body), ui.TextDim)
	shape, dist := r.nearest()
	got := r.rounded()
	var msg string
	clr := ui.TextDim
	switch {
	case got >= 0 && dist > 0 && got == shape:
		msg = fmt.Sprintf("v′ rounded at ½ is %s: %s repaired", r.shapes[got].Name, plural(dist, "wrong pixel", "wrong pixels"))
		clr = ui.Category(2)
	case got >= 0 && dist == 0 && got == shape:
		msg = fmt.Sprintf("v′ rounded at ½ is %s, the same as the input", r.shapes[got].Name)
		clr = ui.Category(2)
	case got >= 0:
		msg = fmt.Sprintf("v′ rounded at ½ is %s", r.shapes[got].Name)
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

// rbmState is what the RBM lab keeps: its small machine whole, the
// settings, how far training has gone, and the Reconstruct panel's input
// (one character a pixel, 0 or 1) with where it came from. A restored
// machine trains on with a fresh momentum, as a loaded one does.
type rbmState struct {
	Rate    float64    `json:"rate"`
	K       float64    `json:"k"`
	Speed   float64    `json:"speed"`
	Machine rbmMachine `json:"machine"`
	Updates int        `json:"updates"`
	Epochs  int        `json:"epochs"`
	Input   string     `json:"input"`
	Source  string     `json:"source"`
	Pixel   int        `json:"pixel"`
}

// rbmMachine is the machine as a file names its parts.
type rbmMachine struct {
	Weights     []float64 `json:"weights"`
	VisibleBias []float64 `json:"visible_bias"`
	HiddenBias  []float64 `json:"hidden_bias"`
}

// State implements Scene.
func (r *rbmLab) State() (State, error) {
	in := make([]byte, len(r.vis))
	for i, x := range r.vis {
		in[i] = '0'
		if x == 1 {
			in[i] = '1'
		}
	}
	m := r.machine
	return makeState("rbm", r.seed, &rbmState{Rate: r.rate.Value, K: r.k.Value, Speed: r.speed(),
		Machine: rbmMachine{Weights: append([]float64(nil), m.W...), VisibleBias: append([]float64(nil), m.B...), HiddenBias: append([]float64(nil), m.C...)},
		Updates: r.trainer.Updates, Epochs: r.trainer.Epochs, Input: string(in), Source: r.source, Pixel: r.sel})
}

// SetState implements Scene.
func (r *rbmLab) SetState(st State) error {
	var d rbmState
	var m *sim.RBM
	err := readState(st, "rbm", &d, maxCount, "rate k speed machine updates epochs input source pixel", func() error {
		if err := sliderOK(&r.rate, "learning rate", d.Rate); err != nil {
			return err
		}
		if err := sliderOK(&r.k, "k", d.K); err != nil {
			return err
		}
		if err := r.speedOK(d.Speed); err != nil {
			return err
		}
		m = &sim.RBM{Visible: rbmVisible, Hidden: rbmHidden, W: d.Machine.Weights, B: d.Machine.VisibleBias, C: d.Machine.HiddenBias}
		if err := m.Validate(); err != nil {
			return err
		}
		if err := boundOK(sim.MaxAbsWeight, m.W, m.B, m.C); err != nil {
			return err
		}
		if len(d.Input) != rbmVisible || strings.Count(d.Input, "0")+strings.Count(d.Input, "1") != rbmVisible {
			return fmt.Errorf("the input %q is not %d pixels of 0 or 1", short(d.Input), rbmVisible)
		}
		if !textOK(d.Source, 120) {
			return fmt.Errorf("the input's description %q is not a short line of text", short(d.Source))
		}
		if d.Pixel < 0 || d.Pixel >= rbmVisible {
			return fmt.Errorf("pixel %d is not one of the %d", d.Pixel, rbmVisible)
		}
		if err := countOK("updates", d.Updates, maxCount); err != nil {
			return err
		}
		return countOK("epochs", d.Epochs, d.Updates)
	})
	if err != nil {
		return err
	}
	r.seed = st.Seed
	r.rng = rand.New(rand.NewPCG(r.seed, 0x7b3^uint64(d.Updates)))
	r.pick = rand.New(rand.NewPCG(r.seed, 0x7b3f11^uint64(d.Updates)))
	r.rate.Value, r.k.Value = d.Rate, d.K
	r.setSpeed(d.Speed)
	r.machine = m
	r.trainer = sim.NewRBMTrainer(m, r.data, r.rng)
	r.trainer.Updates, r.trainer.Epochs = d.Updates, d.Epochs
	r.applySettings()
	r.stride = 1
	r.errTop = 0
	r.errS.Clear()
	r.llS.Clear()
	r.record()
	for i := range r.vis {
		r.vis[i] = float64(d.Input[i] - '0')
	}
	r.source, r.sel = d.Source, d.Pixel
	r.SetRunning(false)
	r.push()
	return nil
}
