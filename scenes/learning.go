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

// learning is scene 5: a small fully connected Boltzmann machine learning
// its data by the two-phase rule, with the two correlation matrices drawn
// side by side.
type learning struct {
	seed    uint64
	trainer *sim.BMTrainer
	logp    []float64 // the model's log p(v) for every visible vector
	klNow   float64   // KL(data || model) after the latest step
	ll      float64   // mean log-likelihood of the data after the latest step
	names   []string  // v1 v2 v3 h1 h2

	rate           ui.Slider
	samplePositive ui.Toggle
	sampleNegative ui.Toggle
	transport      *ui.Transport
	focus          ui.Focus
	data, model    ui.Heatmap
	diff           ui.Heatmap
	kl             *ui.Series
	plot           ui.Plot
	diffVals       []float64
	painter        ui.Painter
}

func newLearning(seed uint64) Scene {
	s := &learning{seed: seed}
	s.rate = ui.Slider{Label: "Learning rate ε", Min: 0.01, Max: 2, Value: sim.LearningRate, Log: true,
		Format: func(v float64) string { return fmt.Sprintf("%.3g", v) }}
	s.samplePositive = ui.Toggle{Label: "Sample the clamped phase (Gibbs)"}
	s.sampleNegative = ui.Toggle{Label: "Sample the free phase (Gibbs)"}
	s.transport = ui.NewTransport(0.05, 100, 1)
	s.transport.RunLabel = "Train"
	s.transport.Speed.Label = "Speed (learning steps per frame)"
	s.kl = ui.NewSeries("KL", ui.Warm, 4000)
	s.plot = ui.Plot{Title: "KL(data || model) in nats", XLabel: "learning steps", Series: []*ui.Series{s.kl}, XSpan: 100}
	for _, h := range []*ui.Heatmap{&s.data, &s.model, &s.diff} {
		h.Hover, h.Scale, h.Legend = -1, 1, true
	}
	s.focus.Order = append([]any{&s.rate, &s.samplePositive, &s.sampleNegative}, s.transport.Widgets()...)
	s.reset()
	return s
}

func (s *learning) reset() {
	rng := rand.New(rand.NewPCG(s.seed, 0x1ea2))
	m := sim.NewLearningBM(rng)
	s.trainer = sim.NewBMTrainer(m, sim.LearningData(), rng)
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
	s.transport.Running = false
	s.kl.Clear()
	s.record()
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
}

// SetRunning starts or stops training.
func (s *learning) SetRunning(on bool) { s.transport.Running = on }

func (s *learning) Title() string { return "Learning" }

func (s *learning) Caption() string {
	return "Two phases, one rule: Δw_ij = ε(<s_i s_j>data − <s_i s_j>model). Awake on the data, asleep on its own dreams."
}

func (s *learning) Help() string {
	return "This Boltzmann machine has three visible units and two hidden ones, every pair connected. Its data are the four patterns (a, b, a XOR b): every single unit and every pair of visible units is uncorrelated in them, so only hidden units can capture the structure.\n" +
		"Each learning step measures two correlation matrices. Clamped (left): the visible units are held at each data vector while the hidden units respond. Free (middle): every unit runs at equilibrium with nothing held, the machine's own 'dreams'. The weights move by ε times the difference (right): valleys are dug under the data and filled in where the model invented its own.\n" +
		"When the two matrices agree the gradient vanishes and the model's distribution over visible vectors (bottom right) matches the data's. The KL divergence plot (bottom left) shows the gap falling.\n" +
		"Both phases are exact by default, by summing over all 32 states. Switch either to Gibbs sampling (persistent chains) to see the noise real machines live with; a smaller rate keeps it stable.\n" +
		"Keys: G toggles the sampled free phase, C the sampled clamped phase."
}

func (s *learning) layout(l ui.Layout) {
	s.data.Rect = l.R(58, 176, 200, 236)
	s.model.Rect = l.R(342, 176, 200, 236)
	s.diff.Rect = l.R(626, 176, 200, 236)
	s.plot.Rect = l.R(32, 446, 420, 320)
	s.plot.FontSize = l.S(13)
	s.rate.Rect = l.R(890, 300, 358, 50)
	s.samplePositive.Rect = l.R(890, 362, 358, 30)
	s.sampleNegative.Rect = l.R(890, 400, 358, 30)
	s.transport.Place(l.R(890, 446, 358, 40), l.R(890, 496, 358, 50))
}

