package scenes

import (
	"fmt"
	"strings"

	"boltzlab/scenes/ui"
	"boltzlab/share"
)

// This file keeps and shares what is on screen: a scene's State as a share
// code or a JSON file, opened again through the Manager.

// install makes s scene i's instance, with its page; fresh is the state
// the scene starts in (nil: s's state now).
func (m *Manager) install(i int, s Scene, fresh Scene) {
	if old := m.scenes[i]; old != s {
		cancelJobs(old)
	}
	m.scenes[i] = s
	for _, id := range m.hidden {
		s.Hide(id)
	}
	p := &page{}
	hdr := ui.Leaf(&p.header).Measure(func(_ ui.Theme, w float64) float64 { return m.headerHeight(s, w) })
	p.root = ui.Col(ui.GapL, hdr, s.Layout())
	m.pages[i] = p
	if fresh == nil {
		fresh = s
	}
	if st, err := fresh.State(); err == nil {
		m.fresh[i] = stateKey(st)
	}
}

// stateKey is a state's JSON, to tell whether two states are the same.
func stateKey(st State) string {
	js, err := EncodeState(st)
	if err != nil {
		return ""
	}
	return string(js)
}

// index returns the registry position of the named scene, or −1.
func (m *Manager) index(name string) int {
	for i, e := range m.entries {
		if e.Name == name {
			return i
		}
	}
	return -1
}

// applyState puts st on screen: its scene, made anew in exactly that
// state. A state made with another seed starts the whole lab afresh at its
// seed, as a link with a new seed does. If the state is refused, nothing
// changes.
func (m *Manager) applyState(st State) error {
	i := m.index(st.Scene)
	if i < 0 {
		return fmt.Errorf("there is no scene %q", short(st.Scene))
	}
	s := m.entries[i].New(st.Seed)
	if err := s.SetState(st); err != nil {
		return err
	}
	if st.Seed != m.seed {
		m.Close()
		m.seed = st.Seed
		m.scenes = make([]Scene, len(m.entries))
		m.pages = make([]*page, len(m.entries))
		m.fresh = make([]string, len(m.entries))
		m.pending = nil
		m.shared = Shared{}
	}
	m.install(i, s, m.entries[i].New(st.Seed))
	m.switchTo(i)
	return nil
}

// State returns the state of the scene on screen.
func (m *Manager) State() (State, error) { return m.Scene().State() }

// Changed reports whether the scene on screen is in another state than
// the one it started in, so that a link needs a code to reopen it.
func (m *Manager) Changed(st State) bool { return stateKey(st) != m.fresh[m.active] }

// shareCode returns the share code of the scene on screen.
func (m *Manager) shareCode() (string, error) {
	st, err := m.State()
	if err != nil {
		return "", err
	}
	return CodeOf(st)
}

// CodeOf returns the share code of st.
func CodeOf(st State) (string, error) {
	js, err := EncodeState(st)
	if err != nil {
		return "", err
	}
	return share.Encode(st.Scene, js)
}

// StateOfCode reads a share code into a state, checking that the scene
// its text names is the scene its state is of.
func StateOfCode(code string) (State, error) {
	scene, js, err := share.Decode(code)
	if err != nil {
		return State{}, err
	}
	st, err := DecodeState(js)
	if err != nil {
		return State{}, fmt.Errorf("the code's state is damaged: %w", err)
	}
	if st.Scene != scene {
		return State{}, fmt.Errorf("the code is named %q but holds a state of %q", short(scene), st.Scene)
	}
	return st, nil
}

// OpenCode puts the state a share code carries on screen, or refuses it
// and changes nothing.
func (m *Manager) OpenCode(code string) error {
	st, err := StateOfCode(code)
	if err != nil {
		return err
	}
	return m.applyState(st)
}

// openJSON puts the state a saved file holds on screen, or refuses it and
// changes nothing.
func (m *Manager) openJSON(data []byte) error {
	st, err := DecodeState(data)
	if err != nil {
		return err
	}
	return m.applyState(st)
}

// refused words a refusal of a state for a notice.
func refused(what string, err error) string {
	return "Not opened, nothing changed: " + what + ": " + err.Error()
}

// opening is a share code or a file's contents that arrived from outside
// the frame loop (the clipboard, a file picker), to be opened in a frame.
type opening struct {
	code  string // a share code, or
	file  []byte // a file's contents
	from  string // where it came from, for the notice
	err   error  // reading it failed
	scene string // when set, file is for this scene to load itself
}

// fileLoader is a scene that loads a file of its own (a trained machine,
// not a saved scene) that arrived from outside the frame loop.
type fileLoader interface {
	loadFile(data []byte, from string, ctx *Context)
}

// Deliver hands the Manager a code or file to open in its next frame; it
// may be called from any goroutine or a browser callback.
func (m *Manager) deliver(o opening) {
	select {
	case m.incoming <- o:
	default:
	}
}

