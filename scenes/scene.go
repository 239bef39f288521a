// Package scenes holds Boltzmann Lab's scenes and the Manager that switches
// between them. A scene turns input into calls on package sim and draws the
// result; it keeps only presentation state of its own.
package scenes

import (
	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
)

// Scene is one page of the lab.
type Scene interface {
	Title() string
	Caption() string // one line under the title
	Help() string    // the help overlay's text; blank lines separate paragraphs
	Update(ctx *Context) error
	Draw(dst *ebiten.Image, ctx *Context)
}

// activator is implemented by scenes that want to hear when they come on
// screen, for instance to pick up what another scene shared.
type activator interface {
	Activate(ctx *Context)
}

// Context is what a scene receives each frame.
type Context struct {
	In     ui.Input
	L      ui.Layout // maps the 1280×800 design canvas onto the screen
	Seed   uint64
	Shared *Shared
	// Notify shows a short message to the person, for a few seconds.
	Notify func(msg string)
}

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
