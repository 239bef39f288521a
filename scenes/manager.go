package scenes

import (
	"errors"
	"fmt"
	"image"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

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
	// Teacher is teacher mode, SCENES[:HIDDEN]: only these scenes (none
	// named: all), with the controls of these IDs hidden. Names that are
	// no scene or no control are skipped, with a notice (see Notices).
	Teacher string
}

// GlobalKeys are the keys the Manager keeps for itself in every scene; no
// scene may bind them.
var GlobalKeys = func() ui.Keymap {
	k := ui.Keymap{
		{ID: "focus", Key: ebiten.KeyTab, Label: "Tab", Does: "move the keyboard focus"},
		{ID: "focus", Key: ebiten.KeyTab, Mod: ui.ModShift, Label: "Shift+Tab", Does: "move the keyboard focus"},
		{ID: "help", Key: ebiten.KeySlash, Mod: ui.ModShift, Label: "?", Does: "this help"},
		{ID: "help", Key: ebiten.KeyH, Label: "H", Does: "this help"},
		{ID: "fps", Key: ebiten.KeyF, Label: "F", Does: "frame rate"},
		{ID: "screenshot", Key: ebiten.KeyS, Label: "S", Does: "save a screenshot"},
	}
	k = append(k, keepKeys...)
	k = append(k, ui.Binding{ID: "close", Key: ebiten.KeyEscape, Label: "Esc", Does: "close the help, clear the focus"})
	for d := range 9 {
		k = append(k, ui.Binding{ID: "scene", Key: ebiten.KeyDigit1 + ebiten.Key(d), Label: fmt.Sprint(d + 1), Does: "switch scene"})
		k = append(k, ui.Binding{ID: "scene", Key: ebiten.KeyNumpad1 + ebiten.Key(d), Label: fmt.Sprint(d + 1), Does: "switch scene"})
	}
	return k
}()

// keepKeys are the global keys that keep and share a scene.
var keepKeys = ui.Keymap{
	{ID: "copy", Key: ebiten.KeyC, Mod: ui.ModCtrl, Label: "Ctrl+C", Does: "copy a share code"},
	{ID: "paste", Key: ebiten.KeyV, Mod: ui.ModCtrl, Label: "Ctrl+V", Does: "open a share code"},
	{ID: "save", Key: ebiten.KeyS, Mod: ui.ModCtrl, Label: "Ctrl+S", Does: "save the scene as JSON"},
	{ID: "open", Key: ebiten.KeyO, Mod: ui.ModCtrl, Label: "Ctrl+O", Does: "open a saved scene"},
}

// page is a scene on screen: its layout under the shared header, and how
// far it is scrolled.
type page struct {
	root    *ui.Node
	header  ui.Rect
	scroll  float64
	content float64 // the height the layout needs, in pixels
}

// Manager is the ebiten.Game: it owns the scenes, the tab bar, the help and
// FPS overlays, and the global keys. Scenes are made on first visit and keep
// their state when the person switches away and back. It runs the frame
// skeleton every scene shares: layout, focus, transport, then the scene.
type Manager struct {
	entries  []Entry
	scenes   []Scene
	pages    []*page
	fresh    []string         // each scene's state when it was made, as JSON
	pending  map[string]State // states kept from an earlier visit, for scenes not made yet
	hidden   []string         // teacher mode: the control IDs hidden in every scene
	ctx      Context          // the tick's context, reused
	ctxFuncs *Context         // its functions, made once
	seedText ui.Memo[uint64]  // the header's "seed N"
	notices  []string         // what teacher mode skipped
	keysHelp string           // the help overlay's list of the global keys
	active   int
	seed     uint64
	shared   Shared

	live  ui.Live
	in    Source  // where input comes from: the devices, or a soak's script
	idle  ui.Fake // the input scenes see while the help overlay is up
	mask  masked
	tabs  ui.TabBar
	help  bool
	fps   bool
	w, h  int
	th    ui.Theme
	tabH  float64
	chars []rune

	notice      string
	noticeScene int
	until       time.Time        // when the notice disappears
	noticed     int              // how many notices have been shown
	now         func() time.Time // the clock notices keep time by; tests set their own
	saved       chan string      // notices from screenshots saved in the background
	incoming    chan opening     // codes and files that arrived from outside the frame loop

	scrollDrag bool
	dragFrom   float64

	shotPath   string
	shotFrames int
	drawn      int
	shotErr    error
	done       bool

	painter ui.Painter
	keep    [3]ui.Button // the header's Share, Save and Open
	// headTitle and headCaption are the header's title row and caption,
	// placed by the last layout.
	headTitle, headCaption ui.Rect

	helpView helpView

	// step makes the simulation steps beside the frame on the desktop;
	// nil (inline steps) until Update first runs there, and always nil in
	// the browser and in tests that drive the frame skeleton themselves.
	step *stepper
}

