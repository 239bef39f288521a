package ui

import (
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

// Layer caches a picture that changes less often than the frame (a panel's
// grid, axes and labels, a heatmap): it is painted into an offscreen image
// only when marked dirty or when its size changes, and copied to the screen
// every frame, which costs one draw call.
type Layer struct {
	img   *ebiten.Image
	w, h  int
	dirty bool
}

// Invalidate marks the layer to be painted again before it is next drawn.
func (l *Layer) Invalidate() { l.dirty = true }

// Draw copies the layer to dst at r, first calling paint (with an image of
// r's size and r moved to the origin) when the layer is dirty or r changed
// size.
func (l *Layer) Draw(dst *ebiten.Image, r Rect, paint func(img *ebiten.Image, r Rect)) {
	w, h := int(math.Ceil(r.W)), int(math.Ceil(r.H))
	if w < 1 || h < 1 {
		return
	}
	if l.img == nil || w != l.w || h != l.h {
		if l.img != nil {
			l.img.Deallocate()
		}
		l.img = ebiten.NewImage(w, h)
		l.w, l.h = w, h
		l.dirty = true
	}
	if l.dirty {
		l.img.Clear()
		paint(l.img, Rect{0, 0, r.W, r.H})
		l.dirty = false
	}
	op := &ebiten.DrawImageOptions{}
	op.GeoM.Translate(math.Round(r.X), math.Round(r.Y))
	dst.DrawImage(l.img, op)
}
