//go:build !unix

package sim

func processCPU() float64 { return 0 }
