package ui

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/scenes/internal/ebitentest"
)

func TestMain(m *testing.M) { ebitentest.Main(m) }

// frame runs one widget update with the fake input, then clears the
// one-frame events as the next frame would.
func frame(in *Fake, update func()) {
	update()
	in.Idle()
}

func TestSliderDrag(t *testing.T) {
	s := &Slider{Rect: Rect{100, 50, 200, 40}, Min: 0, Max: 10, Value: 5}
	tr := s.track()
	in := &Fake{}
	in.Press(tr.X+tr.W*0.25, tr.CenterY())
	frame(in, func() { assert.True(t, s.Update(in, nil)) })
	assert.InDelta(t, 2.5, s.Value, 1e-9)
	in.Move(tr.X+tr.W*0.75, tr.CenterY())
	frame(in, func() { s.Update(in, nil) })
	assert.InDelta(t, 7.5, s.Value, 1e-9)
	in.Move(tr.X+tr.W*5, tr.CenterY()) // far past the end: clamped
	frame(in, func() { s.Update(in, nil) })
	assert.Equal(t, 10.0, s.Value)
	in.Release()
	frame(in, func() { s.Update(in, nil) })
	in.Move(tr.X, tr.CenterY()) // hovering after release moves nothing
	frame(in, func() { assert.False(t, s.Update(in, nil)) })
	assert.Equal(t, 10.0, s.Value)
}

func TestSliderLogScale(t *testing.T) {
	s := &Slider{Rect: Rect{0, 0, 300, 40}, Min: 0.01, Max: 10, Value: 1, Log: true}
	tr := s.track()
	in := &Fake{}
	in.Press(tr.X+tr.W/3, tr.CenterY()) // a third of the way: 10^(−2+1) = 0.1
	frame(in, func() { s.Update(in, nil) })
	assert.InDelta(t, 0.1, s.Value, 1e-12)
	assert.InDelta(t, 1.0/3, s.fraction(s.Value), 1e-12)
}

func TestSliderKeyboardNeedsFocus(t *testing.T) {
	a := &Slider{Min: 0, Max: 100, Value: 50}
	b := &Slider{Min: 0, Max: 1, Value: 0.5, Integer: false}
	f := &Focus{Order: []any{a, b}}
	in := &Fake{}
	in.Key(ebiten.KeyArrowRight)
	frame(in, func() { f.Update(in); a.Update(in, f); b.Update(in, f) })
	assert.Equal(t, 50.0, a.Value, "no focus, no change")

	in.Key(ebiten.KeyTab)
	frame(in, func() { f.Update(in) })
	require.True(t, f.Is(a))
	in.Key(ebiten.KeyArrowRight)
	frame(in, func() { assert.True(t, a.Update(in, f)); b.Update(in, f) })
	assert.InDelta(t, 51, a.Value, 1e-9)
	assert.Equal(t, 0.5, b.Value)
	in.Key(ebiten.KeyPageDown)
	frame(in, func() { a.Update(in, f) })
	assert.InDelta(t, 41, a.Value, 1e-9)
	in.Key(ebiten.KeyEnd)
	frame(in, func() { a.Update(in, f) })
	assert.Equal(t, 100.0, a.Value)

	in.Key(ebiten.KeyTab)
	frame(in, func() { f.Update(in) })
	assert.True(t, f.Is(b))
	in.Key(ebiten.KeyTab)
	in.ShiftHeld = true
	frame(in, func() { f.Update(in) })
	assert.True(t, f.Is(a), "Shift+Tab goes back")
	in.ShiftHeld = false
	in.Key(ebiten.KeyEscape)
	frame(in, func() { f.Update(in) })
	assert.Nil(t, f.Current())
}

func TestSliderIntegerAndClamp(t *testing.T) {
	s := &Slider{Min: 1, Max: 500, Value: 3, Integer: true}
	f := &Focus{Order: []any{s}}
	f.Set(s)
	in := &Fake{}
	in.Key(ebiten.KeyArrowRight)
	frame(in, func() { s.Update(in, f) })
	assert.Equal(t, 8.0, s.Value, "1% of the range, rounded")
	s.Max = 10
	in.Key(ebiten.KeyArrowLeft)
	frame(in, func() { s.Update(in, f) })
	assert.Equal(t, 7.0, s.Value, "at least one whole step")
	assert.True(t, s.Set(math.NaN()))
	assert.Equal(t, 1.0, s.Value)
	s.Set(math.Inf(1))
	assert.Equal(t, 10.0, s.Value)
	s.Set(-1e300)
	assert.Equal(t, 1.0, s.Value)
}

