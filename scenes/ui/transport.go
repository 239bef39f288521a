package ui

import (
	"github.com/hajimehoshi/ebiten/v2"
)

// Transport is the Run/Pause, Step and Reset controls with the speed
// slider that every scene has. Their IDs are run, step, reset and speed;
// TransportKeys binds the first three to Space, '.' and R.
type Transport struct {
	Run, Step, Reset Button
	Speed            Slider // updates per frame; fractions run every few frames
	Running          bool
	// RunLabel names the Run button while stopped, for scenes where
	// running means something more specific ("Train"); "" means "Run".
	RunLabel string

	owed float64 // fractional updates carried to the next frame
}

// NewTransport returns stopped controls whose speed ranges over
// [lo, hi] updates per frame on a log scale, starting at speed.
func NewTransport(lo, hi, speed float64) *Transport {
	t := &Transport{
		Run:   Button{ID: "run", Label: "Run", Hint: "Space", Primary: true},
		Step:  Button{ID: "step", Label: "Step", Hint: "."},
		Reset: Button{ID: "reset", Label: "Reset", Hint: "R"},
		Speed: Slider{ID: "speed", Label: "Speed (updates per frame)", Min: lo, Max: hi, Value: speed, Log: true},
	}
	t.Speed.Format = func(v float64) string {
		if v < 1 {
			return Fmt("1 per %.0f frames", 1/v)
		}
		return Fmt("%.0f", v)
	}
	return t
}

// TransportKeys are the keys of Run, Step and Reset, the same in every
// scene.
var TransportKeys = Keymap{
	{ID: "run", Key: ebiten.KeySpace, Label: "Space", Does: "run or pause"},
	{ID: "step", Key: ebiten.KeyPeriod, Label: ".", Does: "one step"},
	{ID: "reset", Key: ebiten.KeyR, Label: "R", Does: "reset"},
}

// Place lays the three buttons out in row and the speed slider in speed.
func (t *Transport) Place(row, speed Rect) {
	gap := row.H * 0.25
	cols := row.SplitX(3, gap)
	t.Run.Rect, t.Step.Rect, t.Reset.Rect = cols[0], cols[1], cols[2]
	t.Speed.Rect = speed
}

// Widgets returns the focusable widgets, in Tab order.
func (t *Transport) Widgets() []any { return []any{&t.Run, &t.Step, &t.Reset, &t.Speed} }

// Update handles the controls and their keys and returns how many updates
// to make this frame and whether Reset was asked for. Speeds below one
// update per frame accumulate, so 0.25 makes one update every fourth frame.
func (t *Transport) Update(in Input, f *Focus, keys Keymap) (updates int, reset bool) {
	if t.Run.Update(in, f) || (!t.Run.Hidden && keys.Fired(in, t.Run.ID)) {
		t.Running = !t.Running
	}
	if t.Step.Update(in, f) || (!t.Step.Hidden && keys.Fired(in, t.Step.ID)) {
		t.Running = false
		updates = 1
	}
	if t.Reset.Update(in, f) || (!t.Reset.Hidden && keys.Fired(in, t.Reset.ID)) {
		reset = true
	}
	t.Speed.Update(in, f)
	if t.Running {
		t.owed += t.Speed.Value
		n := int(t.owed)
		t.owed -= float64(n)
		updates += n
	}
	return updates, reset
}

// Draw draws the buttons and the slider. The Run button's label is chosen
// here rather than in Update, so a scene that stops itself (on Reset, or at
// the end of a run) never shows a stale "Pause".
func (t *Transport) Draw(dst *ebiten.Image, f *Focus) {
	t.Run.Label = t.RunText()
	t.Run.Draw(dst, f)
	t.Step.Draw(dst, f)
	t.Reset.Draw(dst, f)
	t.Speed.Draw(dst, f)
}

// RunText is what the Run button says now: Pause while running, otherwise
// RunLabel (or Run).
func (t *Transport) RunText() string {
	switch {
	case t.Running:
		return "Pause"
	case t.RunLabel != "":
		return t.RunLabel
	}
	return "Run"
}
