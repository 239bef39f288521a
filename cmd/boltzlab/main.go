// Command boltzlab is Boltzmann Lab: an interactive sandbox of Hopfield
// networks, Boltzmann machines, simulated annealing and restricted
// Boltzmann machines, on the desktop and (compiled to WebAssembly) in the
// browser.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes"
)

// config is what the command line asks for.
type config struct {
	opt scenes.Options
}

// parseArgs reads the flags. Errors are one line, meant for stderr.
func parseArgs(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("boltzlab", flag.ContinueOnError)
	// The flag package would print the whole usage after an error; keep
	// errors to one line and show the usage only for -h.
	fs.SetOutput(io.Discard)
	fs.StringVar(&c.opt.Scene, "scene", "recall", "scene to open: "+strings.Join(scenes.Names(), ", "))
	fs.Uint64Var(&c.opt.Seed, "seed", 1, "random seed; the same seed replays the same run")
	fs.BoolVar(&c.opt.Run, "run", false, "start the scene running")
	fs.BoolVar(&c.opt.Help, "help-overlay", false, "open with the scene's help overlay showing")
	fs.StringVar(&c.opt.Screenshot, "screenshot", "", "draw -frames frames, write the screen to this PNG file and exit")
	fs.IntVar(&c.opt.Frames, "frames", 60, "number of frames to draw before -screenshot")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			fmt.Fprintln(stderr, "boltzlab: an interactive sandbox of Hopfield networks and Boltzmann machines.\n\nUsage: boltzlab [flags]")
			fs.PrintDefaults()
			return c, err
		}
		return c, fmt.Errorf("%v (boltzlab -h lists the flags)", err)
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if c.opt.Frames < 1 {
		return c, fmt.Errorf("-frames must be at least 1, got %d", c.opt.Frames)
	}
	return c, nil
}

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	cfg, err := parseArgs(args, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "boltzlab:", err)
		return 2
	}
	link := openURL(&cfg.opt) // in the browser, the address's hash
	m, err := scenes.NewManager(cfg.opt)
	if err != nil {
		fmt.Fprintln(os.Stderr, "boltzlab:", err)
		return 2
	}
	ebiten.SetWindowTitle("Boltzmann Lab")
	ebiten.SetWindowSize(1280, 800)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	if err := ebiten.RunGame(link.wrap(m)); err != nil {
		fmt.Fprintln(os.Stderr, "boltzlab:", err)
		return 1
	}
	if err := m.ScreenshotErr(); err != nil {
		fmt.Fprintln(os.Stderr, "boltzlab: screenshot:", err)
		return 1
	}
	return 0
}
