//go:build js

package scenes

import (
	"bytes"
	"image"
	"image/png"
	"syscall/js"
)

// savePNG keeps a screenshot the person asked for: in the browser, a
// download of the PNG.
func savePNG(name string, img image.Image) error {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	data := js.Global().Get("Uint8Array").New(buf.Len())
	js.CopyBytesToJS(data, buf.Bytes())
	blob := js.Global().Get("Blob").New([]any{data}, map[string]any{"type": "image/png"})
	url := js.Global().Get("URL").Call("createObjectURL", blob)
	a := js.Global().Get("document").Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Call("click")
	js.Global().Get("URL").Call("revokeObjectURL", url)
	return nil
}
