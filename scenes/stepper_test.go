package scenes

import (
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/stretchr/testify/require"
)

// busyScene is a scene whose every simulation step takes a while, to see
// the stepper hand the token over mid-tick.
type busyScene struct {
	base
	steps, ticks int // guarded by the stepper's token
}

func (b *busyScene) Title() string                { return "busy" }
func (b *busyScene) Caption() string              { return "" }
func (b *busyScene) Help() string                 { return "" }
func (b *busyScene) Reset() string                { return "" }
func (b *busyScene) Update(*Context) error        { return nil }
func (b *busyScene) Draw(*ebiten.Image, *Context) {}
func (b *busyScene) Simulate(ctx *Context) {
	b.ticks++
	for k := 0; ctx.More(k); k++ {
		b.steps++
		for start := time.Now(); time.Since(start) < 200*time.Microsecond; {
		}
	}
}

// A frame that holds the token sees the scene stand still, gets the token
// while a tick is under way (run under -race, this also checks that the
// goroutine and the frame never touch the scene at once), and every tick
// it posts makes progress.
func TestStepperHandsOverTheToken(t *testing.T) {
	sc := &busyScene{}
	st := newStepper()
	for range 30 {
		st.acquire()
		before := sc.steps
		time.Sleep(time.Millisecond)
		require.Equal(t, before, sc.steps, "the scene moved while the frame held the token")
		st.post(sc, &Context{Steps: 1 << 30})
		st.release()
		time.Sleep(2 * time.Millisecond)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		st.acquire()
		steps, ticks := sc.steps, sc.ticks
		st.release()
		if steps >= ticks && ticks > 0 || time.Now().After(deadline) {
			require.Positive(t, ticks)
			require.GreaterOrEqual(t, steps, ticks, "every tick makes at least its first step")
			st.stop()
			return
		}
		time.Sleep(time.Millisecond)
	}
}
