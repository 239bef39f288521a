//go:build amd64 && !purego

package sim

import (
	"unsafe"

	"golang.org/x/sys/cpu"
)

// rbmAsm reports whether the assembly kernels of rbm_kernel_amd64.s can
// run: they need AVX2 and FMA, which x86-64 processors have had since 2013;
// rbmAVX512 whether the matrix product may also use 512-bit registers.
// The answers are facts about the machine, fixed at start-up.
var (
	rbmAsm    = cpu.X86.HasAVX2 && cpu.X86.HasFMA
	rbmAVX512 = rbmAsm && cpu.X86.HasAVX512F && cpu.X86.HasAVX512VL
)

//go:noescape
func gemm4AVX2(c *float64, ldc int, a *float64, ars, aks int, b *float64, ldb, k, n int)

//go:noescape
func gemm4AVX512(c *float64, ldc int, a *float64, ars, aks int, b *float64, ldb, k, n int)

//go:noescape
func gemm8x12AVX512(c *float64, ldc int, a *float64, ars, aks int, b *float64, ldb, k int)

//go:noescape
func gemm12x16AVX512(c *float64, ldc int, a *float64, aks int, b *float64, ldb, k, n int)

//go:noescape
func sigmoidAVX2(dst, src *float64, n int)

//go:noescape
func axpbyAVX2(dst, x *float64, a, b float64, n int)

// axpbyArch does what it can of rbmAxpby in assembly and returns how many
// numbers it did, a multiple of 4.
func axpbyArch(dst []float64, a float64, x []float64, b float64) int {
	n := len(dst) &^ 3
	if !rbmAsm || n == 0 {
		return 0
	}
	axpbyAVX2(&dst[0], &x[0], a, b, n)
	return n
}

//go:noescape
func sigmoidAVX512(dst, src *float64, n int)

// gemmArch does what it can of gemm in assembly and returns the rows and
// columns it covered: the largest multiples of 4 within rows and n.
func gemmArch(c []float64, ldc int, a []float64, ars, aks int, b []float64, ldb, rows, k, n int) (int, int) {
	if !rbmAsm {
		return 0, 0
	}
	r4, n4 := rows&^3, n&^3
	if n4 == 0 {
		return 0, 0
	}
	kernel := gemm4AVX2
	r := 0
	if rbmAVX512 {
		kernel = gemm4AVX512
		switch {
		case n4 == 12:
			for ; r+8 <= r4; r += 8 {
				gemm8x12AVX512(&c[r*ldc], ldc, &a[r*ars], ars, aks, &b[0], ldb, k)
			}
		case rows == 12 && ars == 1 && n4 >= 16:
			n16 := n4 &^ 15
			gemm12x16AVX512(&c[0], ldc, &a[0], aks, &b[0], ldb, k, n16)
			if n4 > n16 {
				for ; r < r4; r += 4 {
					kernel(&c[r*ldc+n16], ldc, &a[r*ars], ars, aks, &b[n16], ldb, k, n4-n16)
				}
			}
			return r4, n4
		}
	}
	for ; r < r4; r += 4 {
		kernel(&c[r*ldc], ldc, &a[r*ars], ars, aks, &b[0], ldb, k, n4)
	}
	return r4, n4
}

// sigmoidArch does what it can of sigmoids in assembly and returns how
// many numbers it did, a multiple of 4.
func sigmoidArch(dst, src []float64) int {
	if !rbmAsm {
		return 0
	}
	done := 0
	if n := len(src) &^ 7; rbmAVX512 && n > 0 {
		sigmoidAVX512(unsafe.SliceData(dst), unsafe.SliceData(src), n)
		done = n
	}
	if n := (len(src) - done) &^ 3; n > 0 {
		sigmoidAVX2(&dst[done], &src[done], n)
		done += n
	}
	return done
}
