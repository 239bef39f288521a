package scenes

import (
	"fmt"
	"testing"
	"time"
)

func TestZZAllocs(t *testing.T) {
	for _, e := range Registry() {
		h := newHarness(t, e.Name, 1280, 800)
		for _, j := range h.s.Jobs() {
			for !j.Done() {
				time.Sleep(10 * time.Millisecond)
			}
		}
		for range 5 {
			h.step(t)
			h.draw()
		}
		n := testing.AllocsPerRun(20, func() { h.step(t); h.draw() })
		fmt.Println(e.Name, n)
	}
}
