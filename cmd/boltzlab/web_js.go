//go:build js

package main

import (
	"fmt"
	"strings"
	"syscall/js"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/cli"
	"boltzlab/scenes"
)

// In the browser the address's hash chooses the scene and seed at start,
// or carries a share code that opens one scene in a given state, and
// follows the person as they switch scenes and work in them (about once a
// second, when the state has changed), so the address bar always holds a
// link back to what is on screen. The program also keeps a small
// status object, window.boltzlab, that the page and the browser test read:
//
//	scenes      the registered scene names, in tab order
//	scene, seed what is on screen
//	frames      frames drawn so far
//	fps, tps    Ebitengine's measured rates, refreshed once a second
//	firstFrame  performance.now() when the first frame was drawn
//	frameTimes()
//	            the Go time of the lab's frames (each Draw and the Updates
//	            before it) since the last call, at most the last 600:
//	            {n, p50, p95, p99} in milliseconds, as -bench-frames
//	            prints on the desktop
//	busiest()   puts the scene on screen in its busiest state (at the
//	            next tick), as -bench-frames does
//	blank       true when the blank measuring game runs instead of the lab
//	controls()  a function returning every control of the scene on screen
//	            and every tab ("tab-NAME") by stable ID, as [x, y, w, h]
//	            in CSS pixels, so the test finds them by name
//	code        the share code the address carries, or "" while the
//	            scene is as it started
//	receive(kind, from, text)
//	            how the page's script hands over a pasted code ("code"),
//	            a picked file ("file") or a message ("notice")

// parseArgs returns the defaults: a page has no command line (its address
// is read by openURL), and leaving the flag parser out keeps the download
// smaller.
func parseArgs([]string) (cli.Config, error) { return cli.Defaults(), nil }

// openFlags has nothing to open: the address's code is opened by wrap.
func openFlags(*scenes.Manager, cli.Config) error { return nil }

// benchGame is never asked for in the browser, which measures frames in
// the browser test instead.
func benchGame(m *scenes.Manager, _ int) ebiten.Game { return m }

// urlState is what the page's address asked for.
type urlState struct {
	req     cli.LinkRequest
	notices []string
	opt     scenes.Options
}

// openURL reads location.hash and applies its scene and seed to opt.
func openURL(opt *scenes.Options) *urlState {
	hash := js.Global().Get("location").Get("hash").String()
	req, notices := cli.ParseHash(hash, scenes.Names())
	if req.Scene != "" {
		opt.Scene = req.Scene
	}
	if req.HasSeed {
		opt.Seed = req.Seed
	}
	opt.Teacher = req.Teacher
	return &urlState{req: req, notices: notices, opt: *opt}
}

// wrap returns the game to run: the lab m, wrapped so it keeps the
// address and the status object up to date, or the blank measuring game
// when the hash asked for it.
func (u *urlState) wrap(m *scenes.Manager) ebiten.Game {
	g := &webGame{lab: m, opt: u.opt, notices: append(u.notices, m.Notices()...), changed: make(chan string, 4)}
	if u.req.Teacher != "" {
		g.teacher = "&teacher=" + u.req.Teacher
	}
	if u.req.Blank {
		g.blank = &blankGame{}
	}
	if u.req.Code != "" {
		// The code names its scene and seed, so it wins over the rest.
		if err := m.OpenCode(u.req.Code); err != nil {
			g.notices = append(g.notices, "the code was not opened: "+err.Error())
		}
	} else if !u.req.Blank {
		g.restore()
	}
	names := []any{}
	for _, n := range m.Names() {
		names = append(names, n)
	}
	g.status = js.Global().Get("Object").New()
	g.status.Set("scenes", js.ValueOf(names))
	g.status.Set("seed", fmt.Sprint(m.Seed()))
	g.status.Set("frames", 0)
	g.status.Set("blank", g.blank != nil)
	g.status.Set("controls", js.FuncOf(func(this js.Value, args []js.Value) any { return g.controls() }))
	g.times.max = 600
	g.status.Set("frameTimes", js.FuncOf(func(this js.Value, args []js.Value) any {
		n, p50, p95, p99 := g.times.quantiles()
		g.times.reset()
		return map[string]any{"n": n, "p50": p50, "p95": p95, "p99": p99}
	}))
	g.status.Set("busiest", js.FuncOf(func(this js.Value, args []js.Value) any {
		g.toBusier = true
		return nil
	}))
	g.status.Set("receive", js.FuncOf(func(this js.Value, args []js.Value) any {
		if len(args) == 3 && g.lab != nil {
			g.lab.Receive(args[0].String(), args[1].String(), args[2].String())
		}
		return nil
	}))
	js.Global().Set("boltzlab", g.status)
	js.Global().Call("addEventListener", "hashchange", js.FuncOf(func(this js.Value, args []js.Value) any {
		// The hash the event is about, from its new address: by the time
		// the event runs, the program may have rewritten the address
		// (syncHash), and location.hash would say that instead.
		hash := js.Global().Get("location").Get("hash").String()
		if len(args) > 0 && args[0].Get("newURL").Type() == js.TypeString {
			if u := args[0].Get("newURL").String(); strings.Contains(u, "#") {
				hash = u[strings.Index(u, "#"):]
			}
		}
		select {
		case g.changed <- hash:
		default:
		}
		return nil
	}))
	return g
}

