//go:build !js

package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes"
)

// benchGame returns the frame benchmark of -bench-frames, run with frames
// as fast as they come rather than paced by the display.
func benchGame(m *scenes.Manager, n int) ebiten.Game {
	ebiten.SetVsyncEnabled(false)
	ebiten.SetTPS(ebiten.SyncWithFPS)
	return newFrameBench(m, n, os.Stdout)
}

// frameBench measures what a frame costs in Go: the wall-clock time of
// Update plus Draw (Ebitengine only records drawing commands in Draw, so
// this is the program's own cost, not the GPU's). It runs the scene in its
// busiest state for n frames, then the blank game for n frames, and writes
// one CSV row for each.
type frameBench struct {
	lab   *scenes.Manager
	blank blankGame
	n     int
	out   io.Writer

	scene      string
	frames     int
	labTimes   []time.Duration
	blankTimes []time.Duration
	start      time.Time
}

func newFrameBench(lab *scenes.Manager, n int, out io.Writer) *frameBench {
	lab.Scene().Busiest()
	return &frameBench{lab: lab, n: n, out: out, scene: lab.ActiveName()}
}

// onLab reports whether the frame being made is one of the scene's.
func (b *frameBench) onLab() bool { return b.frames < b.n }

func (b *frameBench) Update() error {
	if b.frames >= 2*b.n {
		b.report()
		return ebiten.Termination
	}
	b.start = time.Now()
	if b.onLab() {
		return b.lab.Update()
	}
	return b.blank.Update()
}

func (b *frameBench) Draw(screen *ebiten.Image) {
	if b.onLab() {
		b.lab.Draw(screen)
		b.labTimes = append(b.labTimes, time.Since(b.start))
	} else {
		b.blank.Draw(screen)
		b.blankTimes = append(b.blankTimes, time.Since(b.start))
	}
	b.frames++
}

func (b *frameBench) Layout(w, h int) (int, int) {
	if b.onLab() {
		return b.lab.Layout(w, h)
	}
	return b.blank.Layout(w, h)
}

// report writes scene,frames,p50_ms,p95_ms,p99_ms for the scene and for
// the blank game.
func (b *frameBench) report() {
	fmt.Fprintln(b.out, "scene,frames,p50_ms,p95_ms,p99_ms")
	row := func(name string, ts []time.Duration) {
		s := slices.Clone(ts)
		slices.Sort(s)
		q := func(p float64) float64 {
			if len(s) == 0 {
				return 0
			}
			return float64(s[min(len(s)-1, int(p*float64(len(s))))]) / 1e6
		}
		fmt.Fprintf(b.out, "%s,%d,%.3f,%.3f,%.3f\n", name, len(s), q(0.5), q(0.95), q(0.99))
	}
	row(b.scene, b.labTimes)
	row("blank", b.blankTimes)
}
