package scenes

import (
	"fmt"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes/ui"
)

// drawHeader draws a scene's title, caption and seed at the top of the
// design canvas, the same way on every scene.
func drawHeader(dst *ebiten.Image, ctx *Context, s Scene) {
	l := ctx.L
	ui.Label(dst, s.Title(), ui.Bold, l.S(26), l.X(32), l.Y(76), ui.Text, ui.Left)
	ui.Label(dst, s.Caption(), ui.Regular, l.S(15), l.X(32), l.Y(104), ui.TextDim, ui.Left)
	ui.Label(dst, fmt.Sprintf("seed %d", ctx.Seed), ui.Mono, l.S(14), l.X(1248), l.Y(76), ui.TextDim, ui.Right)
	ui.Label(dst, "? help · F fps · S screenshot", ui.Regular, l.S(13), l.X(1248), l.Y(104), ui.TextFaint, ui.Right)
}
