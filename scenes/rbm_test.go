package scenes

import (
	"image/color"
	"math"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// Training through the scene's own controls (Space, then frames at 20 CD
// updates each) takes the machine from its random start to one that
// reconstructs the shapes and gives them a high exact likelihood.
func TestRBMTrainingThroughUpdate(t *testing.T) {
	h := newHarness(t, "rbm", 1280, 800)
	r, in := h.s.(*rbmLab), h.in
	data := sim.TLOData()
	startErr, startLL := r.machine.ReconError(data), r.machine.LogLikelihood(data)
	assert.InDelta(t, 0.25, startErr, 0.001, "tiny weights reconstruct every pixel as ½")
	assert.InDelta(t, 9*math.Log(0.5), startLL, 0.01, "and give all 512 images nearly equal probability")
	assert.Equal(t, startErr, r.recon)
	assert.Equal(t, startLL, r.ll)

	r.transport.Speed.Set(20)
	in.Key(ebiten.KeySpace)
	for k := 0; k < 50; k++ {
		h.step(t)
	}
	require.True(t, r.transport.Running)
	assert.Equal(t, "Pause", r.transport.RunText())
	require.Equal(t, 1000, r.trainer.Updates)
	rec, ll := r.machine.ReconError(data), r.machine.LogLikelihood(data)
	t.Logf("after 1000 updates: reconstruction error %.6f, log-likelihood %.4f", rec, ll)
	assert.Equal(t, rec, r.recon, "the readout is the machine's")
	assert.Equal(t, ll, r.ll)
	assert.Less(t, rec, 0.01)
	assert.Less(t, rec, startErr/100)
	assert.Greater(t, ll, -1.5)
	assert.Greater(t, ll, startLL+4.5)
	assert.LessOrEqual(t, rbmBestLL, 0.0)
	assert.Less(t, ll, rbmBestLL, "no model beats −log 3")

	// The curves end at the machine's current scores and still start at the
	// untrained machine, after thinning to every second update.
	x, y, ok := r.errS.Last()
	require.True(t, ok)
	assert.Equal(t, [2]float64{1000, rec}, [2]float64{x, y})
	_, y, _ = r.llS.Last()
	assert.Equal(t, ll, y)
	x, y = r.llS.At(0)
	assert.Equal(t, [2]float64{0, startLL}, [2]float64{x, y})
	assert.Equal(t, 2, r.stride)
	assert.Equal(t, 501, r.errS.Len())

	in.Key(ebiten.KeyR)
	h.step(t)
	assert.Equal(t, 0, r.trainer.Updates)
	assert.False(t, r.transport.Running)
	assert.Equal(t, "Train", r.transport.RunText())
	assert.Equal(t, startLL, r.machine.LogLikelihood(data), "reset replays the same seed")
}

// The sliders drive the trainer: Tab reaches k after the transport and the
// rate, and the arrow raises it.
func TestRBMSlidersSetTrainer(t *testing.T) {
	h := newHarness(t, "rbm", 1280, 800)
	r, in := h.s.(*rbmLab), h.in
	h.step(t) // lays the widgets out
	for range 6 {
		in.Key(ebiten.KeyTab)
		h.step(t)
	}
	require.Same(t, &r.k, r.focus.Current())
	in.Key(ebiten.KeyArrowRight)
	h.step(t)
	assert.Equal(t, 2, r.trainer.K)
	r.rate.Set(1e9)
	h.step(t)
	assert.Equal(t, 3.0, r.trainer.Rate, "the rate is clamped to the slider's range")
}

// The lesson the scene states under its plots: at ε = 1 the reconstruction
// error keeps falling while the exact log-likelihood gets worse.
func TestRBMErrorAndLikelihoodDisagree(t *testing.T) {
	r := newRBMLab(1).(*rbmLab)
	r.rate.Set(1)
	r.applySettings()
	for range 250 {
		r.trainer.Step()
	}
	r.measure()
	err250, ll250 := r.recon, r.ll
	for range 750 {
		r.trainer.Step()
	}
	r.measure()
	t.Logf("ε = 1: error %.2e → %.2e, log-likelihood %.3f → %.3f", err250, r.recon, ll250, r.ll)
	assert.Less(t, r.recon, err250/10)
	assert.Less(t, r.ll, ll250-0.5)
}

func cellPress(t *testing.T, h *harness, r *rbmLab, i int) {
	x, y := cellCentre(r.grid, i)
	h.in.Press(x, y)
	h.step(t)
	h.in.Release()
	h.step(t)
}

// Painting the visible grid changes the input, and the hidden and
// reconstructed layers follow it.
func TestRBMPaintChangesInput(t *testing.T) {
	h := newHarness(t, "rbm", 1280, 800)
	r, in := h.s.(*rbmLab), h.in
	r.trainer.Epoch()
	in.Key(ebiten.KeyC)
	h.step(t)
	assert.Equal(t, make([]float64, 9), r.vis)

	// One stroke along the top row paints all three pixels on.
	for k, i := range []int{0, 1, 2} {
		x, y := cellCentre(r.grid, i)
		if k == 0 {
			in.Press(x, y)
		} else {
			in.Move(x, y)
		}
		h.step(t)
	}
	in.Release()
	h.step(t)
	assert.Equal(t, []float64{1, 1, 1, 0, 0, 0, 0, 0, 0}, r.vis)
	assert.Equal(t, "painted by hand", r.source)
	assert.Equal(t, r.machine.HiddenProbs(nil, r.vis), r.hid)
	assert.Equal(t, r.machine.Reconstruct(nil, nil, r.vis), r.out)
	pm := make([]int8, 9)
	sim.PlusMinus(pm, r.vis)
	assert.Equal(t, pm, r.visPM)

	cellPress(t, h, r, 1) // a click turns a lit pixel off
	assert.Equal(t, []float64{1, 0, 1, 0, 0, 0, 0, 0, 0}, r.vis)
	assert.Equal(t, r.machine.Reconstruct(nil, nil, r.vis), r.out)
}

// A shape with one pixel flipped (loaded by its button or key) comes back
// whole from one pass through a trained machine, though not through the
// untrained one.
func TestRBMRepairsNoisyShapes(t *testing.T) {
	h := newHarness(t, "rbm", 1280, 800)
	r, in := h.s.(*rbmLab), h.in
	data := sim.TLOData()
	h.step(t) // lays the buttons out
	assert.Equal(t, -1, r.rounded(), "the untrained machine rounds to none of the shapes")

	for range 1000 {
		r.trainer.Epoch()
	}
	h.step(t)
	flipped := map[int]bool{}
	for press := 0; press < 6; press++ {
		b := r.noisy[0].Rect
		in.Press(b.CenterX(), b.CenterY())
		h.step(t)
		in.Release()
		h.step(t)
		diff := -1
		for i, x := range r.vis {
			if x != data[0][i] {
				require.Equal(t, -1, diff, "exactly one pixel differs")
				diff = i
			}
		}
		require.GreaterOrEqual(t, diff, 0)
		flipped[diff] = true
		shape, dist := r.nearest()
		assert.Equal(t, [2]int{0, 1}, [2]int{shape, dist})
		assert.Equal(t, 0, r.rounded(), "v′ rounds back to T (pixel %d flipped)", diff)
	}
	assert.Greater(t, len(flipped), 1, "the flipped pixel comes from the seeded stream")
	for k, key := range []ebiten.Key{ebiten.KeyT, ebiten.KeyL, ebiten.KeyO} {
		in.Key(key)
		h.step(t)
		assert.Equal(t, k, r.rounded(), "%s", r.shapes[k].Name)
	}

	// Every one of the 27 one-pixel corruptions is repaired.
	for k, d := range data {
		for i := range d {
			copy(r.vis, d)
			r.vis[i] = 1 - r.vis[i]
			r.push()
			assert.Equal(t, k, r.rounded(), "%s with pixel %d flipped", r.shapes[k].Name, i)
		}
	}

	// Feeding a clean v′ back in leaves it where it is.
	in.Key(ebiten.KeyV)
	h.step(t)
	assert.Equal(t, data[2], r.vis)
}

// Each receptive-field cell is drawn in the diverging colour of its weight
// on the shared scale, and each v′ cell in the sequential colour of its
// probability.
func TestRBMFieldPixels(t *testing.T) {
	h := newHarness(t, "rbm", 1280, 800)
	r := h.s.(*rbmLab)
	for range 400 {
		r.trainer.Step()
	}
	r.push()
	h.draw()
	img := h.img
	scale := r.fieldScale()
	require.GreaterOrEqual(t, scale, maxAbs(r.machine.W))
	require.Less(t, maxAbs(r.machine.W), scale*2)
	for j := range rbmHidden {
		g := r.fields[j].Rect
		w := r.machine.ReceptiveField(j)
		for i, v := range w {
			x := g.X + (float64(i%rbmSide)+0.5)*g.W/rbmSide
			y := g.Y + (float64(i/rbmSide)+0.5)*g.H/rbmSide
			assert.Equal(t, color.RGBA(ui.Diverging(v/scale)), img.At(int(x), int(y)), "h%d pixel %d, w = %.3f", j+1, i, v)
		}
	}
	for i, p := range r.out {
		c := r.outCell(i)
		assert.Equal(t, color.RGBA(ui.Sequential(p)), img.At(int(c.CenterX()), int(c.Y+4)), "v′ %d = %.3f", i, p)
	}
}

// The sliders' extremes (the largest rate, k = 10, the top speed) train
// without NaN and draw without trouble.
func TestRBMExtremeSettings(t *testing.T) {
	h := newHarness(t, "rbm", 1280, 800)
	r := h.s.(*rbmLab)
	r.rate.Set(math.Inf(1))
	r.k.Set(99)
	r.transport.Speed.Set(1e9)
	r.transport.Running = true
	for k := 0; k < 40; k++ {
		h.step(t)
	}
	assert.Equal(t, 4000, r.trainer.Updates)
	assert.Equal(t, 10, r.trainer.K)
	require.NoError(t, r.machine.Validate(), "every weight is finite")
	for _, x := range append([]float64{r.recon, r.ll}, append(r.hid, r.out...)...) {
		require.False(t, math.IsNaN(x) || math.IsInf(x, 0))
	}
	assert.LessOrEqual(t, r.errS.Len(), rbmHistory)
	h.draw()
}

// The image can be painted from the keyboard: Tab reaches the grid after
// the controls above it, the arrows move the selection and Enter flips the
// selected pixel; the reconstruction follows.
func TestRBMGridByKeyboard(t *testing.T) {
	h := newHarness(t, "rbm", 1280, 800)
	r, in := h.s.(*rbmLab), h.in
	in.Key(ebiten.KeyC)
	h.step(t)
	for r.focus.Current() != &r.grid {
		in.Key(ebiten.KeyTab)
		h.step(t)
	}
	for _, k := range []ebiten.Key{ebiten.KeyArrowUp, ebiten.KeyArrowRight, ebiten.KeyEnter} {
		in.Key(k)
		h.step(t)
	}
	assert.Equal(t, 2, r.sel)
	assert.Equal(t, []float64{0, 0, 1, 0, 0, 0, 0, 0, 0}, r.vis)
	assert.Equal(t, "painted by hand", r.source)
	assert.Equal(t, r.machine.Reconstruct(nil, nil, r.vis), r.out)
	h.draw()
	assert.Equal(t, 2, r.grid.Selected, "the selection shows while the grid has the focus")
	in.Key(ebiten.KeyEscape)
	h.step(t)
	h.draw()
	assert.Equal(t, -1, r.grid.Selected)
}

// What the scene says about an update is what the trainer does: one
// update is one pass over all three shapes, with the momentum the help
// names.
func TestRBMTextMatchesTrainer(t *testing.T) {
	r := newRBMLab(1).(*rbmLab)
	require.True(t, r.trainer.Step(), "one update finishes an epoch")
	assert.Equal(t, 1, r.trainer.Epochs)
	assert.Equal(t, "One CD update uses all three shapes.", r.batchText())
	assert.Contains(t, r.Help(), "One CD update uses all three shapes. Momentum 0.5 carries")
	assert.Equal(t, 0.5, r.trainer.Momentum)
	r.trainer.Batch = 2
	assert.Equal(t, "One CD update uses 2 shapes of the 3.", r.batchText())
}