// Source is where the Manager reads input from: an Input that is brought
// up to date once at the start of every tick.
type Source interface {
	ui.Input
	Update()
}

// SetSource makes the Manager read input from src instead of the devices
// (the soak drives scenes this way).
func (m *Manager) SetSource(src Source) { m.in = src }

// stepBudget (in pace_*.go) is how long a tick may spend making the
// updates the speed control asks for. A scene asked for more than fit
// makes fewer and runs slower instead of stalling the window (or the
// browser's only thread).

// ErrUnknownScene is returned by NewManager for a scene name that is not
// registered.
var ErrUnknownScene = errors.New("unknown scene")

// NewManager returns a manager showing opt.Scene.
func NewManager(opt Options) (*Manager, error) {
	m := &Manager{entries: Registry(), seed: opt.Seed, shotPath: opt.Screenshot, shotFrames: opt.Frames,
		saved: make(chan string, 4), incoming: make(chan opening, 4), th: ui.Theme{U: 1}, now: time.Now,
		keep: newKeepButtons()}
	m.teach(opt.Teacher)
	m.keysHelp = globalHelp(len(m.entries))
	m.in = &m.live
	m.scenes = make([]Scene, len(m.entries))
	m.pages = make([]*page, len(m.entries))
	m.fresh = make([]string, len(m.entries))
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
		if m.active < 0 && len(m.entries) < len(Registry()) {
			// Teacher mode left this scene out: open its first scene.
			m.active = 0
		}
		if m.active < 0 {
			return nil, fmt.Errorf("%w %q (choose one of: %s)", ErrUnknownScene, opt.Scene, strings.Join(m.Names(), ", "))
		}
	}
	m.switchTo(m.active)
	m.help = opt.Help
	if opt.Run {
		m.scenes[m.active].SetRunning(true)
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
		m.made(i)
	}
	m.scenes[i].Activate(m.context(&m.idle))
}

// Close cancels the long computations of every scene made so far; the
// Manager's scenes are about to be dropped (a new seed makes a new lab).
func (m *Manager) Close() {
	for _, s := range m.scenes {
		cancelJobs(s)
	}
	if m.step != nil {
		m.step.stop()
		m.step = nil
	}
}

// Scene returns the scene on screen.
func (m *Manager) Scene() Scene { return m.scenes[m.active] }

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

// noticeTime is how long a notice stays on screen: a time, not a count
// of ticks, so it reads as long when the frame rate drops.
const noticeTime = 3 * time.Second

// Notify shows msg at the bottom of the screen for about three seconds,
// while the scene that is active now stays on screen.
func (m *Manager) Notify(msg string) {
	m.notice = msg
	m.noticeScene = m.active
	m.until = m.now().Add(noticeTime)
	m.noticed++
}

// noticeLeft is how long the notice has left on screen, or zero when none
// shows: it belongs to the scene it came from, and the help covers it.
func (m *Manager) noticeLeft() time.Duration {
	if m.notice == "" || m.help || m.noticeScene != m.active {
		return 0
	}
	return max(0, m.until.Sub(m.now()))
}

// context returns the Context of this tick for input in. It is one value
// reused from tick to tick (its functions made once), so a frame does not
// allocate a new one.
func (m *Manager) context(in ui.Input) *Context {
	if m.ctxFuncs == nil {
		m.ctxFuncs = &Context{Notify: m.Notify, Save: m.saveScene, Open: func() { pickFile(m) }}
	}
	m.ctx = *m.ctxFuncs
	m.ctx.In, m.ctx.Theme, m.ctx.Seed, m.ctx.Shared = in, m.th, m.seed, &m.shared
	return &m.ctx
}

// Theme returns the theme the last layout used.
func (m *Manager) Theme() ui.Theme { return m.th }

// TabRect returns the rectangle of tab i, for tests.
func (m *Manager) TabRect(i int) ui.Rect { return m.tabs.TabRect(i) }

// Resize lays the lab out for a screen of w × h pixels at device scale
// dpr. Layout calls it; tests call it to lay out without a window.
func (m *Manager) Resize(w, h int, dpr float64) {
	if dpr <= 0 {
		dpr = 1
	}
	if w != m.w || h != m.h || quantize(dpr*m.scale(w, h, dpr)) != m.th.U {
		for _, s := range m.scenes {
			if s != nil {
				s.Invalidate()
			}
		}
	}
	m.w, m.h = max(1, w), max(1, h)
	m.th = ui.Theme{U: quantize(dpr * m.scale(w, h, dpr))}
	m.layout()
}

