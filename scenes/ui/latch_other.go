//go:build !js

package ui

import "github.com/hajimehoshi/ebiten/v2"

// On the desktop GLFW keeps a press that was released before the next tick
// ("sticky" buttons), so Ebitengine already reports it and nothing needs
// to be queued.
type latch struct{}

func (*latch) take() (x, y float64, ok bool) { return 0, 0, false }

func (*latch) takeKeys(dst []ebiten.Key) []ebiten.Key { return dst }
