package main

import (
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"boltzlab/scenes"
	"boltzlab/scenes/ui"
)

// soak drives the lab with a scripted stream of random input for a number
// of frames, as fast as they come: strokes that paint and drag sliders past
// both ends, taps, wheel turns, key presses (the scene's own and the global
// ones), switches to another scene and back, and window resizes. It then
// reports the frames run, the peak heap, how much the live heap grew
// between the first and the last tenth of the run, and any NaN or infinity
// the lab was about to draw.
type soak struct {
	lab    *scenes.Manager
	scene  string
	frames int
	done   int
	in     *soakInput
	out    io.Writer

	w, h      int // the window
	heap      []uint64
	peak      uint64
	nonFinite []string
	failed    bool
}

// soakGrowthLimit is how much the heap may grow between the first and the
// last tenth of a soak. Every scene keeps bounded histories (ring buffers
// of fixed capacity), so its steady state has a fixed size; what remains is
// the collector's slack, a few MB, and the one-time caches a long soak
// fills late (a text face at a size first seen near the end). Growth past
// this is a leak.
const soakGrowthLimit = 32 << 20

func newSoak(lab *scenes.Manager, frames int, seed uint64, out io.Writer) *soak {
	s := &soak{lab: lab, scene: lab.ActiveName(), frames: frames, out: out,
		in: &soakInput{rng: rand.New(rand.NewPCG(seed, 0x50a4))}}
	lab.SetSource(s.in)
	// Visit every scene first and let their one-time work (the annealing
	// landscape's graph, shared by the process) finish, so that it does
	// not count as growth when the soak wanders into them. A job whose
	// progress stands still for two seconds is left to run: it goes on
	// only while its scene is drawn (the capacity experiment), and no
	// frame is drawn yet.
	for _, name := range scenes.Names() {
		lab.SwitchByName(name)
		for _, j := range lab.Scene().Jobs() {
			last, still := j.Progress(), 0
			for k := 0; k < 600 && !j.Done() && still < 40; k++ {
				time.Sleep(50 * time.Millisecond)
				if p := j.Progress(); p != last {
					last, still = p, 0
				} else {
					still++
				}
			}
		}
	}
	lab.SwitchByName(s.scene)
	lab.Scene().Busiest()
	ui.NonFinite = func(what string) {
		if len(s.nonFinite) < 10 {
			s.nonFinite = append(s.nonFinite, fmt.Sprintf("frame %d, %s: %s", s.done, lab.ActiveName(), what))
		}
	}
	return s
}

func (s *soak) Update() error {
	if s.done >= s.frames {
		s.report()
		return ebiten.Termination
	}
	s.in.plan(s, s.lab)
	return s.lab.Update()
}

func (s *soak) Draw(screen *ebiten.Image) {
	s.lab.Draw(screen)
	s.done++
	if s.done%max(1, s.frames/200) == 0 || s.done == s.frames {
		// The peak counts garbage not yet collected; the growth is measured
		// on the live heap, after a collection.
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		s.peak = max(s.peak, ms.HeapAlloc)
		runtime.GC()
		runtime.ReadMemStats(&ms)
		s.heap = append(s.heap, ms.HeapAlloc)
	}
}

func (s *soak) Layout(w, h int) (int, int) {
	s.w, s.h = s.lab.Layout(w, h)
	return s.w, s.h
}

// report prints the figures and decides whether the soak passed.
func (s *soak) report() {
	tenth := max(1, len(s.heap)/10)
	mean := func(xs []uint64) float64 {
		var t float64
		for _, x := range xs {
			t += float64(x)
		}
		return t / float64(max(1, len(xs)))
	}
	growth := mean(s.heap[len(s.heap)-tenth:]) - mean(s.heap[:tenth])
	fmt.Fprintln(s.out, "scene,frames,peak_heap_mb,heap_growth_mb,non_finite")
	fmt.Fprintf(s.out, "%s,%d,%.1f,%.1f,%d\n", s.scene, s.done, float64(s.peak)/(1<<20), growth/(1<<20), len(s.nonFinite))
	for _, n := range s.nonFinite {
		fmt.Fprintln(s.out, "non-finite value drawn:", n)
	}
	if growth > soakGrowthLimit {
		fmt.Fprintf(s.out, "the heap grew by %.1f MB, more than the %d MB a soak allows\n", growth/(1<<20), soakGrowthLimit>>20)
		s.failed = true
	}
	if len(s.nonFinite) > 0 {
		s.failed = true
	}
}

// soakInput is the scripted input: a ui.Fake whose events are chosen
// afresh every tick.
type soakInput struct {
	ui.Fake
	rng    *rand.Rand
	stroke int // ticks left in the current stroke
	vx, vy float64
	away   int // ticks until switching back to the soaked scene
}

// Update implements scenes.Source; the events were planned in plan.
func (in *soakInput) Update() {}

// plan chooses this tick's events.
func (in *soakInput) plan(s *soak, lab *scenes.Manager) {
	in.Idle()
	in.ModsHeld = 0
	r := in.rng
	w, h := float64(max(s.w, 1)), float64(max(s.h, 1))
	switch {
	case in.stroke > 0:
		// A stroke moves on, overshooting the window now and then, so
		// sliders are dragged past both ends.
		in.stroke--
		x := in.P.X + in.vx
		y := in.P.Y + in.vy
		in.Move(x, y)
		if in.stroke == 0 {
			in.Release()
		}
	case r.IntN(6) == 0:
		in.Press(r.Float64()*w, r.Float64()*h)
		in.stroke = r.IntN(30)
		in.vx, in.vy = (r.Float64()-0.5)*w/10, (r.Float64()-0.5)*h/40
		if in.stroke == 0 {
			in.Release()
		}
	case r.IntN(8) == 0:
		in.P.X, in.P.Y = r.Float64()*w, r.Float64()*h
		in.WheelY = float64(r.IntN(7) - 3)
	case r.IntN(5) == 0:
		in.pressKey(lab)
	}
	if in.away > 0 {
		in.away--
		if in.away == 0 {
			lab.SwitchByName(s.scene)
		}
	} else if r.IntN(400) == 0 {
		names := scenes.Names()
		lab.SwitchByName(names[r.IntN(len(names))])
		in.away = 1 + r.IntN(60)
	}
	if r.IntN(300) == 0 {
		lab.Resize(200+r.IntN(1800), 200+r.IntN(1000), 0.75+r.Float64())
	}
}

// pressKey presses one of the keys the scene on screen or the Manager
// binds, except those that write files or pictures, with a modifier now
// and then.
func (in *soakInput) pressKey(lab *scenes.Manager) {
	keys := append(scenes.GlobalKeys[:len(scenes.GlobalKeys):len(scenes.GlobalKeys)], lab.Scene().Keys()...)
	b := keys[in.rng.IntN(len(keys))]
	for _, no := range []string{"screenshot", "save", "export", "load", "open", "copy", "paste", "scene"} {
		if strings.Contains(b.ID, no) {
			return
		}
	}
	in.Key(b.Key)
	in.ModsHeld = b.Mod
	if in.rng.IntN(10) == 0 {
		in.ModsHeld = ui.ModCtrl
	}
}
