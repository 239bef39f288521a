//go:build js

package scenes

import "time"

// stepAside: the browser gives Go one thread, so a tick's simulation
// steps run inline, after Update, within stepBudget.
const stepAside = false

// stepBudget is smaller in the browser, where WebAssembly runs the same
// Go about three times slower and drawing shares the one thread: 3 ms of
// simulation a tick keeps a frame's Go time within about 6 ms.
const stepBudget = 3 * time.Millisecond

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
