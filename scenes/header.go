package scenes

import (
	"fmt"
	"math"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
)

// The page header: the scene's title and caption, the seed, and the
// buttons that keep and share the scene. The buttons do what Ctrl+C,
// Ctrl+S and Ctrl+O do, for a touch screen or a person who does not know
// the keys.

// keepIDs are the header buttons' stable IDs, in the order they are
// drawn, and keepDoes the global key each stands for.
var (
	keepIDs  = [3]string{"page-share", "page-save", "page-open"}
	keepDoes = [3]string{"copy", "save", "open"}
)

// newKeepButtons returns the header's buttons.
func newKeepButtons() [3]ui.Button {
	var b [3]ui.Button
	for k, label := range [3]string{"Share", "Save", "Open"} {
		b[k] = ui.Button{ID: keepIDs[k], Label: label, Hint: GlobalKeys.Hint(keepDoes[k])}
	}
	return b
}

// keepRowH is the height of the header's buttons, and headerWide the
// width from which they share the title's row (on a narrower page they
// have a row of their own under it).
const (
	keepRowH   = 34
	headerWide = 720
)

// headerHeight is the height of a scene's header at width w.
func (m *Manager) headerHeight(s Scene, w float64) float64 {
	th := m.th
	h := th.LineHeight(ui.Heading) + ui.TextHeight(s.Caption(), th.Style(ui.Body), w)
	if w < th.Px(headerWide) {
		h += th.Px(keepRowH) + th.Px(ui.GapS)
	}
	return h
}

// placeHeader lays the header out in r: it places the buttons and
// returns the rows left for the title (and the seed beside it) and for
// the caption.
func (m *Manager) placeHeader(r ui.Rect) (title, caption ui.Rect) {
	th := m.th
	title = r.Top(th.LineHeight(ui.Heading))
	caption = r.Below(title.H, 0)
	row, gap := title, th.Px(ui.GapS)
	if r.W < th.Px(headerWide) {
		row = caption.Top(th.Px(keepRowH))
		caption = caption.Below(row.H, th.Px(ui.GapS))
	}
	h := th.Px(keepRowH)
	y := row.CenterY() - h/2
	x := row.Right()
	if r.W < th.Px(headerWide) {
		x = row.X // a row of their own starts at the left, under the title
		for k := range m.keep {
			b := &m.keep[k]
			b.Rect = ui.Rect{X: x, Y: y, W: b.Width(h, 0.4), H: h}
			x += b.Rect.W + gap
		}
		return title, caption
	}
	for k := len(m.keep) - 1; k >= 0; k-- {
		b := &m.keep[k]
		w := b.Width(h, 0.4)
		x -= w
		b.Rect = ui.Rect{X: x, Y: y, W: w, H: h}
		x -= gap
	}
	title.W = math.Max(0, x-title.X-th.Px(ui.GapL))
	return title, caption
}

// keepButtons handles the header's buttons for this tick.
func (m *Manager) keepButtons(in ui.Input) {
	for k := range m.keep {
		if m.keep[k].Update(in, nil) {
			m.keepAction(keepDoes[k])
		}
	}
}

// keepAction does what the global key with ID id does.
func (m *Manager) keepAction(id string) {
	switch id {
	case "copy":
		code, err := m.shareCode()
		if err != nil {
			m.Notify("Nothing copied: " + err.Error())
			return
		}
		copyCode(m, code)
	case "paste":
		pasteCode(m)
	case "save":
		m.saveScene()
	case "open":
		pickFile(m)
	}
}

// HeaderControls lists the header's buttons by their IDs, for the
// browser test.
func (m *Manager) HeaderControls() []ui.Region {
	var out []ui.Region
	for k := range m.keep {
		if !m.keep[k].Hidden {
			out = append(out, ui.Region{ID: m.keep[k].ID, R: &m.keep[k].Rect})
		}
	}
	return out
}

// drawHeader draws the scene's title, seed, buttons and caption above its
// layout.
func (m *Manager) drawHeader(dst *ebiten.Image, s Scene) {
	th := m.th
	top, caption := m.headTitle, m.headCaption
	seed := m.seedText.Get(m.seed, func(s uint64) string { return fmt.Sprintf("seed %d", s) })
	sw := ui.TextWidth(seed, ui.Mono, th.Style(ui.Number).Size)
	hw := ui.TextWidth(headerKeys, ui.Regular, th.Style(ui.Small).Size)
	rw := sw
	wide := top.W > th.Px(520)
	if wide {
		rw = math.Max(sw, hw)
	}
	ui.TextIn(dst, ui.Rect{X: top.X, Y: top.Y, W: top.W - rw - th.Px(ui.GapL), H: top.H}, s.Title(), th.Style(ui.Heading), ui.Text, ui.Left)
	if wide {
		ui.TextIn(dst, top.Top(top.H/2), seed, th.Style(ui.Number), ui.TextDim, ui.Right)
		ui.TextIn(dst, top.Below(top.H/2, 0), headerKeys, th.Style(ui.Small), ui.TextFaint, ui.Right)
	} else {
		ui.TextIn(dst, top, seed, th.Style(ui.Number), ui.TextDim, ui.Right)
	}
	for k := range m.keep {
		m.keep[k].Draw(dst, nil)
	}
	ui.TextBlock(dst, caption, s.Caption(), th.Style(ui.Body), ui.TextDim)
}
