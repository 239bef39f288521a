package ui

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"

	"github.com/hajimehoshi/ebiten/v2"
)

// Series is one line of a Plot: a ring buffer holding the most recent
// values pushed to it, each tagged with its x position.
type Series struct {
	Name  string
	Color color.RGBA
	Width float64 // line width in design units; 0 means 2

	xs, ys []float64
	start  int // index of the oldest point in the ring
	n      int
}

// NewSeries returns an empty series that keeps the last capacity points.
func NewSeries(name string, clr color.RGBA, capacity int) *Series {
	capacity = max(2, capacity)
	return &Series{Name: name, Color: clr, xs: make([]float64, capacity), ys: make([]float64, capacity)}
}

// Push appends the point (x, y), dropping the oldest when full. A NaN or
// infinite y is kept as a gap rather than drawn.
func (s *Series) Push(x, y float64) {
	if math.IsInf(y, 0) {
		y = math.NaN()
	}
	i := (s.start + s.n) % len(s.xs)
	if s.n == len(s.xs) {
		s.start = (s.start + 1) % len(s.xs)
	} else {
		s.n++
	}
	s.xs[i], s.ys[i] = x, y
}

// Clear removes every point.
func (s *Series) Clear() { s.start, s.n = 0, 0 }

// Len returns the number of points held.
func (s *Series) Len() int { return s.n }

// At returns the k-th oldest point held.
func (s *Series) At(k int) (x, y float64) {
	i := (s.start + k) % len(s.xs)
	return s.xs[i], s.ys[i]
}

// Last returns the newest point; ok is false when the series is empty.
func (s *Series) Last() (x, y float64, ok bool) {
	if s.n == 0 {
		return 0, 0, false
	}
	x, y = s.At(s.n - 1)
	return x, y, true
}

// Plot draws series as lines over a shared x range (the span of the points
// held, so it scrolls as points arrive) with labelled axes. The y range is
// [YMin, YMax] when FixedY is set, otherwise it follows the data.
type Plot struct {
	Rect           Rect
	Title          string
	XLabel, YLabel string
	Series         []*Series
	FixedY         bool
	YMin, YMax     float64
	XSpan          float64 // when > 0, the x axis always covers at least this span
	FontSize       float64 // pixels; 0 picks one from the plot's size

	painter Painter
	px, py  []float64
	clip    clipped
}

// Ranges returns the x and y ranges the plot would draw now.
func (p *Plot) Ranges() (x0, x1, y0, y1 float64) {
	x0, x1 = math.Inf(1), math.Inf(-1)
	y0, y1 = math.Inf(1), math.Inf(-1)
	for _, s := range p.Series {
		for k := 0; k < s.n; k++ {
			x, y := s.At(k)
			x0, x1 = math.Min(x0, x), math.Max(x1, x)
			if !math.IsNaN(y) {
				y0, y1 = math.Min(y0, y), math.Max(y1, y)
			}
		}
	}
	if math.IsInf(x0, 1) {
		x0, x1 = 0, 1
	}
	if p.XSpan > 0 && x1-x0 < p.XSpan {
		x1 = x0 + p.XSpan
	}
	if x1 == x0 {
		x1 = x0 + 1
	}
	if p.FixedY {
		return x0, x1, p.YMin, p.YMax
	}
	if math.IsInf(y0, 1) {
		y0, y1 = 0, 1
	}
	if y1 == y0 {
		y0, y1 = y0-1, y1+1
	}
	pad := (y1 - y0) * 0.08
	return x0, x1, y0 - pad, y1 + pad
}

// plotArea is the rectangle inside the axes.
func (p *Plot) plotArea() Rect {
	r := p.Rect
	fs := p.fontSize()
	left := fs * 4.2
	top := fs * 2.2
	bottom := fs * 2.6
	return Rect{r.X + left, r.Y + top, r.W - left - fs*0.8, r.H - top - bottom}
}

func (p *Plot) fontSize() float64 {
	if p.FontSize > 0 {
		return p.FontSize
	}
	return math.Max(9, math.Min(p.Rect.H*0.055, p.Rect.W*0.03))
}

