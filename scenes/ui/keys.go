package ui

import (
	"strings"

	"github.com/hajimehoshi/ebiten/v2"
)

// Mod is a set of modifier keys held with a key.
type Mod uint8

const (
	ModShift Mod = 1 << iota
	ModCtrl
	ModAlt
)

// Binding ties a key (with exactly the modifiers Mod, so a plain C does not
// fire while Ctrl is held) to a control, named by the control's stable ID.
// Label is how the key is written on the control and in the help;
// Does says what it does, in a few words.
type Binding struct {
	ID    string
	Key   ebiten.Key
	Mod   Mod
	Label string
	Does  string
}

// Keymap is the list of a scene's key bindings. Buttons take their hint
// from it, the help overlay lists it, and tests check it for collisions.
type Keymap []Binding

// Fired reports whether a key bound to id went down this frame with
// exactly its modifiers held.
func (k Keymap) Fired(in Input, id string) bool {
	for _, b := range k {
		if b.ID == id && in.Mods() == b.Mod && in.KeyPressed(b.Key) {
			return true
		}
	}
	return false
}

// Hint returns the label of the first key bound to id, or "".
func (k Keymap) Hint(id string) string {
	for _, b := range k {
		if b.ID == id {
			return b.Label
		}
	}
	return ""
}

// Describe lists the bindings as "Label: does" phrases joined by " · ",
// each control once, with all its keys.
func (k Keymap) Describe() string {
	var parts []string
	seen := map[string]int{}
	for _, b := range k {
		if i, ok := seen[b.ID]; ok {
			if !strings.Contains(parts[i][:strings.Index(parts[i], ":")], b.Label) {
				parts[i] = strings.Replace(parts[i], ":", " or "+b.Label+":", 1)
			}
			continue
		}
		seen[b.ID] = len(parts)
		parts = append(parts, b.Label+": "+b.Does)
	}
	return strings.Join(parts, " · ")
}
