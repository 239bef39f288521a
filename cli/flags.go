// Package cli reads what Boltzmann Lab is asked to do: the command line of
// the desktop program and the hash of the browser's address. It imports
// nothing of Ebitengine, so its rules run in plain tests without a display,
// and it can answer -h, and refuse to start without a display, before
// Ebitengine initialises (see guard_linux.go).
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Scenes are the short names of the lab's scenes, in tab order. The scenes
// package registers one scene under each (a test checks the two agree).
var Scenes = []string{"recall", "sigmoid", "distribution", "annealing", "learning", "rbm", "digits"}

// Config is what the command line asks for.
type Config struct {
	Scene      string
	Seed       uint64
	Run        bool
	Help       bool // open with the help overlay showing
	Screenshot string
	Frames     int
	W, H       int // window size in pixels; 0 means the default
	// BenchFrames, when above 0, asks for the frame-time benchmark: that
	// many frames of the scene in its busiest state, then of a blank game.
	BenchFrames int
	// Soak, when above 0, drives the scene with that many frames of random
	// input and reports on its heap and on anything non-finite it drew.
	Soak int
}

// MaxBenchFrames caps -bench-frames: at the slowest frames seen (about
// 30 ms) a million frames is over eight hours.
const MaxBenchFrames = 1_000_000

// The window's size limits for -size, in pixels.
const (
	MinSize = 200
	MaxSize = 8192
)

// Parse reads the flags. It returns flag.ErrHelp after writing the usage
// to stderr for -h, and otherwise errors of one line, meant for stderr.
func Parse(args []string, stderr io.Writer) (Config, error) {
	var c Config
	var size string
	fs := flag.NewFlagSet("boltzlab", flag.ContinueOnError)
	// The flag package would print the whole usage after an error; keep
	// errors to one line and show the usage only for -h.
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.Scene, "scene", Scenes[0], "scene to open: "+strings.Join(Scenes, ", "))
	fs.Uint64Var(&c.Seed, "seed", 1, "random seed; the same seed replays the same run")
	fs.BoolVar(&c.Run, "run", false, "start the scene running")
	fs.BoolVar(&c.Help, "help-overlay", false, "open with the scene's help overlay showing")
	fs.StringVar(&c.Screenshot, "screenshot", "", "draw -frames frames, write the screen to this PNG file and exit")
	fs.IntVar(&c.Frames, "frames", 60, "number of frames to draw before -screenshot")
	fs.StringVar(&size, "size", "", "window size in pixels, as WxH (for example 390x844)")
	fs.IntVar(&c.BenchFrames, "bench-frames", 0, "measure the Go time of this many frames of the scene at its busiest, then of a blank game, and print CSV")
	fs.IntVar(&c.Soak, "soak", 0, "drive the scene with this many frames of random input, then print frames, peak heap, heap growth and any non-finite value drawn (exit 1 on a leak or a NaN)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			fmt.Fprintln(stderr, "boltzlab: an interactive sandbox of Hopfield networks and Boltzmann machines.\n\nUsage: boltzlab [flags]")
			fs.PrintDefaults()
			return c, err
		}
		return c, fmt.Errorf("%v (boltzlab -h lists the flags)", shorten(err.Error()))
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %s", Quote(fs.Arg(0)))
	}
	if c.Frames < 1 {
		return c, fmt.Errorf("-frames must be at least 1, got %d", c.Frames)
	}
	if c.BenchFrames < 0 || c.BenchFrames > MaxBenchFrames {
		return c, fmt.Errorf("-bench-frames must be from 0 to %d, got %d", MaxBenchFrames, c.BenchFrames)
	}
	if c.Soak < 0 || c.Soak > MaxBenchFrames {
		return c, fmt.Errorf("-soak must be from 0 to %d, got %d", MaxBenchFrames, c.Soak)
	}
	if c.Soak > 0 && c.BenchFrames > 0 {
		return c, fmt.Errorf("-soak and -bench-frames cannot run together")
	}
	if size != "" {
		w, h, err := ParseSize(size)
		if err != nil {
			return c, err
		}
		c.W, c.H = w, h
	}
	return c, nil
}

// ParseSize reads a window size written WxH, each side from MinSize to
// MaxSize pixels.
func ParseSize(s string) (w, h int, err error) {
	a, b, ok := strings.Cut(strings.ToLower(s), "x")
	w, errW := strconv.Atoi(a)
	h, errH := strconv.Atoi(b)
	if !ok || errW != nil || errH != nil {
		return 0, 0, fmt.Errorf("-size %s: want WIDTHxHEIGHT in pixels, such as 1280x800", Quote(s))
	}
	if w < MinSize || h < MinSize || w > MaxSize || h > MaxSize {
		return 0, 0, fmt.Errorf("-size %dx%d: each side must be from %d to %d pixels", w, h, MinSize, MaxSize)
	}
	return w, h, nil
}

// shorten keeps an error message that quotes the person's input to one
// readable line.
func shorten(s string) string {
	const max = 160
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}
