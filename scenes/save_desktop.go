//go:build !js

package scenes

import "image"

// savePNG keeps a screenshot the person asked for: on the desktop, a file
// in the working directory.
func savePNG(name string, img image.Image) error { return writePNG(name, img) }
