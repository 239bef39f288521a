package sim

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The polynomial sigmoid, in Go and (where it runs) in assembly, against
// 1/(1+e^{−x}) through math.Exp: at most 1e-15 off absolutely and 1e-14
// relatively, over a fine grid of the range where σ changes, random
// arguments, and the extremes.
func TestSigmoidsMatchSigmoid(t *testing.T) {
	forEachKernel(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(1, 2))
		var xs []float64
		for x := -60.0; x <= 60; x += 1.0 / 64 {
			xs = append(xs, x)
		}
		for range 4000 {
			xs = append(xs, 80*rng.NormFloat64(), 3*rng.NormFloat64())
		}
		xs = append(xs, 0, math.Copysign(0, -1), 699, -699, 700, -700, 701, -701, 1e5, -1e5,
			math.MaxFloat64, -math.MaxFloat64, math.Inf(1), math.Inf(-1), 5e-324)
		for len(xs)%4 != 3 {
			xs = append(xs, rng.Float64())
		}
		exact := func(x float64) float64 {
			if math.IsInf(x, -1) || x < -745 {
				return 0
			}
			return Sigmoid(x)
		}
		check := func(name string, got []float64) {
			var worstAbs, worstRel float64
			for i, x := range xs {
				want := exact(x)
				d := math.Abs(got[i] - want)
				worstAbs = max(worstAbs, d)
				if want > 1e-300 {
					worstRel = max(worstRel, d/want)
				}
			}
			t.Logf("%s: max abs error %.3g, max rel error %.3g (for σ > 1e-300)", name, worstAbs, worstRel)
			assert.Less(t, worstAbs, 1e-15, name)
			assert.Less(t, worstRel, 1e-14, name)
		}
		got := make([]float64, len(xs))
		sigmoidGo(got, xs)
		check("Go", got)
		sigmoids(got, xs)
		check("dispatch", got)
		copy(got, xs)
		sigmoids(got, got)
		check("in place", got)
		assert.Panics(t, func() { sigmoids(got[:3], xs) })
	})
}

// gemm against the triple loop, for every combination of strides the RBM
// uses and sizes that leave remainders in rows and columns.
func TestGemmMatchesTripleLoop(t *testing.T) {
	forEachKernel(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(3, 4))
		for _, rows := range []int{1, 3, 4, 8, 12, 13} {
			for _, k := range []int{1, 2, 7, 20} {
				for _, n := range []int{1, 4, 5, 12, 13, 16, 28, 32, 37} {
					for _, transA := range []bool{false, true} {
						ldc, ldb := n+2, n+1
						c := make([]float64, rows*ldc)
						for i := range c {
							c[i] = rng.NormFloat64()
						}
						a := make([]float64, rows*k)
						for i := range a {
							a[i] = rng.NormFloat64()
							if rng.IntN(3) == 0 {
								a[i] = 0
							}
						}
						ars, aks := k, 1
						if transA {
							ars, aks = 1, rows
						}
						b := make([]float64, k*ldb)
						for i := range b {
							b[i] = rng.NormFloat64()
						}
						want := append([]float64(nil), c...)
						for r := 0; r < rows; r++ {
							for j := 0; j < n; j++ {
								for q := 0; q < k; q++ {
									want[r*ldc+j] += a[r*ars+q*aks] * b[q*ldb+j]
								}
							}
						}
						gemm(c, ldc, a, ars, aks, b, ldb, rows, k, n)
						for i := range c {
							require.InDelta(t, want[i], c[i], 1e-12, "rows %d k %d n %d trans %v at %d", rows, k, n, transA, i)
						}
					}
				}
			}
		}
		assert.Panics(t, func() { gemm(make([]float64, 15), 4, make([]float64, 16), 4, 1, make([]float64, 16), 4, 4, 4, 4) })
	})
}

// The batched uniforms are the numbers Float64 would have drawn one by
// one, and a coin made from them comes up heads with the probability
// asked for.
func TestRBMUniformsAndCoins(t *testing.T) {
	u := make([]float64, 5)
	rbmUniforms(u, rand.New(rand.NewPCG(5, 5)))
	rng := rand.New(rand.NewPCG(5, 5))
	for _, x := range u {
		assert.Equal(t, rng.Float64(), x)
	}

	assert.Equal(t, 0.0, rbmCoin(0, 0))
	assert.Equal(t, 1.0, rbmCoin(0, 1e-300))
	assert.Equal(t, 1.0, rbmCoin(1-0x1p-53, 1))
	assert.Equal(t, 0.0, rbmCoin(0.5, 0.5))
	big := make([]float64, 200000)
	rbmUniforms(big, rng)
	var heads float64
	for _, v := range big {
		heads += rbmCoin(v, 0.3)
	}
	assert.InDelta(t, 0.3, heads/float64(len(big)), 0.004)
}

// The batched conditionals (matrix products, then the polynomial sigmoid)
// against the plain ones (a dot product or sum per unit, then σ through
// math.Exp), on machines whose sizes leave remainders everywhere and on
// the benchmark's 784×256: the probabilities agree within 1e-12.
func TestRBMBatchedConditionalsMatchPlain(t *testing.T) {
	forEachKernel(t, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(7, 8))
		for _, size := range [][3]int{{9, 4, 3}, {37, 13, 7}, {64, 64, 10}, {784, 256, 10}} {
			nv, nh, m := size[0], size[1], size[2]
			r := randomRBM(nv, nh, 0.3, rng)
			ld := (m + 3) &^ 3
			vs := make([]float64, m*nv)
			for i := range vs {
				vs[i] = float64(rng.IntN(2))
			}
			vT := make([]float64, nv*ld)
			rbmTransposePadded(vT, ld, vs, m, ld, nv)
			hT := make([]float64, nh*ld)
			r.hiddenProbsT(hT, ld, vT, ld)
			out := make([]float64, ld*nv)
			r.visiblePre(out, hT, ld, ld)
			sigmoids(out, out)
			for b := 0; b < m; b++ {
				v := vs[b*nv : (b+1)*nv]
				h := make([]float64, nh)
				for j := range h {
					a := r.C[j]
					for i, x := range v {
						a += r.W[j*nv+i] * x
					}
					h[j] = Sigmoid(a)
					require.InDelta(t, h[j], hT[j*ld+b], 1e-12, "%v hidden %d of vector %d", size, j, b)
				}
				for i := 0; i < nv; i++ {
					a := r.B[i]
					for j, x := range h {
						a += r.W[j*nv+i] * x
					}
					require.InDelta(t, Sigmoid(a), out[b*nv+i], 1e-12, "%v visible %d of vector %d", size, i, b)
				}
			}
		}
	})
}

func TestRBMAxpby(t *testing.T) {
	forEachKernel(t, func(t *testing.T) {
		for n := 0; n < 20; n++ {
			dst, x := make([]float64, n), make([]float64, n+3)
			for i := range dst {
				dst[i] = float64(i) + 0.5
			}
			for i := range x {
				x[i] = float64(i*i) - 3
			}
			want := make([]float64, n)
			for i := range want {
				want[i] = 0.25*dst[i] - 2*x[i]
			}
			rbmAxpby(dst, 0.25, x, -2)
			assert.InDeltaSlice(t, want, dst, 1e-12, "n %d", n)
		}
		assert.Panics(t, func() { rbmAxpby(make([]float64, 4), 1, make([]float64, 3), 1) })
	})
}
