//go:build !js

package digits

import _ "embed"

//go:generate go run ../../internal/mnistgen

var (
	//go:embed mnist-subset.bin
	setBytes []byte
	//go:embed rbm-784x100.bin
	modelBytes []byte
)

// Embedded returns the digit set and the machine as the desktop build
// carries them; the browser build carries neither and returns nils.
func Embedded() (set, model []byte) { return setBytes, modelBytes }
