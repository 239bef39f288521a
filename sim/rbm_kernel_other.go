//go:build !amd64 || purego

package sim

// rbmAsm is false where there are no assembly kernels (other
// architectures, the wasm build, or -tags purego): everything runs through
// the Go code of rbm_kernel.go.
const rbmAsm = false

func gemmArch(c []float64, ldc int, a []float64, ars, aks int, b []float64, ldb, rows, k, n int) (int, int) {
	return 0, 0
}

func sigmoidArch(dst, src []float64) int { return 0 }

func axpbyArch(dst []float64, a float64, x []float64, b float64) int { return 0 }
