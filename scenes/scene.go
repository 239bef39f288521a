// Package scenes holds Boltzmann Lab's scenes and the Manager that switches
// between them. A scene turns input into calls on package sim and draws the
// result; it keeps only presentation state of its own.
//
// Adding a scene is one file and one line in Registry: the file defines a
// type that embeds base (which supplies the parts every scene shares),
// builds its layout tree, key map and controls in its constructor, and
// implements Title, Caption, Help, Reset, Update and Draw. Larger scenes
// keep their drawing in NAME_draw.go and their saved state in
// NAME_state.go. These files pass 400 lines, each for a reason:
//
//   - manager.go holds the frame skeleton every scene runs through (keys,
//     scrolling, notices, screenshots).
//   - rbm.go builds the RBM lab's four panels and the controls they share
//     in one constructor.
//   - annealing.go runs the descent on screen beside two computations (the
//     race and the shared disconnectivity graph) that it starts, lists,
//     stops and reads back.
//   - distribution.go places the handles a person drags on the network
//     drawing, which its input and its drawing both use.
//   - capacity.go keeps the recall on screen and the experiment that runs
//     beside the frames, with the hand-over of its tallies between them.
//   - recall.go takes input in three places (the grid's units, the stored
//     memories, and the basin map, which jumps to a clicked state) and
//     orders the map's 512 states so that neighbours differ by one unit.
//   - digits.go lays out six panels and shares each frame's budget among
//     training, dreaming, inpainting and scoring.
//   - learning.go lays out the data, the two phases' matrices and the
//     curves in a constructor of a hundred lines.
package scenes

import (
	"encoding/json"
	"errors"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
)

// Scene is one page of the lab: everything the Manager, the tests and the
// tools built on them rely on.
type Scene interface {
	Title() string
	Caption() string // one line under the title
	Help() string    // the help overlay's text; newlines separate paragraphs

	// Layout returns the scene's layout tree, built once; the Manager
	// resolves it for the window every frame before Update and Draw.
	Layout() *ui.Node
	// Keys lists the scene's key bindings, Run, Step and Reset first.
	Keys() ui.Keymap
	// Controls lists every interactive region by its stable ID.
	Controls() []ui.Region
	// Hide hides a widget by its ID, for teacher mode, and reports whether
	// there was one.
	Hide(id string) bool
	// Focus is the scene's keyboard focus; the Manager moves it on Tab.
	Focus() *ui.Focus
	// Transport returns the Run/Step/Reset controls, or nil.
	Transport() *ui.Transport

	// Update handles one tick's input. The Manager has already moved the
	// focus and run the transport: ctx.Steps is how many updates the tick
	// asks for, which Simulate makes.
	Update(ctx *Context) error
	// Simulate makes the tick's updates, as many of ctx.Steps as
	// ctx.More allows, and reads no input. The Manager calls it after
	// Update: inline in the browser and in tests, and on the desktop from
	// a goroutine of its own while the frame is drawn (see stepper).
	Simulate(ctx *Context)
	// Draw draws the scene into the rectangles its layout was given.
	Draw(dst *ebiten.Image, ctx *Context)
	// Reset returns to the scene's starting point for its seed and says
	// what happened, in a short notice ("" for none).
	Reset() string

	Running() bool
	SetRunning(on bool)
	// Activate is called each time the scene comes on screen, for
	// instance to pick up what another scene shared or to start a job.
	// No job starts before it, in the constructor or in SetState: the
	// Manager also makes scenes it never shows, to compare states or
	// check control IDs, and drops them.
	Activate(ctx *Context)

	// State returns everything the person set and the simulation holds,
	// as a versioned value that encodes to JSON (for share codes and
	// files); SetState restores one, or refuses it and changes nothing.
	State() (State, error)
	SetState(st State) error

	// Busiest puts the scene in its most expensive steady state, for the
	// frame benchmark and the soak.
	Busiest()
	// Jobs lists every long computation the scene has under way, each
	// reporting its progress; the Manager cancels them when it drops the
	// scene.
	Jobs() []Job
	// Invalidate asks the scene to repaint its cached layers.
	Invalidate()
}

// State is a scene's saved state: its name, a format version, the seed and
// the scene's own data.
type State struct {
	Scene   string          `json:"scene"`
	Version int             `json:"version"`
	Seed    uint64          `json:"seed"`
	Data    json.RawMessage `json:"data"`
}

// ErrNoState is returned by scenes that cannot save or restore their state.
var ErrNoState = errors.New("this scene cannot save its state")

// Job is a long computation that runs beside the frames: it reports its
// progress and can be cancelled.
type Job interface {
	Name() string
	Progress() float64 // in [0, 1]
	Done() bool
	Cancel()
}

// Context is what a scene receives each frame.
type Context struct {
	In     ui.Input
	Theme  ui.Theme
	Seed   uint64
	Steps  int // updates the transport asks for in this tick
	Shared *Shared
	// Notify shows a short message to the person, for a few seconds.
	Notify func(msg string)
	// Deadline is when this tick's simulation work should stop, so that a
	// scene asked for more steps than fit never stalls a frame; zero (as
	// in tests) means no limit.
	Deadline time.Time
	// Save saves the scene on screen as JSON and Open offers to open a
	// saved one (Ctrl+S and Ctrl+O), for scenes with buttons that do so.
	Save, Open func()

	// yield, when Simulate runs beside the frame, lets a waiting frame draw
	// and reports whether a newer tick has taken this one's place.
	yield func(*Context) bool
}

// OverBudget reports whether the tick's time for simulation is spent.
// Beside the frame it is also where the simulation gives way to a frame
// that is waiting, so a scene that asks it between steps never holds a
// frame up for longer than one step.
func (c *Context) OverBudget() bool {
	if c.yield != nil && c.yield(c) {
		return true
	}
	return !c.Deadline.IsZero() && time.Now().After(c.Deadline)
}

// More reports whether a scene that has made k of this tick's steps may
// make another: while the transport asks for more and the budget lasts,
// and always the first, so that a slow machine still moves every tick.
func (c *Context) More(k int) bool { return k < c.Steps && (k == 0 || !c.OverBudget()) }

// Shared carries the little state that passes between scenes.
type Shared struct {
	// The unit last selected in the Recall scene and its energy gap, so the
	// Sigmoid scene can start from the same numbers.
	Unit     int
	DeltaE   float64
	HasUnit  bool
	UnitFrom string
}

// Entry registers a scene: its short name (for -scene and the URL), its
// tab label, and how to make it from a seed.
type Entry struct {
	Name string
	Tab  string
	New  func(seed uint64) Scene
}

// Registry lists the scenes in tab order. A new scene adds one line here.
func Registry() []Entry {
	return []Entry{
		{"recall", "Recall", newRecall},
		{"sigmoid", "Sigmoid", newSigmoid},
		{"distribution", "Distribution", newDistribution},
		{"annealing", "Annealing", newAnnealing},
		{"learning", "Learning", newLearning},
		{"rbm", "RBM lab", newRBMLab},
		{"digits", "Digits", newDigits},
		{"capacity", "Capacity", newCapacity},
	}
}

// Names returns the short names of the registered scenes, in tab order.
func Names() []string {
	var names []string
	for _, e := range Registry() {
		names = append(names, e.Name)
	}
	return names
}
