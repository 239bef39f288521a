//go:build !js

package scenes

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"

	"golang.design/x/clipboard"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/fileio"
)

// The desktop build reaches the clipboard through golang.design/x/clipboard:
// Ebitengine v2.8 has no clipboard API, and owning the X11 selection by hand
// means a second event loop that answers other programs' requests for as
// long as the lab runs, which that small, well-kept package already does
// (on X11, and on Wayland through XWayland). Where it cannot start (no X
// server), Ctrl+C prints the code in the terminal instead, and a code is
// opened with -code.

// clip starts the clipboard once, on the first copy or paste.
var clip struct {
	once sync.Once
	err  error
}

func clipboardReady() error {
	clip.once.Do(func() { clip.err = clipboard.Init() })
	return clip.err
}

// OpenFile loads a state saved as JSON at path: its size is checked
// before it is read.
func (m *Manager) OpenFile(path string) error {
	data, err := fileio.ReadLimited(path, maxStateBytes)
	if err != nil {
		return err
	}
	return m.openJSON(data)
}

func copyCode(m *Manager, code string) {
	if err := clipboardReady(); err != nil {
		fmt.Println(code)
		m.Notify("The clipboard cannot be reached here: the share code is printed in the terminal; open it with -code")
		return
	}
	clipboard.Write(clipboard.FmtText, []byte(code))
	m.Notify("Copied this scene's share code: paste it into another lab with Ctrl+V, or start one with -code")
}

func pasteCode(m *Manager) {
	if err := clipboardReady(); err != nil {
		m.Notify("The clipboard cannot be reached here: start the lab with -code CODE, or drop a saved file on the window")
		return
	}
	m.open(opening{code: codeIn(string(clipboard.Read(clipboard.FmtText))), from: "the pasted code"})
}

// codeIn returns the share code in text: the value of code= in a link, or
// the text itself, trimmed.
func codeIn(text string) string {
	text = strings.TrimSpace(text)
	if _, after, ok := strings.Cut(text, "code="); ok {
		text, _, _ = strings.Cut(after, "&")
	}
	return text
}

// pickFile opens the scene's file in the working directory, the one
// Ctrl+S writes; other files are dropped on the window or named by -load.
func pickFile(m *Manager) {
	name := FileName(m.ActiveName())
	data, err := fileio.ReadLimited(name, maxStateBytes)
	if errors.Is(err, fs.ErrNotExist) {
		m.Notify("There is no " + name + " here yet: Ctrl+S saves one; other files can be dropped on the window")
		return
	}
	m.open(opening{file: data, from: name, err: err})
}

// saveState writes a scene's JSON to name in the working directory,
// replacing any older file only once the new one is whole.
func saveState(name string, data []byte) error { return fileio.WriteAtomic(name, data) }

func savedNotice(name string) string {
	dir, err := os.Getwd()
	if err != nil {
		dir = "the working directory"
	}
	return fmt.Sprintf("Saved %s in %s: open it with -load or drop it on the window", name, dir)
}

// dropped opens a saved scene dropped on the window, if one was: the
// first file dropped, its size checked before it is read.
func (m *Manager) dropped() {
	fsys := ebiten.DroppedFiles()
	if fsys == nil {
		return
	}
	// The root's entries, unsorted: the first is as good as any.
	root, err := fsys.Open(".")
	if err != nil {
		return
	}
	dir, ok := root.(fs.ReadDirFile)
	if !ok {
		root.Close()
		return
	}
	entries, err := dir.ReadDir(1)
	root.Close()
	if err != nil || len(entries) == 0 {
		return
	}
	e := entries[0]
	if e.IsDir() {
		m.Notify(refused(e.Name(), errors.New("a folder, not a saved scene")))
		return
	}
	data, err := readDropped(fsys, e.Name())
	m.open(opening{file: data, from: e.Name(), err: err})
}

func readDropped(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && info.Size() > maxStateBytes {
		return nil, &fileio.TooLargeError{Name: "the file", Size: info.Size(), Max: maxStateBytes}
	}
	return fileio.ReadAllLimited(f, maxStateBytes)
}
