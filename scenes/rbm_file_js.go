//go:build js

package scenes

import "syscall/js"

// A web page cannot open a file by name, so in the browser Save downloads
// the machine and Load asks for the file's text to be pasted in.

const rbmFileNote = "Save downloads " + rbmFileName + "; Load asks you to paste its text."

const rbmSavedNotice = "Downloading the machine as " + rbmFileName

// readRBMFile asks for the saved machine's text; a cancelled prompt gives
// errLoadCancelled.
func readRBMFile() ([]byte, string, error) {
	v := js.Global().Call("prompt", "Paste the text of a saved "+rbmFileName+":")
	if v.IsNull() || v.IsUndefined() || v.String() == "" {
		return nil, "", errLoadCancelled
	}
	return []byte(v.String()), "the pasted text", nil
}
