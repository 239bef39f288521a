//go:build !unix

package main

func processCPU() (float64, bool) { return 0, false }
