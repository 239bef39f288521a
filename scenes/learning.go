package scenes

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// learning is scene 5: a small fully connected Boltzmann machine learning
// its data by the two-phase rule, with the two correlation matrices, their
// difference and the weights they teach drawn side by side.
type learning struct {
	base
	seed       uint64
	phaseMemo  [2][2]ui.Memo[phaseKey] // the phases' description, for each choice of sampled phases
	tick       *Context                // this tick's context, for budgetLeft
	budgetLeft func() bool
	trainer    *sim.BMTrainer
	logp       []float64 // the model's log p(v) for every visible vector
	klNow      float64   // KL(data || model) after the latest step
	klTop      float64   // the largest KL the curve holds, for its fixed axis
	ll         float64   // mean log-likelihood of the data after the latest step
	names      []string  // v1 v2 v3 h1 h2

	rate           ui.Slider
	samplePositive ui.Toggle
	sampleNegative ui.Toggle
	mats           [4]matrixPanel // clamped, free, difference, weights
	kl             *ui.Series
	plot           ui.Plot

	// Rectangles the layout fills in.
	dataBox, dataNote, runRow ui.Rect
	readBox, phaseNote        ui.Rect
	pvBox, pvFoot             ui.Rect
}

// matrixPanel is one N×N heatmap of the Learning scene with its unit
// names, legend and a line that explains it (or reads the cell under the
// pointer).
type matrixPanel struct {
	note              string
	box, legend, foot ui.Rect // from the layout
	heat              ui.Heatmap
	vals              []float64
	scale             float64
}

// The matrices, in the order they are drawn.
const (
	matClamped = iota
	matFree
	matDiff
	matWeights
)

// A heatmap's column of unit names and the most its square may take, in dp.
const (
	matrixLabelW = 24
	matrixMax    = 170
)

// learningKeys are the Learning scene's own keys.
var learningKeys = ui.Keymap{
	{ID: "sample-clamped", Key: ebiten.KeyC, Label: "C", Does: "sample the clamped phase"},
	{ID: "sample-free", Key: ebiten.KeyG, Label: "G", Does: "sample the free phase"},
}

// learningSampledRate is the learning rate sampling switches down to.
const learningSampledRate = 0.1

