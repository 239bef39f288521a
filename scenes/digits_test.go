package scenes

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/assets/digits"
	"boltzlab/scenes/ui"
)

func digitsHarness(t *testing.T, w, h int) (*harness, *digitsScene) {
	t.Helper()
	hr := newHarness(t, "digits", w, h)
	d := hr.s.(*digitsScene)
	require.True(t, d.ready, "the desktop build has the digits at once: %s", d.fault)
	return hr, d
}

// The scene opens on the shipped machine, trains through the transport,
// and the curves gain points measured off the hot path.
func TestDigitsTrainsAndMeasures(t *testing.T) {
	h, d := digitsHarness(t, 1280, 800)
	assert.False(t, d.Running())
	assert.Equal(t, 0, d.trainer.Updates)
	h.in.Key(ebiten.KeySpace)
	for range 60 {
		h.step(t)
	}
	assert.True(t, d.Running())
	assert.Greater(t, d.trainer.Updates, 20)
	assert.Greater(t, d.errS.Len(), 0, "a curve point within a second")
	for _, s := range d.scores {
		assert.False(t, s != s, "a NaN score")
	}
	assert.Less(t, d.scores[3], -40.0)
	assert.Greater(t, d.scores[3], -200.0, "the shipped machine scores well on held-out digits")
	h.draw()

	// From scratch starts again from small weights and keeps training.
	h.in.Key(ebiten.KeyZ)
	h.step(t)
	assert.True(t, d.Running())
	assert.LessOrEqual(t, d.trainer.Updates, 3)
	assert.Less(t, maxAbs(d.machine.W), 1.0)

	h.s.Reset()
	assert.False(t, d.Running())
	assert.Equal(t, d.pretrained.W, d.machine.W)
}

// Dreaming moves the chains every frame, k steps at a time while they
// fit in the frame's budget and at least one when they do not, and never
// leaves probabilities outside [0, 1].
func TestDigitsDreams(t *testing.T) {
	h, d := digitsHarness(t, 1280, 800)
	d.dreamK.Set(3)
	d.budget = 0
	h.step(t)
	assert.Equal(t, 1, d.dreamSteps, "a spent budget still moves the chains")
	d.restartChains()
	d.budget = time.Hour
	before := append([]float64(nil), d.chains.P[0]...)
	h.step(t)
	assert.Equal(t, 3, d.dreamSteps)
	assert.NotEqual(t, before, d.chains.P[0])
	for _, p := range d.chains.P {
		for _, x := range p {
			require.True(t, x >= 0 && x <= 1)
		}
	}
	h.in.Key(ebiten.KeyD)
	h.step(t)
	assert.False(t, d.dream.On)
	assert.Equal(t, 3, d.dreamSteps)
}

// Erasing the middle of a test digit and filling it in step by step
// repairs it: over 20 test digits, the filled-in pixels are wrong less
// often than the blank ones were, and the clamped pixels never change.
func TestDigitsInpaints(t *testing.T) {
	h, d := digitsHarness(t, 1280, 800)
	var blankSum, wrongSum int
	for range 20 {
		h.in.Key(ebiten.KeyN)
		h.step(t)
		h.in.Key(ebiten.KeyX)
		h.step(t)
		erased, wrong, blank := d.fillCounts()
		require.Equal(t, 100, erased)
		assert.Equal(t, blank, wrong, "the erased square starts blank")
		for range digitsFillMax * digitsFillWait {
			h.step(t)
		}
		assert.Equal(t, digitsFillMax, d.fillSteps)
		_, wrong, _ = d.fillCounts()
		blankSum += blank
		wrongSum += wrong
		for i, f := range d.free {
			if !f {
				require.Equal(t, d.orig[i], d.canv[i])
			}
		}
	}
	t.Logf("wrong pixels in 20 erased squares: %d blank, %d filled in", blankSum, wrongSum)
	assert.Less(t, wrongSum, blankSum)

	// The brush erases under the pointer; with ink on it inks and clamps.
	h.in.Key(ebiten.KeyO)
	h.step(t)
	c := d.canvas
	h.in.Press(c.X+c.W/2, c.Y+c.H/2)
	h.step(t)
	h.in.Release()
	h.step(t)
	erased, _, _ := d.fillCounts()
	assert.Equal(t, 5, erased, "a press erases a small cross")
	h.in.Key(ebiten.KeyB)
	h.step(t)
	assert.True(t, d.ink.On)
	h.in.Press(c.X+c.W/2, c.Y+c.H/2)
	h.step(t)
	h.in.Release()
	h.step(t)
	i := digits.Side*(digits.Side/2) + digits.Side/2
	assert.False(t, d.free[i])
	assert.Equal(t, 1.0, d.canv[i])
}

