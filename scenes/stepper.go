package scenes

import (
	"sync/atomic"
	"time"

	"boltzlab/scenes/ui"
)

// stepper makes each tick's simulation steps beside the frame, where Go
// has threads to spare (the desktop): Update hands the tick over and
// returns, and a goroutine of the stepper's own calls the scene's
// Simulate while the frame is drawn and presented, so a scene at top speed
// costs its frame no more than a paused one.
//
// A token guards every scene: the frame holds it through Update and Draw,
// the goroutine while it steps. A frame that asks for the token gets it
// within one step, because Context.More and OverBudget hand it over
// whenever a frame is waiting, and take it back when the frame is done.
type stepper struct {
	token chan struct{} // holds the token while nobody has it
	want  atomic.Int32  // frames waiting for the token
	// waited is how long frames have waited for the token in all, read
	// and written by the frame only.
	waited time.Duration
	wake   chan struct{} // a tick has been posted

	// Written under the token by the frame, read under it by the goroutine.
	scene   Scene
	posted  bool
	next    Context // the posted tick
	running Context // the tick being stepped
	idle    ui.Fake // the input a simulation sees: none
}

// newStepper returns a stepper with its goroutine started; it waits for
// ticks until stop.
func newStepper() *stepper {
	s := &stepper{token: make(chan struct{}, 1), wake: make(chan struct{}, 1)}
	s.token <- struct{}{}
	go s.run()
	return s
}

// acquire takes the token for the frame, waiting for at most one step.
func (s *stepper) acquire() {
	start := time.Now()
	s.want.Add(1)
	<-s.token
	s.want.Add(-1)
	s.waited += time.Since(start)
}

// release gives the token back after a frame's Update or Draw.
func (s *stepper) release() { s.token <- struct{}{} }

// post hands the tick in ctx to the goroutine; the caller holds the token.
// A tick not finished when the next is posted ends at its next step.
func (s *stepper) post(sc Scene, ctx *Context) {
	s.scene = sc
	s.next = *ctx
	s.next.In = &s.idle
	s.next.yield = s.yield
	s.posted = true
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// stop ends the goroutine once it has finished the tick it is making. The
// stepper must not be posted to again.
func (s *stepper) stop() { close(s.wake) }

func (s *stepper) run() {
	for range s.wake {
		<-s.token
		for s.posted {
			s.posted = false
			s.running = s.next
			s.running.Deadline = time.Now().Add(stepBudget)
			s.scene.Simulate(&s.running)
		}
		s.token <- struct{}{}
	}
}

// yield lets a waiting frame take the token, takes it back when the frame
// is done, and reports whether a newer tick arrived meanwhile. The wait
// does not count against the tick's budget.
func (s *stepper) yield(c *Context) bool {
	if s.want.Load() > 0 {
		start := time.Now()
		s.token <- struct{}{}
		<-s.token
		c.Deadline = c.Deadline.Add(time.Since(start))
	}
	return s.posted
}
