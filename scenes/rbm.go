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
		Format: func(v float64) string { return ui.Fmt("%.3g", v) }}
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
	if painted {
		r.push()
	}
	return nil
}

// Simulate makes the tick's training updates and measures the machine
// after them.
func (r *rbmLab) Simulate(ctx *Context) {
	for s := 0; ctx.More(s); s++ {
		r.trainer.Step()
		if r.trainer.Updates%r.stride == 0 {
			r.record()
		}
	}
	if ctx.Steps > 0 {
		r.measure()
		r.push()
	}
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

// rbmMachine is the machine as a file names its parts.
type rbmMachine struct {
	Weights     []float64 `json:"weights"`
	VisibleBias []float64 `json:"visible_bias"`
	HiddenBias  []float64 `json:"hidden_bias"`
}
