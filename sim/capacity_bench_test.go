package sim

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkCapacityTrial400 runs one whole recall trial of 400 units (random
// patterns drawn, weights built, cue corrupted by 5%, recall to a fixed
// point) per rule at two loads, and reports how many Steps a trial takes:
// ns/op over steps/op is the mean cost of the Step a scene calls per
// frame.
func BenchmarkCapacityTrial400(b *testing.B) {
	for _, alpha := range []float64{0.14, 0.5} {
		for _, r := range Rules() {
			b.Run(fmt.Sprintf("%s/alpha=%g", r, alpha), func(b *testing.B) {
				cfg := TrialConfig{N: 400, P: LoadPatterns(400, alpha), Rule: r, Flip: 0.05}
				k, steps := 0, 0
				for b.Loop() {
					t, err := NewTrial(cfg, TrialRand(1, r, 0, k))
					if err != nil {
						b.Fatal(err)
					}
					k++
					for !t.Step() {
						steps++
					}
					steps++
				}
				b.ReportMetric(float64(steps)/float64(k), "steps/op")
			})
		}
	}
}

// BenchmarkStoreWith400 builds the weights of 56 random patterns of 400
// units (α = 0.14) by each rule.
func BenchmarkStoreWith400(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	ps := capacityPatterns(400, 56, rng)
	for _, r := range Rules() {
		b.Run(r.String(), func(b *testing.B) {
			for b.Loop() {
				if _, err := StoreWith(r, ps); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
