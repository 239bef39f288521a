//go:build !js

package scenes

import "boltzlab/fileio"

// saveFile keeps a file the person asked for (a screenshot, an export, a
// trained machine): on the desktop, a file of that name in the working
// directory, which an older file of the name gives way to only once the
// new one is whole.
func saveFile(name string, data []byte, mime string) error {
	return fileio.WriteAtomic(name, data)
}