// Save writes JSON that loads back to the same machine; a file of
// another shape or a malformed one is refused and changes nothing.
func TestDigitsSaveLoad(t *testing.T) {
	h, d := digitsHarness(t, 1280, 800)
	var buf bytes.Buffer
	require.NoError(t, d.machine.WriteJSON(&buf))
	h.in.Key(ebiten.KeyZ)
	h.step(t)
	ctx := h.ctx()
	require.True(t, d.loadJSON(buf.Bytes(), "test", ctx))
	assert.Equal(t, d.pretrained.W, d.machine.W)
	w := append([]float64(nil), d.machine.W...)
	assert.False(t, d.loadJSON([]byte(`{"visible":9,"hidden":4}`), "bad", ctx))
	assert.False(t, d.loadJSON([]byte(`nonsense`), "bad", ctx))
	assert.Equal(t, w, d.machine.W)
}

// A machine the page's file picker brings back reaches the Digits scene,
// which loads it; one of another shape is refused and changes nothing.
func TestDigitsLoadsAPickedMachine(t *testing.T) {
	h, d := digitsHarness(t, 1280, 800)
	var buf bytes.Buffer
	require.NoError(t, d.machine.WriteJSON(&buf))
	h.in.Key(ebiten.KeyZ) // from scratch
	h.step(t)
	require.NotEqual(t, d.pretrained.W, d.machine.W)
	h.m.Receive("machine:digits", "mine.json", buf.String())
	h.m.open(<-h.m.incoming)
	assert.Equal(t, d.pretrained.W, d.machine.W)
	assert.Equal(t, "Loaded the machine from mine.json", h.m.notice)

	w := append([]float64(nil), d.machine.W...)
	h.m.Receive("machine:digits", "bad.json", `{"visible":9,"hidden":4}`)
	h.m.open(<-h.m.incoming)
	assert.Contains(t, h.m.notice, "Not loaded, nothing changed: bad.json")
	assert.Equal(t, w, d.machine.W)
	h.m.Receive("machine:nosuch", "x.json", buf.String())
	h.m.open(<-h.m.incoming)
	assert.Contains(t, h.m.notice, "not open")
	assert.Equal(t, w, d.machine.W)
}

// The state carries the settings and the seed, and a bad one is refused.
func TestDigitsState(t *testing.T) {
	_, d := digitsHarness(t, 1280, 800)
	d.rate.Set(0.2)
	d.dreamK.Set(4)
	d.digit = 7
	st, err := d.State()
	require.NoError(t, err)
	// Restored before the files are loaded, the settings survive the
	// setting up that follows.
	e := newDigits(3).(*digitsScene)
	require.NoError(t, e.SetState(st))
	e.Activate(nil)
	require.True(t, e.ready)
	assert.InDelta(t, 0.2, e.rate.Value, 1e-12)
	assert.InDelta(t, 0.2, e.trainer.Rate, 1e-12)
	assert.Equal(t, 4.0, e.dreamK.Value)
	assert.Equal(t, 7, e.digit)
	assert.Equal(t, uint64(1), e.seed)
	bad := st
	bad.Data = []byte(`{"rate":99,"speed":2,"dream_k":1}`)
	assert.Error(t, e.SetState(bad))
	assert.InDelta(t, 0.2, e.rate.Value, 1e-12)
}

// While the files are on their way the scene shows its progress, and when
// they cannot be had it says why; both fit a phone's width, and opening
// the scene again tries once more.
func TestDigitsLoadingAndFault(t *testing.T) {
	var over []string
	ui.Overflow = func(s string, need, have float64) { over = append(over, s) }
	defer func() { ui.Overflow = nil }()
	for _, w := range []int{390, 1280} {
		h := newHarness(t, "digits", w, 800)
		d := h.s.(*digitsScene)
		d.ready, d.files = false, &digitFiles{}
		d.files.progress.Store(1 << 19)
		h.step(t)
		h.draw()
		assert.False(t, d.ready)
		d.files.err = errors.New("mnist-subset.bin: the server answered 404")
		d.files.done.Store(true)
		h.step(t)
		h.draw()
		assert.Contains(t, d.fault, "404")
		d.Activate(h.ctx())
		h.step(t)
		assert.True(t, d.ready, "a second try succeeds")
		assert.Empty(t, over)
	}
}

// Where a frame does one kind of work, the kinds that are due take turns,
// and one that is due alone runs every frame.
func TestDigitsWorkTakesTurns(t *testing.T) {
	_, d := digitsHarness(t, 1280, 800)
	d.turn = 0
	var got []string
	for range 6 {
		tr, dr, ev := d.takeTurn(true, true, true)
		got = append(got, map[[3]bool]string{{true, false, false}: "train", {false, true, false}: "dream", {false, false, true}: "eval"}[[3]bool{tr, dr, ev}])
	}
	assert.Equal(t, []string{"train", "dream", "eval", "train", "dream", "eval"}, got)
	for range 3 {
		tr, dr, ev := d.takeTurn(false, true, false)
		assert.Equal(t, [3]bool{false, true, false}, [3]bool{tr, dr, ev})
	}
	tr, dr, ev := d.takeTurn(false, false, false)
	assert.Equal(t, [3]bool{}, [3]bool{tr, dr, ev})
}
