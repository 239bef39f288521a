//go:build !js

package scenes

import "os"

// saveFile keeps a file the person asked for (a screenshot, an export): on
// the desktop, a file of that name in the working directory.
func saveFile(name string, data []byte, mime string) error {
	return os.WriteFile(name, data, 0o644)
}