func (s *learning) Update(ctx *Context) error {
	in := ctx.In
	s.layout(ctx.L)
	s.focus.Update(in)
	steps, reset := s.transport.Update(in, &s.focus)
	if reset {
		s.reset()
		return nil
	}
	if s.rate.Update(in, &s.focus) {
		s.trainer.Rate = s.rate.Value
	}
	pos := s.samplePositive.Update(in, &s.focus) || in.KeyPressed(ebiten.KeyC)
	neg := s.sampleNegative.Update(in, &s.focus) || in.KeyPressed(ebiten.KeyG)
	if in.KeyPressed(ebiten.KeyC) {
		s.samplePositive.On = !s.samplePositive.On
	}
	if in.KeyPressed(ebiten.KeyG) {
		s.sampleNegative.On = !s.sampleNegative.On
	}
	if pos || neg {
		s.applySampling()
		if (s.samplePositive.On || s.sampleNegative.On) && s.rate.Value > 0.1 {
			s.rate.Set(0.1)
			s.trainer.Rate = s.rate.Value
			ctx.Notify("Sampled phases are noisy: the learning rate is now 0.1 to keep training stable")
		}
		s.trainer.Measure()
	}
	for k := 0; k < steps; k++ {
		s.trainer.Step()
		s.record()
	}
	for _, h := range []*ui.Heatmap{&s.data, &s.model, &s.diff} {
		h.Update(in)
	}
	return nil
}

func (s *learning) Draw(dst *ebiten.Image, ctx *Context) {
	l := ctx.L
	s.layout(l)
	t := s.trainer
	n := t.BM.Net.N
	s.diffVals = s.diffVals[:0]
	for i := range t.Positive.Corr {
		s.diffVals = append(s.diffVals, t.Positive.Corr[i]-t.Negative.Corr[i])
	}
	s.drawMatrix(dst, l, l.R(32, 128, 270, 304), &s.data, "Clamped: <s_i s_j> data", t.Positive.Corr, n)
	s.drawMatrix(dst, l, l.R(316, 128, 270, 304), &s.model, "Free: <s_i s_j> model", t.Negative.Corr, n)
	s.diff.Scale = math.Max(0.05, maxAbs(s.diffVals))
	s.drawMatrix(dst, l, l.R(600, 128, 270, 304), &s.diff, "Difference: data − model", s.diffVals, n)
	s.plot.YMin, s.plot.FixedY = 0, false
	s.plot.Draw(dst)
	s.drawMarginal(dst, l)
	s.drawData(dst, l)
	s.rate.Draw(dst, &s.focus)
	s.samplePositive.Draw(dst, &s.focus)
	s.sampleNegative.Draw(dst, &s.focus)
	s.transport.Draw(dst, &s.focus)
	s.drawReadouts(dst, l)
}

func maxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	return m
}

// drawMatrix draws one N×N matrix as a heatmap with unit names on its
// edges, a legend, and the value under the pointer.
func (s *learning) drawMatrix(dst *ebiten.Image, l ui.Layout, box ui.Rect, h *ui.Heatmap, title string, vals []float64, n int) {
	s.painter.FillRound(dst, box, l.S(10), ui.Panel)
	ui.Label(dst, title, ui.Bold, l.S(13.5), box.X+l.S(16), box.Y+l.S(20), ui.Text, ui.Left)
	h.Cols, h.Rows = n, n
	h.Draw(dst, vals)
	g := h.Rect
	g.H *= 0.8 // the heatmap keeps the bottom fifth for its legend
	cw := g.W / float64(n)
	for i, name := range s.names {
		ui.Label(dst, name, ui.Mono, l.S(11), g.X+(float64(i)+0.5)*cw, g.Y-l.S(9), ui.TextDim, ui.Center)
		ui.Label(dst, name, ui.Mono, l.S(11), g.X-l.S(6), g.Y+(float64(i)+0.5)*g.H/float64(n), ui.TextDim, ui.Right)
	}
	if h.Hover >= 0 && h.Hover < len(vals) {
		i, j := h.Hover/n, h.Hover%n
		ui.Label(dst, fmt.Sprintf("%s·%s = %+.3f", s.names[i], s.names[j], vals[h.Hover]), ui.Mono, l.S(11.5), box.Right()-l.S(14), box.Y+l.S(20), ui.Accent, ui.Right)
	}
}

