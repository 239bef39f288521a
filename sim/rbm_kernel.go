package sim

import (
	"math"
	"math/rand/v2"
)

// dot returns Σ a_i b_i over the length of a (b may be longer). Four partial sums let the additions overlap in
// the pipeline, which the compiler will not arrange on its own because it
// must keep floating-point addition in order.
func dot(a, b []float64) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	for len(a) >= 4 {
		x, y := a[:4:4], b[:4:4]
		s0 += x[0] * y[0]
		s1 += x[1] * y[1]
		s2 += x[2] * y[2]
		s3 += x[3] * y[3]
		a, b = a[4:], b[4:]
	}
	for i, x := range a {
		s0 += x * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// rbmAxpby sets dst to a·dst + b·x, element by element. It panics if x is
// shorter than dst.
func rbmAxpby(dst []float64, a float64, x []float64, b float64) {
	x = x[:len(dst)]
	n := axpbyArch(dst, a, x, b)
	x = x[n:]
	for i, d := range dst[n:] {
		dst[n+i] = a*d + b*x[i]
	}
}

// rbmAxpy adds alpha·x to dst.
func rbmAxpy(dst []float64, alpha float64, x []float64) {
	x = x[:len(dst)]
	for len(dst) >= 4 {
		d, y := dst[:4:4], x[:4:4]
		d[0] += alpha * y[0]
		d[1] += alpha * y[1]
		d[2] += alpha * y[2]
		d[3] += alpha * y[3]
		dst, x = dst[4:], x[4:]
	}
	for i := range dst {
		dst[i] += alpha * x[i]
	}
}

// The batched kernels below are what the trainer and the batched
// conditionals run on. They work on float64 matrices given by a slice and
// strides, and each has a plain Go version that runs everywhere (the wasm
// build included, and any build with -tags purego) and, on amd64 with
// AVX2 and FMA, an assembly version (rbm_kernel_amd64.s, with 512-bit
// variants where the CPU has AVX-512) that computes the same formulas
// four or eight numbers at a time, chosen at run time; the two differ only
// in rounding, since the assembly fuses each multiply-add.

// gemm adds the product of a rows×k matrix A and a k×n matrix B to the
// rows×n matrix C:
//
//	C[r*ldc+j] += Σ_q A[r*ars+q*aks] · B[q*ldb+j].
//
// A is read through two strides, so either A or its transpose can be
// stored row-major; B and C are row-major. It panics if a slice is too
// short for its strides.
func gemm(c []float64, ldc int, a []float64, ars, aks int, b []float64, ldb, rows, k, n int) {
	if rows <= 0 || k <= 0 || n <= 0 {
		return
	}
	if ldc < 0 || ars < 0 || aks < 0 || ldb < 0 ||
		(rows-1)*ldc+n > len(c) || (rows-1)*ars+(k-1)*aks >= len(a) || (k-1)*ldb+n > len(b) {
		panic("sim: matrix product out of bounds")
	}
	r0, n0 := gemmArch(c, ldc, a, ars, aks, b, ldb, rows, k, n)
	gemmGo(c, ldc, a, ars, aks, b, ldb, 0, r0, n0, n, k)
	gemmGo(c, ldc, a, ars, aks, b, ldb, r0, rows, 0, n, k)
}

// gemmGo is gemm for rows [r0, r1) and columns [n0, n1) of C.
func gemmGo(c []float64, ldc int, a []float64, ars, aks int, b []float64, ldb, r0, r1, n0, n1, k int) {
	if n0 >= n1 {
		return
	}
	for r := r0; r < r1; r++ {
		row := c[r*ldc+n0 : r*ldc+n1]
		// Binary units make many zero coefficients; adding nothing
		// changes nothing, so they are skipped. The others are taken four
		// at a time, which loads and stores the row once per four instead
		// of once each, in the same order, so the sums round the same.
		var xs [4]float64
		var qs [4]int
		m := 0
		for q := 0; q < k; q++ {
			if x := a[r*ars+q*aks]; x != 0 {
				xs[m], qs[m] = x, q
				if m++; m == 4 {
					rbmAxpy4(row, xs, b[qs[0]*ldb+n0:qs[0]*ldb+n1], b[qs[1]*ldb+n0:qs[1]*ldb+n1],
						b[qs[2]*ldb+n0:qs[2]*ldb+n1], b[qs[3]*ldb+n0:qs[3]*ldb+n1])
					m = 0
				}
			}
		}
		for j := range m {
			rbmAxpy(row, xs[j], b[qs[j]*ldb+n0:qs[j]*ldb+n1])
		}
	}
}

// rbmAxpy4 adds a[0]·x0, a[1]·x1, a[2]·x2 and a[3]·x3 to dst, one after
// the other in that order for each element, as four calls of rbmAxpy
// would.
func rbmAxpy4(dst []float64, a [4]float64, x0, x1, x2, x3 []float64) {
	n := len(dst)
	x0, x1, x2, x3 = x0[:n], x1[:n], x2[:n], x3[:n]
	for i := range n {
		d := dst[i]
		d += a[0] * x0[i]
		d += a[1] * x1[i]
		d += a[2] * x2[i]
		d += a[3] * x3[i]
		dst[i] = d
	}
}

// The constants of the sigmoid kernel. Cody and Waite's split of ln 2
// into a head with 32 trailing zero bits (so k·ln2Hi is exact) and a tail
// keeps the reduced argument accurate; adding and subtracting 1.5·2^52
// rounds to the nearest integer on every IEEE-754 machine and leaves that
// integer in the low bits of the sum.
const (
	sigmoidClamp = 700 // e^±700 is still a normal float64
	sigmoidLn2Hi = 6.93147180369123816490e-01
	sigmoidLn2Lo = 1.90821492927058770002e-10
	sigmoidRound = 0x1.8p52
)

// sigmoids writes σ(x) = 1/(1 + e^{−x}) of every x in src into dst, which
// may be src itself. The exponential is a polynomial, evaluated the same
// way on every platform: its error against 1/(1+math.Exp(-x)) is below
// 1e-15 absolute, and 1e-14 relative wherever σ(x) > 1e-300 (see
// TestSigmoidsMatchSigmoid, which measures 2.3e-16 and 5e-16), so a coin
// tossed with it almost never differs from one tossed with Sigmoid. It
// panics if the lengths differ.
func sigmoids(dst, src []float64) {
	if len(dst) != len(src) {
		panic("sim: sigmoid of slices of different lengths")
	}
	n := sigmoidArch(dst, src)
	sigmoidGo(dst[n:], src[n:])
}

// sigmoidGo is sigmoids in Go: z = −x clamped to ±700, z = k·ln 2 + r with
// |r| ≤ ln 2/2, e^r by its Taylor polynomial of degree 12 (the first term
// left out is below 2e-16), and 2^k added to the exponent's bits.
func sigmoidGo(dst, src []float64) {
	dst = dst[:len(src)]
	for i, x := range src {
		z := -x
		// Plain comparisons, not min and max, which must order NaNs and
		// signed zeros and cost more here than the whole polynomial.
		if z > sigmoidClamp {
			z = sigmoidClamp
		} else if z < -sigmoidClamp {
			z = -sigmoidClamp
		}
		ki := z*math.Log2E + sigmoidRound
		kf := ki - sigmoidRound
		r := z - kf*sigmoidLn2Hi
		r -= kf * sigmoidLn2Lo
		p := 1 / 479001600.0
		p = p*r + 1/39916800.0
		p = p*r + 1/3628800.0
		p = p*r + 1/362880.0
		p = p*r + 1/40320.0
		p = p*r + 1/5040.0
		p = p*r + 1/720.0
		p = p*r + 1/120.0
		p = p*r + 1/24.0
		p = p*r + 1/6.0
		p = p*r + 1/2.0
		p = p*r + 1
		p = p*r + 1
		e := math.Float64frombits(math.Float64bits(p) + math.Float64bits(ki)<<52)
		dst[i] = 1 / (1 + e)
	}
}

// rbmUniforms fills dst with numbers uniform on [0, 1), one
// (*rand.Rand).Float64 each, in order: the same numbers, and so the same
// coins, as tossing them one at a time.
func rbmUniforms(dst []float64, rng *rand.Rand) {
	for i := range dst {
		dst[i] = rng.Float64()
	}
}

// rbmCoin returns 1 if u < p and 0 otherwise, without a branch: a coin
// with probability p of heads is unpredictable by design, and a
// mispredicted branch would cost more than the rest of the draw.
func rbmCoin(u, p float64) float64 {
	return float64(math.Float64bits(u-p) >> 63)
}

// rbmTranspose writes the m×n row-major matrix src (leading dimension lds)
// into dst as n×m with leading dimension ldd. It reads src down its
// columns, a few streams at once, and writes dst row by row.
func rbmTranspose(dst []float64, ldd int, src []float64, lds, m, n int) {
	src = src[:(m-1)*lds+n]
	for i := 0; i < n; i++ {
		d := dst[i*ldd : i*ldd+m]
		for b := range d {
			d[b] = src[b*lds+i]
		}
	}
}

// rbmTransposePadded writes the m×n row-major matrix src into the first m
// columns of dst (n×ld) and zeros columns m to pad−1.
func rbmTransposePadded(dst []float64, ld int, src []float64, m, pad, n int) {
	rbmTranspose(dst, ld, src, n, m, n)
	if pad > m {
		for i := 0; i < n; i++ {
			clear(dst[i*ld+m : i*ld+pad])
		}
	}
}
