//go:build !js

package main

import (
	"fmt"
	"io"
	"os"
	"runtime/metrics"
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
// one CSV row for each, with the median count of heap allocations a frame
// made (garbage the browser's collector has to take back later).
type frameBench struct {
	lab   *scenes.Manager
	blank blankGame
	n     int
	out   io.Writer

	scene      string
	frames     int
	labTimes   frameTimes
	labWaits   frameTimes // of each lab frame, the time it waited for the simulation
	waitedFrom time.Duration
	blankTimes frameTimes
	start      time.Time

	allocs              []metrics.Sample
	labAllocs, blAllocs []uint64
	before              uint64
}

func newFrameBench(lab *scenes.Manager, n int, out io.Writer) *frameBench {
	lab.Scene().Busiest()
	return &frameBench{lab: lab, n: n, out: out, scene: lab.ActiveName(),
		allocs: []metrics.Sample{{Name: "/gc/heap/allocs:objects"}}}
}

// allocated returns the heap allocations the program has made so far.
func (b *frameBench) allocated() uint64 {
	metrics.Read(b.allocs)
	if b.allocs[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return b.allocs[0].Value.Uint64()
}

// onLab reports whether the frame being made is one of the scene's.
func (b *frameBench) onLab() bool { return b.frames < b.n }

func (b *frameBench) Update() error {
	if b.frames >= 2*b.n {
		b.report()
		return ebiten.Termination
	}
	b.before = b.allocated()
	b.waitedFrom = b.lab.Waited()
	b.start = time.Now()
	if b.onLab() {
		return b.lab.Update()
	}
	return b.blank.Update()
}

func (b *frameBench) Draw(screen *ebiten.Image) {
	if b.onLab() {
		b.lab.Draw(screen)
		b.labTimes.add(time.Since(b.start))
		b.labWaits.add(b.lab.Waited() - b.waitedFrom)
		b.labAllocs = append(b.labAllocs, b.allocated()-b.before)
	} else {
		b.blank.Draw(screen)
		b.blankTimes.add(time.Since(b.start))
		b.blAllocs = append(b.blAllocs, b.allocated()-b.before)
	}
	b.frames++
}

func (b *frameBench) Layout(w, h int) (int, int) {
	if b.onLab() {
		return b.lab.Layout(w, h)
	}
	return b.blank.Layout(w, h)
}

// report writes scene,frames,p50_ms,p95_ms,p99_ms,allocs_p50,wait_p95_ms
// for the scene and for the blank game; wait_p95_ms is the 95th
// percentile of the time a frame spent waiting for the simulation beside
// it to finish its step (part of the frame's time, and zero for the
// blank game).
func (b *frameBench) report() {
	fmt.Fprintln(b.out, "scene,frames,p50_ms,p95_ms,p99_ms,allocs_p50,wait_p95_ms")
	row := func(name string, ts, waits frameTimes, allocs []uint64) {
		n, p50, p95, p99 := ts.quantiles()
		var a uint64
		if len(allocs) > 0 {
			slices.Sort(allocs)
			a = allocs[len(allocs)/2]
		}
		_, _, w95, _ := waits.quantiles()
		fmt.Fprintf(b.out, "%s,%d,%.3f,%.3f,%.3f,%d,%.3f\n", name, n, p50, p95, p99, a, w95)
	}
	row(b.scene, b.labTimes, b.labWaits, b.labAllocs)
	row("blank", b.blankTimes, frameTimes{}, b.blAllocs)
}
