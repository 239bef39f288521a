//go:build js

package scenes

import "time"

// backgroundPause is what long background computations (the annealing
// census) call between pieces of work. The browser gives Go a single
// thread, and a goroutine that never blocks keeps the page from drawing,
// so after every few milliseconds of work this one sleeps long enough for
// a frame to be drawn.
func backgroundPause() func() {
	last := time.Now()
	return func() {
		if time.Since(last) < 4*time.Millisecond {
			return
		}
		time.Sleep(12 * time.Millisecond)
		last = time.Now()
	}
}
