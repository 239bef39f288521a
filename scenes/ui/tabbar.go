package ui

import "github.com/hajimehoshi/ebiten/v2"

// TabBar is a row of tabs, one per scene, numbered for the number keys,
// after the program's name.
type TabBar struct {
	Rect   Rect
	Brand  string
	Tabs   []string
	Active int

	hover   int
	down    int
	painter Painter
}

// tabRects lays the tabs out left to right after the brand, each wide
// enough for eight tabs to share the bar.
func (t *TabBar) tabRects() []Rect {
	if len(t.Tabs) == 0 {
		return nil
	}
	h := t.Rect.H
	x := t.Rect.X + h*5.2
	w := min(h*3.6, (t.Rect.Right()-x)/8)
	out := make([]Rect, len(t.Tabs))
	for i := range out {
		out[i] = Rect{x + float64(i)*w, t.Rect.Y, w, h}
	}
	return out
}

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
	size := t.Rect.H * 0.36
	Label(dst, t.Brand, Bold, size*1.05, t.Rect.X+t.Rect.H*0.75, t.Rect.CenterY(), Text, Left)
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
		num := string(rune('1' + i))
		nw := TextWidth(num, Mono, size*0.85)
		lw := TextWidth(t.Tabs[i], Regular, size)
		gap := size * 0.5
		x := r.CenterX() - (nw+gap+lw)/2
		Label(dst, num, Mono, size*0.85, x, r.CenterY(), TextFaint, Left)
		Label(dst, t.Tabs[i], Regular, size, x+nw+gap, r.CenterY(), clr, Left)
	}
}
