package main

import (
	"slices"
	"time"
)

// frameTimes keeps the Go time of the most recent frames, for the frame
// benchmark on the desktop and the browser test's figures in the page.
type frameTimes struct {
	ts  []time.Duration
	max int // 0: keep every frame
	pos int
}

// add records one frame's time, overwriting the oldest once max are kept.
func (f *frameTimes) add(d time.Duration) {
	if f.max == 0 || len(f.ts) < f.max {
		f.ts = append(f.ts, d)
		return
	}
	f.ts[f.pos] = d
	f.pos = (f.pos + 1) % f.max
}

// quantiles returns the frames kept and their 50th, 95th and 99th
// percentiles in milliseconds.
func (f *frameTimes) quantiles() (n int, p50, p95, p99 float64) {
	s := slices.Clone(f.ts)
	slices.Sort(s)
	q := func(p float64) float64 {
		if len(s) == 0 {
			return 0
		}
		return float64(s[min(len(s)-1, int(p*float64(len(s))))]) / 1e6
	}
	return len(s), q(0.5), q(0.95), q(0.99)
}

// reset forgets the frames kept.
func (f *frameTimes) reset() { f.ts, f.pos = f.ts[:0], 0 }
