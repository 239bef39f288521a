//go:build js

package scenes

// In the browser the RBM lab's Save and Load keep the whole scene, its
// machine included: Save downloads it as boltzlab-rbm.json, and Load
// offers a file picker for one, as Ctrl+S and Ctrl+O do.

const rbmFileNote = "Save downloads the whole scene, machine included, as boltzlab-rbm.json; Load opens one with a file picker."

func (r *rbmLab) saveMachine(ctx *Context) { ctx.Save() }

func (r *rbmLab) loadMachine(ctx *Context) { ctx.Open() }
