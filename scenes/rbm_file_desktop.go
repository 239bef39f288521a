//go:build !js

package scenes

import "os"

// On the desktop the RBM lab saves its machine to a file in the working
// directory and loads it back from there.

const rbmFileNote = "Save and Load use " + rbmFileName + " in the working directory."

const rbmSavedNotice = "Saved the machine to " + rbmFileName

// readRBMFile returns the saved machine's text and a name for where it
// came from.
func readRBMFile() ([]byte, string, error) {
	data, err := os.ReadFile(rbmFileName)
	return data, rbmFileName, err
}