func newLearning(seed uint64) Scene {
	s := &learning{seed: seed}
	t := ui.NewTransport(0.05, 100, 1)
	t.RunLabel = "Train"
	t.Speed.Label = "Speed (steps per frame)"
	s.rate = ui.Slider{ID: "rate", Label: "Learning rate ε", Min: 0.01, Max: 2, Value: sim.LearningRate, Log: true,
		Format: func(v float64) string { return ui.Fmt("%.3g", v) }}
	s.samplePositive = ui.Toggle{ID: "sample-clamped", Label: "Sample the clamped phase (Gibbs)"}
	s.sampleNegative = ui.Toggle{ID: "sample-free", Label: "Sample the free phase (Gibbs)"}
	s.kl = ui.NewSeries("KL", ui.Warm, 4000)
	// The plot sits in a titled panel like its neighbour, so the two
	// titles side by side share one style.
	s.plot = ui.Plot{XLabel: "learning steps", Series: []*ui.Series{s.kl},
		FixedY: true, XSpan: 100}
	s.setup(t, learningKeys, &s.rate, &s.samplePositive, &s.sampleNegative)

	s.mats[matClamped].note = "<s_i s_j> with v held at each data vector and h responding"
	s.mats[matFree].note = "<s_i s_j> with every unit running free"
	s.mats[matDiff].note = "clamped − free: each step moves w_ij by ε times this"
	s.mats[matWeights].note = "w_ij learned so far, with the biases b_i on the diagonal"
	titles := [4]string{"Clamped phase", "Free phase", "Difference", "Learned weights"}
	// Every panel's note gets the height of the longest, so the four
	// heatmaps stay the same size.
	noteH := func(t ui.Theme, w float64) float64 {
		h := t.LineHeight(ui.Small)
		for _, m := range s.mats {
			h = math.Max(h, ui.TextHeight(m.note, t.Style(ui.Small), w))
		}
		return h
	}
	// A heatmap's box holds the square and the unit names above it and
	// to its left; the square is as wide as the panel allows, up to a cap.
	matrixH := func(t ui.Theme, w float64) float64 {
		return math.Min(w-t.Px(matrixLabelW), t.Px(matrixMax)) + t.LineHeight(ui.Small)
	}
	var sec [4]*ui.Node
	for k := range s.mats {
		m := &s.mats[k]
		m.heat = ui.Heatmap{Hover: -1}
		sec[k] = ui.Section(titles[k], nil, ui.Col(ui.GapS,
			ui.Leaf(&m.box).MinH(140).Measure(matrixH),
			ui.Leaf(&m.legend).H(28),
			ui.Leaf(&m.foot).NoGrow().Measure(noteH),
		))
	}
	matrices := ui.Flow(820, ui.GapL, ui.Flow(300, ui.GapL, sec[0], sec[1]), ui.Flow(300, ui.GapL, sec[2], sec[3]))
	pv := ui.Section("p(v): model (bars), data (outlines)", nil, ui.Col(ui.GapS,
		ui.Leaf(&s.pvBox).MinH(170),
		ui.Para(&s.pvFoot, ui.Small, func() string { return pvFoot }),
	))
	kl := ui.Section("KL(data || model) in nats", nil, ui.Leaf(&s.plot.Rect).MinH(170).Measure(func(t ui.Theme, w float64) float64 {
		// Wide enough to read on a phone, without crowding out the
		// heatmaps on a big screen.
		return math.Min(w/1.8, t.Px(200))
	}))
	bottom := ui.Flow(640, ui.GapL, kl, pv)

	info := ui.Col(ui.GapL,
		ui.Section("Training data (visible units)", nil, ui.Col(ui.Gap,
			ui.Leaf(&s.dataBox).H(26),
			ui.Para(&s.dataNote, ui.Small, func() string { return dataNote }),
		)).NoGrow(),
		ui.Section("", nil, ui.Col(ui.Gap,
			ui.Leaf(&s.readBox).NoGrow().Measure(func(t ui.Theme, _ float64) float64 {
				return 2*(t.LineHeight(ui.Small)+t.LineHeight(ui.Readout)) + t.Px(ui.Gap)
			}),
			ui.Leaf(&s.phaseNote).NoGrow().Measure(func(t ui.Theme, w float64) float64 {
				// As tall as the longest wording, so switching a phase
				// does not move the panels below.
				var h float64
				for _, p := range []bool{false, true} {
					for _, n := range []bool{false, true} {
						h = math.Max(h, ui.TextHeight(s.phaseText(p, n), t.Style(ui.Small), w))
					}
				}
				return h
			}),
		)).NoGrow(),
	)
	controls := ui.Col(ui.Gap,
		ui.Leaf(&s.runRow).H(ui.ButtonH),
		ui.Leaf(&t.Speed.Rect).H(ui.SliderH),
		ui.Leaf(&s.rate.Rect).H(ui.SliderH),
		ui.Leaf(&s.samplePositive.Rect).H(ui.ToggleH),
		ui.Leaf(&s.sampleNegative.Rect).H(ui.ToggleH),
	).NoGrow()
	left := ui.Flow(640, ui.GapL, info, controls).W(300)
	s.root = ui.Flow(960, ui.GapL, left, ui.Col(ui.GapL, matrices, bottom))

	s.reset()
	return s
}

// dataNote and pvFoot explain the training data and the p(v) chart.
const (
	dataNote = "Each vector is three cells (a, b, a XOR b), light for +1 (true) and dark for −1 (false). Two hidden units are free to explain them."
	pvFoot   = "The eight visible vectors v1 v2 v3 with the model's p(v) under each; the data are the four with v3 = v1 XOR v2, a quarter each."
)

// reset restores the scene's starting point for its seed: fresh random
// weights, exact phases, the default learning rate, nothing learned.
func (s *learning) reset() {
	rng := rand.New(rand.NewPCG(s.seed, 0x1ea2))
	m := sim.NewLearningBM(rng)
	s.trainer = sim.NewBMTrainer(m, sim.LearningData(), rng)
	s.rate.Value = sim.LearningRate
	s.samplePositive.On, s.sampleNegative.On = false, false
	s.trainer.Rate = s.rate.Value
	s.applySampling()
	s.trainer.Measure()
	s.names = s.names[:0]
	for i := 0; i < m.Net.N; i++ {
		if i < m.Visible {
			s.names = append(s.names, fmt.Sprintf("v%d", i+1))
		} else {
			s.names = append(s.names, fmt.Sprintf("h%d", i-m.Visible+1))
		}
	}
	s.SetRunning(false)
	s.kl.Clear()
	s.klTop = 0
	s.record()
}

// Reset implements Scene.
func (s *learning) Reset() string {
	s.reset()
	return fmt.Sprintf("Reset: new random weights, both phases exact, ε = %.2g", sim.LearningRate)
}

