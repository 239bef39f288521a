package scenes

import (
	"math"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/assets/digits"
	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// The Digits scene's sizes: the digits it trains on, the digits each
// curve point is measured on (of the training digits and of the held-out
// test digits), the dreaming chains, and the steps of a live fill.
const (
	digitsTrainN   = 6000
	digitsEvalN    = 200
	digitsFlips    = 16 // pixels flipped per digit for the pseudo-likelihood
	digitsChains   = 8
	digitsFillMax  = 30
	digitsFillWait = 8 // frames between the steps of a live fill
	digitsHistory  = 400
	digitsFileName = "boltzlab-digits-rbm.json"
	// digitsBudget is the time training may take in one frame, and half
	// of it the time dreaming may; a step that would overrun it, judged by
	// the steps before it, waits for the next frame, and so does whatever
	// else the speed or k asks for.
	digitsBudget = 3 * time.Millisecond
)

// The starting settings, which Reset restores.
const (
	digitsRate   = 0.05
	digitsSpeed  = 2
	digitsDreamK = 1
)

// digitFiles is the digit set and the trained machine, loaded by the
// platform's startDigitFiles: embedded on the desktop, fetched in the
// browser.
type digitFiles struct {
	progress   atomic.Uint64 // fraction received, in units of 2^-20
	done       atomic.Bool
	mu         sync.Mutex
	set, model []byte
	err        error
}

// digitLoad keeps one load per program, so a second visit, or a second
// Manager, does not fetch again; a failed one is tried again.
var digitLoad struct {
	mu sync.Mutex
	f  *digitFiles
}

// digitsScene is scene 7: an RBM of 784 visible and 100 hidden units on
// binarized MNIST digits, trained live, with its receptive fields, its
// scores on training and held-out digits, free-running chains that dream
// digits, and a canvas on which an erased part of a digit is filled in.
type digitsScene struct {
	base
	seed  uint64
	files *digitFiles
	ready bool
	// pending holds settings restored before the files arrived.
	pending *digitsState
	fault   string // why the files could not be had, or ""

	set        *digits.Set
	pretrained *sim.RBM
	machine    *sim.RBM
	trainer    *sim.RBMTrainer
	fromNote   string      // where the machine came from, in words
	trainData  [][]float64 // until the first trainer copies them
	evalTrain  [][]float64
	evalTest   [][]float64
	rng        *rand.Rand // training
	dreamRng   *rand.Rand
	fillRng    *rand.Rand

	// The curves: points are measured on a snapshot of the machine, a
	// chunk of digits a frame, so no frame waits for all 400.
	evalM      *sim.RBM
	evalAt     int // the updates the snapshot had
	evalPos    int // digits measured so far, training ones first
	evalSums   [4]float64
	evalRng    *rand.Rand
	evaluating bool
	lastEval   int
	stride     int
	scores     [4]float64 // recon train, recon test, PLL train, PLL test
	errS, errT *ui.Series
	pllS, pllT *ui.Series
	errPlot    ui.Plot
	pllPlot    ui.Plot

	// Dreaming: the chains' states and the probabilities drawn.
	chains     *sim.RBMChains
	dreamSteps int
	turn       int // the kind of work whose turn it is, where a frame does one

	// budget is digitsBudget; a field so that tests can take time out of
	// what they check.
	budget time.Duration

	// Inpainting: the test digit, the canvas (a value in [0, 1] per
	// pixel), which pixels are free (erased), and the fill's progress.
	digit      int
	order      []int
	orig, canv []float64
	free       []bool
	fillH      []float64
	fillP      []float64
	fillSteps  int
	fillWait   int
	lastCell   int
	mosaicSeen int

	rate, dreamK         ui.Slider
	scratch, save, load  ui.Button
	next, erase, restore ui.Button
	fill, restart        ui.Button
	dream, ink, live     ui.Toggle
	mosaicImg, canvImg   *ebiten.Image
	origImg              *ebiten.Image
	dreamImg             [digitsChains]*ebiten.Image
	pix                  []byte
	mosaicDirty          bool // the machine changed: the mosaic's pixels are out of date
	mosaicUpload         bool // mosaicPix holds pixels the mosaic image has not had yet
	mosaicPix            []byte
	frames               int

	runRow, readBox, fileNote, trainNote    ui.Rect
	mosaicBox, mosaicLegend, mosaicNote     ui.Rect
	dreamBox, dreamNote, canvasBox, origBox ui.Rect
	fillNote, inNote                        ui.Rect
	dreamCells                              [digitsChains]ui.Rect
	canvas, origCell                        ui.Rect
}

// digitsKeys are the Digits scene's own keys.
var digitsKeys = ui.Keymap{
	{ID: "dream", Key: ebiten.KeyD, Label: "D", Does: "dream on or off"},
	{ID: "chains", Key: ebiten.KeyC, Label: "C", Does: "restart the chains from test digits"},
	{ID: "next", Key: ebiten.KeyN, Label: "N", Does: "the next test digit"},
	{ID: "erase", Key: ebiten.KeyX, Label: "X", Does: "erase the middle"},
	{ID: "restore", Key: ebiten.KeyO, Label: "O", Does: "the original digit again"},
	{ID: "fill", Key: ebiten.KeyG, Label: "G", Does: "one fill-in step"},
	{ID: "ink", Key: ebiten.KeyB, Label: "B", Does: "brush: erase or ink"},
	{ID: "live", Key: ebiten.KeyL, Label: "L", Does: "fill in live"},
	{ID: "scratch", Key: ebiten.KeyZ, Label: "Z", Does: "train from scratch"},
	{ID: "save", Key: ebiten.KeyE, Label: "E", Does: "save the machine"},
	{ID: "load", Key: ebiten.KeyI, Label: "I", Does: "load a saved machine"},
}

// Texts the layout measures.
const (
	digitsTrainNote  = "Each update is one step of persistent CD on " + digitsBatchText + " digits; the machine learns from the first 6,000 of the 10,000 training digits."
	digitsMosaicNote = "Each tile is one hidden unit's 784 weights divided by the largest of them in size, so ±1 is full colour: orange pixels, when inked, push the unit on, blue ones push it off."
	digitsDreamNote  = "Eight chains run v → h → v with nothing clamped, from test digits. Each tile shows p(v = 1 | h) of its chain."
	digitsInNote     = "Drag on the digit to erase (orange) or to ink. White and dark pixels stay clamped; each step draws h from p(h | v) and sets every erased pixel to p(v = 1 | h)."
)

func newDigits(seed uint64) Scene {
	d := &digitsScene{seed: seed, stride: 1, lastCell: -1, budget: digitsBudget}
	t := ui.NewTransport(0.25, 20, digitsSpeed)
	t.RunLabel = "Train"
	t.Speed.Label = "Speed (CD updates per frame)"
	d.rate = ui.Slider{ID: "rate", Label: "Learning rate ε", Min: 0.002, Max: 0.5, Value: digitsRate, Log: true,
		Format: func(v float64) string { return ui.Fmt("%.3g", v) }}
	d.dreamK = ui.Slider{ID: "k", Label: "Gibbs steps per frame", Min: 1, Max: 10, Value: digitsDreamK, Integer: true}
	d.scratch = ui.Button{ID: "scratch", Label: "From scratch"}
	d.save = ui.Button{ID: "save", Label: "Save JSON"}
	d.load = ui.Button{ID: "load", Label: "Load JSON"}
	d.next = ui.Button{ID: "next", Label: "Next"}
	d.erase = ui.Button{ID: "erase", Label: "Erase middle"}
	d.restore = ui.Button{ID: "restore", Label: "Restore"}
	d.fill = ui.Button{ID: "fill", Label: "Fill step"}
	d.restart = ui.Button{ID: "chains", Label: "New chains"}
	d.dream = ui.Toggle{ID: "dream", Label: "Dream", On: true}
	d.ink = ui.Toggle{ID: "ink", Label: "Brush inks"}
	d.live = ui.Toggle{ID: "live", Label: "Fill live", On: true}
	d.setup(t, digitsKeys, &d.rate, &d.scratch, &d.save, &d.load, &d.dream, &d.dreamK, &d.restart,
		&d.next, &d.erase, &d.restore, &d.fill, &d.ink, &d.live)
	d.region("canvas", &d.canvas)

	d.errS = ui.NewSeries("training", ui.Accent, digitsHistory)
	d.errT = ui.NewSeries("held out", ui.Warm, digitsHistory)
	d.pllS = ui.NewSeries("training", ui.Accent, digitsHistory)
	d.pllT = ui.NewSeries("held out", ui.Warm, digitsHistory)
	d.errPlot = ui.Plot{Title: "Reconstruction error", XLabel: "CD updates", Series: []*ui.Series{d.errS, d.errT}, XSpan: 100, FixedY: true, YMax: 0.05}
	d.pllPlot = ui.Plot{Title: "Pseudo-log-likelihood, nats", XLabel: "CD updates", Series: []*ui.Series{d.pllS, d.pllT}, XSpan: 100}

	small := func(s string) *ui.Node {
		return ui.Leaf(nil).NoGrow().Measure(tallest(ui.Small, func() string { return s }))
	}
	_ = small
	status := ui.Section("", nil, ui.Leaf(&d.readBox).NoGrow().Measure(func(t ui.Theme, _ float64) float64 {
		return 2*t.LineHeight(ui.Small) + t.LineHeight(ui.Readout)
	})).NoGrow()
	training := ui.Section("Training", nil, ui.Col(ui.Gap,
		ui.Leaf(&d.runRow).H(ui.ButtonH),
		ui.Leaf(&t.Speed.Rect).H(ui.SliderH),
		ui.Leaf(&d.rate.Rect).H(ui.SliderH),
		ui.Para(&d.trainNote, ui.Small, func() string { return digitsTrainNote }),
		ui.Leaf(&d.scratch.Rect).H(ui.ButtonH),
		ui.Row(ui.Gap, ui.Leaf(&d.save.Rect), ui.Leaf(&d.load.Rect)).H(ui.ButtonH),
		ui.Para(&d.fileNote, ui.Small, func() string { return digitsFileNote }),
	)).NoGrow()
	dream := ui.Section("Dreaming", nil, ui.Col(ui.Gap,
		ui.Leaf(&d.dreamBox).NoGrow().Measure(func(t ui.Theme, w float64) float64 {
			cols, side := d.dreamGrid(t, w)
			return float64(digitsChains/cols)*(side+t.Px(ui.GapS)) - t.Px(ui.GapS)
		}),
		ui.Row(ui.Gap, ui.Leaf(&d.dream.Rect), ui.Leaf(&d.restart.Rect)).H(ui.ButtonH),
		ui.Leaf(&d.dreamK.Rect).H(ui.SliderH),
		ui.Para(&d.dreamNote, ui.Small, func() string { return digitsDreamNote }),
	)).NoGrow()
	left := ui.Col(ui.GapL, status, training).W(340)

	mosaic := ui.Section("Receptive fields of the 100 hidden units", nil, ui.Col(ui.GapS,
		ui.Leaf(&d.mosaicBox).NoGrow().Measure(func(t ui.Theme, w float64) float64 { return math.Min(w, t.Px(280)) }),
		ui.Leaf(&d.mosaicLegend).H(26),
		ui.Para(&d.mosaicNote, ui.Small, func() string { return digitsMosaicNote }),
	)).NoGrow()
	plots := ui.Col(ui.Gap, ui.Leaf(&d.errPlot.Rect).H(170), ui.Leaf(&d.pllPlot.Rect).H(170)).NoGrow()
	inpaint := ui.Section("Inpainting", nil, ui.Flow(440, ui.GapL,
		ui.Leaf(&d.canvasBox).NoGrow().Measure(func(t ui.Theme, w float64) float64 { return math.Min(w, t.Px(252)) }),
		ui.Col(ui.Gap,
			ui.Leaf(&d.origBox).H(64),
			ui.Leaf(&d.fillNote).NoGrow().Measure(tallest(ui.Body,
				func() string { return "Step 30. Wrong in the erased part: 784 of 784 (left blank: 784)" })),
			ui.Row(ui.GapS, ui.Leaf(&d.next.Rect), ui.Leaf(&d.restore.Rect)).H(ui.ButtonH),
			ui.Row(ui.GapS, ui.Leaf(&d.erase.Rect), ui.Leaf(&d.fill.Rect)).H(ui.ButtonH),
			// The longer label gets more of the row, so both keys fit.
			ui.Row(ui.GapS, ui.Leaf(&d.live.Rect), ui.Leaf(&d.ink.Rect).Flex(1.15)).H(ui.ToggleH),
			ui.Para(&d.inNote, ui.Small, func() string { return digitsInNote }),
		).NoGrow(),
	)).NoGrow()
	right := ui.Flow(760, ui.GapL, ui.Col(ui.GapL, mosaic, dream).Flex(1), ui.Col(ui.GapL, plots, inpaint).Flex(1.15))
	d.root = ui.Flow(900, ui.GapL, left, right)
	return d
}

// Activate asks for the files the first time the scene opens (so no
// other scene waits for them), and again if the last attempt failed.
func (d *digitsScene) Activate(*Context) {
	if d.files == nil || d.fault != "" {
		d.fault = ""
		d.files = loadDigitFiles()
	}
	d.poll()
}

// reset goes back to the shipped machine and the starting settings.
func (d *digitsScene) reset() {
	d.rate.Value, d.dreamK.Value = digitsRate, digitsDreamK
	d.transport.Speed.Value = digitsSpeed
	d.dream.On, d.ink.On, d.live.On = true, false, true
	d.SetRunning(false)
	if !d.ready {
		return
	}
	d.rng = rand.New(rand.NewPCG(d.seed, 0xd191))
	d.dreamRng = rand.New(rand.NewPCG(d.seed, 0xd192))
	d.fillRng = rand.New(rand.NewPCG(d.seed, 0xd193))
	d.order = rand.New(rand.NewPCG(d.seed, 0xd194)).Perm(len(d.evalTest))
	d.adopt(d.pretrained.Clone(), "the shipped machine, trained on all 60,000 training digits")
	d.digit = 0
	d.pickDigit()
	d.restartChains()
}

// adopt makes m the machine, with a fresh trainer and fresh curves.
func (d *digitsScene) adopt(m *sim.RBM, from string) {
	d.machine, d.fromNote = m, from
	// The trainer keeps its own copy of the digits; the next trainer is
	// made from that copy, so only one is kept.
	data := d.trainData
	if d.trainer != nil {
		data = d.trainer.Data()
	}
	d.trainer = sim.NewRBMTrainer(m, data, d.rng)
	d.trainData = nil
	d.evalTrain = d.trainer.Data()[:digitsEvalN]
	d.trainer.Batch, d.trainer.Persistent = digitsBatch, true
	d.trainer.Rate = d.rate.Value
	d.evaluating, d.lastEval, d.stride = false, -1, 1
	for _, s := range []*ui.Series{d.errS, d.errT, d.pllS, d.pllT} {
		s.Clear()
	}
	d.mosaicDirty = true
	d.fillSteps = 0
}

func (d *digitsScene) Reset() string {
	d.reset()
	return "Reset: the shipped machine, ε = 0.05, training paused"
}

// Busiest trains and dreams at top speed.
func (d *digitsScene) Busiest() {
	d.dreamK.Set(d.dreamK.Max)
	d.dream.On = true
	d.base.Busiest()
}

func (d *digitsScene) Update(ctx *Context) error {
	d.poll()
	in := ctx.In
	d.place(ctx.Theme)
	if !d.ready {
		return nil
	}
	d.frames++
	d.rate.Update(in, &d.focus)
	d.dreamK.Update(in, &d.focus)
	d.trainer.Rate = d.rate.Value
	if d.pressed(in, &d.scratch) {
		m := sim.NewRBM(digits.Pixels, digits.ModelHidden)
		m.Randomize(0.01, d.rng)
		d.adopt(m, "trained here from small random weights")
		d.SetRunning(true)
		ctx.Notify("Training from scratch: small random weights, nothing learned yet")
	}
	if d.pressed(in, &d.save) {
		d.saveMachine(ctx)
	}
	if d.pressed(in, &d.load) {
		d.loadMachine(ctx)
	}
	d.toggled(in, &d.dream)
	if d.pressed(in, &d.restart) {
		d.restartChains()
	}
	if d.pressed(in, &d.next) {
		d.digit++
		d.pickDigit()
	}
	if d.pressed(in, &d.erase) {
		d.eraseMiddle()
	}
	if d.pressed(in, &d.restore) {
		d.restoreDigit()
	}
	if d.pressed(in, &d.fill) {
		d.fillStep()
	}
	d.toggled(in, &d.ink)
	if d.toggled(in, &d.live) {
		d.fillSteps = 0
	}
	if p := in.Pointer(); p.Down && d.canvas.Contains(p.X, p.Y) {
		i := int((p.Y-d.canvas.Y)/d.canvas.H*digits.Side)*digits.Side + int((p.X-d.canvas.X)/d.canvas.W*digits.Side)
		if i >= 0 && i < digits.Pixels && (p.Pressed || i != d.lastCell) {
			d.brush(i)
			d.lastCell = i
		}
	} else {
		d.lastCell = -1
	}
	return nil
}

// Simulate trains, dreams, fills in the erased pixels and scores the
// machine, as far as the tick's budget allows.
func (d *digitsScene) Simulate(ctx *Context) {
	if !d.ready {
		return
	}
	train, dream := ctx.Steps > 0, d.dream.On
	eval := d.evaluating || d.trainer.Updates != d.lastEval
	if digitsOneWorkPerFrame {
		train, dream, eval = d.takeTurn(train, dream, eval)
	}
	start := time.Now()
	for s := 0; train && s < ctx.Steps && within(start, s, d.budget) && (s == 0 || !ctx.OverBudget()); s++ {
		d.trainer.Step()
	}
	if d.mosaicDirty || d.trainer.Updates != d.mosaicSeen && d.frames%10 == 0 {
		d.fillMosaic()
	}
	if dream {
		start = time.Now()
		for k := 0; k < int(d.dreamK.Value) && within(start, k, d.budget/2) && (k == 0 || !ctx.OverBudget()); k++ {
			d.dreamStep()
		}
	}
	if d.live.On && d.fillSteps < digitsFillMax {
		if d.fillWait++; d.fillWait >= digitsFillWait {
			d.fillWait = 0
			d.fillStep()
		}
	}
	// The curves are measured a digit at a time, so that beside the frame
	// a waiting frame never waits for more than one digit's scoring.
	for k := 0; eval && k < digitsEvalChunk && (k == 0 || !ctx.OverBudget()); k++ {
		if !d.evalChunk(1) {
			break
		}
	}
}

// takeTurn keeps one of the three kinds of work that are due (training,
// dreaming, measuring the curves) for this frame, taking them in turn, so
// that a frame costs the dearest of them rather than their sum.
func (d *digitsScene) takeTurn(train, dream, eval bool) (bool, bool, bool) {
	due := [3]bool{train, dream, eval}
	for k := range 3 {
		if i := (d.turn + k) % 3; due[i] {
			d.turn = i + 1
			return i == 0, i == 1, i == 2
		}
	}
	return false, false, false
}

func (d *digitsScene) Title() string { return "Digits" }

func (d *digitsScene) Caption() string {
	return "An RBM of 784 visible and 100 hidden units learns handwritten digits live, dreams new ones and fills in what you erase."
}

func (d *digitsScene) Help() string {
	return "The machine sees 28×28 digits from the MNIST set, each pixel 0 or 1 (on where the original grey level is at least 128), and has 100 hidden units. It arrives trained: the shipped machine learned from all 60,000 MNIST training digits before the program was built, so it already dreams and repairs digits. Train goes on training it here; From scratch starts again from small random weights, and the receptive fields turn from noise into pen strokes as it learns.\n" +
		"Training is persistent contrastive divergence: each update pushes the weights toward the statistics of " + digitsBatchText + " training digits and away from those of " + digitsBatchText + " chains that run on from update to update. A frame spends at most a few milliseconds on training and on dreaming, so the speed and k are ceilings rather than promises.\n" +
		"The two plots score the machine every few updates on 200 training digits (blue) and 200 test digits it never trains on (orange). The reconstruction error is the mean squared gap between a digit and its one-pass reconstruction. The pseudo-log-likelihood takes 16 random pixels of each digit, one at a time, asks how probable the machine finds the pixel's true value given all the others, and scales the mean log of that up to all 784 pixels; it needs no partition function, which for 784 visible units would be a sum of 2^784 terms. When the orange curves pull away from the blue ones on the worse side, the machine is learning its training digits rather than digits in general.\n" +
		"Dreaming runs eight Gibbs chains with nothing clamped: hidden units drawn from the image, then an image drawn from the hidden units, k times a frame. The chains start at test digits and drift from one digit to another; what they show is what the machine believes digits look like.\n" +
		"Inpainting clamps the pixels you leave alone and lets the machine fill in the erased ones (orange). Drag to erase, or switch the brush to ink to add strokes that are clamped too. Each fill step draws the hidden units from the whole image, then sets each erased pixel to its probability of being on; the count below compares the filled pixels, rounded at ½, with the original digit, and with leaving the erased part blank.\n" +
		"Save writes the machine's weights and biases as JSON and Load reads them back; a file that is malformed or of another shape is refused and nothing changes. A share code carries the settings and the seed, not the weights."
}