// open opens what arrived and says what happened.
func (m *Manager) open(o opening) {
	var err error
	switch {
	case o.err != nil:
		err = o.err
	case o.scene != "":
		m.loadInto(o)
		return
	case o.file != nil:
		err = m.openJSON(o.file)
	default:
		err = m.OpenCode(o.code)
	}
	if err != nil {
		m.Notify(refused(o.from, err))
		return
	}
	m.Notify("Opened " + o.from + ": " + m.entries[m.active].Tab)
}

// loadInto hands a file to the scene that asked for it, if that scene
// still exists and loads files.
func (m *Manager) loadInto(o opening) {
	if i := m.index(o.scene); i >= 0 {
		if l, ok := m.scenes[i].(fileLoader); ok {
			l.loadFile(o.file, o.from, m.context(&m.idle))
			return
		}
	}
	m.Notify("Not loaded, nothing changed: " + o.from + " arrived for a scene that is not open")
}

// keepKeys handles the keys that keep and share a scene.
func (m *Manager) keepKeys() {
	for _, id := range [...]string{"copy", "paste", "save", "open"} {
		if GlobalKeys.Fired(m.in, id) {
			m.keepAction(id)
			return
		}
	}
}

// FileName is the name a scene's saved state goes by.
func FileName(scene string) string { return "boltzlab-" + scene + ".json" }

// saveScene saves the scene on screen as JSON: a file in the working
// directory on the desktop, a download in the browser.
func (m *Manager) saveScene() {
	st, err := m.State()
	var js []byte
	if err == nil {
		js, err = EncodeState(st)
	}
	name := FileName(m.ActiveName())
	if err == nil {
		err = saveState(name, append(js, '\n'))
	}
	if err != nil {
		m.Notify("Not saved: " + err.Error())
		return
	}
	m.Notify(savedNotice(name))
}

// Receive takes what the page's script brings back from the clipboard or
// the file picker (kind "code", "file", "machine:SCENE" or "notice", where
// it came from, and its text) and opens it, or shows it, in the next
// frame: a "file" is a saved scene, a "machine:SCENE" a file that scene
// asked for and loads itself. The page's script refuses a file too large
// before reading it.
func (m *Manager) Receive(kind, from, text string) {
	scene, forScene := strings.CutPrefix(kind, "machine:")
	switch {
	case kind == "code":
		m.deliver(opening{code: share.FromText(text), from: from})
	case kind == "file":
		m.deliver(opening{file: []byte(text), from: from})
	case forScene:
		m.deliver(opening{file: []byte(text), from: from, scene: scene})
	default:
		select {
		case m.saved <- text:
		default:
		}
	}
}

// Keep restores st, a state kept from an earlier visit, into its scene:
// at once if the scene is made, else when it is first shown. A state of
// another seed is not kept (it belongs to another lab), nor one refused.
// It reports whether st was taken.
func (m *Manager) Keep(st State) bool {
	i := m.index(st.Scene)
	if i < 0 || st.Seed != m.seed {
		return false
	}
	if m.scenes[i] != nil {
		return m.scenes[i].SetState(st) == nil
	}
	if m.pending == nil {
		m.pending = map[string]State{}
	}
	m.pending[st.Scene] = st
	return true
}

// made makes scene i, in the state kept for it if any.
func (m *Manager) made(i int) {
	s := m.entries[i].New(m.seed)
	var fresh Scene
	if st, ok := m.pending[m.entries[i].Name]; ok {
		delete(m.pending, st.Scene)
		if s.SetState(st) == nil {
			fresh = m.entries[i].New(m.seed)
		}
	}
	m.install(i, s, fresh)
}

// teach reads teacher mode, SCENES[:HIDDEN]: it locks the lab to the
// scenes named (all if none is) and keeps the hidden IDs that name a
// widget of one of them, noting every name it cannot use.
func (m *Manager) teach(t string) {
	list, hide, _ := strings.Cut(strings.ToLower(t), ":")
	var es []Entry
	for _, n := range strings.Split(list, ",") {
		if n = strings.TrimSpace(n); n == "" {
			continue
		}
		if i := m.index(n); i >= 0 {
			es = append(es, m.entries[i])
		} else {
			m.notices = append(m.notices, "teacher mode: no scene “"+short(n)+"”")
		}
	}
	if len(es) > 0 {
		m.entries = es
	}
	for _, id := range strings.Split(hide, ",") {
		if id = strings.TrimSpace(id); id == "" {
			continue
		}
		found := false
		for k := range m.keep {
			if m.keep[k].ID == id {
				m.keep[k].Hidden, found = true, true
			}
		}
		for _, e := range m.entries {
			found = e.New(m.seed).Hide(id) || found
		}
		if found {
			m.hidden = append(m.hidden, id)
		} else {
			m.notices = append(m.notices, "teacher mode: no control “"+short(id)+"” to hide")
		}
	}
}

// Notices returns what teacher mode skipped, for the person to see.
func (m *Manager) Notices() []string { return m.notices }

// Names returns the short names of the scenes this lab shows, in tab
// order: every registered scene, or those teacher mode keeps.
func (m *Manager) Names() []string {
	var names []string
	for _, e := range m.entries {
		names = append(names, e.Name)
	}
	return names
}
