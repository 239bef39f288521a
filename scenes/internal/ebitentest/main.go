// Package ebitentest runs a package's tests inside a running Ebitengine
// game, so they can draw to images and read the pixels back (which
// Ebitengine allows only once its loop has started). Use it from TestMain:
//
//	func TestMain(m *testing.M) { ebitentest.Main(m) }
//
// The process still needs a display; under CI that is Xvfb.
package ebitentest

import (
	"errors"
	"os"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
)

type game struct {
	m    *testing.M
	code int
	ran  bool
}

func (g *game) Update() error {
	if !g.ran {
		g.ran = true
		g.code = g.m.Run()
	}
	return ebiten.Termination
}

func (g *game) Draw(*ebiten.Image) {}

func (g *game) Layout(int, int) (int, int) { return 64, 64 }

// Main runs the tests of m from inside the game loop and exits with their
// status.
func Main(m *testing.M) {
	g := &game{m: m}
	ebiten.SetWindowSize(64, 64)
	if err := ebiten.RunGame(g); err != nil && !errors.Is(err, ebiten.Termination) {
		panic(err)
	}
	os.Exit(g.code)
}
