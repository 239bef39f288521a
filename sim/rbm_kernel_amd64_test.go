//go:build amd64 && !purego

package sim

import "testing"

// forEachKernel runs f once for every level of kernel this machine can
// run (AVX-512, AVX2 and FMA, plain Go), so the assembly a smaller CPU
// would use is tested here too.
func forEachKernel(t *testing.T, f func(t *testing.T)) {
	asm, avx512 := rbmAsm, rbmAVX512
	defer func() { rbmAsm, rbmAVX512 = asm, avx512 }()
	if avx512 {
		t.Run("avx512", f)
	}
	rbmAVX512 = false
	if asm {
		t.Run("avx2", f)
	}
	rbmAsm = false
	t.Run("go", f)
}
