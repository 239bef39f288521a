package ui

import (
	"image"
	"math"

	"github.com/hajimehoshi/ebiten/v2"
)

func rectangle(r Rect) image.Rectangle {
	return image.Rect(int(math.Floor(r.X)), int(math.Floor(r.Y)), int(math.Ceil(r.Right())), int(math.Ceil(r.Bottom())))
}

// PanelBox draws a panel background with an optional title at its top-left
// and returns the content rectangle below the title. size is the title's
// font size in pixels.
func PanelBox(dst *ebiten.Image, p *Painter, r Rect, title string, size float64) Rect {
	p.FillRound(dst, r, size*0.5, Panel)
	if title == "" {
		return r.Inset(size * 0.9)
	}
	Label(dst, title, Bold, size*1.05, r.X+size*0.9, r.Y+size*1.1, Text, Left)
	return Rect{r.X + size*0.9, r.Y + size*2.2, r.W - size*1.8, r.H - size*3.1}
}