func TestButton(t *testing.T) {
	b := &Button{Rect: Rect{10, 10, 100, 30}}
	in := &Fake{}
	in.Press(50, 20)
	frame(in, func() { assert.False(t, b.Update(in, nil)) })
	in.Release()
	frame(in, func() { assert.True(t, b.Update(in, nil), "press and release inside") })

	in.Press(50, 20)
	frame(in, func() { b.Update(in, nil) })
	in.Move(500, 500)
	frame(in, func() { b.Update(in, nil) })
	in.Release()
	frame(in, func() { assert.False(t, b.Update(in, nil), "released outside") })

	f := &Focus{Order: []any{b}}
	in.Key(ebiten.KeyEnter)
	frame(in, func() { assert.False(t, b.Update(in, f), "Enter without focus") })
	f.Set(b)
	in.Key(ebiten.KeyEnter)
	frame(in, func() { assert.True(t, b.Update(in, f)) })

	b.Disabled = true
	in.Press(50, 20)
	frame(in, func() { b.Update(in, nil) })
	in.Release()
	frame(in, func() { assert.False(t, b.Update(in, nil)) })
}

func TestToggle(t *testing.T) {
	tg := &Toggle{Rect: Rect{0, 0, 100, 20}}
	in := &Fake{}
	in.Press(5, 5)
	frame(in, func() { assert.True(t, tg.Update(in, nil)) })
	assert.True(t, tg.On)
	in.Release()
	frame(in, func() { assert.False(t, tg.Update(in, nil)) })
	assert.True(t, tg.On)
}

// A press toggles the unit under it; dragging paints the same new value
// across every unit it crosses, and never flips a unit back.
func TestUnitGridPainting(t *testing.T) {
	g := &UnitGrid{Rect: Rect{0, 0, 300, 300}, Cols: 3, Rows: 3, Paint: true, Selected: -1}
	values := []int8{-1, 1, -1, -1, -1, -1, -1, -1, -1}
	var sets []int
	set := func(i int, v int8) { values[i] = v; sets = append(sets, i) }
	center := func(i int) (float64, float64) { return float64(i%3)*100 + 50, float64(i/3)*100 + 50 }

	in := &Fake{}
	in.Press(center(0))
	frame(in, func() { assert.True(t, g.Update(in, values, set)) })
	assert.Equal(t, int8(1), values[0])
	for _, i := range []int{1, 2, 5, 4, 1} { // across an on unit and back over painted ones
		in.Move(center(i))
		frame(in, func() { g.Update(in, values, set) })
	}
	assert.Equal(t, []int8{1, 1, 1, -1, 1, 1, -1, -1, -1}, values)
	assert.Equal(t, []int{0, 2, 5, 4}, sets, "unit 1 was already on, and nothing is painted twice")
	in.Release()
	frame(in, func() { g.Update(in, values, set) })
	in.Move(center(8))
	frame(in, func() { assert.False(t, g.Update(in, values, set), "hovering does not paint") })

	// A stroke that starts on an on unit erases.
	in.Press(center(4))
	frame(in, func() { g.Update(in, values, set) })
	in.Move(center(5))
	frame(in, func() { g.Update(in, values, set) })
	assert.Equal(t, int8(-1), values[4])
	assert.Equal(t, int8(-1), values[5])
	in.Release()
	frame(in, func() { g.Update(in, values, set) })

	// Inspect mode selects and never paints.
	g.Paint = false
	before := append([]int8(nil), values...)
	in.Press(center(7))
	frame(in, func() { assert.True(t, g.Update(in, values, set)) })
	assert.Equal(t, 7, g.Selected)
	assert.Equal(t, before, values)
	assert.Equal(t, -1, g.At(-5, 10))
	assert.Equal(t, 8, g.At(299, 299))
}

func TestTabBar(t *testing.T) {
	tb := &TabBar{Tabs: []string{"A", "B", "C"}}
	assert.Equal(t, 44.0, tb.Place(Theme{U: 1}, 1280), "one row on a wide screen")
	r := tb.TabRect(2)
	in := &Fake{}
	in.Press(r.CenterX(), r.CenterY())
	frame(in, func() { assert.Equal(t, -1, tb.Update(in)) })
	in.Release()
	frame(in, func() { assert.Equal(t, 2, tb.Update(in)) })

	// On a phone the tabs wrap onto rows, each wide enough to read.
	tb.Tabs = []string{"1", "2", "3", "4", "5", "6", "7", "8"}
	h := tb.Place(Theme{U: 1}, 390)
	assert.Equal(t, 3*44.0, h)
	for i := range tb.Tabs {
		assert.GreaterOrEqual(t, tb.TabRect(i).W, float64(tabMinW))
		assert.LessOrEqual(t, tb.TabRect(i).Right(), 390.0)
	}
}

