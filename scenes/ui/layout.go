package ui

import (
	"math"
	"sync/atomic"
)

// Layouts are trees. A scene builds its tree once, out of rows, columns,
// sections (titled panels) and leaves, and every frame Resolve derives each child's
// rectangle from its parent's, so no scene holds an absolute coordinate.
// Sizes are in dp, device-independent pixels that the Theme turns into
// screen pixels. A Flow is a row on a wide window and a column on a narrow
// one, which is how one tree serves a monitor and a phone held upright.
//
// Inside a column, children of fixed size keep it, the others share what
// is left by weight but never get less than they measure; when that needs
// more height than the column has, the column grows, and the Manager lets
// the page scroll. Inside a row, fixed children keep their width and the
// others share the rest by weight.

// Theme turns dp into pixels and names the lab's spacing and type scales,
// so a call site says "Body" or "Gap", never a number of pixels.
type Theme struct {
	U float64 // pixels per dp
}

// Px converts dp to pixels.
func (t Theme) Px(dp float64) float64 { return dp * t.U }

// The spacing scale, in dp.
const (
	GapS  = 6  // between the parts of one control
	Gap   = 10 // between controls
	GapL  = 16 // between panels, and inside a panel's edge
	GapXL = 24 // around the page
)

// Style is a font at a size in pixels.
type Style struct {
	Font Font
	Size float64
}

// TextRole is one step of the type scale.
type TextRole int

const (
	Small   TextRole = iota // footnotes, ticks and legends: 12 dp
	Body                    // captions and explanations: 14 dp
	Strong                  // panel titles and emphasis: 15 dp bold
	Number                  // numbers in running text: 14 dp, even digits
	Readout                 // big live numbers: 22 dp
	Heading                 // a scene's title: 26 dp bold
)

// Style returns the font and pixel size of role.
func (t Theme) Style(role TextRole) Style {
	switch role {
	case Small:
		return Style{Regular, t.Px(12)}
	case Strong:
		return Style{Bold, t.Px(15)}
	case Number:
		return Style{Mono, t.Px(14)}
	case Readout:
		return Style{Mono, t.Px(22)}
	case Heading:
		return Style{Bold, t.Px(26)}
	}
	return Style{Regular, t.Px(14)}
}

// LineHeight is the height of one line of text in role, in pixels.
func (t Theme) LineHeight(role TextRole) float64 { return t.Style(role).Size * 1.45 }

// Control heights, in dp: a button or toggle row, and a labelled slider.
const (
	ButtonH = 40
	SliderH = 50
	ToggleH = 30
)

type nodeKind int

const (
	leafNode nodeKind = iota
	rowNode
	colNode
	flowNode
	panelNode
)

// Node is one box of a layout tree. Build nodes with Leaf, Row, Col, Flow
// and Section, and size them with Fixed, Flex, MinH, Aspect and Measure.
type Node struct {
	kind   nodeKind
	out    *Rect
	kids   []*Node
	gap    float64 // dp between children
	fixW   float64 // width in dp inside a row; 0 means flexible
	fixH   float64 // height in dp inside a column; 0 means measured
	weight float64
	noGrow bool    // a column gives n no share of its spare height
	minH   float64 // dp
	aspect float64 // width/height; a leaf is at least W/aspect tall
	breakW float64 // a Flow is a row at this width in dp and above
	// measure returns a leaf's height in pixels for a width in pixels, for
	// text that wraps.
	measure func(t Theme, w float64) float64

	// Title is a panel's heading; a scene may change it at any time.
	Title string
	box   Rect // a panel's own rectangle, set by Resolve
	hide  bool
	wide  bool // a Flow laid out as a row in the last Resolve

	scratch []float64 // widths or heights of the children, reused

	memo struct { // the height found in the current layout pass
		pass uint64
		t    Theme
		w, h float64
	}
}

// Leaf returns a node whose rectangle Resolve writes to out (out may be
// nil for a spacer).
func Leaf(out *Rect) *Node { return &Node{kind: leafNode, out: out, weight: 1} }

// Row lays kids out left to right, gap dp apart.
func Row(gap float64, kids ...*Node) *Node {
	return &Node{kind: rowNode, kids: kids, gap: gap, weight: 1}
}

// Col lays kids out top to bottom, gap dp apart.
func Col(gap float64, kids ...*Node) *Node {
	return &Node{kind: colNode, kids: kids, gap: gap, weight: 1}
}

// Flow is a Row when it is at least breakW dp wide and a Col otherwise.
func Flow(breakW, gap float64, kids ...*Node) *Node {
	return &Node{kind: flowNode, kids: kids, gap: gap, breakW: breakW, weight: 1}
}

// Section returns a panel with a title (which may be "") around child. The
// panel's own rectangle is written to out; Draw paints its background and
// title.
func Section(title string, out *Rect, child *Node) *Node {
	return &Node{kind: panelNode, out: out, kids: []*Node{child}, Title: title, weight: 1}
}

// W gives n a width of dp whenever its parent lays it out in a row. A
// Flow's children keep their W on a wide window and span the width when
// the Flow turns into a column.
func (n *Node) W(dp float64) *Node { n.fixW = dp; return n }

