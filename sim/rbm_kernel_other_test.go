//go:build !amd64 || purego

package sim

import "testing"

// forEachKernel runs f once: without assembly there is one kernel.
func forEachKernel(t *testing.T, f func(t *testing.T)) { t.Run("go", f) }
