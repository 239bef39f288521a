package scenes

import (
	"image/color"
	"math"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/scenes/internal/ebitentest"
	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

func TestMain(m *testing.M) { ebitentest.Main(m) }

// testContext returns a context on a 1280×800 screen with fake input and a
// record of the notices shown.
func testContext(in *ui.Fake, notes *[]string) *Context {
	return &Context{In: in, L: ui.NewLayout(1280, 800), Seed: 1, Shared: &Shared{},
		Notify: func(msg string) {
			if notes != nil {
				*notes = append(*notes, msg)
			}
		}}
}

// step runs one frame of scene s with the fake input.
func step(t *testing.T, s Scene, ctx *Context, in *ui.Fake) {
	t.Helper()
	require.NoError(t, s.Update(ctx))
	in.Idle()
}

func TestRegistryNamesAreUniqueAndBuild(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range Registry() {
		require.False(t, seen[e.Name], "duplicate scene %q", e.Name)
		seen[e.Name] = true
		s := e.New(7)
		assert.NotEmpty(t, s.Title())
		assert.NotEmpty(t, s.Caption())
		assert.NotEmpty(t, s.Help())
	}
	assert.Equal(t, "recall", Registry()[0].Name)
}

func TestManagerRejectsUnknownScene(t *testing.T) {
	_, err := NewManager(Options{Scene: "nope"})
	require.ErrorIs(t, err, ErrUnknownScene)
	m, err := NewManager(Options{Scene: "recall", Seed: 3})
	require.NoError(t, err)
	assert.Equal(t, "recall", m.ActiveName())
	assert.False(t, m.SwitchByName("nope"))
}

// The grid on screen shows exactly the state the chain holds.
func TestRecallDrawsItsState(t *testing.T) {
	r := newRecall(1).(*recall)
	in := &ui.Fake{}
	ctx := testContext(in, nil)
	img := ebiten.NewImage(1280, 800)
	check := func(state []int8) {
		r.chain.SetState(state)
		img.Clear()
		r.Draw(img, ctx)
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
	r := newRecall(1).(*recall)
	in := &ui.Fake{}
	var notes []string
	ctx := testContext(in, &notes)
	step(t, r, ctx, in) // lays the widgets out

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
		step(t, r, ctx, in)
	}
	in.Release()
	step(t, r, ctx, in)
	plus := sim.MustPattern("plus", ".#.|###|.#.").Units
	require.Equal(t, plus, r.chain.State())

	in.Key(ebiten.KeyP)
	step(t, r, ctx, in)
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
	step(t, r, ctx, in)
	assert.Len(t, r.memories, 3)
	assert.Contains(t, notes[len(notes)-1], "already")

	in.Key(ebiten.KeyDelete)
	step(t, r, ctx, in)
	assert.Empty(t, r.memories)
	assert.Equal(t, make([]float64, 81), r.net.W)
	assert.Equal(t, 512, r.counts[sim.None], "with no weights every state is its own spurious minimum")
}

// At a low temperature, a corrupted T run for a while is recalled, and the
// energy the scene plots is the simulation's.
func TestRecallRecoversAtLowTemperature(t *testing.T) {
	r := newRecall(1).(*recall)
	in := &ui.Fake{}
	ctx := testContext(in, nil)
	r.temp.Set(0.01)
	r.chain.T = r.temp.Value
	in.Key(ebiten.KeySpace)
	for k := 0; k < 200; k++ {
		step(t, r, ctx, in)
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
	step(t, r, ctx, in)
	assert.Equal(t, 0, r.chain.Updates)
	assert.False(t, r.transport.Running)
}

// Clicking a cell of the basin map jumps to the state it shows, and the
// map's layout puts single-flip neighbours side by side.
func TestRecallBasinMap(t *testing.T) {
	r := newRecall(1).(*recall)
	in := &ui.Fake{}
	ctx := testContext(in, nil)
	b := r.basinRect(ctx.L)
	cw, ch := b.W/basinCols, b.H/basinRows
	in.Press(b.X+cw*5.5, b.Y+ch*9.5)
	step(t, r, ctx, in)
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
	r := newRecall(1).(*recall)
	in := &ui.Fake{}
	ctx := testContext(in, nil)
	in.Key(ebiten.KeyArrowRight)
	step(t, r, ctx, in)
	assert.Equal(t, 5, r.grid.Selected)
	assert.True(t, ctx.Shared.HasUnit)
	assert.Equal(t, 5, ctx.Shared.Unit)
	assert.Equal(t, r.net.DeltaE(r.chain.State(), 5), ctx.Shared.DeltaE)

	in.Key(ebiten.KeyPeriod)
	step(t, r, ctx, in)
	u := r.chain.Last
	assert.True(t, r.updated[u.Unit])
	assert.Equal(t, u, r.last[u.Unit])
	assert.False(t, math.IsNaN(u.POn))
}

// Extreme temperatures from the slider never produce NaN anywhere the
// scene reads.
func TestRecallExtremeTemperatures(t *testing.T) {
	r := newRecall(1).(*recall)
	in := &ui.Fake{}
	ctx := testContext(in, nil)
	img := ebiten.NewImage(1280, 800)
	for _, T := range []float64{-5, 0, 1e-300, math.NaN(), 1e300, math.Inf(1)} {
		r.temp.Set(T)
		r.chain.T = r.temp.Value
		r.transport.Running = true
		for k := 0; k < 30; k++ {
			step(t, r, ctx, in)
		}
		u := r.chain.Last
		require.False(t, math.IsNaN(u.POn+u.DeltaE+u.Draw+r.chain.Energy()), "T=%v", T)
		require.True(t, r.temp.Value >= r.temp.Min && r.temp.Value <= r.temp.Max)
		r.Draw(img, ctx)
	}
}