// webGame runs the lab (or the blank game) and does the browser's chores
// around it.
type webGame struct {
	lab     *scenes.Manager
	blank   *blankGame // non-nil: measure this instead of the lab
	opt     scenes.Options
	notices []string

	started    bool
	restored   string // what was restored from local storage, to say so
	teacher    string // "&teacher=…" when the lab is in teacher mode, for the address
	shown      string // the hash the address holds
	shownScene string // and the scene it is of
	lastSync   time.Time
	changed    chan string
	status     js.Value
	frames     int
	lastStat   time.Time
	outW, outH int

	upd      time.Duration // the lab's Update time since the last Draw
	times    frameTimes    // the lab's recent frames
	toBusier bool          // busiest() was called
}

func (g *webGame) game() ebiten.Game {
	if g.blank != nil {
		return g.blank
	}
	return g.lab
}

// Update implements ebiten.Game.
func (g *webGame) Update() error {
	if !g.started {
		g.started = true
		g.start()
	}
	select {
	case h := <-g.changed:
		g.follow(h)
	default:
	}
	if g.blank != nil {
		return g.blank.Update()
	}
	if g.toBusier {
		g.toBusier = false
		g.lab.Scene().Busiest()
	}
	t0 := time.Now()
	err := g.lab.Update()
	defer func() { g.upd += time.Since(t0) }()
	g.syncHash()
	return err
}

// host calls a method of window.boltzlabHost, the page script's helpers
// (assets/web/boot.js), and returns its result, or undefined where the
// page has none.
func host(method string, args ...any) js.Value {
	h := js.Global().Get("boltzlabHost")
	if h.Type() != js.TypeObject || h.Get(method).Type() != js.TypeFunction {
		return js.Undefined()
	}
	return h.Call(method, args...)
}

// restore brings back the last state of each scene of this seed that
// the browser kept (in local storage, through the page script), so a
// reload or a link without a code finds the lab as the person left it,
// and offers to start fresh instead.
func (g *webGame) restore() {
	n := 0
	for _, name := range scenes.Names() {
		v := host("kept", name)
		if v.Type() != js.TypeString {
			continue
		}
		if st, err := scenes.StateOfCode(v.String()); err == nil && g.lab.Keep(st) {
			n++
		}
	}
	if n > 0 {
		g.restored = "Restored what you left in this browser; Start fresh forgets it"
		host("offerFresh")
	}
}

// start shows what the link asked for that could not be done, once the
// game is running.
func (g *webGame) start() {
	if g.blank != nil {
		return
	}
	g.tell(g.notices)
	if g.restored != "" && len(g.notices) == 0 {
		g.lab.Notify(g.restored)
	}
}

// controls describes where every control of the scene on screen and every
// tab is, in CSS pixels.
func (g *webGame) controls() any {
	dpr := js.Global().Get("devicePixelRatio").Float()
	if dpr <= 0 {
		dpr = 1
	}
	out := js.Global().Get("Object").New()
	put := func(id string, x, y, w, h float64) {
		out.Set(id, js.ValueOf([]any{x / dpr, y / dpr, w / dpr, h / dpr}))
	}
	for i, name := range g.lab.Names() {
		r := g.lab.TabRect(i)
		put("tab-"+name, r.X, r.Y, r.W, r.H)
	}
	for _, c := range append(g.lab.HeaderControls(), g.lab.Scene().Controls()...) {
		r := *c.R
		put(c.ID, r.X, r.Y, r.W, r.H)
	}
	return out
}

