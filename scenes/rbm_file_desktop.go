//go:build !js

package scenes

import (
	"bytes"
	"fmt"
	"strings"

	"boltzlab/sim"
)

// On the desktop the RBM lab saves its machine to a file in the working
// directory and loads it back from there.

const rbmFileNote = "Save and Load use " + rbmFileName + " in the working directory; Ctrl+S saves the whole scene."

const rbmSavedNotice = "Saved the machine to " + rbmFileName

// saveJSON returns the machine as the JSON a save writes.
func (r *rbmLab) saveJSON() ([]byte, error) {
	var buf bytes.Buffer
	if err := r.machine.WriteJSON(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// loadJSON replaces the machine with the one in data, if data holds a
// well-formed machine of this scene's shape; otherwise it says why and
// changes nothing. from names where data came from.
func (r *rbmLab) loadJSON(data []byte, from string, ctx *Context) bool {
	m, err := sim.ReadRBM(bytes.NewReader(data))
	if err != nil {
		ctx.Notify(fmt.Sprintf("Not loaded, nothing changed: %s: %s", from, strings.TrimPrefix(err.Error(), "reading RBM: ")))
		return false
	}
	if m.Visible != rbmVisible || m.Hidden != rbmHidden {
		ctx.Notify(fmt.Sprintf("Not loaded, nothing changed: %s has %s and %s, this scene needs %d and %d",
			from, plural(m.Visible, "visible unit", "visible units"), plural(m.Hidden, "hidden unit", "hidden units"), rbmVisible, rbmHidden))
		return false
	}
	r.adopt(m)
	ctx.Notify(fmt.Sprintf("Loaded %s: reconstruction error %.4f, log-likelihood %.3f nats", from, r.recon, r.ll))
	return true
}

func (r *rbmLab) saveMachine(ctx *Context) {
	data, err := r.saveJSON()
	if err == nil {
		err = saveFile(rbmFileName, data, "application/json")
	}
	if err != nil {
		ctx.Notify("Could not save the machine: " + err.Error())
		return
	}
	ctx.Notify(rbmSavedNotice)
}

func (r *rbmLab) loadMachine(ctx *Context) {
	openMachine(ctx, rbmFileName, r.keyNote("save"), r.loadJSON)
}
