package scenes

import (
	"fmt"
	"image/color"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/cli"
	"boltzlab/scenes/internal/ebitentest"
	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

func TestMain(m *testing.M) { ebitentest.Main(m) }

// harness drives a Manager showing one scene on a screen of a chosen
// size, with fake input, recording the notices it shows.
type harness struct {
	m      *Manager
	s      Scene
	in     *ui.Fake
	notes  []string
	img    *ebiten.Image
	notify func(string) // records notices; made once
}

func newHarness(t *testing.T, name string, w, h int) *harness {
	t.Helper()
	m, err := NewManager(Options{Scene: name, Seed: 1})
	require.NoError(t, err)
	m.Resize(w, h, 1)
	return &harness{m: m, s: m.Scene(), in: &ui.Fake{}, img: ebiten.NewImage(w, h)}
}

// ctx returns the context the scene sees in a frame.
func (h *harness) ctx() *Context {
	c := h.m.context(h.in)
	if h.notify == nil {
		h.notify = func(msg string) { h.m.Notify(msg); h.notes = append(h.notes, msg) }
	}
	c.Notify = h.notify
	return c
}

// step runs one tick of the frame skeleton with the fake input, then
// clears the one-frame events.
func (h *harness) step(t *testing.T) {
	t.Helper()
	h.m.layout()
	h.m.scrollPage(h.in)
	before := h.m.noticed
	require.NoError(t, h.m.frame(h.ctx()))
	if h.m.noticed != before && (len(h.notes) == 0 || h.notes[len(h.notes)-1] != h.m.notice) {
		h.notes = append(h.notes, h.m.notice)
	}
	h.in.Idle()
}

// draw draws a whole frame, header and overlays included.
func (h *harness) draw() {
	h.img.Clear()
	h.m.Draw(h.img)
}

// sizes are the screens every scene is checked on: a laptop, a small
// window, a phone held upright, and a large monitor.
var sizes = [][2]int{{1280, 800}, {1024, 640}, {390, 844}, {1920, 1080}}

// The scenes' names agree with the list the command line offers, and each
// scene honours the whole contract: layout, keys, controls, a frame in its
// busiest state at every size, reset, and state that is saved or honestly
// refused.
func TestRegistryContract(t *testing.T) {
	assert.Equal(t, cli.Scenes, Names())
	seen := map[string]bool{}
	for _, e := range Registry() {
		t.Run(e.Name, func(t *testing.T) {
			require.False(t, seen[e.Name], "duplicate scene %q", e.Name)
			seen[e.Name] = true
			s := e.New(7)
			assert.NotEmpty(t, s.Title())
			assert.NotEmpty(t, s.Caption())
			assert.NotEmpty(t, s.Help())
			require.NotNil(t, s.Layout())
			require.NotNil(t, s.Focus())
			ids := map[string]bool{}
			for _, c := range s.Controls() {
				require.NotEmpty(t, c.ID)
				require.NotNil(t, c.R)
				require.False(t, ids[c.ID], "control %q twice", c.ID)
				ids[c.ID] = true
			}
			for _, b := range s.Keys() {
				assert.True(t, ids[b.ID], "key %s is bound to %q, which is no control", b.Label, b.ID)
			}
			if st, err := s.State(); err == nil {
				require.NoError(t, s.SetState(st))
			} else {
				require.ErrorIs(t, err, ErrNoState)
			}
			for _, sz := range sizes {
				h := newHarness(t, e.Name, sz[0], sz[1])
				h.s.Busiest()
				for range 5 {
					h.step(t)
				}
				h.draw()
				for _, c := range h.s.Controls() {
					assert.False(t, math.IsNaN(c.R.X+c.R.Y+c.R.W+c.R.H), "%s at %v", c.ID, sz)
					assert.GreaterOrEqual(t, c.R.X, -0.5, "%s at %v starts off screen", c.ID, sz)
					assert.LessOrEqual(t, c.R.Right(), float64(sz[0])+0.5, "%s at %v ends off screen", c.ID, sz)
				}
				for _, j := range h.s.Jobs() {
					j.Cancel()
				}
			}
			h := newHarness(t, e.Name, 1280, 800)
			h.s.SetRunning(true)
			h.step(t)
			h.s.Reset()
			assert.False(t, h.s.Running(), "Reset stops the scene")
		})
	}
}

// No scene binds a key the Manager keeps, or one key (with the same
// modifiers) twice.
func TestKeysDoNotCollide(t *testing.T) {
	type chord struct {
		k   ebiten.Key
		mod ui.Mod
	}
	global := map[chord]string{}
	for _, b := range GlobalKeys {
		global[chord{b.Key, b.Mod}] = b.Label
	}
	for _, e := range Registry() {
		mine := map[chord]string{}
		for _, b := range e.New(1).Keys() {
			c := chord{b.Key, b.Mod}
			assert.Empty(t, global[c], "%s: %s (%s) is a global key", e.Name, b.Label, b.ID)
			if id, ok := mine[c]; ok && id != b.ID {
				t.Errorf("%s: %s is bound to both %s and %s", e.Name, b.Label, id, b.ID)
			}
			mine[c] = b.ID
		}
	}
}

// The help overlay's list of the global keys is made from GlobalKeys, so
// every key there is named with what it does, and the scene digits as the
// range of scenes there are.
func TestHelpNamesEveryGlobalKey(t *testing.T) {
	m, err := NewManager(Options{Seed: 1})
	require.NoError(t, err)
	help := m.keysHelp
	keys := map[string]string{} // what each part says it does → the keys it names
	for _, part := range strings.Split(help, " · ") {
		k, does, ok := strings.Cut(part, ": ")
		require.True(t, ok, part)
		keys[does] = k
	}
	for _, b := range GlobalKeys {
		if b.ID != "scene" {
			assert.Contains(t, strings.Split(keys[b.Does], " or "), b.Label, "%s: %s", b.ID, help)
		}
	}
	assert.Contains(t, help, fmt.Sprintf("1–%d or a tab: switch scene", len(Registry())))
	assert.Contains(t, help, focusedKeys)
	assert.Equal(t, "1 or a tab: switch scene", strings.SplitN(globalHelp(1), " · ", 2)[0])
	assert.Contains(t, headerKeys, GlobalKeys.Hint("help")+" help")
}

// A plain letter binding does not fire while Ctrl is held, so Ctrl+C can
// mean something else beside a scene's C.
func TestKeysNeedExactModifiers(t *testing.T) {
	k := ui.Keymap{{ID: "x", Key: ebiten.KeyC, Label: "C"}}
	in := &ui.Fake{}
	in.Key(ebiten.KeyC)
	assert.True(t, k.Fired(in, "x"))
	in.ModsHeld = ui.ModCtrl
	assert.False(t, k.Fired(in, "x"))
}

// widgetRect returns a focusable widget's rectangle.
func widgetRect(t *testing.T, w any) ui.Rect {
	switch w := w.(type) {
	case *ui.Button:
		return w.Rect
	case *ui.Slider:
		return w.Rect
	case *ui.Toggle:
		return w.Rect
	case *ui.UnitGrid:
		return w.Rect
	}
	t.Fatalf("no rectangle for %T", w)
	return ui.Rect{}
}

// assertTabOrder presses Tab through every focusable widget of the scene
// and checks that each comes after the one before in reading order: to
// its right, or lower down, or at the top of a column further right; that
// Tab meets every widget once and then comes round to the first again;
// and that Shift+Tab goes back the same way.
func assertTabOrder(t *testing.T, name string, w, hgt int) {
	t.Helper()
	h := newHarness(t, name, w, hgt)
	h.step(t)
	f := h.s.Focus()
	var prev ui.Rect
	var met []any
	for k := range f.Order {
		h.in.Key(ebiten.KeyTab)
		h.step(t)
		require.Same(t, f.Order[k], f.Current(), "%s: Tab %d at %dx%d", name, k+1, w, hgt)
		require.NotContains(t, met, f.Current(), "%s: Tab %d at %dx%d comes back to a widget", name, k+1, w, hgt)
		met = append(met, f.Current())
		r := widgetRect(t, f.Current())
		require.Greater(t, r.W, 0.0, "%s: widget %d at %dx%d has no room", name, k, w, hgt)
		if k > 0 {
			right := r.X >= prev.Right()-0.5
			below := r.Y >= prev.Bottom()-0.5
			sameRowOn := math.Abs(r.Y-prev.Y) < 0.5 && r.X > prev.X
			assert.True(t, right || below || sameRowOn, "%s at %dx%d: Tab goes from %v back to %v", name, w, hgt, prev, r)
			if right && !below && r.Y < prev.Y-0.5 {
				// A new column: nothing focusable may sit below prev
				// and left of r, or the eye would meet it first.
				for _, o := range f.Order[k+1:] {
					or := widgetRect(t, o)
					assert.False(t, or.Right() <= r.X+0.5 && or.Y > prev.Y, "%s at %dx%d: a widget at %v is skipped", name, w, hgt, or)
				}
			}
		}
		prev = r
	}
	h.in.Key(ebiten.KeyTab)
	h.step(t)
	require.Same(t, met[0], f.Current(), "%s at %dx%d: Tab after the last widget goes to the first", name, w, hgt)
	for k := len(met) - 1; k >= 0; k-- {
		h.in.Key(ebiten.KeyTab)
		h.in.ShiftHeld = true
		h.step(t)
		h.in.ShiftHeld = false
		require.Same(t, met[k], f.Current(), "%s at %dx%d: Shift+Tab %d", name, w, hgt, len(met)-k)
	}
}

// In every scene Tab moves through the controls in the order they are
// read, at every size: down a column before the one beside it on a wide
// window, and in the order the panels stack on a phone.
func TestTabFollowsReadingOrder(t *testing.T) {
	for _, e := range Registry() {
		for _, sz := range sizes {
			assertTabOrder(t, e.Name, sz[0], sz[1])
		}
	}
}

// A notice stays on screen for about three seconds of wall time, however
// many or few frames pass; only over the scene it came from, and never
// over the help.
func TestNoticeLastsThreeSeconds(t *testing.T) {
	h := newHarness(t, "recall", 1280, 800)
	clock := time.Unix(1_000_000, 0)
	h.m.now = func() time.Time { return clock }
	h.step(t)
	// Just above the bottom edge of the notice, in the middle, where its
	// box is filled and its text does not reach.
	x, y := 640, 800-int(h.m.th.Px(ui.GapL))-4
	shown := func() bool {
		h.draw()
		return h.img.At(x, y) == color.Color(ui.ControlHi)
	}
	require.False(t, shown(), "no notice yet")

	h.m.Notify("Saved")
	assert.True(t, shown())
	for range 300 { // five seconds' worth of ticks at 60 a second
		h.step(t)
	}
	assert.True(t, shown(), "ticks alone do not end a notice")
	clock = clock.Add(2900 * time.Millisecond)
	assert.Positive(t, h.m.noticeLeft(), "still there after 2.9 s")
	clock = clock.Add(200 * time.Millisecond)
	assert.Zero(t, h.m.noticeLeft(), "gone after 3.1 s")
	assert.False(t, shown())

	h.m.Notify("Saved")
	h.m.switchTo(1)
	assert.Zero(t, h.m.noticeLeft(), "not shown over another scene")
	h.m.switchTo(0)
	assert.Positive(t, h.m.noticeLeft(), "back with its scene")
	h.m.help = true
	assert.Zero(t, h.m.noticeLeft(), "not shown over the help")
	h.m.help = false
	assert.True(t, shown())
}

// A toggle bound to a key shows the key after its label, as a button
// does, and has room for it at every size.
func TestTogglesShowTheirKey(t *testing.T) {
	for _, e := range Registry() {
		for _, sz := range sizes {
			h := newHarness(t, e.Name, sz[0], sz[1])
			h.step(t)
			h.draw()
			for _, w := range h.s.Focus().Order {
				tg, ok := w.(*ui.Toggle)
				if !ok {
					continue
				}
				want := h.s.Keys().Hint(tg.ID)
				assert.Equal(t, want, tg.Hint, "%s: %s", e.Name, tg.ID)
				if want != "" {
					assert.True(t, tg.ShowsHint(), "%s at %v: %s has no room for its key %s", e.Name, sz, tg.ID, want)
				}
			}
		}
	}
}

// Every text every scene draws fits the box it is drawn in, at every size,
// with the help overlay open and closed.
func TestTextFits(t *testing.T) {
	var over []string
	ui.Overflow = func(s string, need, have float64) {
		over = append(over, fmt.Sprintf("%q needs %.0f px, has %.0f", s, need, have))
	}
	defer func() { ui.Overflow = nil }()
	for _, e := range Registry() {
		for _, sz := range sizes {
			h := newHarness(t, e.Name, sz[0], sz[1])
			h.s.Busiest()
			for range 3 {
				h.step(t)
			}
			over = over[:0]
			h.draw()
			h.m.help = true
			h.draw()
			assert.Empty(t, over, "%s at %dx%d", e.Name, sz[0], sz[1])
			for _, j := range h.s.Jobs() {
				j.Cancel()
			}
		}
	}
}

// On a phone held upright the page uses the screen's width instead of
// shrinking a desktop layout: text keeps its size and the page scrolls.
func TestPhoneLayoutReflows(t *testing.T) {
	h := newHarness(t, "recall", 390, 844)
	assert.Equal(t, 1.0, h.m.Theme().U)
	h.step(t)
	r := h.s.(*recall)
	assert.Greater(t, r.grid.Rect.W, 300.0, "the grid spans the phone's width")
	assert.Greater(t, h.m.overflow(), 0.0, "the rest of the page scrolls")
	h.in.WheelY = -3
	h.in.P = ui.Pointer{X: 2, Y: 600} // the page margin, no control
	h.step(t)
	assert.Greater(t, h.m.pages[h.m.active].scroll, 0.0)
}

// The grid on screen shows exactly the state the chain holds.
func TestRecallDrawsItsState(t *testing.T) {
	h := newHarness(t, "recall", 1280, 800)
	r := h.s.(*recall)
	h.step(t)
	img := h.img
	check := func(state []int8) {
		r.chain.SetState(state)
		h.draw()
		for i, v := range state {
			c := r.grid.Rect
			// Sample off-centre so unit labels and rings never interfere.
			x := c.X + (float64(i%3)+0.7)*c.W/3
			y := c.Y + (float64(i/3)+0.7)*c.H/3
			want := ui.UnitOff
			if v > 0 {
				want = ui.UnitOn
			}
			assert.Equal(t, color.RGBA(want), img.At(int(x), int(y)), "unit %d of %s", i, sim.String(state))
		}
	}
	for _, p := range sim.TL() {
		check(p.Units)
	}
	s := make([]int8, 9)
	sim.StateOf(s, 0b101010101)
	check(s)
}

func cellCentre(g ui.UnitGrid, i int) (float64, float64) {
	return g.Rect.X + (float64(i%g.Cols)+0.5)*g.Rect.W/float64(g.Cols),
		g.Rect.Y + (float64(i/g.Cols)+0.5)*g.Rect.H/float64(g.Rows)
}

// Painting with the pointer changes the simulated state, and storing the
// painted pattern adds it to the weights by the Hebbian rule.
func TestRecallPaintAndStore(t *testing.T) {
	h := newHarness(t, "recall", 1280, 800)
	r, in := h.s.(*recall), h.in
	h.step(t) // lays the widgets out

	// Paint a plus sign: start from all off by erasing, then paint.
	all := make([]int8, 9)
	for i := range all {
		all[i] = -1
	}
	r.chain.SetState(all)
	for k, i := range []int{1, 3, 4, 5, 7} {
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
	plus := sim.MustPattern("plus", ".#.|###|.#.").Units
	require.Equal(t, plus, r.chain.State())

	in.Key(ebiten.KeyP)
	h.step(t)
	require.Len(t, r.memories, 3)
	want := sim.Hebbian(sim.TL()[0].Units, sim.TL()[1].Units, plus)
	assert.Equal(t, want.W, r.net.W)
	assert.Equal(t, "P1", r.memories[2].Name)
	total := 0
	for _, n := range r.counts {
		total += n
	}
	assert.Equal(t, 512, total, "every state has a basin")

	in.Key(ebiten.KeyP) // the same pattern again is refused
	h.step(t)
	assert.Len(t, r.memories, 3)
	assert.Contains(t, h.notes[len(h.notes)-1], "already")

	in.Key(ebiten.KeyDelete)
	h.step(t)
	assert.Empty(t, r.memories)
	assert.Equal(t, make([]float64, 81), r.net.W)
	assert.Equal(t, 512, r.counts[sim.None], "with no weights every state is its own spurious minimum")
}

// Two stored memories that differ in one unit leave that unit's field at
// zero in both: each is a valley only with a flat floor, since flipping
// that unit costs nothing. The panel says so rather than claiming that
// every flip raises the energy, and the sentence fits its box.
func TestRecallTellsFlatValleys(t *testing.T) {
	for _, sz := range [][2]int{{1280, 800}, {390, 844}} {
		h := newHarness(t, "recall", sz[0], sz[1])
		r, in := h.s.(*recall), h.in
		h.step(t)
		assert.Equal(t, "All of them are valleys: every single flip raises the energy.", r.valleyNote(), "T and L are strict")

		in.Key(ebiten.KeyDelete)
		h.step(t)
		a := sim.TL()[0].Units
		b := append([]int8(nil), a...)
		b[4] = -b[4]
		for _, p := range [][]int8{a, b} {
			r.chain.SetState(p)
			in.Key(ebiten.KeyP)
			h.step(t)
		}
		require.Len(t, r.memories, 2)
		assert.Equal(t, 2, r.stable, "no flip lowers the energy of either")
		assert.Equal(t, 0, r.strict, "in each, flipping the unit they differ in costs nothing")
		assert.NotContains(t, r.valleyNote(), "every single flip raises")
		assert.Contains(t, r.valleyNote(), "only 0 of 2 are strict")

		var over []string
		ui.Overflow = func(s string, need, have float64) { over = append(over, s) }
		h.draw()
		ui.Overflow = nil
		assert.Empty(t, over, "at %dx%d", sz[0], sz[1])
	}
}

// At a low temperature, a corrupted T run for a while is recalled, and the
// energy the scene plots is the simulation's.
func TestRecallRecoversAtLowTemperature(t *testing.T) {
	h := newHarness(t, "recall", 1280, 800)
	r, in := h.s.(*recall), h.in
	r.temp.Set(0.01)
	r.chain.T = r.temp.Value
	in.Key(ebiten.KeySpace)
	for k := 0; k < 200; k++ {
		h.step(t)
	}
	assert.True(t, r.transport.Running)
	assert.Equal(t, sim.Match{Index: 0}, sim.Classify(r.chain.State(), r.memories))
	msg, _ := r.status()
	assert.Equal(t, "recalled: T", msg)
	_, e, ok := r.energy.Last()
	require.True(t, ok)
	assert.Equal(t, r.net.Energy(r.chain.State()), e)
	assert.Equal(t, -36.0, e)

	in.Key(ebiten.KeyR)
	h.step(t)
	assert.Equal(t, 0, r.chain.Updates)
	assert.False(t, r.transport.Running)
}

// Clicking a cell of the basin map jumps to the state it shows, and the
// map's layout puts single-flip neighbours side by side.
func TestRecallBasinMap(t *testing.T) {
	h := newHarness(t, "recall", 1280, 800)
	r, in := h.s.(*recall), h.in
	h.step(t)
	b := r.basinBox
	cw, ch := b.W/basinCols, b.H/basinRows
	in.Press(b.X+cw*5.5, b.Y+ch*9.5)
	h.step(t)
	assert.Equal(t, uint64(basinState(5, 9)), sim.IndexOf(r.chain.State()))

	for rw := 0; rw < basinRows; rw++ {
		for c := 0; c < basinCols; c++ {
			idx := basinState(c, rw)
			gc, gr := basinCell(idx)
			require.Equal(t, [2]int{c, rw}, [2]int{gc, gr})
			if c+1 < basinCols {
				d := idx ^ basinState(c+1, rw)
				require.Equal(t, 0, d&(d-1), "one unit differs")
			}
		}
	}
}

// The unit readout and the Sigmoid scene's shared numbers come from sim.
func TestRecallSharesSelectedUnit(t *testing.T) {
	h := newHarness(t, "recall", 1280, 800)
	r, in := h.s.(*recall), h.in
	in.Key(ebiten.KeyArrowRight)
	h.step(t)
	assert.Equal(t, 5, r.grid.Selected)
	assert.True(t, h.m.shared.HasUnit)
	assert.Equal(t, 5, h.m.shared.Unit)
	assert.Equal(t, r.net.DeltaE(r.chain.State(), 5), h.m.shared.DeltaE)

	in.Key(ebiten.KeyPeriod)
	h.step(t)
	u := r.chain.Last
	assert.True(t, r.updated[u.Unit])
	assert.Equal(t, u, r.last[u.Unit])
	assert.False(t, math.IsNaN(u.POn))
}

// Extreme temperatures from the slider never produce NaN anywhere the
// scene reads.
func TestRecallExtremeTemperatures(t *testing.T) {
	h := newHarness(t, "recall", 1280, 800)
	r := h.s.(*recall)
	for _, T := range []float64{-5, 0, 1e-300, math.NaN(), 1e300, math.Inf(1)} {
		r.temp.Set(T)
		r.chain.T = r.temp.Value
		r.transport.Running = true
		for k := 0; k < 30; k++ {
			h.step(t)
		}
		u := r.chain.Last
		require.False(t, math.IsNaN(u.POn+u.DeltaE+u.Draw+r.chain.Energy()), "T=%v", T)
		require.True(t, r.temp.Value >= r.temp.Min && r.temp.Value <= r.temp.Max)
		h.draw()
	}
}

// A tick whose budget is already spent still makes its first step, and
// only that one; with no deadline every asked-for step is made.
func TestContextMore(t *testing.T) {
	ctx := &Context{Steps: 3, Deadline: time.Now().Add(-time.Second)}
	assert.True(t, ctx.More(0))
	assert.False(t, ctx.More(1))
	ctx.Deadline = time.Time{}
	assert.True(t, ctx.More(2))
	assert.False(t, ctx.More(3))
	ctx.Steps = 0
	assert.False(t, ctx.More(0), "a paused scene makes no step")
}

// On a phone a scene's help is taller than the screen: it scrolls with a
// drag or the wheel, no further than its end, and a tap closes it while a
// drag does not.
func TestHelpScrollsOnAPhone(t *testing.T) {
	h := newHarness(t, "recall", 390, 844)
	h.step(t)
	h.m.help = true
	h.draw()
	v := &h.m.helpView
	require.Positive(t, v.over, "the help is taller than the phone")

	in := &ui.Fake{}
	in.Press(200, 600)
	assert.False(t, v.pointer(in, h.m.th))
	in.Move(200, 300)
	assert.False(t, v.pointer(in, h.m.th))
	assert.InDelta(t, math.Min(300, v.over), v.scroll, 1e-9, "the drag scrolls")
	in.Release()
	assert.False(t, v.pointer(in, h.m.th), "a drag does not close the help")

	in.Idle()
	in.WheelY = -1000
	v.pointer(in, h.m.th)
	assert.Equal(t, v.over, v.scroll, "no further than the end")
	in.WheelY = 0

	in.Press(200, 400)
	v.pointer(in, h.m.th)
	in.Release()
	assert.True(t, v.pointer(in, h.m.th), "a tap closes it")
}
