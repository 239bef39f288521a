//go:build legacy

package scenes

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
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

// rbmFileName is the name a saved machine goes by: a file in the working
// directory on the desktop, a download in the browser.
const rbmFileName = "boltzlab-rbm.json"

// errLoadCancelled means the person backed out of loading a machine.
var errLoadCancelled = errors.New("load cancelled")

// rbmBestLL is the highest mean log-likelihood a model can give three
// distinct shapes: a third of its probability on each, −log 3 nats.
var rbmBestLL = -math.Log(3)

// rbmLab is scene 6: a restricted Boltzmann machine of {0, 1} units
// learning the T, L and O shapes by CD-k, with its exact log-likelihood
// plotted beside the reconstruction error, its receptive fields, and a
// panel that pushes an image through the machine and back.
type rbmLab struct {
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

	errS, llS, bestS *ui.Series
	errPlot, llPlot  ui.Plot
	transport        *ui.Transport
	rate, k          ui.Slider
	noisy            [3]ui.Button
	blank, feed      ui.Button
	save, load       ui.Button
	grid             ui.UnitGrid
	fields           [rbmHidden]ui.Heatmap
	focus            ui.Focus
	painter          ui.Painter
}

func newRBMLab(seed uint64) Scene {
	r := &rbmLab{seed: seed, shapes: sim.TLO(), data: sim.TLOData()}
	r.vis = make([]float64, rbmVisible)
	r.visPM = make([]int8, rbmVisible)
	r.hid = make([]float64, rbmHidden)
	r.out = make([]float64, rbmVisible)

	r.rate = ui.Slider{Label: "Learning rate ε", Min: 0.003, Max: 3, Value: 0.1, Log: true,
		Format: func(v float64) string { return fmt.Sprintf("%.3g", v) }}
	r.k = ui.Slider{Label: "Gibbs steps k of CD-k", Min: 1, Max: 10, Value: 1, Integer: true}
	r.transport = ui.NewTransport(0.05, 100, 2)
	r.transport.RunLabel = "Train"
	r.transport.Speed.Label = "Speed (CD updates per frame)"
	for k, p := range r.shapes {
		r.noisy[k] = ui.Button{Label: "Noisy " + p.Name, Hint: p.Name}
	}
	r.blank = ui.Button{Label: "Clear", Hint: "C"}
	r.feed = ui.Button{Label: "v′ → v", Hint: "V"}
	r.save = ui.Button{Label: "Save JSON", Hint: "E"}
	r.load = ui.Button{Label: "Load JSON", Hint: "I"}
	r.grid = ui.UnitGrid{Cols: rbmSide, Rows: rbmSide, Paint: true, Selected: -1, Recent: -1}
	for j := range r.fields {
		r.fields[j] = ui.Heatmap{Cols: rbmSide, Rows: rbmSide, Hover: -1}
	}

	r.errS = ui.NewSeries("reconstruction error", ui.Warm, rbmHistory)
	r.llS = ui.NewSeries("exact log p", ui.Accent, rbmHistory)
	r.bestS = ui.NewSeries("best, −log 3", ui.WithAlpha(ui.TextDim, 0.6), 2)
	r.errPlot = ui.Plot{Title: "Reconstruction error", XLabel: "CD updates", Series: []*ui.Series{r.errS},
		FixedY: true, XSpan: 100}
	r.llPlot = ui.Plot{Title: "Log-likelihood per shape (nats)", XLabel: "CD updates",
		Series: []*ui.Series{r.bestS, r.llS}, XSpan: 100}

	r.focus.Order = []any{&r.rate, &r.k}
	r.focus.Order = append(r.focus.Order, r.transport.Widgets()...)
	r.focus.Order = append(r.focus.Order, &r.save, &r.load, &r.noisy[0], &r.noisy[1], &r.noisy[2], &r.blank, &r.feed)
	r.reset()
	return r
}