func TestTransportSpeed(t *testing.T) {
	tr := NewTransport(0.05, 100, 0.25)
	in := &Fake{}
	in.Key(ebiten.KeySpace)
	total := 0
	for k := 0; k < 40; k++ {
		n, reset := tr.Update(in, nil, TransportKeys)
		assert.False(t, reset)
		total += n
		in.Idle()
	}
	assert.True(t, tr.Running)
	assert.Equal(t, 10, total, "a quarter update per frame for 40 frames")
	in.Key(ebiten.KeyPeriod)
	n, _ := tr.Update(in, nil, TransportKeys)
	assert.Equal(t, 1, n, "Step makes one update")
	assert.False(t, tr.Running, "and pauses")
	in.Idle()
	in.Key(ebiten.KeyR)
	_, reset := tr.Update(in, nil, TransportKeys)
	assert.True(t, reset)
}

// A scene may rename the Run button; it still reads Pause while running.
func TestTransportRunLabel(t *testing.T) {
	tr := NewTransport(0.05, 100, 1)
	tr.RunLabel = "Train"
	in := &Fake{}
	tr.Update(in, nil, TransportKeys)
	assert.Equal(t, "Train", tr.RunText())
	in.Key(ebiten.KeySpace)
	tr.Update(in, nil, TransportKeys)
	assert.Equal(t, "Pause", tr.RunText())
	in.Idle()
	in.Key(ebiten.KeySpace)
	tr.Update(in, nil, TransportKeys)
	assert.Equal(t, "Train", tr.RunText())
	tr.Running = true // a scene starting itself
	tr.Draw(ebiten.NewImage(8, 8), nil)
	assert.Equal(t, "Pause", tr.Run.Label, "Draw shows the state as it is now")
}

func TestSeriesRing(t *testing.T) {
	s := NewSeries("e", Warm, 4)
	for k := 0; k < 10; k++ {
		s.Push(float64(k), float64(k*k))
	}
	require.Equal(t, 4, s.Len())
	x, y := s.At(0)
	assert.Equal(t, 6.0, x)
	assert.Equal(t, 36.0, y)
	x, y, ok := s.Last()
	assert.True(t, ok)
	assert.Equal(t, 9.0, x)
	assert.Equal(t, 81.0, y)
	s.Push(10, math.Inf(1))
	_, y, _ = s.Last()
	assert.True(t, math.IsNaN(y), "infinities become gaps")
	p := &Plot{Series: []*Series{s}}
	x0, x1, y0, y1 := p.Ranges()
	assert.Equal(t, 7.0, x0)
	assert.Equal(t, 10.0, x1)
	assert.False(t, math.IsNaN(y0) || math.IsNaN(y1))
	s.Clear()
	x0, x1, _, _ = p.Ranges()
	assert.Less(t, x0, x1)
}

func TestNiceTicks(t *testing.T) {
	assert.Equal(t, []float64{-40, -20, 0}, NiceTicks(-40, 12, 5))
	assert.Equal(t, []float64{-40, -30, -20, -10, 0, 10}, NiceTicks(-40, 12, 6))
	assert.Equal(t, []float64{0, 0.2, 0.4, 0.6, 0.8, 1}, NiceTicks(0, 1, 5))
	assert.Nil(t, NiceTicks(1, 1, 5))
	assert.Nil(t, NiceTicks(0, math.Inf(1), 5))
	assert.Nil(t, NiceTicks(math.NaN(), 1, 5))
	assert.Equal(t, "12k", FormatTick(12000))
	assert.Equal(t, "0.25", FormatTick(0.25))
	assert.Equal(t, "0", FormatTick(1e-15))
	// Ticks half a unit apart near −122 each read differently.
	var labels []string
	for _, v := range NiceTicks(-123, -121, 5) {
		labels = append(labels, FormatTick(v))
	}
	assert.Equal(t, []string{"-123", "-122.5", "-122", "-121.5", "-121"}, labels)
	assert.Equal(t, "0.3", FormatTick(0.1+0.2))
}

func TestColourMaps(t *testing.T) {
	assert.Equal(t, Neutral, Diverging(0))
	assert.Equal(t, Negative, Diverging(-1))
	assert.Equal(t, Positive, Diverging(5), "clamped")
	assert.Equal(t, Neutral, Diverging(math.NaN()))
	assert.Equal(t, viridis[0], Sequential(math.NaN()))
	assert.Equal(t, viridis[9], Sequential(2))
	// The sequential map brightens monotonically, so order reads without hue.
	lum := func(c color.RGBA) float64 { return 0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B) }
	for k := 1; k <= 100; k++ {
		assert.Greater(t, lum(Sequential(float64(k)/100))+1e-9, lum(Sequential(float64(k-1)/100)))
	}
}

