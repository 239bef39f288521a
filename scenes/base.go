package scenes

import (
	"image/color"
	"slices"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
)

// base is embedded by every scene. It holds the parts they share (key map,
// focus, transport, controls, layout tree, cached layers) and implements
// the Scene methods whose behaviour is the same everywhere.
type base struct {
	keys      ui.Keymap
	focus     ui.Focus
	transport *ui.Transport
	controls  []ui.Region
	root      *ui.Node
	layers    []*ui.Layer
	painter   ui.Painter
	hidden    map[string]*bool // teacher mode: each widget's Hidden flag, by ID

	// The backdrop: the page's background and panels, kept in a layer and
	// repainted when the panels (their places or titles) change.
	backdrop     ui.Layer
	sheet, drawn []panelSheet
	drawnTh      ui.Theme
}

// panelSheet is one panel as the backdrop draws it.
type panelSheet struct {
	title string
	r     ui.Rect
}

// setup records the scene's transport (or nil), its own key bindings and
// its focusable widgets, in any order: the Manager arranges them in
// reading order from the layout when Tab is pressed. Widgets with an ID
// become controls; buttons and toggles take their hint from the key map.
func (b *base) setup(t *ui.Transport, keys ui.Keymap, widgets ...any) {
	b.transport = t
	b.keys = nil
	if t != nil {
		b.keys = append(b.keys, ui.TransportKeys...)
		widgets = append(t.Widgets(), widgets...)
	}
	b.keys = append(b.keys, keys...)
	b.focus.Order = nil
	for _, w := range widgets {
		switch w := w.(type) {
		case *ui.Button:
			if h := b.keys.Hint(w.ID); h != "" {
				w.Hint = h
			}
			b.focus.Order = append(b.focus.Order, w)
			b.widget(w.ID, &w.Rect, &w.Hidden)
		case *ui.Toggle:
			if h := b.keys.Hint(w.ID); h != "" {
				w.Hint = h
			}
			b.focus.Order = append(b.focus.Order, w)
			b.widget(w.ID, &w.Rect, &w.Hidden)
		case *ui.Slider:
			b.focus.Order = append(b.focus.Order, w)
			b.widget(w.ID, &w.Rect, &w.Hidden)
		default:
			b.focus.Order = append(b.focus.Order, w)
		}
	}
}

// keyNote names the key bound to control id for a notice, as " (K)", or
// returns "" when no key is bound or the control is hidden.
func (b *base) keyNote(id string) string {
	h := b.keys.Hint(id)
	if hidden, ok := b.hidden[id]; h == "" || ok && *hidden {
		return ""
	}
	return " (" + h + ")"
}

// widget adds a widget's area to the controls, with the flag that hides
// it in teacher mode.
func (b *base) widget(id string, r *ui.Rect, hidden *bool) {
	if b.hidden == nil {
		b.hidden = map[string]*bool{}
	}
	b.hidden[id] = hidden
	b.region(id, r)
}

// Hide hides the widget with that ID (teacher mode): it is not drawn,
// cannot be clicked or focused, its key does nothing, and it leaves the
// controls. It reports whether the scene has such a widget.
func (b *base) Hide(id string) bool {
	h, ok := b.hidden[id]
	if !ok {
		return false
	}
	*h = true
	for k := range b.controls {
		if b.controls[k].ID == id {
			b.controls = append(b.controls[:k:k], b.controls[k+1:]...)
			break
		}
	}
	return true
}

// region adds an interactive area that is not a widget (a grid, a map, a
// drawing) to the controls.
func (b *base) region(id string, r *ui.Rect) {
	if id == "" {
		return
	}
	b.controls = append(b.controls, ui.Region{ID: id, R: r})
}

// layer returns a new cached layer that Invalidate will repaint.
func (b *base) layer() *ui.Layer {
	l := &ui.Layer{}
	l.Invalidate()
	b.layers = append(b.layers, l)
	return l
}

// pressed reports whether button w was activated this frame by the
// pointer, by Enter while focused, or by its key.
func (b *base) pressed(in ui.Input, w *ui.Button) bool {
	return w.Update(in, &b.focus) || (!w.Disabled && !w.Hidden && b.keys.Fired(in, w.ID))
}

// toggled reports whether toggle w flipped this frame by the pointer, by
// Enter while focused, or by its key.
func (b *base) toggled(in ui.Input, w *ui.Toggle) bool {
	if w.Update(in, &b.focus) {
		return true
	}
	if !w.Hidden && b.keys.Fired(in, w.ID) {
		w.On = !w.On
		return true
	}
	return false
}