// Busiest trains at top speed with both phases sampled, which costs far
// more per step than enumerating 32 states.
func (s *learning) Busiest() {
	s.samplePositive.On, s.sampleNegative.On = true, true
	s.applySampling()
	s.base.Busiest()
}

func (s *learning) applySampling() {
	s.trainer.SamplePositive = s.samplePositive.On
	s.trainer.SampleNegative = s.sampleNegative.On
}

// record reads the model's exact visible distribution and KL after a step.
// Both sums enumerate every state, so they run once per step, not per frame.
func (s *learning) record() {
	t := s.trainer
	s.logp = t.BM.VisibleLogProbs(s.logp)
	s.klNow = t.KL()
	s.ll = t.BM.LogLikelihood(t.Data())
	s.kl.Push(float64(t.Steps), s.klNow)
	s.klTop = math.Max(s.klTop, s.klNow)
	s.plot.YMin, s.plot.YMax = 0, math.Max(0.05, s.klTop*1.08)
}

func (s *learning) Title() string { return "Learning" }

func (s *learning) Caption() string {
	return "Two phases, one rule: Δw_ij = ε(<s_i s_j>data − <s_i s_j>model). Awake on the data, asleep on its own dreams."
}

func (s *learning) Help() string {
	m := s.trainer.BM
	return fmt.Sprintf("This Boltzmann machine has %d visible units and %d hidden ones, and every pair of its %d units is joined by a weight. ", m.Visible, m.Hidden(), m.Net.N) +
		"Its data are the four patterns (a, b, a XOR b): in them every visible unit is +1 as often as −1 and every pair of visible units is uncorrelated, so a machine without hidden units can do no better than spreading its probability evenly over all eight visible vectors. Only hidden units can capture the structure.\n" +
		"Each learning step measures <s_i s_j>, the average of s_i s_j for every pair of units (+1 when the two agree, −1 when they differ), in two phases. Clamped: the visible units are held at each data vector in turn while the hidden units respond. Free: nothing is held and every unit runs at equilibrium, the machine's own dreams. Every weight then moves by ε times the difference, clamped minus free, and every bias by ε times the difference of the unit's mean: the energy is lowered under the data and raised where the model invented states of its own.\n" +
		"The four heatmaps show the clamped phase, the free phase, their difference and the weights learned so far (the biases on the diagonal); point at a cell to read it. As the difference fades, the model's probabilities of the eight visible vectors approach the data's, a quarter on each pattern and none elsewhere, and KL(data || model), the Kullback–Leibler divergence of the data's distribution from the model's, falls toward zero.\n" +
		fmt.Sprintf("Both phases are exact by default: the clamped phase sums over the %d hidden states of each data vector, each weighted by its probability given that vector, and the free phase over all %d states of the machine. ", 1<<m.Hidden(), 1<<m.Net.N) +
		fmt.Sprintf("Switch either to Gibbs sampling with persistent chains to see the noise that larger machines live with; switching lowers ε to %.1f if it is higher, because noisy estimates at a large rate make training erratic.", learningSampledRate)
}

// phaseText says how each phase is computed, with numbers from the trainer.
func (s *learning) phaseText(sampledPos, sampledNeg bool) string {
	t := s.trainer
	k := phaseKey{sampledPos, sampledNeg, t.Chains, t.Sweeps, t.BM.Hidden(), t.BM.Net.N, len(t.Data())}
	return s.phaseMemo[b2i(sampledPos)][b2i(sampledNeg)].Get(k, func(phaseKey) string { return s.makePhaseText(sampledPos, sampledNeg) })
}

// b2i is 1 for true and 0 for false.
func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// phaseKey is what the phases' description depends on.
type phaseKey struct {
	pos, neg                            bool
	chains, sweeps, hidden, units, data int
}

func (s *learning) makePhaseText(sampledPos, sampledNeg bool) string {
	t := s.trainer
	m := t.BM
	pos := fmt.Sprintf("Clamped phase: exact, over the %d hidden states of each of the %d data vectors.", 1<<m.Hidden(), len(t.Data()))
	if sampledPos {
		pos = fmt.Sprintf("Clamped phase: Gibbs sampling, %s per data vector, %s a step.", plural(max(t.Chains/len(t.Data()), 1), "persistent chain", "persistent chains"), plural(max(t.Sweeps, 1), "sweep", "sweeps"))
	}
	neg := fmt.Sprintf("Free phase: exact, over all %d states.", 1<<m.Net.N)
	if sampledNeg {
		neg = fmt.Sprintf("Free phase: Gibbs sampling, %s, %s a step.", plural(max(t.Chains, 1), "persistent chain", "persistent chains"), plural(max(t.Sweeps, 1), "sweep", "sweeps"))
	}
	return pos + "\n" + neg
}