// Drawn widgets put their colours where their geometry says.
func TestHeatmapPixels(t *testing.T) {
	img := ebiten.NewImage(40, 20)
	h := &Heatmap{Rect: Rect{0, 0, 40, 20}, Cols: 2, Rows: 1, Scale: 1, Hover: -1}
	h.Draw(img, []float64{-1, 1})
	assert.Equal(t, color.RGBA(Negative), img.At(10, 10))
	assert.Equal(t, color.RGBA(Positive), img.At(30, 10))
}

// wrap sums the widths of words and spaces; that is the width of the
// joined line only because the fonts do not kern across a space.
func TestWidthsAddAcrossSpaces(t *testing.T) {
	for _, f := range []Font{Regular, Bold, Mono} {
		for _, s := range []string{"Temperature T = 1.00 · ΔE = −2", "A W. Y. To. fly? 7/8 “quoted” (p = 0.88)"} {
			words := strings.Fields(s)
			sum := TextWidth(" ", f, 15) * float64(len(words)-1)
			for _, w := range words {
				sum += TextWidth(w, f, 15)
			}
			assert.InDelta(t, TextWidth(strings.Join(words, " "), f, 15), sum, 0.01, "%q", s)
		}
	}
}

// Fmt formats as fmt.Sprintf does, integers included, and keeps what it
// made.
func TestFmt(t *testing.T) {
	assert.Equal(t, "E = -36.0, 9 units, 100%", Fmt("E = %.1f, %d units, 100%%", -36, 9))
	assert.Equal(t, "unit +3 (row 2)", Fmt("unit %+d (row %[2]d)", 3, 2))
	assert.Equal(t, "u = 0.3280 < p → on", FmtS("u = %.4[3]f %[1]s p → %[2]s", []string{"<", "on"}, 0.328))
	assert.NotEqual(t, "seed 18446744073709551615", Fmt("seed %d", 18446744073709551615), "past 2^53 a float64 is not exact: a seed needs a Memo")
	assert.Equal(t, 0.0, testing.AllocsPerRun(100, func() { _ = Fmt("E = %.1f", -36) }), "a string already made costs nothing")
}

// A plot keeps the first, lowest, highest and last point of each pixel
// column, in their order, and every point of a series sparser than the
// pixels; a NaN still breaks the line.
func TestColumnKeepsTheEnvelope(t *testing.T) {
	var c column
	var xs, ys []float64
	for k, y := range []float64{5, 9, 1, 4, 7} {
		xs, ys = c.add(xs, ys, 10+float64(k)*0.1, y)
	}
	xs, ys = c.add(xs, ys, 11.5, 3)
	xs, ys = c.add(xs, ys, math.NaN(), math.NaN())
	xs, ys = c.add(xs, ys, 12.5, 2)
	xs, ys = c.flush(xs, ys)
	assert.InDeltaSlice(t, []float64{10, 10.1, 10.2, 10.4, 11.5}, xs[:5], 1e-12)
	assert.Equal(t, []float64{5, 9, 1, 7, 3}, ys[:5])
	assert.True(t, math.IsNaN(xs[5]) && math.IsNaN(ys[5]))
	assert.Equal(t, []float64{12.5}, xs[6:])
	assert.Equal(t, []float64{2}, ys[6:])
}

// A toggle shows its key after its label, as a button does, and leaves it
// out when the two do not fit.
func TestToggleHint(t *testing.T) {
	pixels := func(tg Toggle) []byte {
		img := ebiten.NewImage(int(tg.Rect.W), int(tg.Rect.H))
		defer img.Deallocate()
		tg.Draw(img, nil)
		px := make([]byte, 4*img.Bounds().Dx()*img.Bounds().Dy())
		img.ReadPixels(px)
		return px
	}
	wide := Toggle{Rect: Rect{0, 0, 300, 30}, Label: "Log scale"}
	plain := pixels(wide)
	wide.Hint = "G"
	assert.True(t, wide.ShowsHint())
	assert.NotEqual(t, plain, pixels(wide), "the hint is drawn")

	narrow := Toggle{Rect: Rect{0, 0, 140, 30}, Label: "Log scale"}
	require.Greater(t, TextWidth(narrow.Label, Regular, 30*0.46)+TextWidth("Backspace", Regular, 30*0.46*0.8), 140-30*0.62*2.3,
		"the label and the hint cannot both fit")
	plain = pixels(narrow)
	narrow.Hint = "Backspace"
	assert.False(t, narrow.ShowsHint())
	assert.Equal(t, plain, pixels(narrow), "the label alone")
}
