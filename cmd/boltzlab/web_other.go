//go:build !js

package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/cli"
	"boltzlab/scenes"
)

// parseArgs reads the command line.
func parseArgs(args []string) (cli.Config, error) { return cli.Parse(args, os.Stderr) }

// urlState is empty on the desktop, where flags choose the scene and seed;
// web_js.go reads them from the page's address instead.
type urlState struct{}

// openURL leaves opt as the flags set it.
func openURL(opt *scenes.Options) *urlState { return nil }

// wrap returns the lab itself.
func (*urlState) wrap(m *scenes.Manager) ebiten.Game { return m }

// openFlags says what the command line asked for that could not be done,
// and opens what -code or -load names.
func openFlags(m *scenes.Manager, cfg cli.Config) error {
	if notices := m.Notices(); len(notices) > 0 {
		for _, n := range notices {
			fmt.Fprintln(os.Stderr, "boltzlab:", n)
		}
		m.Notify(strings.Join(notices, "; "))
	}
	if cfg.Code != "" {
		if err := m.OpenCode(cfg.Code); err != nil {
			return fmt.Errorf("-code: %w", err)
		}
	}
	if cfg.Load != "" {
		if err := m.OpenFile(cfg.Load); err != nil {
			return fmt.Errorf("-load: %w", err)
		}
	}
	return nil
}
