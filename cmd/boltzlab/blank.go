package main

import (
	"image/color"

	"github.com/hajimehoshi/ebiten/v2"
)

// blankGame draws next to nothing: a background and one small moving
// square, at the same resolution as the lab. The browser test measures its
// frame rate as the ceiling the scenes are compared with.
type blankGame struct {
	ticks int
	dot   *ebiten.Image
}

func (b *blankGame) Update() error {
	b.ticks++
	return nil
}

func (b *blankGame) Draw(screen *ebiten.Image) {
	screen.Fill(color.RGBA{0x10, 0x13, 0x1a, 0xff})
	if b.dot == nil {
		b.dot = ebiten.NewImage(16, 16)
		b.dot.Fill(color.RGBA{0x56, 0xb4, 0xe9, 0xff})
	}
	w := screen.Bounds().Dx()
	var op ebiten.DrawImageOptions
	op.GeoM.Translate(float64((b.ticks*4)%max(1, w-16)), 24)
	screen.DrawImage(b.dot, &op)
}

func (b *blankGame) Layout(outsideW, outsideH int) (int, int) {
	s := ebiten.Monitor().DeviceScaleFactor()
	if s <= 0 {
		s = 1
	}
	return max(1, int(float64(outsideW)*s)), max(1, int(float64(outsideH)*s))
}