// reset starts over from the seed: small random weights, no training, a
// noisy T in the Reconstruct panel. The sliders keep their values.
func (r *rbmLab) reset() {
	r.rng = rand.New(rand.NewPCG(r.seed, 0x7b3))
	r.pick = rand.New(rand.NewPCG(r.seed, 0x7b3f11))
	m := sim.NewRBM(rbmVisible, rbmHidden)
	m.Randomize(0.01, r.rng)
	r.adopt(m)
	r.transport.Running = false
	r.loadNoisy(0)
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
// the largest |weight| rounded up to a round number (1, 1.5, 2, 3, 4, 5, 6
// or 8 times a power of ten), so the legend changes in steps rather than
// every frame and never dims the colours by more than a third.
func (r *rbmLab) fieldScale() float64 {
	m := 0.0
	for _, w := range r.machine.W {
		m = math.Max(m, math.Abs(w))
	}
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

// saveJSON returns the machine as the JSON a save writes.
func (r *rbmLab) saveJSON() ([]byte, error) {
	var buf bytes.Buffer
	if err := r.machine.WriteJSON(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// loadJSON replaces the machine with the one in data, if data holds a
// well-formed machine of this scene's shape; otherwise it says why and
// changes nothing. from names where data came from.
func (r *rbmLab) loadJSON(data []byte, from string, ctx *Context) bool {
	m, err := sim.ReadRBM(bytes.NewReader(data))
	if err != nil {
		ctx.Notify(fmt.Sprintf("Not loaded, nothing changed: %s: %s", from, strings.TrimPrefix(err.Error(), "reading RBM: ")))
		return false
	}
	if m.Visible != rbmVisible || m.Hidden != rbmHidden {
		ctx.Notify(fmt.Sprintf("Not loaded, nothing changed: %s has %d visible and %d hidden units, this scene needs %d and %d",
			from, m.Visible, m.Hidden, rbmVisible, rbmHidden))
		return false
	}
	r.adopt(m)
	ctx.Notify(fmt.Sprintf("Loaded %s: reconstruction error %.4f, log-likelihood %.3f nats", from, r.recon, r.ll))
	return true
}

func (r *rbmLab) saveMachine(ctx *Context) {
	data, err := r.saveJSON()
	if err == nil {
		err = saveFile(rbmFileName, data, "application/json")
	}
	if err != nil {
		ctx.Notify("Could not save the machine: " + err.Error())
		return
	}
	ctx.Notify(rbmSavedNotice)
}

func (r *rbmLab) loadMachine(ctx *Context) {
	data, from, err := readRBMFile()
	switch {
	case errors.Is(err, errLoadCancelled):
		ctx.Notify("Nothing loaded")
	case errors.Is(err, fs.ErrNotExist):
		ctx.Notify(fmt.Sprintf("There is no %s here yet: save one first (E)", rbmFileName))
	case err != nil:
		ctx.Notify("Not loaded, nothing changed: " + err.Error())
	default:
		r.loadJSON(data, from, ctx)
	}
}

// SetRunning starts or stops training.
func (r *rbmLab) SetRunning(on bool) { r.transport.Running = on }

func (r *rbmLab) Title() string { return "RBM lab" }

func (r *rbmLab) Caption() string {
	return "A restricted Boltzmann machine of {0, 1} units learns T, L and O by CD-k. Its exact likelihood is plotted beside the reconstruction error."
}

func (r *rbmLab) Help() string {
	return "A restricted Boltzmann machine has two layers: nine visible units holding a 3×3 image and four hidden units that learn features of it. Every visible unit is joined to every hidden unit, and no two units of the same layer are joined. Units here are 0 (off) or 1 (on), the custom for RBMs, where the earlier scenes used −1 and +1.\n" +
		"With no links inside a layer, the hidden units are independent once the image is fixed, so all four can be sampled in one go, and all nine pixels likewise given the hidden units. Contrastive divergence leans on this: from each training shape it walks k round trips between the layers and moves every weight by ε times the difference between how often its two units are on together for the data and for where the walk ended. One update here uses all three shapes, with momentum 0.5 carrying half of each step into the next.\n" +
		"Two curves follow training. The reconstruction error is the mean squared gap between each shape and its one-pass reconstruction: cheap, but not what training optimises. With nine visible units the partition function Z is a sum of only 512 terms, so the exact log-likelihood of the shapes can be computed too; no model beats −log 3, a third of its probability on each shape. The curves usually move together, not always: raise ε to 1 and the error sinks toward zero while the log-likelihood falls.\n" +
		"Each receptive field is a hidden unit's nine weights, on one colour scale shared by all four: orange pixels push the unit on, blue ones push it off. In the Reconstruct panel, paint an image or load a shape with one pixel flipped; it goes up to the hidden probabilities and back down to v′, live while the machine trains. Save writes the weights as JSON and Load reads them back; a file that is malformed or of another shape is refused and nothing changes.\n" +
		"Keys: T, L, O load that shape with one pixel flipped · C clears the image · V feeds the rounded v′ back in as the image · E saves the machine · I loads it · Tab reaches the sliders, then the arrows adjust them."
}

func (r *rbmLab) layout(l ui.Layout) {
	r.rate.Rect = l.R(32, 328, 360, 50)
	r.k.Rect = l.R(32, 386, 360, 50)
	r.transport.Place(l.R(32, 452, 360, 40), l.R(32, 502, 360, 50))
	row := l.R(32, 686, 360, 38).SplitX(2, l.S(10))
	r.save.Rect, r.load.Rect = row[0], row[1]

	r.errPlot.Rect = l.R(408, 128, 414, 228)
	r.llPlot.Rect = l.R(834, 128, 414, 228)
	r.errPlot.FontSize, r.llPlot.FontSize = l.S(13), l.S(13)

	fb := r.fieldsBox(l)
	size := l.S(100)
	for j := range r.fields {
		x := fb.X + l.S(48) + float64(j%2)*l.S(150)
		y := fb.Y + l.S(44) + float64(j/2)*l.S(134)
		r.fields[j].Rect = ui.Rect{X: x, Y: y, W: size, H: size}
	}

	rb := r.reconBox(l)
	r.grid.Rect = ui.Rect{X: rb.X + l.S(18), Y: rb.Y + l.S(48), W: l.S(132), H: l.S(132)}
	row = ui.Rect{X: rb.X + l.S(18), Y: rb.Bottom() - l.S(54), W: rb.W - l.S(36), H: l.S(36)}.SplitX(5, l.S(8))
	r.noisy[0].Rect, r.noisy[1].Rect, r.noisy[2].Rect, r.blank.Rect, r.feed.Rect = row[0], row[1], row[2], row[3], row[4]
}

func (r *rbmLab) fieldsBox(l ui.Layout) ui.Rect { return l.R(408, 388, 346, 378) }
func (r *rbmLab) reconBox(l ui.Layout) ui.Rect  { return l.R(766, 388, 482, 378) }

// hiddenCell and outCell place the panel's hidden units (a column of four)
// and the reconstruction (a 3×3 grid the size of the input's).
func (r *rbmLab) hiddenCell(l ui.Layout, j int) ui.Rect {
	g := r.grid.Rect
	h, gap := l.S(28), l.S(6.67)
	return ui.Rect{X: g.Right() + l.S(36), Y: g.Y + float64(j)*(h+gap), W: l.S(66), H: h}
}

func (r *rbmLab) outCell(l ui.Layout, i int) ui.Rect {
	g := r.grid.Rect
	x0 := r.hiddenCell(l, 0).Right() + l.S(36)
	cw := g.W / rbmSide
	gap := cw * 0.08
	return ui.Rect{X: x0 + float64(i%rbmSide)*cw + gap/2, Y: g.Y + float64(i/rbmSide)*cw + gap/2, W: cw - gap, H: cw - gap}
}

func (r *rbmLab) Update(ctx *Context) error {
	in := ctx.In
	r.layout(ctx.L)
	r.focus.Update(in)
	steps, reset := r.transport.Update(in, &r.focus)
	if reset {
		r.reset()
		ctx.Notify("Reset: small random weights, nothing learned yet")
		return nil
	}
	r.rate.Update(in, &r.focus)
	r.k.Update(in, &r.focus)
	r.applySettings()

	keys := [3]ebiten.Key{ebiten.KeyT, ebiten.KeyL, ebiten.KeyO}
	for k := range r.noisy {
		if r.noisy[k].Update(in, &r.focus) || in.KeyPressed(keys[k]) {
			r.loadNoisy(k)
		}
	}
	if r.blank.Update(in, &r.focus) || in.KeyPressed(ebiten.KeyC) {
		clear(r.vis)
		r.source = "a blank image"
		r.push()
	}
	if r.feed.Update(in, &r.focus) || in.KeyPressed(ebiten.KeyV) {
		for i, p := range r.out {
			r.vis[i] = 0
			if p >= 0.5 {
				r.vis[i] = 1
			}
		}
		r.source = "the previous v′, rounded at ½"
		r.push()
	}
	if r.save.Update(in, &r.focus) || in.KeyPressed(ebiten.KeyE) {
		r.saveMachine(ctx)
	}
	if r.load.Update(in, &r.focus) || in.KeyPressed(ebiten.KeyI) {
		r.loadMachine(ctx)
	}
	painted := r.grid.Update(in, r.visPM, func(i int, v int8) {
		r.visPM[i] = v
		r.vis[i] = 0
		if v > 0 {
			r.vis[i] = 1
		}
	})
	if painted {
		r.source = "painted by hand"
	}
	for j := range r.fields {
		r.fields[j].Update(in)
	}

	for s := 0; s < steps; s++ {
		r.trainer.Step()
		if r.trainer.Updates%r.stride == 0 {
			r.record()
		}
	}
	if steps > 0 {
		r.measure()
	}
	if steps > 0 || painted {
		r.push()
	}
	return nil
}

func (r *rbmLab) Draw(dst *ebiten.Image, ctx *Context) {
	l := ctx.L
	r.layout(l)
	r.drawMachine(dst, l)
	r.rate.Draw(dst, &r.focus)
	r.k.Draw(dst, &r.focus)
	r.transport.Draw(dst, &r.focus)
	r.drawReadouts(dst, l)
	r.save.Draw(dst, &r.focus)
	r.load.Draw(dst, &r.focus)
	ui.Paragraph(dst, rbmFileNote, ui.Regular, l.S(12), l.X(32), l.Y(733), l.S(360), ui.TextFaint)

	r.errPlot.Draw(dst)
	r.llPlot.Draw(dst)
	ui.Label(dst, "Try ε = 1: the reconstruction error sinks toward zero while the log-likelihood gets worse. Low error is not a good model.",
		ui.Regular, l.S(12.5), l.X(408), l.Y(372), ui.TextFaint, ui.Left)
	r.drawFields(dst, l)
	r.drawReconstruct(dst, l)
}

// drawMachine states the {0, 1} convention and shows the training shapes.
func (r *rbmLab) drawMachine(dst *ebiten.Image, l ui.Layout) {
	box := l.R(32, 128, 360, 184)
	r.painter.FillRound(dst, box, l.S(10), ui.Panel)
	x := box.X + l.S(18)
	ui.Label(dst, "9 visible units, 4 hidden, values 0 or 1", ui.Bold, l.S(15), x, box.Y+l.S(20), ui.Text, ui.Left)
	ui.Paragraph(dst, "Unlike the ±1 scenes before it, a unit here is 0 (off, dark) or 1 (on, light), as is usual for RBMs.",
		ui.Regular, l.S(12.5), x, box.Y+l.S(36), box.W-l.S(36), ui.TextDim)
	ui.Label(dst, "Training set", ui.Regular, l.S(12.5), x, box.Y+l.S(90), ui.TextDim, ui.Left)
	size := l.S(56)
	for k, p := range r.shapes {
		cx := x + float64(k)*l.S(84)
		cy := box.Y + l.S(106)
		ui.DrawMini(dst, ui.Rect{X: cx, Y: cy, W: size, H: size}, rbmSide, rbmSide, p.Units)
		ui.Label(dst, p.Name, ui.Bold, l.S(13), cx+size+l.S(8), cy+size/2, ui.Text, ui.Left)
	}
	ui.Label(dst, "one CD update = all three shapes", ui.Regular, l.S(11.5), box.Right()-l.S(18), box.Bottom()-l.S(12), ui.TextFaint, ui.Right)
}

func (r *rbmLab) drawReadouts(dst *ebiten.Image, l ui.Layout) {
	box := l.R(32, 568, 360, 104)
	r.painter.FillRound(dst, box, l.S(10), ui.Panel)
	cols := box.Inset(l.S(16)).SplitX(3, l.S(10))
	read := func(c ui.Rect, label, value, note string) {
		ui.Label(dst, label, ui.Regular, l.S(12.5), c.X, c.Y+l.S(8), ui.TextDim, ui.Left)
		ui.Label(dst, value, ui.Mono, l.S(21), c.X, c.Y+l.S(36), ui.Text, ui.Left)
		ui.Label(dst, note, ui.Regular, l.S(11.5), c.X, c.Y+l.S(62), ui.TextFaint, ui.Left)
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
func (r *rbmLab) drawFields(dst *ebiten.Image, l ui.Layout) {
	box := r.fieldsBox(l)
	r.painter.FillRound(dst, box, l.S(10), ui.Panel)
	x := box.X + l.S(18)
	ui.Label(dst, "Receptive fields: weights into h1–h4", ui.Bold, l.S(15), x, box.Y+l.S(20), ui.Text, ui.Left)
	scale := r.fieldScale()
	hover := ""
	for j := range r.fields {
		h := &r.fields[j]
		h.Scale = scale
		w := r.machine.ReceptiveField(j)
		h.Draw(dst, w)
		ui.Label(dst, fmt.Sprintf("h%d", j+1), ui.Bold, l.S(13), h.Rect.X, h.Rect.Bottom()+l.S(13), ui.Text, ui.Left)
		ui.Label(dst, fmt.Sprintf("bias %+.2f", r.machine.C[j]), ui.Mono, l.S(12), h.Rect.Right(), h.Rect.Bottom()+l.S(13), ui.TextDim, ui.Right)
		if h.Hover >= 0 && h.Hover < len(w) {
			i := h.Hover
			hover = fmt.Sprintf("h%d, pixel row %d column %d: w = %+.3f", j+1, i/rbmSide+1, i%rbmSide+1, w[i])
		}
	}
	lg := ui.Rect{X: box.X + l.S(48), Y: box.Bottom() - l.S(66), W: box.W - l.S(96), H: l.S(26)}
	ui.DrawLegend(dst, lg, -scale, scale, true)
	note := "blue pushes the hidden unit off, orange on"
	if hover != "" {
		note = hover
	}
	ui.Label(dst, note, ui.Regular, l.S(12), box.CenterX(), box.Bottom()-l.S(18), ui.TextDim, ui.Center)
}

// probCell draws one probability as a sequential-map cell with its value.
func (r *rbmLab) probCell(dst *ebiten.Image, c ui.Rect, p float64, size float64, prefix string) {
	r.painter.FillRound(dst, c, math.Min(c.W, c.H)*0.14, ui.Sequential(p))
	fg := ui.Text
	if p > 0.6 {
		fg = ui.Background
	}
	ui.Label(dst, prefix+fmt.Sprintf("%.2f", p), ui.Mono, size, c.CenterX(), c.CenterY(), fg, ui.Center)
}

// drawReconstruct draws v, p(h | v) and v′ side by side, with where the
// input came from and what v′ rounds to.
func (r *rbmLab) drawReconstruct(dst *ebiten.Image, l ui.Layout) {
	box := r.reconBox(l)
	r.painter.FillRound(dst, box, l.S(10), ui.Panel)
	x := box.X + l.S(18)
	ui.Label(dst, "Reconstruct: v → h → v′", ui.Bold, l.S(15), x, box.Y+l.S(20), ui.Text, ui.Left)
	g := r.grid.Rect
	r.grid.Draw(dst, r.visPM)
	for j := 0; j < rbmHidden; j++ {
		c := r.hiddenCell(l, j)
		r.probCell(dst, c, r.hid[j], l.S(12), fmt.Sprintf("h%d ", j+1))
	}
	for i := range r.out {
		r.probCell(dst, r.outCell(l, i), r.out[i], l.S(13), "")
	}
	h0, o0, o8 := r.hiddenCell(l, 0), r.outCell(l, 0), r.outCell(l, rbmVisible-1)
	ui.Label(dst, "→", ui.Regular, l.S(22), (g.Right()+h0.X)/2, g.CenterY(), ui.TextDim, ui.Center)
	ui.Label(dst, "→", ui.Regular, l.S(22), (h0.Right()+o0.X)/2, g.CenterY(), ui.TextDim, ui.Center)

	ly := g.Bottom() + l.S(16)
	ui.Label(dst, "v: click or drag to paint", ui.Regular, l.S(12), g.X, ly, ui.TextDim, ui.Left)
	ui.Label(dst, "p(h = 1 | v)", ui.Regular, l.S(12), h0.CenterX(), ly, ui.TextDim, ui.Center)
	ui.Label(dst, "v′ = p(v = 1 | h)", ui.Regular, l.S(12), (o0.X+o8.Right())/2, ly, ui.TextDim, ui.Center)
	lg := ui.Rect{X: h0.X, Y: ly + l.S(16), W: o8.Right() - h0.X, H: l.S(26)}
	ui.DrawLegend(dst, lg, 0, 1, false)
	ui.Label(dst, "probability", ui.Regular, l.S(11), lg.CenterX(), lg.Y+lg.H*0.82, ui.TextFaint, ui.Center)

	// What went in and what came out.
	y := lg.Bottom() + l.S(20)
	ui.Label(dst, "Input: "+r.source, ui.Regular, l.S(13), x, y, ui.TextDim, ui.Left)
	shape, dist := r.nearest()
	got := r.rounded()
	var msg string
	clr := ui.TextDim
	switch {
	case got >= 0 && dist > 0 && got == shape:
		msg = fmt.Sprintf("v′ rounded at ½ is %s: the %d flipped pixel%s repaired", r.shapes[got].Name, dist, plural(dist))
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
	ui.Label(dst, msg, ui.Bold, l.S(13.5), x, y+l.S(24), clr, ui.Left)

	for k := range r.noisy {
		r.noisy[k].Draw(dst, &r.focus)
	}
	r.blank.Draw(dst, &r.focus)
	r.feed.Draw(dst, &r.focus)
}
