package scenes

import (
	"errors"
	"fmt"
	"image"
	"math"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"boltzlab/scenes/ui"
)

// Options configure a Manager; cmd/boltzlab fills them from flags (and, in
// the browser, from the URL hash).
type Options struct {
	Scene      string // short name of the first scene; "" is the first registered
	Seed       uint64
	Run        bool   // start the first scene running
	Help       bool   // open with the scene's help overlay showing
	Screenshot string // when set, draw Frames frames, write the screen here as PNG, and quit
	Frames     int
}

// Manager is the ebiten.Game: it owns the scenes, the tab bar, the help and
// FPS overlays, and the global keys. Scenes are made on first visit and keep
// their state when the person switches away and back.
type Manager struct {
	entries []Entry
	scenes  []Scene
	active  int
	seed    uint64
	shared  Shared

	live   ui.Live
	idle   ui.Fake // the input scenes see while the help overlay is up
	tabs   ui.TabBar
	help   bool
	fps    bool
	w, h   int
	ticks  int
	chars  []rune
	notice string
	until  int         // tick at which the notice disappears
	saved  chan string // notices from screenshots saved in the background

	shotPath   string
	shotFrames int
	drawn      int
	shotErr    error
	done       bool

	painter ui.Painter
}

// ErrUnknownScene is returned by NewManager for a scene name that is not
// registered.
var ErrUnknownScene = errors.New("unknown scene")

// NewManager returns a manager showing opt.Scene.
func NewManager(opt Options) (*Manager, error) {
	m := &Manager{entries: Registry(), seed: opt.Seed, shotPath: opt.Screenshot, shotFrames: opt.Frames,
		saved: make(chan string, 4)}
	m.scenes = make([]Scene, len(m.entries))
	m.tabs.Brand = "Boltzmann Lab"
	for _, e := range m.entries {
		m.tabs.Tabs = append(m.tabs.Tabs, e.Tab)
	}
	if opt.Scene != "" {
		m.active = -1
		for i, e := range m.entries {
			if e.Name == opt.Scene {
				m.active = i
			}
		}
		if m.active < 0 {
			return nil, fmt.Errorf("%w %q (choose one of: %s)", ErrUnknownScene, opt.Scene, strings.Join(Names(), ", "))
		}
	}
	m.switchTo(m.active)
	m.help = opt.Help
	if opt.Run {
		if r, ok := m.scenes[m.active].(interface{ SetRunning(bool) }); ok {
			r.SetRunning(true)
		}
	}
	return m, nil
}

// switchTo makes scene i active, creating it on first visit.
func (m *Manager) switchTo(i int) {
	if i < 0 || i >= len(m.entries) {
		return
	}
	m.active = i
	m.tabs.Active = i
	if m.scenes[i] == nil {
		m.scenes[i] = m.entries[i].New(m.seed)
	}
	if a, ok := m.scenes[i].(activator); ok {
		a.Activate(m.context(&m.idle))
	}
}

// ActiveName returns the short name of the scene on screen.
func (m *Manager) ActiveName() string { return m.entries[m.active].Name }

// Seed returns the seed every scene was made with.
func (m *Manager) Seed() uint64 { return m.seed }

// SwitchByName makes the named scene active and reports whether it exists.
func (m *Manager) SwitchByName(name string) bool {
	for i, e := range m.entries {
		if e.Name == name {
			m.switchTo(i)
			return true
		}
	}
	return false
}

// Notify shows msg at the bottom of the screen for a few seconds.
func (m *Manager) Notify(msg string) {
	m.notice = msg
	m.until = m.ticks + 4*60
}

func (m *Manager) context(in ui.Input) *Context {
	return &Context{In: in, L: ui.NewLayout(m.w, m.h), Seed: m.seed, Shared: &m.shared, Notify: m.Notify}
}

func (m *Manager) tabRect() ui.Rect {
	l := ui.NewLayout(m.w, m.h)
	return ui.Rect{X: 0, Y: 0, W: float64(m.w), H: l.S(44)}
}

// Update implements ebiten.Game.
func (m *Manager) Update() error {
	if m.done {
		return ebiten.Termination
	}
	m.ticks++
	m.live.Update()
	select {
	case msg := <-m.saved:
		m.Notify(msg)
	default:
	}
	if m.w == 0 {
		return nil // no layout yet
	}
	m.chars = ebiten.AppendInputChars(m.chars[:0])
	question := false
	for _, r := range m.chars {
		if r == '?' {
			question = true
		}
	}
	if question || m.live.KeyPressed(ebiten.KeyH) || (m.help && (m.live.KeyPressed(ebiten.KeyEscape) || m.live.Pointer().Pressed)) {
		m.help = !m.help
		return nil
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyF) {
		m.fps = !m.fps
	}
	if inpututil.IsKeyJustPressed(ebiten.KeyS) {
		m.shotPath = "" // a live screenshot, not the -screenshot one
		m.shotFrames = -1
	}
	for k := 0; k < len(m.entries) && k < 9; k++ {
		if inpututil.IsKeyJustPressed(ebiten.KeyDigit1+ebiten.Key(k)) || inpututil.IsKeyJustPressed(ebiten.KeyNumpad1+ebiten.Key(k)) {
			m.switchTo(k)
		}
	}
	m.tabs.Rect = m.tabRect()
	if i := m.tabs.Update(&m.live); i >= 0 {
		m.switchTo(i)
	}
	var in ui.Input = &m.live
	if m.help {
		in = &m.idle
	}
	return m.scenes[m.active].Update(m.context(in))
}

