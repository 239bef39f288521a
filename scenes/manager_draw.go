package scenes

import (
	"fmt"
	"math"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
)

// Drawing of the manager scene.

// Draw implements ebiten.Game.
func (m *Manager) Draw(screen *ebiten.Image) {
	m.lock()
	defer m.unlock()
	if m.w == 0 {
		screen.Fill(ui.Background)
		return
	}
	m.layout()
	ctx := m.context(m.in)
	s := m.scenes[m.active]
	s.Draw(screen, ctx) // the scene paints the whole page, background first
	m.drawHeader(screen, s)
	if over := m.overflow(); over > 0 {
		bar := m.scrollBar()
		p := m.pages[m.active]
		frac := bar.H / (bar.H + over)
		thumb := ui.Rect{X: bar.X + bar.W*0.3, Y: bar.Y + (bar.H-bar.H*frac)*p.scroll/over, W: bar.W * 0.4, H: bar.H * frac}
		m.painter.FillRound(screen, thumb, thumb.W/2, ui.ControlHi)
	}
	m.tabs.Draw(screen)
	if m.help {
		m.drawHelp(screen, s)
	} else if left := m.noticeLeft(); left > 0 {
		m.drawNotice(screen, left)
	}
	if m.fps {
		th := m.th
		msg := fmt.Sprintf("FPS %.1f  TPS %.1f", ebiten.ActualFPS(), ebiten.ActualTPS())
		st := th.Style(ui.Number)
		w := ui.TextWidth(msg, st.Font, st.Size) + th.Px(24)
		r := ui.Rect{X: th.Px(ui.Gap), Y: float64(m.h) - th.Px(40), W: w, H: th.Px(30)}
		m.painter.FillRound(screen, r, th.Px(6), ui.WithAlpha(ui.Control, 0.92))
		ui.TextIn(screen, r, msg, st, ui.Text, ui.Center)
	}
	m.drawn++
	ui.EndFrame()
	m.capture(screen)
}

// drawNotice draws the current notice at the bottom of the screen,
// fading out over its last half second; left is the time it has left.
func (m *Manager) drawNotice(dst *ebiten.Image, left time.Duration) {
	th := m.th
	fade := math.Min(1, left.Seconds()/0.5)
	st := th.Style(ui.Body)
	maxW := math.Min(float64(m.w)-th.Px(32), th.Px(760))
	tw := math.Min(ui.TextWidth(m.notice, st.Font, st.Size), maxW-th.Px(36))
	th2 := ui.TextHeight(m.notice, st, tw+1)
	r := ui.Rect{W: tw + th.Px(36), H: th2 + th.Px(18)}
	r.X = float64(m.w)/2 - r.W/2
	r.Y = float64(m.h) - r.H - th.Px(ui.GapL)
	m.painter.FillRound(dst, r, th.Px(10), ui.WithAlpha(ui.ControlHi, fade))
	ui.Paragraph(dst, m.notice, st.Font, st.Size, r.X+th.Px(18), r.Y+th.Px(9), tw+1, ui.WithAlpha(ui.Text, fade))
}

func (m *Manager) drawHelp(dst *ebiten.Image, s Scene) {
	th := m.th
	ui.FillRect(dst, ui.Rect{W: float64(m.w), H: float64(m.h)}, ui.WithAlpha(ui.Background, 0.86))
	pad := th.Px(28)
	bw := math.Min(th.Px(840), float64(m.w)-2*m.pad())
	w := bw - 2*pad
	body, small := th.Style(ui.Body), th.Style(ui.Small)
	keys := "In this scene: " + s.Keys().Describe()
	global := m.keysHelp
	h := th.LineHeight(ui.Heading) + th.Px(12) + ui.TextHeight(s.Help(), body, w) + th.Px(28) +
		ui.TextHeight(keys, small, w) + th.Px(8) + ui.TextHeight(global, small, w) + th.Px(20) + th.LineHeight(ui.Small) + 2*pad
	top := m.tabH + th.Px(8)
	m.helpView.over = math.Max(0, h-(float64(m.h)-top-th.Px(8)))
	r := ui.Rect{X: (float64(m.w) - bw) / 2, Y: math.Max(top, (float64(m.h)-h)/2) - m.helpView.scroll, W: bw, H: h}
	m.painter.FillRound(dst, r, th.Px(14), ui.Panel)
	m.painter.StrokeRound(dst, r, th.Px(14), th.Px(1.5), ui.PanelEdge)
	c := r.Inset(pad)
	// On a narrow screen the heading drops its tail rather than overflow.
	head, hs := s.Title()+" — how it works", th.Style(ui.Heading)
	if ui.TextWidth(head, hs.Font, hs.Size) > c.W {
		head = s.Title()
	}
	ui.TextIn(dst, c.Top(th.LineHeight(ui.Heading)), head, hs, ui.Text, ui.Left)
	c = c.Below(th.LineHeight(ui.Heading), th.Px(12))
	c = c.Below(ui.TextBlock(dst, c, s.Help(), body, ui.Text), th.Px(14))
	ui.FillRect(dst, ui.Rect{X: c.X, Y: c.Y, W: c.W, H: 1}, ui.PanelEdge)
	c = c.Below(0, th.Px(14))
	c = c.Below(ui.TextBlock(dst, c, keys, small, ui.TextDim), th.Px(8))
	c = c.Below(ui.TextBlock(dst, c, global, small, ui.TextDim), th.Px(12))
	closing := "Click anywhere or press Esc to close"
	if m.helpView.over > 0 {
		closing = "Scroll or drag to read on; tap or press Esc to close"
	}
	ui.TextIn(dst, c.Top(th.LineHeight(ui.Small)), closing, small, ui.TextFaint, ui.Center)
}