// tell shows notices on screen and writes them to the console.
func (g *webGame) tell(notices []string) {
	for _, n := range notices {
		fmt.Println("boltzlab: link:", n)
	}
	if len(notices) > 0 && g.lab != nil {
		g.lab.Notify("Link: " + strings.Join(notices, "; ") + ".")
	}
}

// follow applies a hash the person typed or pasted while the page was
// open. A new seed means new scenes, so the lab is made afresh. The blank
// measuring game can be swapped in and out this way too, so the browser
// test measures it in the same page, right next to each scene.
func (g *webGame) follow(hash string) {
	req, notices := cli.ParseHash(hash, scenes.Names())
	if req.Blank {
		// The lab keeps its state underneath and comes back as it was.
		if g.blank == nil {
			g.blank = &blankGame{}
			g.status.Set("blank", true)
		}
		return
	}
	if g.blank != nil {
		g.blank = nil
		g.status.Set("blank", false)
		g.lab.Layout(g.outW, g.outH)
		if hash == g.shown {
			// Back to the address the lab itself last wrote: the lab is
			// still as it was, and opening its code again would only
			// replay it.
			return
		}
	}
	if req.Code != "" {
		// The code names its scene and seed, so it wins over the rest.
		if err := g.lab.OpenCode(req.Code); err != nil {
			notices = append(notices, "the code was not opened: "+err.Error())
		}
		g.shown = ""
		g.status.Set("seed", fmt.Sprint(g.lab.Seed()))
		g.tell(notices)
		return
	}
	scene := req.Scene
	if scene == "" {
		scene = g.lab.ActiveName()
	}
	if req.HasSeed && req.Seed != g.lab.Seed() {
		opt := g.opt
		opt.Scene, opt.Seed, opt.Run, opt.Help = scene, req.Seed, false, false
		m, err := scenes.NewManager(opt)
		if err != nil {
			notices = append(notices, err.Error())
		} else {
			m.Layout(g.outW, g.outH)
			g.lab.Close()
			g.lab = m
			g.status.Set("seed", fmt.Sprint(m.Seed()))
		}
	} else {
		g.lab.SwitchByName(scene)
	}
	g.shown = ""
	g.tell(notices)
}

// syncHash writes the link to the scene on screen into the address,
// without adding a history entry: at once when the scene changes, and at
// most once a second while the person works in it. A scene still in the
// state it started in gets the short link of its name and seed; one that
// has changed gets its share code too.
func (g *webGame) syncHash() {
	name := g.lab.ActiveName()
	now := time.Now()
	if name == g.shownScene && g.shown != "" && now.Sub(g.lastSync) < time.Second {
		return
	}
	g.lastSync = now
	code := ""
	if st, err := g.lab.State(); err == nil && g.lab.Changed(st) {
		code, _ = scenes.CodeOf(st)
	}
	hash := "#" + cli.FormatHash(name, g.lab.Seed(), code) + g.teacher
	g.shownScene = name
	g.status.Set("scene", name)
	g.status.Set("seed", fmt.Sprint(g.lab.Seed()))
	if hash == g.shown {
		return
	}
	g.shown = hash
	g.status.Set("code", code)
	js.Global().Get("history").Call("replaceState", js.Null(), "", hash)
	// The browser keeps the scene's last state for the next visit.
	host("keep", name, code)
}

// Draw implements ebiten.Game.
func (g *webGame) Draw(screen *ebiten.Image) {
	t0 := time.Now()
	g.game().Draw(screen)
	if g.blank == nil {
		g.times.add(g.upd + time.Since(t0))
		g.upd = 0
	}
	g.frames++
	g.status.Set("frames", g.frames)
	now := time.Now()
	if g.frames == 1 {
		g.status.Set("firstFrame", js.Global().Get("performance").Call("now"))
		if ready := js.Global().Get("boltzlabReady"); ready.Type() == js.TypeFunction {
			ready.Invoke()
		}
		g.lastStat = now
	}
	if now.Sub(g.lastStat) >= time.Second {
		g.lastStat = now
		g.status.Set("fps", ebiten.ActualFPS())
		g.status.Set("tps", ebiten.ActualTPS())
	}
}

// Layout implements ebiten.Game.
func (g *webGame) Layout(outsideW, outsideH int) (int, int) {
	g.outW, g.outH = outsideW, outsideH
	return g.game().Layout(outsideW, outsideH)
}
