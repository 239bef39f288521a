package scenes

import (
	"boltzlab/assets/digits"
)

// Inpainting in the Digits scene: picking a test digit, erasing and inking
// it, and filling the erased pixels in.

// pickDigit puts test digit d.digit (in the scene's shuffled order) on the
// canvas with its middle erased, for the machine to fill in.
func (d *digitsScene) pickDigit() {
	copy(d.orig, d.evalTest[d.order[d.digit%len(d.order)]])
	d.restoreDigit()
	d.eraseMiddle()
}

func (d *digitsScene) restoreDigit() {
	copy(d.canv, d.orig)
	clear(d.free)
	d.fillSteps = 0
}

// eraseMiddle frees the central 10×10 square of the canvas, blank.
func (d *digitsScene) eraseMiddle() {
	for i := range d.free {
		if digits.Middle(i) {
			d.free[i], d.canv[i] = true, 0
		}
	}
	d.fillSteps = 0
}

// brush erases or inks the pixels within about one pixel of cell i.
func (d *digitsScene) brush(i int) {
	cx, cy := i%digits.Side, i/digits.Side
	for y := cy - 1; y <= cy+1; y++ {
		for x := cx - 1; x <= cx+1; x++ {
			if x < 0 || y < 0 || x >= digits.Side || y >= digits.Side || (x != cx && y != cy) {
				continue
			}
			k := y*digits.Side + x
			if d.ink.On {
				d.free[k], d.canv[k] = false, 1
			} else if !d.free[k] {
				d.free[k], d.canv[k] = true, 0
			}
		}
	}
	d.fillSteps = 0
}

// fillStep makes one inpainting step.
func (d *digitsScene) fillStep() {
	d.machine.InpaintStep(d.canv, d.free, d.fillH, d.fillP, d.fillRng)
	d.fillSteps++
}

// fillCounts returns the erased pixels, how many of them are wrong once
// rounded at ½, and how many the blank erasure had wrong.
func (d *digitsScene) fillCounts() (erased, wrong, blank int) {
	for i, f := range d.free {
		if !f {
			continue
		}
		erased++
		on := d.orig[i] == 1
		if (d.canv[i] >= 0.5) != on {
			wrong++
		}
		if on {
			blank++
		}
	}
	return erased, wrong, blank
}
