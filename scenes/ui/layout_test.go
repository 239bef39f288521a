package ui

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var th1 = Theme{U: 1}

// A row gives fixed children their width and shares the rest by weight.
func TestRowShares(t *testing.T) {
	var a, b, c Rect
	n := Row(10, Leaf(&a).W(100), Leaf(&b), Leaf(&c).Flex(3))
	n.Resolve(th1, Rect{0, 0, 520, 50})
	assert.Equal(t, Rect{0, 0, 100, 50}, a)
	assert.Equal(t, Rect{110, 0, 100, 50}, b)
	assert.Equal(t, Rect{220, 0, 300, 50}, c)
}

// A column keeps fixed heights, gives the others what they measure, and
// shares spare height among those that may grow.
func TestColumnGrows(t *testing.T) {
	var a, b, c Rect
	n := Col(10, Leaf(&a).H(40), Leaf(&b).MinH(50), Leaf(&c).MinH(20).NoGrow())
	h := n.Resolve(th1, Rect{0, 0, 200, 300})
	assert.Equal(t, 300.0, h)
	assert.Equal(t, Rect{0, 0, 200, 40}, a)
	assert.Equal(t, Rect{0, 50, 200, 220}, b, "all the spare height")
	assert.Equal(t, Rect{0, 280, 200, 20}, c)
}

// Content taller than its box makes the box taller (the page scrolls),
// never squeezes a child below what it needs.
func TestColumnOverflows(t *testing.T) {
	var a, b Rect
	n := Col(0, Leaf(&a).Aspect(1), Leaf(&b).MinH(100))
	h := n.Resolve(th1, Rect{0, 0, 300, 200})
	assert.Equal(t, 400.0, h)
	assert.Equal(t, Rect{0, 0, 300, 300}, a)
	assert.Equal(t, Rect{0, 300, 300, 100}, b)
}

// A Flow is a row when wide enough and a column otherwise; in a column
// its children span the width, whatever width they have in a row.
func TestFlowReflows(t *testing.T) {
	var a, b Rect
	n := Flow(600, 10, Leaf(&a).W(200).MinH(50), Leaf(&b).MinH(80))
	n.Resolve(th1, Rect{0, 0, 800, 100})
	assert.True(t, n.Wide())
	assert.Equal(t, Rect{0, 0, 200, 100}, a)
	assert.Equal(t, Rect{210, 0, 590, 100}, b)
	h := n.Resolve(th1, Rect{0, 0, 390, 100})
	assert.False(t, n.Wide())
	assert.Equal(t, 140.0, h)
	assert.Equal(t, Rect{0, 0, 390, 50}, a)
	assert.Equal(t, Rect{0, 60, 390, 80}, b)
	// The breakpoint is in dp, so it scales with the theme.
	n.Resolve(Theme{U: 2}, Rect{0, 0, 1000, 100})
	assert.False(t, n.Wide())
}

// A section insets its child and makes room for its title.
func TestSectionInsets(t *testing.T) {
	var box, inner Rect
	n := Section("Title", &box, Leaf(&inner).MinH(100))
	h := n.Resolve(th1, Rect{10, 10, 300, 0})
	assert.Equal(t, Rect{10, 10, 300, h}, box)
	assert.Equal(t, 300.0-2*panelPad, inner.W)
	assert.Greater(t, inner.Y, box.Y+panelPad, "below the title")
	assert.Equal(t, 100.0, inner.H)
	var titles []string
	n.Panels(func(title string, r Rect) { titles = append(titles, title) })
	assert.Equal(t, []string{"Title"}, titles)
}

// A hidden node takes no space and its rectangle is empty.
func TestHiddenTakesNoSpace(t *testing.T) {
	var a, b Rect
	hidden := Leaf(&a).H(50)
	n := Col(10, hidden, Leaf(&b).H(50))
	hidden.SetHidden(true)
	assert.Equal(t, 50.0, n.Height(th1, 100))
	n.Resolve(th1, Rect{0, 0, 100, 50})
	assert.Equal(t, Rect{}, a)
	assert.Equal(t, Rect{0, 0, 100, 50}, b)
}

// A text leaf is as tall as its text wrapped at its width.
func TestParaMeasures(t *testing.T) {
	text := "one two three four five six seven eight nine ten eleven twelve"
	n := Para(nil, Body, func() string { return text })
	wide, narrow := n.Height(th1, 2000), n.Height(th1, 120)
	assert.Equal(t, th1.LineHeight(Body), wide)
	assert.Greater(t, narrow, 2*wide)
}

// Resolving a laid-out tree again does not allocate.
func TestResolveDoesNotAllocate(t *testing.T) {
	var a, b, c Rect
	n := Flow(600, 10, Col(5, Leaf(&a).H(20), Leaf(&b).MinH(30)), Row(5, Leaf(&c)).MinH(40))
	n.Resolve(th1, Rect{0, 0, 800, 600})
	allocs := testing.AllocsPerRun(100, func() { n.Resolve(th1, Rect{0, 0, 800, 600}) })
	assert.Zero(t, allocs)
}

// Arrange puts the focus ring in the order the layout is read: each
// column down before the next one on a wide screen, the stacked order on
// a narrow one; widgets placed inside one leaf row by row, then left to
// right; widgets no leaf holds last.
func TestFocusArrange(t *testing.T) {
	var top, bottom, temp, speed Button
	var paint Toggle
	var runRow Rect
	var a, b, c Button // placed inside runRow, c on a second line
	var lost Button    // in no leaf
	root := Flow(500, 16,
		Col(10, Leaf(&top.Rect).H(40), Leaf(&runRow).H(80), Leaf(&bottom.Rect).H(40), Leaf(&paint.Rect).H(30)),
		Col(10, Leaf(nil).H(100), Leaf(&temp.Rect).H(50), Leaf(&speed.Rect).H(50)),
	)
	f := &Focus{Order: []any{&speed, &c, &lost, &paint, &b, &temp, &bottom, &a, &top}}
	want := []any{&top, &a, &b, &c, &bottom, &paint, &temp, &speed, &lost}
	for _, w := range []float64{800, 300} {
		root.Resolve(th1, Rect{0, 0, w, 600})
		// A row of two over a row of one, the second slightly lower, as
		// a scene might place them.
		half := (runRow.W - 10) / 2
		a.Rect = Rect{runRow.X, runRow.Y, half, 35}
		b.Rect = Rect{runRow.X + half + 10, runRow.Y + 3, half, 35}
		c.Rect = Rect{runRow.X, runRow.Y + 45, runRow.W, 35}
		f.Arrange(root)
		require.Len(t, f.Order, len(want))
		for i := range want {
			assert.True(t, want[i] == f.Order[i], "place %d at %v wide", i, w)
		}
		assert.Equal(t, root.Wide(), temp.Rect.Y < bottom.Rect.Y, "the columns sit side by side only on the wide screen")
	}
}