// Draw draws the frame, grid, ticks, labels, series and legend.
func (p *Plot) Draw(dst *ebiten.Image) {
	r := p.Rect
	fs := p.fontSize()
	p.painter.FillRound(dst, r, fs*0.5, Panel)
	labelIn(dst, r, p.Title, Bold, fs*1.05, r.X+fs*0.9, r.Y+fs*1.1, Text, Left)
	a := p.plotArea()
	if a.W <= 0 || a.H <= 0 {
		return
	}
	x0, x1, y0, y1 := p.Ranges()
	sx := func(x float64) float64 { return a.X + (x-x0)/(x1-x0)*a.W }
	sy := func(y float64) float64 { return a.Bottom() - (y-y0)/(y1-y0)*a.H }

	for _, t := range NiceTicks(y0, y1, 5) {
		y := sy(t)
		Line(dst, a.X, y, a.Right(), y, 1, Grid)
		labelIn(dst, r, FormatTick(t), Mono, fs*0.85, a.X-fs*0.4, y, TextDim, Right)
	}
	for _, t := range NiceTicks(x0, x1, 6) {
		x := sx(t)
		Line(dst, x, a.Y, x, a.Bottom(), 1, Grid)
		// The last tick's number may be wider than the margin right of the
		// axis: it then ends at the plot's edge instead of past it.
		tick := FormatTick(t)
		lx := math.Min(x, r.Right()-fs*0.3-TextWidth(tick, Mono, fs*0.85)/2)
		labelIn(dst, r, tick, Mono, fs*0.85, lx, a.Bottom()+fs*0.8, TextDim, Center)
	}
	StrokeRect(dst, a, 1, PanelEdge)
	labelIn(dst, r, p.XLabel, Regular, fs*0.9, a.CenterX(), a.Bottom()+fs*2, TextDim, Center)
	if p.YLabel != "" {
		labelIn(dst, r, p.YLabel, Regular, fs*0.9, a.X-fs*0.4, a.Y-fs*0.9, TextDim, Right)
	}

	// Series are clipped to the plot area by drawing into a sub-image.
	clip := p.clip.of(dst, rectangle(a.Inset(-1)))
	lx := r.Right() - fs*0.9
	for i := len(p.Series) - 1; i >= 0; i-- {
		s := p.Series[i]
		p.px, p.py = p.px[:0], p.py[:0]
		var col column
		for k := 0; k < s.n; k++ {
			x, y := s.At(k)
			p.px, p.py = col.add(p.px, p.py, sx(x), sy(y))
		}
		p.px, p.py = col.flush(p.px, p.py)
		w := s.Width
		if w == 0 {
			w = 2
		}
		p.painter.Polyline(clip, p.px, p.py, w*fs/13, s.Color)
		if s.Name != "" && len(p.Series) > 1 && s.n > 0 {
			tw := TextWidth(s.Name, Regular, fs*0.85)
			labelIn(dst, r, s.Name, Regular, fs*0.85, lx, r.Y+fs*1.1, s.Color, Right)
			Line(dst, lx-tw-fs*1.6, r.Y+fs*1.1, lx-tw-fs*0.4, r.Y+fs*1.1, 2, s.Color)
			lx -= tw + fs*2.6
		}
	}
}

// column gathers the points of a series that fall in one pixel column and
// keeps four of them: the first, the lowest, the highest and the last. A
// line through those covers the same pixels as one through all of them,
// so a series of thousands of points costs a plot a few per column.
type column struct {
	n                  int
	x                  int
	fx, fy, lx, ly     float64
	loX, loY, hiX, hiY float64
}

