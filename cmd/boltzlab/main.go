// Command boltzlab is Boltzmann Lab: an interactive sandbox of Hopfield
// networks, Boltzmann machines, simulated annealing and restricted
// Boltzmann machines, on the desktop and (compiled to WebAssembly) in the
// browser.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/internal/crash"
	"boltzlab/scenes"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) (status int) {
	// A crash exits 3, apart from a refused flag's 2.
	defer crash.Recover(os.Stderr, "boltzlab", &status)
	cfg, err := parseArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "boltzlab:", err)
		return 2
	}
	opt := scenes.Options{Scene: cfg.Scene, Seed: cfg.Seed, Run: cfg.Run, Help: cfg.Help,
		Screenshot: cfg.Screenshot, Frames: cfg.Frames, Teacher: cfg.Teacher}
	link := openURL(&opt) // in the browser, the address's hash
	m, err := scenes.NewManager(opt)
	if err != nil {
		fmt.Fprintln(os.Stderr, "boltzlab:", err)
		return 2
	}
	// A code or a saved file names its scene and seed, so it wins over
	// -scene and -seed; one that is refused stops the program before a
	// window opens.
	if err := openFlags(m, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "boltzlab:", err)
		return 2
	}
	w, h := 1280, 800
	if cfg.W > 0 {
		w, h = cfg.W, cfg.H
	}
	var game ebiten.Game = link.wrap(m)
	var soaked *soak
	if cfg.Soak > 0 {
		ebiten.SetVsyncEnabled(false)
		ebiten.SetTPS(ebiten.SyncWithFPS)
		soaked = newSoak(m, cfg.Soak, cfg.Seed, os.Stdout)
		game = soaked
	}
	if cfg.BenchFrames > 0 {
		game = benchGame(m, cfg.BenchFrames)
	}
	ebiten.SetWindowTitle("Boltzmann Lab")
	ebiten.SetWindowSize(w, h)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	if err := ebiten.RunGame(game); err != nil {
		fmt.Fprintln(os.Stderr, "boltzlab:", err)
		return 1
	}
	if soaked != nil && soaked.failed {
		return 1
	}
	if err := m.ScreenshotErr(); err != nil {
		fmt.Fprintln(os.Stderr, "boltzlab: screenshot:", err)
		return 1
	}
	return 0
}
