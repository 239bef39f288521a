package scenes

import (
	"fmt"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// ownAllocs runs f n times and returns the heap allocations per run made
// outside Ebitengine's internal packages, with the sites that made them
// (how many in all, and the innermost frames of the stack).
// Ebitengine's command queue and OpenGL binding allocate as a frame is
// recorded and sent, which the program cannot change and which the tests'
// single long game tick inflates; what is left is the program's own
// garbage, and text/v2 shaping new strings counts as the program's. Stacks
// of the runtime alone, and the test's own assertions, are left out.
func ownAllocs(n int, f func()) (float64, []string) {
	old := runtime.MemProfileRate
	runtime.MemProfileRate = 1
	defer func() { runtime.MemProfileRate = old }()
	f()
	before := allocProfile()
	for range n {
		f()
	}
	after := allocProfile()
	sites := map[string]int64{}
	var total int64
	for k, a := range after {
		d := a.n - before[k].n
		if d <= 0 || a.ebiten || a.site == "" {
			continue
		}
		total += d
		sites[a.site] += d
	}
	var out []string
	for s, c := range sites {
		out = append(out, fmt.Sprintf("%6d  %s", c, s))
	}
	sort.Sort(sort.Reverse(sort.StringSlice(out)))
	return float64(total) / float64(n), out
}

type allocRecord struct {
	n      int64
	ebiten bool
	site   string
}

// allocProfile reads the allocation profile after the collections that
// bring it up to date.
func allocProfile() map[[32]uintptr]allocRecord {
	for range 3 {
		runtime.GC()
	}
	var recs []runtime.MemProfileRecord
	n, _ := runtime.MemProfile(nil, true)
	for {
		recs = make([]runtime.MemProfileRecord, n+50)
		var ok bool
		if n, ok = runtime.MemProfile(recs, true); ok {
			recs = recs[:n]
			break
		}
	}
	out := map[[32]uintptr]allocRecord{}
	for _, r := range recs {
		rec := allocRecord{n: r.AllocObjects}
		frames := runtime.CallersFrames(r.Stack())
		var names []string
		for {
			fr, more := frames.Next()
			if strings.Contains(fr.Function, "hajimehoshi/ebiten/v2/internal/") || strings.Contains(fr.Function, "ebitengine/purego") ||
				strings.Contains(fr.Function, "scenes.allocProfile") || strings.Contains(fr.Function, "testify") {
				rec.ebiten = true
			}
			if len(names) < 5 && !strings.HasPrefix(fr.Function, "runtime.") {
				names = append(names, fmt.Sprintf("%s:%d", fr.Function[strings.LastIndex(fr.Function, "/")+1:], fr.Line))
			}
			if !more {
				break
			}
		}
		rec.site = strings.Join(names, " < ")
		out[r.Stack0] = rec
	}
	return out
}

// A warm frame of every scene, paused and with its background work done,
// allocates nothing: the text is drawn from lines already made, the
// numbers from strings already formatted, the shapes from buffers kept.
// Garbage made every frame would add up to collections that stall the
// browser, where Go has one thread. Over 60 frames up to six stray
// allocations are allowed: the runtime now and then charges its own bookkeeping to
// whatever frame is on the stack, and no site that allocates every frame
// can hide in that.
func TestWarmFrameAllocatesNothing(t *testing.T) {
	const frames = 60
	for _, e := range Registry() {
		t.Run(e.Name, func(t *testing.T) {
			h := newHarness(t, e.Name, 1280, 800)
			if c, ok := h.s.(*capacity); ok {
				// The experiment runs only while frames come: it is
				// stopped here rather than waited for (quiet stops it too).
				c.stopSweep()
				c.sweepDone = true
			}
			for _, j := range h.s.Jobs() {
				for !j.Done() {
					time.Sleep(10 * time.Millisecond)
				}
			}
			for range 5 {
				h.step(t)
				h.draw()
			}
			quiet(t, h)
			n, sites := ownAllocs(frames, func() { h.step(t); h.draw() })
			assert.LessOrEqual(t, n*frames, 6.0, "allocations in %d warm frames, by site:\n%s", frames, strings.Join(sites, "\n"))
		})
	}
}

// quiet waits for or stops the work a scene does in the background while
// paused: Digits measuring its curves, Capacity's experiment.
func quiet(t *testing.T, h *harness) {
	switch s := h.s.(type) {
	case *digitsScene:
		s.dream.On, s.live.On = false, false
		for k := 0; k < 1000 && s.evaluating; k++ {
			h.step(t)
		}
	case *capacity:
		s.stopSweep()
		s.sweepDone = true
	}
	h.step(t)
	h.draw()
}