// add puts the point (x, y) in its column, first writing out the column
// before it when x has moved on; a NaN point is written at once, as it
// breaks the line.
func (c *column) add(xs, ys []float64, x, y float64) ([]float64, []float64) {
	if math.IsNaN(x) || math.IsNaN(y) {
		xs, ys = c.flush(xs, ys)
		return append(xs, x), append(ys, y)
	}
	ix := int(math.Floor(x))
	if c.n > 0 && ix != c.x {
		xs, ys = c.flush(xs, ys)
	}
	if c.n == 0 {
		c.x, c.fx, c.fy, c.loX, c.loY, c.hiX, c.hiY = ix, x, y, x, y, x, y
	}
	if y < c.loY {
		c.loX, c.loY = x, y
	}
	if y > c.hiY {
		c.hiX, c.hiY = x, y
	}
	c.lx, c.ly = x, y
	c.n++
	return xs, ys
}

// flush writes out the column's points in the order they came.
func (c *column) flush(xs, ys []float64) ([]float64, []float64) {
	switch c.n {
	case 0:
		return xs, ys
	case 1:
		xs, ys = append(xs, c.fx), append(ys, c.fy)
	default:
		lo, hi := [2]float64{c.loX, c.loY}, [2]float64{c.hiX, c.hiY}
		if hi[0] < lo[0] {
			lo, hi = hi, lo
		}
		xs = append(xs, c.fx, lo[0], hi[0], c.lx)
		ys = append(ys, c.fy, lo[1], hi[1], c.ly)
	}
	c.n = 0
	return xs, ys
}

// NiceTicks returns about n round tick values covering [lo, hi]. The
// slice is shared with later calls for the same range and must not be
// changed.
func NiceTicks(lo, hi float64, n int) []float64 {
	if !(hi > lo) || math.IsInf(hi-lo, 0) || n < 1 {
		return nil
	}
	return tickCache.get(tickKey{lo, hi, n}, func(k tickKey) []float64 { return niceTicks(k.lo, k.hi, k.n) })
}

type tickKey struct {
	lo, hi float64
	n      int
}

// tickCache keeps the ticks of the ranges plots showed lately: an axis
// that does not move asks for the same ticks every frame.
var tickCache = kept[tickKey, []float64]{max: 1024}

func niceTicks(lo, hi float64, n int) []float64 {
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step, mant := mag, 1.0
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step, mant = m*mag, m
			break
		}
	}
	var ticks []float64
	first := math.Ceil(lo / step)
	for k := 0.0; k <= 4*float64(n); k++ {
		// Building each tick from whole numbers keeps 0.6 from becoming
		// 0.6000000000000001.
		t := (first + k) * step
		if mag < 1 {
			t = (first + k) * mant / math.Round(1/mag)
		}
		if t > hi+step*1e-9 {
			break
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// FormatTick writes a tick value compactly: integers without decimals,
// others with up to three significant digits, and k/M suffixes for large
// counts. The strings are kept (see Fmt).
func FormatTick(v float64) string {
	return formatted.get(fmtKey{format: "tick", v: [4]float64{v}, n: 1}, func(k fmtKey) string { return formatTick(k.v[0]) })
}

func formatTick(v float64) string {
	if math.Abs(v) < 1e-12 {
		return "0"
	}
	av := math.Abs(v)
	switch {
	case av >= 1e6 && v == math.Trunc(v):
		return strconv.FormatFloat(v/1e6, 'g', 3, 64) + "M"
	case av >= 1e4 && v == math.Trunc(v):
		return strconv.FormatFloat(v/1e3, 'g', 3, 64) + "k"
	case v == math.Trunc(v):
		return fmt.Sprintf("%.0f", v)
	}
	// Six significant digits: ticks 0.5 apart near −122 must not all read
	// −122, and the rounding of a tick's sum (0.30000000000000004) must
	// not show.
	return strconv.FormatFloat(v, 'g', 6, 64)
}

// clipped returns the part r of dst, kept between frames: a sub-image
// made every frame would be garbage every frame.
type clipped struct {
	dst, img *ebiten.Image
	r        image.Rectangle
}

func (c *clipped) of(dst *ebiten.Image, r image.Rectangle) *ebiten.Image {
	if c.img == nil || c.dst != dst || c.r != r {
		c.dst, c.r = dst, r
		c.img = dst.SubImage(r).(*ebiten.Image)
	}
	return c.img
}