// inBudget returns the question Advance asks between chains: is there time
// left in this tick? The function is made once and reads the tick's
// context through the scene.
func (s *learning) inBudget(ctx *Context) func() bool {
	s.tick = ctx
	if s.budgetLeft == nil {
		s.budgetLeft = func() bool { return !s.tick.OverBudget() }
	}
	return s.budgetLeft
}

// place derives the rectangles that follow from the layout's: each
// heatmap is the largest square that leaves room for the unit names above
// and to its left, centred with them in its box.
func (s *learning) place(th ui.Theme) {
	s.transport.Place(s.runRow, s.transport.Speed.Rect)
	lw, lh := th.Px(matrixLabelW), th.LineHeight(ui.Small)
	for k := range s.mats {
		m := &s.mats[k]
		b := m.box
		side := math.Max(0, math.Min(b.W-lw, b.H-lh))
		x := b.X + (b.W-lw-side)/2 + lw
		y := b.Y + (b.H-lh-side)/2 + lh
		m.heat.Rect = ui.Rect{X: x, Y: y, W: side, H: side}
	}
}

func (s *learning) Update(ctx *Context) error {
	in := ctx.In
	s.place(ctx.Theme)
	if s.rate.Update(in, &s.focus) {
		s.trainer.Rate = s.rate.Value
	}
	pos := s.toggled(in, &s.samplePositive)
	neg := s.toggled(in, &s.sampleNegative)
	if pos || neg {
		s.applySampling()
		if (s.samplePositive.On || s.sampleNegative.On) && s.rate.Value > learningSampledRate {
			s.rate.Set(learningSampledRate)
			s.trainer.Rate = s.rate.Value
			ctx.Notify(fmt.Sprintf("Sampled phases are noisy: the learning rate is now %.1f to keep training steady", learningSampledRate))
		}
		s.trainer.Measure()
	}
	for k := range s.mats {
		s.mats[k].heat.Update(in)
	}
	return nil
}

// Simulate makes the tick's learning steps.
func (s *learning) Simulate(ctx *Context) {
	// A sampled step can take longer than a tick may, so it is made in
	// pieces across ticks; a step begun goes on to its end even when the
	// transport pauses or asked for one step only.
	steps := ctx.Steps
	if steps == 0 && s.trainer.InStep() {
		steps = 1
	}
	for k := 0; k < steps; k++ {
		if !s.trainer.Advance(s.inBudget(ctx)) {
			break
		}
		s.record()
		if ctx.OverBudget() {
			break
		}
	}
}

// matrices fills each panel's values and colour scale from the trainer.
func (s *learning) matrices() {
	t := s.trainer
	net := t.BM.Net
	n := net.N
	for k := range s.mats {
		m := &s.mats[k]
		if len(m.vals) != n*n {
			m.vals = make([]float64, n*n)
		}
	}
	copy(s.mats[matClamped].vals, t.Positive.Corr)
	copy(s.mats[matFree].vals, t.Negative.Corr)
	diff := s.mats[matDiff].vals
	for i := range diff {
		diff[i] = t.Positive.Corr[i] - t.Negative.Corr[i]
	}
	w := s.mats[matWeights].vals
	copy(w, net.W)
	for i := 0; i < n; i++ {
		w[i*n+i] = net.B[i]
	}
	s.mats[matClamped].scale, s.mats[matFree].scale = 1, 1
	s.mats[matDiff].scale = niceCeil(math.Max(maxAbs(diff), 0.01))
	s.mats[matWeights].scale = niceCeil(maxAbs(w))
}

// maxAbs returns the largest |x| in v (0 for none).
func maxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	return m
}

// niceCeil rounds m > 0 up to a round number (1, 1.5, 2, 3, 4, 5, 6 or 8
// times a power of ten), so a colour scale set from it changes in steps
// rather than every frame and never dims the colours by more than a
// third. It returns 1 for zero, NaN or an infinity.
func niceCeil(m float64) float64 {
	if !(m > 0) || math.IsInf(m, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(m)))
	for _, f := range []float64{1, 1.5, 2, 3, 4, 5, 6, 8, 10} {
		if f*p >= m {
			return f * p
		}
	}
	return 10 * p
}

// learningMaxWeight bounds a restored weight: learning at the largest rate
// for a long time stays far below it.
const learningMaxWeight = 1e4