// quantize rounds a scale to an eighth, so a window dragged through every
// size in between uses a handful of text sizes, not a new one (with its
// own glyph cache) for every pixel of the drag.
func quantize(u float64) float64 { return math.Max(0.125, math.Round(u*8)/8) }

// scale chooses dp per CSS pixel: 1 up to a 1280×800 window, growing on
// bigger ones so a wide monitor is not mostly margin. Smaller windows keep
// 1 and reflow instead of shrinking, so text stays readable.
func (m *Manager) scale(w, h int, dpr float64) float64 {
	cw, ch := float64(w)/dpr, float64(h)/dpr
	return math.Max(1, math.Min(1.6, math.Min(cw/1280, ch/800)))
}

// pad is the page margin: smaller on a phone.
func (m *Manager) pad() float64 {
	if float64(m.w) < m.th.Px(600) {
		return m.th.Px(ui.GapS * 2)
	}
	return m.th.Px(ui.GapXL)
}

// layout resolves the active page for the current window and scroll.
func (m *Manager) layout() {
	m.tabH = m.tabs.Place(m.th, float64(m.w))
	p := m.pages[m.active]
	pad := m.pad()
	view := m.view()
	r := ui.Rect{X: pad, Y: m.tabH + pad, W: float64(m.w) - 2*pad, H: view.H - 2*pad}
	p.content = p.root.Fresh(m.th, r.W)
	p.scroll = math.Max(0, math.Min(p.scroll, p.content-r.H))
	r.Y -= p.scroll
	p.root.Resolve(m.th, r)
	m.headTitle, m.headCaption = m.placeHeader(p.header)
}

// view is the part of the screen below the tab bar.
func (m *Manager) view() ui.Rect {
	return ui.Rect{Y: m.tabH, W: float64(m.w), H: math.Max(0, float64(m.h)-m.tabH)}
}

// overflow is how far the active page can scroll, in pixels.
func (m *Manager) overflow() float64 {
	p := m.pages[m.active]
	return math.Max(0, p.content-(m.view().H-2*m.pad()))
}

// lock takes the scenes from the stepper for the frame; unlock gives them
// back.
func (m *Manager) lock() {
	if m.step != nil {
		m.step.acquire()
	}
}

func (m *Manager) unlock() {
	if m.step != nil {
		m.step.release()
	}
}

// Waited returns how long the frames have waited in all for the
// simulation to hand the scenes over (zero when it runs inline): the part
// of a frame's time that is the simulation's, for the frame benchmark.
func (m *Manager) Waited() time.Duration {
	if m.step == nil {
		return 0
	}
	return m.step.waited
}

