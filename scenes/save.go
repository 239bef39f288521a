package scenes

import (
	"bytes"
	"image"
	"image/png"

	"boltzlab/fileio"
)

// encodePNG returns img as PNG bytes.
func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writePNG writes img to path as PNG: the -screenshot flag's file, which
// replaces an older one only once it is whole.
func writePNG(path string, img image.Image) error {
	data, err := encodePNG(img)
	if err != nil {
		return err
	}
	return fileio.WriteAtomic(path, data)
}

// savePNG keeps a screenshot the person asked for with S.
func savePNG(name string, img image.Image) error {
	data, err := encodePNG(img)
	if err != nil {
		return err
	}
	return saveFile(name, data, "image/png")
}