// drawMarginal compares the model's exact p(v) with the data's for all 8
// visible vectors.
func (s *learning) drawMarginal(dst *ebiten.Image, l ui.Layout) {
	box := l.R(466, 446, 404, 320)
	s.painter.FillRound(dst, box, l.S(10), ui.Panel)
	ui.Label(dst, "p(v): model (bars) and data (outlines)", ui.Bold, l.S(13.5), box.X+l.S(16), box.Y+l.S(20), ui.Text, ui.Left)
	a := ui.Rect{X: box.X + l.S(52), Y: box.Y + l.S(52), W: box.W - l.S(72), H: box.H - l.S(132)}
	vis := s.trainer.BM.Visible
	inData := make([]bool, 1<<vis)
	for _, v := range s.trainer.Data() {
		inData[sim.IndexOf(v)] = true
	}
	pd := 1 / float64(len(s.trainer.Data()))
	sy := func(p float64) float64 { return a.Bottom() - p/0.5*a.H }
	for _, t := range []float64{0, 0.25, 0.5} {
		ui.FillRect(dst, ui.Rect{X: a.X, Y: sy(t), W: a.W, H: 1}, ui.Grid)
		ui.Label(dst, ui.FormatTick(t), ui.Mono, l.S(11.5), a.X-l.S(8), sy(t), ui.TextDim, ui.Right)
	}
	bw := a.W / float64(len(s.logp))
	v := make([]int8, vis)
	for idx, lp := range s.logp {
		p := math.Exp(lp)
		x := a.X + float64(idx)*bw
		top := math.Max(sy(p), a.Y)
		ui.FillRect(dst, ui.Rect{X: x + bw*0.18, Y: top, W: bw * 0.64, H: a.Bottom() - top}, ui.Sequential(0.35+0.65*math.Min(1, p/pd)))
		if inData[idx] {
			ui.StrokeRect(dst, ui.Rect{X: x + bw*0.1, Y: sy(pd) - l.S(1), W: bw * 0.8, H: a.Bottom() - sy(pd) + l.S(1)}, l.S(2), ui.Text)
		}
		sim.StateOf(v, uint64(idx))
		cell := l.S(10)
		ui.DrawMini(dst, ui.Rect{X: x + bw/2 - 1.5*cell, Y: a.Bottom() + l.S(12), W: 3 * cell, H: cell}, vis, 1, v)
		ui.Label(dst, fmt.Sprintf("%.2f", p), ui.Mono, l.S(11), x+bw/2, a.Bottom()+l.S(40), ui.TextDim, ui.Center)
	}
	ui.Label(dst, "visible vectors v1 v2 v3; the data are the four with v3 = v1 XOR v2", ui.Regular, l.S(11.5), box.X+l.S(16), box.Bottom()-l.S(18), ui.TextFaint, ui.Left)
}

func (s *learning) drawData(dst *ebiten.Image, l ui.Layout) {
	box := l.R(890, 128, 358, 158)
	s.painter.FillRound(dst, box, l.S(10), ui.Panel)
	ui.Label(dst, "Training data (visible units only)", ui.Bold, l.S(13.5), box.X+l.S(16), box.Y+l.S(20), ui.Text, ui.Left)
	cell := l.S(22)
	for k, v := range s.trainer.Data() {
		x := box.X + l.S(16) + float64(k)*l.S(84)
		ui.DrawMini(dst, ui.Rect{X: x, Y: box.Y + l.S(44), W: 3 * cell, H: cell}, len(v), 1, v)
	}
	ui.Paragraph(dst, "Each row is (a, b, a XOR b), light for +1 (true) and dark for −1. Two hidden units are free to explain them.",
		ui.Regular, l.S(12), box.X+l.S(16), box.Y+l.S(80), box.W-l.S(32), ui.TextDim)
}

func (s *learning) drawReadouts(dst *ebiten.Image, l ui.Layout) {
	box := l.R(890, 562, 358, 204)
	s.painter.FillRound(dst, box, l.S(10), ui.Panel)
	t := s.trainer
	phase := func(sampled bool) string {
		if sampled {
			return fmt.Sprintf("Gibbs, %d chains × %d sweeps", t.Chains, t.Sweeps)
		}
		return "exact, all 32 states"
	}
	rows := [][2]string{
		{"learning steps", fmt.Sprintf("%d", t.Steps)},
		{"KL(data || model)", fmt.Sprintf("%.4f nats", s.klNow)},
		{"log-likelihood per vector", fmt.Sprintf("%.4f", s.ll)},
		{"best possible", fmt.Sprintf("%.4f", -math.Log(float64(len(t.Data()))))},
		{"clamped phase", phase(t.SamplePositive)},
		{"free phase", phase(t.SampleNegative)},
	}
	x := box.X + l.S(16)
	for k, r := range rows {
		y := box.Y + l.S(24) + float64(k)*l.S(30)
		ui.Label(dst, r[0], ui.Regular, l.S(12.5), x, y, ui.TextDim, ui.Left)
		ui.Label(dst, r[1], ui.Mono, l.S(12.5), box.Right()-l.S(16), y, ui.Text, ui.Right)
	}
}
