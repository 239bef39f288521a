package sim

import (
	"math/rand/v2"
	"testing"
)

// benchmarkCD1 measures CD-1 training in mini-batches of 10 on random
// binary vectors about a fifth of whose units are on, roughly the ink of a
// handwritten digit. Each iteration is one mini-batch update.
func benchmarkCD1(b *testing.B, nv, nh int) {
	benchmarkRBMTrainer(b, nv, nh, func(*RBMTrainer) {})
}

// benchmarkPCD1 trains with the settings of bench/rbm_vs_sklearn.sh:
// persistent CD-1, learning rate 0.06, batches of 10, no momentum.
func benchmarkPCD1(b *testing.B, nv, nh int) {
	benchmarkRBMTrainer(b, nv, nh, func(tr *RBMTrainer) {
		tr.Persistent, tr.Rate, tr.Momentum = true, 0.06, 0
	})
}

func benchmarkRBMTrainer(b *testing.B, nv, nh int, set func(*RBMTrainer)) {
	rng := rand.New(rand.NewPCG(1, 2))
	data := make([][]float64, 200)
	for k := range data {
		data[k] = make([]float64, nv)
		for i := range data[k] {
			if rng.Float64() < 0.2 {
				data[k][i] = 1
			}
		}
	}
	r := NewRBM(nv, nh)
	r.Randomize(0.01, rng)
	tr := NewRBMTrainer(r, data, rng)
	tr.Batch = 10
	set(tr)
	b.ReportAllocs()
	cpu0 := processCPU()
	for b.Loop() {
		tr.Step()
	}
	reportSamples(b, tr.Updates*tr.Batch, processCPU()-cpu0)
}

// reportSamples reports samples per second of wall time and, where the
// process's CPU time is known, per second of CPU time: on a machine shared
// with other work the second counts only the time this benchmark ran, so
// it moves much less from run to run (run with GOMAXPROCS=1 so that it is
// one core's time).
func reportSamples(b *testing.B, samples int, cpu float64) {
	b.ReportMetric(float64(samples)/b.Elapsed().Seconds(), "samples/s")
	if cpu > 0 {
		b.ReportMetric(float64(samples)/cpu, "samples/cpu-s")
	}
}

func BenchmarkRBMCD1_64x64(b *testing.B)    { benchmarkCD1(b, 64, 64) }
func BenchmarkRBMCD1_784x256(b *testing.B)  { benchmarkCD1(b, 784, 256) }
func BenchmarkRBMPCD1_64x64(b *testing.B)   { benchmarkPCD1(b, 64, 64) }
func BenchmarkRBMPCD1_784x256(b *testing.B) { benchmarkPCD1(b, 784, 256) }

func BenchmarkRBMLogZ9x4(b *testing.B) {
	r := randomRBM(9, 4, 1, rand.New(rand.NewPCG(1, 2)))
	for b.Loop() {
		r.LogZ()
	}
}

func BenchmarkBMStepExactLearning(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 0))
	tr := NewBMTrainer(NewLearningBM(rng), LearningData(), rng)
	tr.Rate = LearningRate
	b.ReportAllocs()
	for b.Loop() {
		tr.Step()
	}
}

// The sigmoid of a batch of 10 visible layers of 64 units, three ways: the
// batched polynomial as the trainer runs it (assembly where it can), the
// same in Go, and one Sigmoid (math.Exp) per unit. ns/op is per batch;
// the metric is per sigmoid.
func benchmarkSigmoids(b *testing.B, f func(dst, src []float64)) {
	rng := rand.New(rand.NewPCG(1, 2))
	src := make([]float64, 640)
	for i := range src {
		src[i] = 4 * rng.NormFloat64()
	}
	dst := make([]float64, len(src))
	for b.Loop() {
		f(dst, src)
	}
	b.ReportMetric(b.Elapsed().Seconds()*1e9/float64(b.N*len(src)), "ns/sigmoid")
}

func BenchmarkSigmoids640(b *testing.B)   { benchmarkSigmoids(b, sigmoids) }
func BenchmarkSigmoidsGo640(b *testing.B) { benchmarkSigmoids(b, sigmoidGo) }
func BenchmarkSigmoidMathExp640(b *testing.B) {
	benchmarkSigmoids(b, func(dst, src []float64) {
		for i, x := range src {
			dst[i] = Sigmoid(x)
		}
	})
}

// The three matrix products of a CD-1 update at 784×256 with a batch of 10
// (padded to 12), one iteration each, as the trainer calls them: the
// hidden layer's (twice per update), the visible layer's, and the weight
// update's. The metric counts 2 flops per multiply-add, padding included.
func BenchmarkGemm784x256(b *testing.B) {
	const nv, nh, ld, m = 784, 256, 12, 10
	rng := rand.New(rand.NewPCG(1, 2))
	fill := func(n int) []float64 {
		s := make([]float64, n)
		for i := range s {
			s[i] = rng.NormFloat64()
		}
		return s
	}
	w, vT, hT, vs := fill(nh*nv), fill(nv*ld), fill(nh*ld), fill((2*m+ld)*nv)
	coef := fill(nh * 2 * m)
	for _, c := range []struct {
		name  string
		flops int
		run   func()
	}{
		{"hidden", 2 * nh * nv * ld, func() { gemm(hT, ld, w, nv, 1, vT, ld, nh, nv, ld) }},
		{"visible", 2 * nh * nv * ld, func() { gemm(vs, nv, hT, 1, ld, w, nv, ld, nh, nv) }},
		{"update", 2 * nh * nv * 2 * m, func() { gemm(w, nv, coef, 2*m, 1, vs, nv, nh, 2*m, nv) }},
	} {
		b.Run(c.name, func(b *testing.B) {
			cpu0 := processCPU()
			for b.Loop() {
				c.run()
			}
			b.ReportMetric(float64(c.flops*b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			if cpu := processCPU() - cpu0; cpu > 0 {
				b.ReportMetric(float64(c.flops*b.N)/cpu/1e9, "GFLOP/cpu-s")
			}
		})
	}
}
