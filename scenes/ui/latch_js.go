//go:build js

package ui

import (
	"sync"
	"syscall/js"

	"github.com/hajimehoshi/ebiten/v2"
)

// In the browser Ebitengine samples the pointer once per tick, so a click
// or tap whose press and release both fall between two ticks (a quick tap,
// a laptop's tap-to-click, any click at a low frame rate) would be lost.
// The page's own pointer events are queued here as they arrive, and Live
// replays a press it did not see.

type latch struct {
	once  sync.Once
	mu    sync.Mutex
	downs []latchedPress
	keys  []ebiten.Key
}

type latchedPress struct{ x, y float64 }

// start listens for pointer presses on the page.
func (l *latch) start() {
	l.once.Do(func() {
		dpr := js.Global().Get("devicePixelRatio")
		js.Global().Get("document").Call("addEventListener", "pointerdown", js.FuncOf(func(this js.Value, args []js.Value) any {
			ev := args[0]
			if ev.Get("button").Int() > 0 {
				return nil
			}
			s := 1.0
			if dpr.Truthy() {
				s = js.Global().Get("devicePixelRatio").Float()
			}
			canvas := js.Global().Get("document").Call("querySelector", "canvas")
			x, y := ev.Get("clientX").Float(), ev.Get("clientY").Float()
			if canvas.Truthy() {
				r := canvas.Call("getBoundingClientRect")
				x -= r.Get("left").Float()
				y -= r.Get("top").Float()
			}
			l.mu.Lock()
			if len(l.downs) < 16 {
				l.downs = append(l.downs, latchedPress{x * s, y * s})
			}
			l.mu.Unlock()
			return nil
		}), map[string]any{"capture": true, "passive": true})
		js.Global().Get("document").Call("addEventListener", "keydown", js.FuncOf(func(this js.Value, args []js.Value) any {
			ev := args[0]
			if ev.Get("repeat").Bool() {
				return nil
			}
			k, ok := jsKeys[ev.Get("code").String()]
			if !ok {
				return nil
			}
			l.mu.Lock()
			if len(l.keys) < 16 {
				l.keys = append(l.keys, k)
			}
			l.mu.Unlock()
			return nil
		}), map[string]any{"capture": true, "passive": true})
	})
}

// takeKeys appends the keys pressed since the last call to dst and empties
// the queue.
func (l *latch) takeKeys(dst []ebiten.Key) []ebiten.Key {
	l.start()
	l.mu.Lock()
	defer l.mu.Unlock()
	dst = append(dst, l.keys...)
	l.keys = l.keys[:0]
	return dst
}

// jsKeys maps the page's key codes to Ebitengine's keys, for the keys the
// lab binds.
var jsKeys = func() map[string]ebiten.Key {
	m := map[string]ebiten.Key{
		"Space": ebiten.KeySpace, "Period": ebiten.KeyPeriod, "Enter": ebiten.KeyEnter,
		"NumpadEnter": ebiten.KeyNumpadEnter, "Escape": ebiten.KeyEscape, "Tab": ebiten.KeyTab,
		"Delete": ebiten.KeyDelete, "Backspace": ebiten.KeyBackspace, "Slash": ebiten.KeySlash,
		"ArrowLeft": ebiten.KeyArrowLeft, "ArrowRight": ebiten.KeyArrowRight,
		"ArrowUp": ebiten.KeyArrowUp, "ArrowDown": ebiten.KeyArrowDown,
		"PageUp": ebiten.KeyPageUp, "PageDown": ebiten.KeyPageDown, "Home": ebiten.KeyHome, "End": ebiten.KeyEnd,
		"Minus": ebiten.KeyMinus, "Equal": ebiten.KeyEqual, "BracketLeft": ebiten.KeyBracketLeft, "BracketRight": ebiten.KeyBracketRight,
	}
	for c := 'A'; c <= 'Z'; c++ {
		m["Key"+string(c)] = ebiten.KeyA + ebiten.Key(c-'A')
	}
	for d := '0'; d <= '9'; d++ {
		m["Digit"+string(d)] = ebiten.KeyDigit0 + ebiten.Key(d-'0')
		m["Numpad"+string(d)] = ebiten.KeyNumpad0 + ebiten.Key(d-'0')
	}
	return m
}()

// take returns the first press queued since the last call, if any, and
// empties the queue.
func (l *latch) take() (x, y float64, ok bool) {
	l.start()
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.downs) == 0 {
		return 0, 0, false
	}
	p := l.downs[0]
	l.downs = l.downs[:0]
	return p.x, p.y, true
}
