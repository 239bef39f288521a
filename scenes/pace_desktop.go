//go:build !js

package scenes

// backgroundPause is what long background computations (the annealing
// census) call between pieces of work. On the desktop they run on other
// cores beside the game loop, so there is nothing to wait for.
func backgroundPause() func() { return nil }