// choose updates a row of buttons of which one, current, is chosen (drawn
// as primary) and returns the index pressed this frame, or −1.
func (b *base) choose(in ui.Input, buttons []ui.Button, current int) int {
	picked := -1
	for i := range buttons {
		buttons[i].Primary = i == current
		if b.pressed(in, &buttons[i]) {
			picked = i
		}
	}
	return picked
}

// slid updates sliders and reports whether any of them changed.
func (b *base) slid(in ui.Input, sliders ...*ui.Slider) bool {
	changed := false
	for _, s := range sliders {
		changed = s.Update(in, &b.focus) || changed
	}
	return changed
}

// panels draws the page behind the scene's content: the background, and
// every panel of the layout with its title. These change only when the
// layout or a title does, so they are kept in a layer the size of the
// screen and repainted only then: a frame copies them in one draw instead
// of filling the screen and shading every rounded panel again, which is
// most of the pixels a software renderer shades in a frame. Every scene's
// Draw starts with it, so the Manager does not clear the screen.
func (b *base) panels(dst *ebiten.Image, th ui.Theme) {
	b.sheet = b.sheet[:0]
	b.root.Panels(func(title string, r ui.Rect) { b.sheet = append(b.sheet, panelSheet{title, r}) })
	if !slices.Equal(b.sheet, b.drawn) || th != b.drawnTh {
		b.drawn = append(b.drawn[:0], b.sheet...)
		b.drawnTh = th
		b.backdrop.Invalidate()
	}
	bd := dst.Bounds()
	screen := ui.Rect{X: float64(bd.Min.X), Y: float64(bd.Min.Y), W: float64(bd.Dx()), H: float64(bd.Dy())}
	b.backdrop.Draw(dst, screen, func(img *ebiten.Image, _ ui.Rect) {
		img.Fill(ui.Background)
		for _, p := range b.drawn {
			r := p.r.Offset(-screen.X, -screen.Y)
			b.painter.FillRound(img, r, th.Px(10), ui.Panel)
			if p.title != "" {
				pad := th.Px(ui.GapL)
				ui.TextIn(img, ui.Rect{X: r.X + pad, Y: r.Y + pad*0.5, W: r.W - 2*pad, H: th.Px(30)}, p.title, th.Style(ui.Strong), ui.Text, ui.Left)
			}
		}
	})
}

// readout draws a labelled value in c: the label small and dim on top,
// the value large below it, and a faint note under that when there is one.
func readout(dst *ebiten.Image, th ui.Theme, c ui.Rect, label, value, note string) {
	lh, rh := th.LineHeight(ui.Small), th.LineHeight(ui.Readout)
	ui.TextIn(dst, c.Top(lh), label, th.Style(ui.Small), ui.TextDim, ui.Left)
	ui.TextIn(dst, c.Below(lh, 0).Top(rh), value, th.Style(ui.Readout), ui.Text, ui.Left)
	if note != "" {
		ui.TextIn(dst, c.Below(lh+rh, 0).Top(lh), note, th.Style(ui.Small), ui.TextFaint, ui.Left)
	}
}

// chip draws a rounded status pill with a coloured dot and a message.
func (b *base) chip(dst *ebiten.Image, th ui.Theme, r ui.Rect, msg string, dot color.RGBA) {
	b.painter.FillRound(dst, r, r.H/2, ui.Panel)
	ui.Disc(dst, r.X+r.H/2+th.Px(2), r.CenterY(), th.Px(6), dot)
	x := r.X + r.H/2 + th.Px(16)
	ui.TextIn(dst, ui.Rect{X: x, Y: r.Y, W: r.Right() - x - r.H/2, H: r.H}, msg, th.Style(ui.Strong), ui.Text, ui.Left)
}

func (b *base) Layout() *ui.Node         { return b.root }
func (b *base) Controls() []ui.Region    { return b.controls }
func (b *base) Keys() ui.Keymap          { return b.keys }
func (b *base) Focus() *ui.Focus         { return &b.focus }
func (b *base) Transport() *ui.Transport { return b.transport }
func (b *base) Activate(*Context)        {}
func (b *base) Simulate(*Context)        {}
func (b *base) Jobs() []Job              { return nil }
func (b *base) State() (State, error)    { return State{}, ErrNoState }
func (b *base) SetState(State) error     { return ErrNoState }

// Running reports whether the transport is running.
func (b *base) Running() bool { return b.transport != nil && b.transport.Running }

// SetRunning starts or stops the transport.
func (b *base) SetRunning(on bool) {
	if b.transport != nil {
		b.transport.Running = on
	}
}

// Busiest runs the scene at its top speed.
func (b *base) Busiest() {
	if b.transport != nil {
		b.transport.Speed.Set(b.transport.Speed.Max)
		b.transport.Running = true
	}
}

// Invalidate marks every cached layer for repainting.
func (b *base) Invalidate() {
	for _, l := range b.layers {
		l.Invalidate()
	}
}
