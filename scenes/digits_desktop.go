//go:build !js

package scenes

import (
	"boltzlab/assets/digits"
)

// On the desktop the digits and the trained machine are part of the
// program, and a saved machine is a file in the working directory.

const digitsFileNote = "Save and Load use " + digitsFileName + " in the working directory."

const digitsSavedNotice = "Saved the machine to " + digitsFileName

// digitsBatch is how many digits one CD update learns from, and
// digitsEvalChunk how many digits a frame measures the curves on: in the
// browser, where Go has one thread and no vector instructions, smaller
// pieces keep each frame's work within its time.
const (
	digitsBatch     = 20
	digitsBatchText = "20"
	// digitsOneWorkPerFrame makes a frame train, dream or measure, in
	// turn, rather than all three.
	digitsOneWorkPerFrame = false
	digitsEvalChunk       = 8
)

// startDigitFiles returns the embedded files, already loaded.
func startDigitFiles() *digitFiles {
	f := &digitFiles{}
	f.set, f.model = digits.Embedded()
	f.progress.Store(1 << 20)
	f.done.Store(true)
	return f
}

// loadMachine loads the machine saved in the working directory, its size
// checked before it is read.
func (d *digitsScene) loadMachine(ctx *Context) {
	openMachine(ctx, digitsFileName, d.keyNote("save"), d.loadJSON)
}
