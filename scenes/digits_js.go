//go:build js

package scenes

import (
	"errors"
	"fmt"
	"syscall/js"

	"boltzlab/assets/digits"
	"boltzlab/sim"
)

// In the browser the digits and the trained machine are not part of the
// download: the scene fetches them from beside the page the first time it
// opens, so no other scene waits for them. A saved machine is a download,
// and Load asks for its text.

const digitsFileNote = "Save downloads " + digitsFileName + "; Load opens one with a file picker."

const digitsSavedNotice = "Downloading the machine as " + digitsFileName

// digitsBatch is how many digits one CD update learns from, and
// digitsEvalChunk how many digits a frame measures the curves on: in the
// browser, where Go has one thread and no vector instructions, smaller
// pieces keep each frame's work within its time.
const (
	digitsBatch     = 5
	digitsBatchText = "5"
	// digitsOneWorkPerFrame makes a frame train, dream or measure, in
	// turn, rather than all three.
	digitsOneWorkPerFrame = true
	digitsEvalChunk       = 2
)

// startDigitFiles fetches both files in the background, reporting the
// bytes received as they arrive.
func startDigitFiles() *digitFiles {
	f := &digitFiles{}
	go func() {
		defer f.done.Store(true)
		setSize := digits.SetSize(digits.Train, digits.Test)
		total := float64(setSize + digits.ModelSize(digits.Pixels, digits.ModelHidden))
		got := 0
		report := func(n int) {
			got += n
			f.progress.Store(uint64(float64(got) / total * (1 << 20)))
		}
		set, err := fetchBytes(digits.SetFile, report)
		if err == nil {
			f.model, err = fetchBytes(digits.ModelFile, report)
		}
		f.mu.Lock()
		f.set, f.err = set, err
		f.mu.Unlock()
	}()
	return f
}

// await waits for a promise and returns what it resolved to.
func await(p js.Value) (js.Value, error) {
	ok, bad := make(chan js.Value, 1), make(chan js.Value, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any { ok <- args[0]; return nil })
	catch := js.FuncOf(func(_ js.Value, args []js.Value) any { bad <- args[0]; return nil })
	defer then.Release()
	defer catch.Release()
	p.Call("then", then, catch)
	select {
	case v := <-ok:
		return v, nil
	case e := <-bad:
		return js.Undefined(), errors.New(e.Call("toString").String())
	}
}

// fetchBytes fetches name from beside the page, calling report with the
// size of each piece as it arrives.
func fetchBytes(name string, report func(int)) ([]byte, error) {
	resp, err := await(js.Global().Call("fetch", name))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if !resp.Get("ok").Bool() {
		return nil, fmt.Errorf("%s: the server answered %d", name, resp.Get("status").Int())
	}
	reader := resp.Get("body").Call("getReader")
	var out []byte
	for {
		chunk, err := await(reader.Call("read"))
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		if chunk.Get("done").Bool() {
			return out, nil
		}
		v := chunk.Get("value")
		n := v.Get("length").Int()
		if len(out)+n > 8<<20 {
			return nil, fmt.Errorf("%s is larger than expected", name)
		}
		buf := make([]byte, n)
		js.CopyBytesToGo(buf, v)
		out = append(out, buf...)
		report(n)
	}
}

// loadMachine offers the page's file picker for a saved machine, as the
// RBM lab's Load does; the page refuses a file over sim.MaxModelBytes
// before reading it, and the file arrives in a later frame through the
// Manager, which hands it to loadFile.
func (d *digitsScene) loadMachine(ctx *Context) {
	if !host("pick", sim.MaxModelBytes, "machine:digits") {
		ctx.Notify("This page cannot open files")
	}
}