// H gives n a height of dp whenever its parent lays it out in a column.
func (n *Node) H(dp float64) *Node { n.fixH = dp; return n }

// Flex gives n a share of the free space in proportion to w: of the width
// in a row, of the spare height in a column.
func (n *Node) Flex(w float64) *Node { n.weight = w; return n }

// NoGrow keeps n at the height it measures inside a column, however much
// height is spare.
func (n *Node) NoGrow() *Node { n.noGrow = true; return n }

// MinH makes n at least dp tall.
func (n *Node) MinH(dp float64) *Node { n.minH = dp; return n }

// Aspect makes n at least its width divided by r tall (r = 1 for a
// square).
func (n *Node) Aspect(r float64) *Node { n.aspect = r; return n }

// Measure makes n at least as tall as f says for its width (both in
// pixels), for text that wraps.
func (n *Node) Measure(f func(t Theme, w float64) float64) *Node { n.measure = f; return n }

// Para returns a leaf for text that wraps: as tall as text() needs in role
// at the leaf's width.
func Para(out *Rect, role TextRole, text func() string) *Node {
	return Leaf(out).NoGrow().Measure(func(t Theme, w float64) float64 {
		return TextHeight(text(), t.Style(role), w)
	})
}

// SetHidden removes n from the layout (a hidden node takes no space and
// its rectangle becomes empty).
func (n *Node) SetHidden(h bool) { n.hide = h }

// Child returns n's i-th child.
func (n *Node) Child(i int) *Node { return n.kids[i] }

// Wide reports whether a Flow was laid out as a row the last time.
func (n *Node) Wide() bool { return n.wide }

// Rect returns the rectangle Resolve last gave n.
func (n *Node) Rect() Rect { return n.box }

// panelPad and panelTitle are a panel's inner margin and title band, in dp.
const (
	panelPad   = GapL
	panelTitle = 30
)

func (n *Node) isRow(t Theme, w float64) bool {
	switch n.kind {
	case rowNode:
		return true
	case flowNode:
		return w >= t.Px(n.breakW)
	}
	return false
}

// Height returns the least height in pixels n needs at width w pixels.
func (n *Node) Height(t Theme, w float64) float64 {
	g := layoutPass.Load()
	if n.memo.pass == g && n.memo.t == t && n.memo.w == w {
		return n.memo.h
	}
	h := n.height(t, w)
	n.memo.pass, n.memo.t, n.memo.w, n.memo.h = g, t, w, h
	return h
}

// Fresh starts a new layout pass and returns n's height at width w, for
// a caller that needs the height before it calls Resolve.
func (n *Node) Fresh(t Theme, w float64) float64 {
	layoutPass.Add(1)
	return n.Height(t, w)
}

// layoutPass counts the layout passes (calls of Resolve and Fresh). Within one pass a node's height
// at a width does not change, and a node's height is asked for once by
// each of its ancestors, so it is kept for the rest of the pass: a text
// measured in a column in a row in a panel is then formatted and wrapped
// once, not once per level.
var layoutPass atomic.Uint64

func (n *Node) height(t Theme, w float64) float64 {
	if n.hide {
		return 0
	}
	switch n.kind {
	case leafNode:
		h := t.Px(n.minH)
		if n.aspect > 0 {
			h = math.Max(h, w/n.aspect)
		}
		if n.measure != nil {
			h = math.Max(h, n.measure(t, w))
		}
		return h
	case panelNode:
		in := n.panelInner(t, Rect{W: w})
		return math.Max(t.Px(n.minH), n.kids[0].Height(t, in.W)+(t.Px(panelPad)*2)+n.titleH(t))
	}
	vis := n.visible()
	if vis == 0 {
		return t.Px(n.minH)
	}
	gaps := t.Px(n.gap) * float64(vis-1)
	if n.isRow(t, w) {
		var h float64
		ws := n.rowWidths(t, w)
		for i, k := range n.kids {
			if !k.hide {
				h = math.Max(h, k.Height(t, ws[i]))
			}
		}
		return math.Max(h, t.Px(n.minH))
	}
	h := gaps
	for _, k := range n.kids {
		if k.hide {
			continue
		}
		if k.fixH > 0 {
			h += t.Px(k.fixH)
		} else {
			h += k.Height(t, w)
		}
	}
	return math.Max(h, t.Px(n.minH))
}

func (n *Node) visible() int {
	c := 0
	for _, k := range n.kids {
		if !k.hide {
			c++
		}
	}
	return c
}

func (n *Node) titleH(t Theme) float64 {
	if n.Title == "" {
		return 0
	}
	return t.Px(panelTitle) - t.Px(panelPad)/2
}

func (n *Node) panelInner(t Theme, r Rect) Rect {
	p := t.Px(panelPad)
	th := n.titleH(t)
	return Rect{r.X + p, r.Y + p + th, math.Max(0, r.W-2*p), math.Max(0, r.H-2*p-th)}
}

