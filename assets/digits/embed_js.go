//go:build js

package digits

// Embedded returns nils in the browser build, which fetches the files
// instead of carrying them in its download.
func Embedded() (set, model []byte) { return nil, nil }
