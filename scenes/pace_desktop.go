//go:build !js

package scenes

import "time"

// stepAside: on the desktop a tick's simulation steps run beside the
// frame, on a goroutine of their own (see stepper).
const stepAside = true

// stepBudget is half a 60 Hz frame on the desktop, leaving the rest for
// drawing.
const stepBudget = 8 * time.Millisecond

// backgroundPause is what long background computations (the annealing
// census) call between pieces of work. On the desktop they run on other
// cores beside the game loop, so there is nothing to wait for.
func backgroundPause() func() { return nil }
