//go:build !js

package main

import (
	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes"
)

// urlState is empty on the desktop, where flags choose the scene and seed;
// web_js.go reads them from the page's address instead.
type urlState struct{}

// openURL leaves opt as the flags set it.
func openURL(opt *scenes.Options) *urlState { return nil }

// wrap returns the lab itself.
func (*urlState) wrap(m *scenes.Manager) ebiten.Game { return m }
