package ui

import "github.com/hajimehoshi/ebiten/v2"

// TabBar is a row of tabs, one per scene, numbered for the number keys,
// after the program's name. On a narrow window the name is dropped and the
// tabs wrap onto as many rows as they need, so every tab stays readable and
// reachable.
type TabBar struct {
	Rect   Rect // set by Place
	Brand  string
	Tabs   []string
	Active int

	th      Theme
	rects   []Rect
	hover   int
	down    int
	painter Painter
}

// Tab sizes, in dp.
const (
	tabH    = 44
	tabW    = 124
	tabMinW = 104
	brandW  = 190
)

// Place lays the bar out across the top of a screen w pixels wide and
// returns its height.
func (t *TabBar) Place(th Theme, w float64) float64 {
	t.th = th
	n := len(t.Tabs)
	if cap(t.rects) < n {
		t.rects = make([]Rect, n)
	}
	t.rects = t.rects[:n]
	h := th.Px(tabH)
	x0 := th.Px(brandW)
	if w-x0 < float64(n)*th.Px(tabMinW) {
		x0 = 0 // no room for the name
	}
	perRow := max(1, min(n, int((w-x0)/th.Px(tabMinW))))
	rows := (n + perRow - 1) / max(1, perRow)
	tw := min(th.Px(tabW), (w-x0)/float64(perRow))
	for i := range t.rects {
		r, c := i/perRow, i%perRow
		t.rects[i] = Rect{x0 + float64(c)*tw, float64(r) * h, tw, h}
	}
	t.Rect = Rect{0, 0, w, float64(rows) * h}
	if x0 == 0 {
		t.Brand = ""
	}
	return t.Rect.H
}

func (t *TabBar) tabRects() []Rect { return t.rects }

// TabRect returns the rectangle of tab i.
func (t *TabBar) TabRect(i int) Rect { return t.rects[i] }

// Update handles clicks and taps on the tabs and returns the index of the
// tab chosen this frame, or −1.
func (t *TabBar) Update(in Input) int {
	p := in.Pointer()
	t.hover = -1
	for i, r := range t.tabRects() {
		if r.Contains(p.X, p.Y) {
			t.hover = i
		}
	}
	if p.Pressed {
		t.down = t.hover
	}
	if p.Released {
		chosen := -1
		if t.down >= 0 && t.down == t.hover {
			chosen = t.down
		}
		t.down = -1
		return chosen
	}
	return -1
}

// Draw draws the bar, its tabs, and an accent line under the active one.
func (t *TabBar) Draw(dst *ebiten.Image) {
	FillRect(dst, t.Rect, Panel)
	FillRect(dst, Rect{t.Rect.X, t.Rect.Bottom() - 1, t.Rect.W, 1}, PanelEdge)
	size := t.th.Px(15)
	if t.Brand != "" {
		Label(dst, t.Brand, Bold, size*1.05, t.th.Px(GapXL), t.th.Px(tabH)/2, Text, Left)
	}
	for i, r := range t.tabRects() {
		clr := TextDim
		switch {
		case i == t.Active:
			clr = Text
			FillRect(dst, Rect{r.X, r.Y, r.W, r.H}, Background)
			FillRect(dst, Rect{r.X + r.W*0.1, r.Bottom() - r.H*0.07, r.W * 0.8, r.H * 0.07}, Accent)
		case i == t.hover:
			clr = Text
			FillRect(dst, r, Control)
		}
		num := digits[i%len(digits)]
		nw := TextWidth(num, Mono, size*0.85)
		gap := size * 0.5
		lw := min(TextWidth(t.Tabs[i], Regular, size), r.W-nw-gap-t.th.Px(GapS)*2)
		x := r.CenterX() - (nw+gap+lw)/2
		Label(dst, num, Mono, size*0.85, x, r.CenterY(), TextFaint, Left)
		TextIn(dst, Rect{x + nw + gap, r.Y, lw + 1, r.H}, t.Tabs[i], Style{Regular, size}, clr, Left)
	}
}

var digits = [...]string{"1", "2", "3", "4", "5", "6", "7", "8", "9"}
