//go:build js

package scenes

import "syscall/js"

// In the browser the clipboard and the file picker are reached through
// window.boltzlabHost, a few lines of the page's script (assets/web/
// boot.js), which answer later through Manager.Receive.

// host calls a method of window.boltzlabHost and reports whether the page
// offers it.
func host(method string, args ...any) bool {
	h := js.Global().Get("boltzlabHost")
	if h.Type() != js.TypeObject || h.Get(method).Type() != js.TypeFunction {
		return false
	}
	h.Call(method, args...)
	return true
}

func copyCode(m *Manager, code string) {
	if !host("copy", code) {
		m.Notify("This page cannot copy; the address bar holds the link to this state")
	}
}

func pasteCode(m *Manager) {
	if !host("paste") {
		m.Notify("This page cannot read the clipboard: paste the link in the address bar instead")
	}
}

func pickFile(m *Manager) {
	if !host("pick", maxStateBytes) {
		m.Notify("This page cannot open files")
	}
}

// saveState downloads a scene's JSON.
func saveState(name string, data []byte) error { return saveFile(name, data, "application/json") }

func savedNotice(name string) string { return "Downloading " + name + ": open it again with Ctrl+O" }

// dropped does nothing in the browser, where Ctrl+O offers the file
// picker.
func (m *Manager) dropped() {}
