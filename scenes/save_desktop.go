//go:build !js

package scenes

import (
	"errors"
	"fmt"
	"io/fs"

	"boltzlab/fileio"
	"boltzlab/sim"
)

// saveFile keeps a file the person asked for (a screenshot, an export, a
// trained machine): on the desktop, a file of that name in the working
// directory, which an older file of the name gives way to only once the
// new one is whole.
func saveFile(name string, data []byte, mime string) error {
	return fileio.WriteAtomic(name, data)
}

// openMachine reads the machine the scene saved as name in the working
// directory, its size checked before it is read, and hands it to load; a
// file that is missing or cannot be read gets a notice instead (keyNote
// names the key that saves one).
func openMachine(ctx *Context, name, keyNote string, load func(data []byte, from string, ctx *Context) bool) {
	data, err := fileio.ReadLimited(name, sim.MaxModelBytes)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		ctx.Notify(fmt.Sprintf("There is no %s here yet: save one first%s", name, keyNote))
	case err != nil:
		ctx.Notify("Not loaded, nothing changed: " + err.Error())
	default:
		load(data, name, ctx)
	}
}