// rowWidths shares w among a row's children: fixed ones first, the rest by
// weight. It keeps a small buffer per node so layout does not allocate per
// frame.
func (n *Node) rowWidths(t Theme, w float64) []float64 {
	ws := n.buf()
	free := w - t.Px(n.gap)*float64(max(0, n.visible()-1))
	var weights float64
	for i, k := range n.kids {
		switch {
		case k.hide:
		case k.fixW > 0:
			ws[i] = math.Min(t.Px(k.fixW), math.Max(0, free))
			free -= ws[i]
		default:
			weights += k.weight
		}
	}
	free = math.Max(0, free)
	for i, k := range n.kids {
		if !k.hide && k.fixW <= 0 && weights > 0 {
			ws[i] = free * k.weight / weights
		}
	}
	return ws
}

// Resolve lays the tree out in r and returns the height it used, which is
// more than r.H when the content does not fit and the page must scroll.
func (n *Node) Resolve(t Theme, r Rect) float64 {
	layoutPass.Add(1)
	h := math.Max(r.H, n.Height(t, r.W))
	r.H = h
	n.place(t, r)
	return h
}

func (n *Node) place(t Theme, r Rect) {
	if n.hide {
		n.clear()
		return
	}
	n.box = r
	if n.out != nil {
		*n.out = r
	}
	switch n.kind {
	case leafNode:
		return
	case panelNode:
		n.kids[0].place(t, n.panelInner(t, r))
		return
	}
	n.wide = n.isRow(t, r.W)
	gap := t.Px(n.gap)
	if n.wide {
		ws := n.rowWidths(t, r.W)
		x := r.X
		for i, k := range n.kids {
			if k.hide {
				k.clear()
				continue
			}
			k.place(t, Rect{x, r.Y, ws[i], r.H})
			x += ws[i] + gap
		}
		return
	}
	// A column: fixed children keep their height, the others get what
	// they measure plus a weighted share of any height left over.
	free := r.H - gap*float64(max(0, n.visible()-1))
	var weights float64
	hs := n.buf()
	for i, k := range n.kids {
		switch {
		case k.hide:
		case k.fixH > 0:
			hs[i] = t.Px(k.fixH)
		default:
			hs[i] = k.Height(t, r.W)
			if !k.noGrow {
				weights += k.weight
			}
		}
		free -= hs[i]
	}
	y := r.Y
	for i, k := range n.kids {
		if k.hide {
			k.clear()
			continue
		}
		h := hs[i]
		if k.fixH <= 0 && !k.noGrow && weights > 0 && free > 0 {
			h += free * k.weight / weights
		}
		k.place(t, Rect{r.X, y, r.W, h})
		y += h + gap
	}
}

// buf returns the node's scratch slice, zeroed, one entry per child.
func (n *Node) buf() []float64 {
	if cap(n.scratch) < len(n.kids) {
		n.scratch = make([]float64, len(n.kids))
	}
	n.scratch = n.scratch[:len(n.kids)]
	clear(n.scratch)
	return n.scratch
}

func (n *Node) clear() {
	n.box = Rect{}
	if n.out != nil {
		*n.out = Rect{}
	}
	for _, k := range n.kids {
		k.clear()
	}
}

// appendLeaves appends the tree's leaves to dst in the order the tree
// lists them, hidden ones too, and returns it.
func (n *Node) appendLeaves(dst []*Node) []*Node {
	if n.kind == leafNode {
		return append(dst, n)
	}
	for _, k := range n.kids {
		dst = k.appendLeaves(dst)
	}
	return dst
}

// Panels calls visit with the title and rectangle of every visible panel
// in the tree, outermost first.
func (n *Node) Panels(visit func(title string, r Rect)) {
	if n.hide {
		return
	}
	if n.kind == panelNode {
		visit(n.Title, n.box)
	}
	for _, k := range n.kids {
		k.Panels(visit)
	}
}

// Square returns the largest square centred in r.
func (r Rect) Square() Rect {
	s := math.Min(r.W, r.H)
	return Rect{r.X + (r.W-s)/2, r.Y + (r.H-s)/2, s, s}
}

// Fit returns the largest rectangle of aspect ratio w:h centred in r.
func (r Rect) Fit(w, h float64) Rect {
	s := math.Min(r.W/w, r.H/h)
	return Rect{r.X + (r.W-w*s)/2, r.Y + (r.H-h*s)/2, w * s, h * s}
}

// Offset returns r moved by (dx, dy).
func (r Rect) Offset(dx, dy float64) Rect { return Rect{r.X + dx, r.Y + dy, r.W, r.H} }

// Top returns the top h pixels of r, and Rest what lies below them.
func (r Rect) Top(h float64) Rect { return Rect{r.X, r.Y, r.W, math.Min(h, r.H)} }

// Below returns r without its top h pixels (and a gap of g below them).
func (r Rect) Below(h, g float64) Rect {
	d := math.Min(r.H, h+g)
	return Rect{r.X, r.Y + d, r.W, r.H - d}
}

// Region names an interactive region of a scene by a stable ID, for the
// key map, the browser test and teacher mode. R points at the rectangle
// the layout keeps up to date.
type Region struct {
	ID string
	R  *Rect
}