// Update implements ebiten.Game.
func (m *Manager) Update() error {
	if m.done {
		return ebiten.Termination
	}
	if stepAside && m.step == nil {
		m.step = newStepper()
	}
	m.lock()
	defer m.unlock()
	m.in.Update()
	select {
	case msg := <-m.saved:
		m.Notify(msg)
	case o := <-m.incoming:
		m.open(o)
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
	live := m.in
	plain := live.Mods()&^ui.ModShift == 0
	if question || (plain && GlobalKeys.Fired(live, "help") && live.KeyPressed(ebiten.KeyH)) ||
		(m.help && (live.KeyPressed(ebiten.KeyEscape) || m.helpView.pointer(live, m.th))) {
		m.help = !m.help
		m.helpView.reset()
		return nil
	}
	if GlobalKeys.Fired(live, "fps") {
		m.fps = !m.fps
	}
	if GlobalKeys.Fired(live, "screenshot") {
		m.shotPath = "" // a live screenshot, not the -screenshot one
		m.shotFrames = -1
	}
	m.keepKeys()
	m.dropped()
	for k := 0; k < len(m.entries) && k < 9; k++ {
		if plain && (live.KeyPressed(ebiten.KeyDigit1+ebiten.Key(k)) || live.KeyPressed(ebiten.KeyNumpad1+ebiten.Key(k))) {
			m.switchTo(k)
		}
	}
	m.layout()
	if i := m.tabs.Update(live); i >= 0 {
		m.switchTo(i)
		m.layout()
	}
	var in ui.Input = live
	if m.help {
		in = &m.idle
	}
	m.scrollPage(in)
	m.mask = masked{Input: in, top: m.tabH}
	ctx := m.context(&m.mask)
	ctx.Deadline = time.Now().Add(stepBudget)
	return m.frame(ctx)
}

// frame runs the skeleton every scene shares: focus, transport, reset,
// then the scene's own update.
func (m *Manager) frame(ctx *Context) error {
	s := m.scenes[m.active]
	m.keepButtons(ctx.In)
	if ctx.In.KeyPressed(ebiten.KeyTab) {
		// Tab follows the layout as it is now, which a resize or a
		// scene's own changes may have reflowed.
		s.Focus().Arrange(s.Layout())
	}
	s.Focus().Update(ctx.In)
	if t := s.Transport(); t != nil {
		steps, reset := t.Update(ctx.In, s.Focus(), s.Keys())
		if reset {
			t.Running = false
			if msg := s.Reset(); msg != "" {
				m.Notify(msg)
			}
			return nil
		}
		ctx.Steps = steps
	}
	if err := s.Update(ctx); err != nil {
		return err
	}
	if m.step != nil {
		m.step.post(s, ctx)
	} else {
		s.Simulate(ctx)
	}
	return nil
}

// scrollPage scrolls a page taller than the window: the wheel where no
// control wants it, a drag on the scroll bar, or a drag that starts where
// there is no control (which is how a finger scrolls).
func (m *Manager) scrollPage(in ui.Input) {
	over := m.overflow()
	if over <= 0 {
		m.scrollDrag = false
		return
	}
	p := m.pages[m.active]
	before := p.scroll
	pt := in.Pointer()
	onControl := false
	for _, c := range m.scenes[m.active].Controls() {
		if c.R.Contains(pt.X, pt.Y) {
			onControl = true
		}
	}
	for k := range m.keep {
		onControl = onControl || (!m.keep[k].Hidden && m.keep[k].Rect.Contains(pt.X, pt.Y))
	}
	if w := in.Wheel(); w != 0 && !onControl {
		p.scroll -= w * m.th.Px(40)
	}
	bar := m.scrollBar()
	if pt.Pressed && pt.Y > m.tabH && (bar.Contains(pt.X, pt.Y) || !onControl) {
		m.scrollDrag, m.dragFrom = true, pt.Y
	}
	if m.scrollDrag {
		if !pt.Down {
			m.scrollDrag = false
		} else {
			d := pt.Y - m.dragFrom
			if bar.Contains(pt.X, m.dragFrom) {
				d *= -(p.content) / m.view().H // the bar moves the other way, faster
			}
			p.scroll -= d
			m.dragFrom = pt.Y
		}
	}
	p.scroll = math.Max(0, math.Min(p.scroll, over))
	if p.scroll != before {
		m.layout() // the scene's rectangles move with the page
	}
}

// scrollBar is the strip at the right edge where the scroll thumb runs.
func (m *Manager) scrollBar() ui.Rect {
	v := m.view()
	w := m.th.Px(12)
	return ui.Rect{X: v.Right() - w, Y: v.Y, W: w, H: v.H}
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
// pixel, so text and lines stay sharp on HiDPI displays.
func (m *Manager) Layout(outsideW, outsideH int) (int, int) {
	s := ebiten.Monitor().DeviceScaleFactor()
	if s <= 0 {
		s = 1
	}
	w, h := max(1, int(float64(outsideW)*s)), max(1, int(float64(outsideH)*s))
	if w != m.w || h != m.h {
		m.lock()
		m.Resize(w, h, s)
		m.unlock()
	}
	return m.w, m.h
}

// focusedKeys are the keys a focused widget answers to, which no key map
// binds.
const focusedKeys = "arrows, Page Up/Down, Home/End: adjust the focused slider · Enter: press the focused button"

// globalHelp describes the keys that work in every scene, for the help
// overlay and the README: GlobalKeys, with the digits that choose among
// the first n scenes written as one range, and then focusedKeys.
func globalHelp(n int) string {
	var digits []string
	var rest ui.Keymap
	does := ""
	for _, b := range GlobalKeys {
		switch {
		case b.ID != "scene":
			rest = append(rest, b)
		case !slices.Contains(digits, b.Label):
			digits, does = append(digits, b.Label), b.Does
		}
	}
	parts := []string{rest.Describe(), focusedKeys}
	if n = min(n, len(digits)); n > 0 {
		first := digits[0]
		if n > 1 {
			first += "–" + digits[n-1]
		}
		parts = slices.Insert(parts, 0, first+" or a tab: "+does)
	}
	return strings.Join(parts, " · ")
}

// headerKeys are the global keys the header names beside the seed.
var headerKeys = GlobalKeys.Hint("help") + " help · " + GlobalKeys.Hint("fps") + " fps · " + GlobalKeys.Hint("screenshot") + " screenshot"

// masked hides the pointer from a scene while it is over the tab bar, so a
// page scrolled under the bar cannot be clicked through it.
type masked struct {
	ui.Input
	top float64
}

// Pointer implements ui.Input.
func (m *masked) Pointer() ui.Pointer {
	p := m.Input.Pointer()
	if p.Y < m.top {
		p.X, p.Y = -1e9, -1e9
	}
	return p
}