// Draw implements ebiten.Game.
func (m *Manager) Draw(screen *ebiten.Image) {
	screen.Fill(ui.Background)
	ctx := m.context(&m.live)
	s := m.scenes[m.active]
	drawHeader(screen, ctx, s)
	s.Draw(screen, ctx)
	m.tabs.Rect = m.tabRect()
	m.tabs.Draw(screen)
	if m.help {
		m.drawHelp(screen, ctx.L, s)
	}
	if m.fps {
		l := ctx.L
		msg := fmt.Sprintf("FPS %.1f  TPS %.1f", ebiten.ActualFPS(), ebiten.ActualTPS())
		r := ui.Rect{X: float64(m.w) - l.S(190), Y: l.S(52), W: l.S(178), H: l.S(26)}
		m.painter.FillRound(screen, r, l.S(6), ui.WithAlpha(ui.Control, 0.92))
		ui.Label(screen, msg, ui.Mono, l.S(13), r.CenterX(), r.CenterY(), ui.Text, ui.Center)
	}
	if m.notice != "" && m.ticks < m.until {
		l := ctx.L
		fade := math.Min(1, float64(m.until-m.ticks)/30)
		size := l.S(15)
		w := ui.TextWidth(m.notice, ui.Regular, size) + l.S(36)
		r := ui.Rect{X: float64(m.w)/2 - w/2, Y: float64(m.h) - l.S(64), W: w, H: l.S(38)}
		m.painter.FillRound(screen, r, l.S(10), ui.WithAlpha(ui.ControlHi, fade))
		ui.Label(screen, m.notice, ui.Regular, size, r.CenterX(), r.CenterY(), ui.WithAlpha(ui.Text, fade), ui.Center)
	}
	m.drawn++
	m.capture(screen)
}

// capture reads the finished frame back when a screenshot is due: the
// -screenshot one after its frame count, or one asked for with S.
func (m *Manager) capture(screen *ebiten.Image) {
	live := m.shotFrames < 0
	if !live && (m.shotPath == "" || m.drawn < m.shotFrames || m.done) {
		return
	}
	b := screen.Bounds()
	img := image.NewRGBA(b)
	screen.ReadPixels(img.Pix)
	if live {
		m.shotFrames = 0
		name := fmt.Sprintf("boltzlab-%s-%s.png", m.ActiveName(), time.Now().Format("20060102-150405"))
		go func() {
			// Encoding takes longer than a frame, so it happens off the
			// game loop; the notice arrives when the file is written.
			msg := "Saved " + name
			if err := savePNG(name, img); err != nil {
				msg = "Screenshot failed: " + err.Error()
			}
			m.saved <- msg
		}()
		return
	}
	m.shotErr = writePNG(m.shotPath, img)
	m.done = true
}

// ScreenshotErr returns the error of writing the -screenshot file, if any.
func (m *Manager) ScreenshotErr() error { return m.shotErr }

// Layout implements ebiten.Game. The screen has one pixel per device
// pixel, so text and lines stay sharp on HiDPI displays; scenes scale their
// layout to whatever size results.
func (m *Manager) Layout(outsideW, outsideH int) (int, int) {
	s := ebiten.Monitor().DeviceScaleFactor()
	if s <= 0 {
		s = 1
	}
	m.w, m.h = max(1, int(float64(outsideW)*s)), max(1, int(float64(outsideH)*s))
	return m.w, m.h
}

func (m *Manager) drawHelp(dst *ebiten.Image, l ui.Layout, s Scene) {
	ui.FillRect(dst, ui.Rect{W: float64(m.w), H: float64(m.h)}, ui.WithAlpha(ui.Background, 0.82))
	keys := "1–8 or a tab: switch scene · Space: run or pause · '.': one step · R: reset\n" +
		"Tab / Shift+Tab: move the keyboard focus · arrows, Page Up/Down, Home/End: adjust the focused slider · Enter: press the focused button\n" +
		"? or H: this help · F: frame rate · S: save a screenshot"
	// Measure first so the box fits its text.
	w := l.S(840 - 72)
	bodyH := ui.Paragraph(nil, s.Help(), ui.Regular, l.S(15), 0, 0, w, ui.Text)
	keysH := ui.Paragraph(nil, keys, ui.Regular, l.S(13.5), 0, 0, w, ui.TextDim)
	h := l.S(70) + bodyH + l.S(28) + keysH + l.S(56)
	r := ui.Rect{X: l.X(220), Y: math.Max(l.Y(60), (float64(m.h)-h)/2), W: l.S(840), H: h}
	m.painter.FillRound(dst, r, l.S(14), ui.Panel)
	m.painter.StrokeRound(dst, r, l.S(14), l.S(1.5), ui.PanelEdge)
	x := r.X + l.S(36)
	ui.Label(dst, s.Title()+" — how it works", ui.Bold, l.S(22), x, r.Y+l.S(40), ui.Text, ui.Left)
	y := r.Y + l.S(70)
	y += ui.Paragraph(dst, s.Help(), ui.Regular, l.S(15), x, y, w, ui.Text)
	y += l.S(14)
	ui.FillRect(dst, ui.Rect{X: x, Y: y, W: w, H: 1}, ui.PanelEdge)
	y += l.S(14)
	ui.Paragraph(dst, keys, ui.Regular, l.S(13.5), x, y, w, ui.TextDim)
	ui.Label(dst, "Click anywhere or press Esc to close", ui.Regular, l.S(13), r.CenterX(), r.Bottom()-l.S(24), ui.TextFaint, ui.Center)
}
