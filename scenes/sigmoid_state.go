package scenes

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"boltzlab/sim"
)

// The sigmoid scene's saved state.

// sigmoidState is what the Sigmoid scene keeps: the curve's settings and
// the coin's tally, its last outcomes (newest last, 1 for on) and its
// unit.
type sigmoidState struct {
	_     [0]func() // not comparable: spares the download an equality function
	T     float64   `json:"t"`
	Gap   float64   `json:"gap"`
	Span  float64   `json:"axis"`
	Speed float64   `json:"speed"`
	Flips int       `json:"flips"`
	Ons   int       `json:"ons"`
	Tail  string    `json:"recent"`
	Unit  int8      `json:"unit"`
}

// State implements Scene.
func (s *sigmoid) State() (State, error) {
	tail := make([]byte, len(s.tail))
	for k, on := range s.tail {
		tail[k] = '0'
		if on {
			tail[k] = '1'
		}
	}
	return makeState("sigmoid", s.seed, &sigmoidState{T: s.temp.Value, Gap: s.gap.Value, Span: s.axis(), Speed: s.speed(),
		Flips: s.flips, Ons: s.ons, Tail: string(tail), Unit: s.coin.State()[0]})
}

// SetState implements Scene.
func (s *sigmoid) SetState(st State) error {
	var d sigmoidState
	span := -1
	err := readState(st, "sigmoid", &d, maxCount, "t gap axis speed flips ons recent unit", func() error {
		if err := sliderOK(&s.temp, "temperature", d.T); err != nil {
			return err
		}
		if err := sliderOK(&s.gap, "ΔE", d.Gap); err != nil {
			return err
		}
		if err := s.speedOK(d.Speed); err != nil {
			return err
		}
		for k, v := range sigmoidSpans {
			if v == d.Span {
				span = k
			}
		}
		if span < 0 {
			return fmt.Errorf("the axis ±%g is not one of %v", d.Span, sigmoidSpans)
		}
		if err := countOK("flips", d.Flips, maxCount); err != nil {
			return err
		}
		if err := countOK("ons", d.Ons, d.Flips); err != nil {
			return err
		}
		ons := strings.Count(d.Tail, "1")
		if len(d.Tail) > min(sigmoidTail, d.Flips) || ons+strings.Count(d.Tail, "0") != len(d.Tail) ||
			ons > d.Ons || len(d.Tail)-ons > d.Flips-d.Ons {
			return fmt.Errorf("the recent flips %q do not fit the tally", short(d.Tail))
		}
		want := int8(-1)
		if n := len(d.Tail); n > 0 && d.Tail[n-1] == '1' {
			want = 1
		}
		if d.Unit != want {
			return fmt.Errorf("the unit is %d, but its last flip left it %d", d.Unit, want)
		}
		return nil
	})
	if err != nil {
		return err
	}
	s.seed = st.Seed
	s.temp.Value, s.gap.Value, s.span = d.T, d.Gap, span
	s.setSpeed(d.Speed)
	s.from = ""
	s.SetRunning(false)
	net := sim.NewNet(1)
	net.B[0] = s.gap.Value / 2
	s.coin = sim.NewChain(net, []int8{d.Unit}, s.temp.Value, rand.New(rand.NewPCG(s.seed, 0x5165^uint64(d.Flips))))
	s.coin.Updates = d.Flips
	s.coin.Last.Draw = sim.NoDraw // the last draw is not kept
	s.flips, s.ons = d.Flips, d.Ons
	s.tail = s.tail[:0]
	for k := range len(d.Tail) {
		s.tail = append(s.tail, d.Tail[k] == '1')
	}
	s.freq.Clear()
	if s.flips > 0 {
		s.freq.Push(float64(s.flips), float64(s.ons)/float64(s.flips))
	}
	s.retarget()
	return nil
}
