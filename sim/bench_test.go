package sim

import (
	"math/rand/v2"
	"testing"
)

func BenchmarkUpdateStochastic9(b *testing.B) {
	net, ps := tlNet()
	s := append([]int8(nil), ps[0].Units...)
	rng := rand.New(rand.NewPCG(1, 2))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		net.UpdateStochastic(s, i, 1, rng)
		if i++; i == 9 {
			i = 0
		}
	}
}

func BenchmarkChainUpdate9(b *testing.B) {
	net, ps := tlNet()
	c := NewChain(net, ps[0].Units, 1, rand.New(rand.NewPCG(1, 2)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c.Update(i)
		if i++; i == 9 {
			i = 0
		}
	}
}

func BenchmarkChainStep9(b *testing.B) {
	net, ps := tlNet()
	c := NewChain(net, ps[0].Units, 1, rand.New(rand.NewPCG(1, 2)))
	b.ReportAllocs()
	for b.Loop() {
		c.Step()
	}
}

func BenchmarkSweep9(b *testing.B) {
	net, ps := tlNet()
	s := append([]int8(nil), ps[0].Units...)
	rng := rand.New(rand.NewPCG(1, 2))
	order := make([]int, 9)
	b.ReportAllocs()
	for b.Loop() {
		net.Sweep(s, 1, rng, order)
	}
}

func BenchmarkSweep400(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	net := randomNet(400, rng)
	s := make([]int8, 400)
	RandomState(s, rng)
	order := make([]int, 400)
	b.ReportAllocs()
	for b.Loop() {
		net.Sweep(s, 1, rng, order)
	}
}

func BenchmarkAttractors9(b *testing.B) {
	net, _ := tlNet()
	b.ReportAllocs()
	for b.Loop() {
		net.Attractors()
	}
}
