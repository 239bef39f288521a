//go:build !js

package main

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// The quantiles are of the frames kept, and a bounded record keeps only
// the newest.
func TestFrameTimes(t *testing.T) {
	var f frameTimes
	for i := 1; i <= 100; i++ {
		f.add(time.Duration(i) * time.Millisecond)
	}
	n, p50, p95, p99 := f.quantiles()
	assert.Equal(t, 100, n)
	assert.Equal(t, []float64{51, 96, 100}, []float64{p50, p95, p99})

	g := frameTimes{max: 10}
	for i := 1; i <= 25; i++ {
		g.add(time.Duration(i) * time.Millisecond)
	}
	n, p50, _, p99 = g.quantiles()
	assert.Equal(t, 10, n)
	assert.Equal(t, 21.0, p50, "frames 16 to 25 are kept")
	assert.Equal(t, 25.0, p99)
	g.reset()
	n, p50, _, _ = g.quantiles()
	assert.Equal(t, 0, n)
	assert.Equal(t, 0.0, p50)
}

// The benchmark's report is one header and a row each for the scene and
// the blank game, with the median allocations per frame last.
func TestFrameBenchReport(t *testing.T) {
	var out bytes.Buffer
	b := &frameBench{scene: "recall", out: &out}
	for i := 1; i <= 5; i++ {
		b.labTimes.add(time.Duration(i) * time.Millisecond)
		b.blankTimes.add(time.Duration(i) * 10 * time.Microsecond)
	}
	b.labAllocs = []uint64{9, 1, 5, 3, 7}
	for _, w := range []int{0, 0, 1, 0, 2} {
		b.labWaits.add(time.Duration(w) * time.Millisecond)
	}
	b.blAllocs = []uint64{0, 0, 2, 0, 0}
	b.report()
	assert.Equal(t, "scene,frames,p50_ms,p95_ms,p99_ms,allocs_p50,wait_p95_ms\n"+
		"recall,5,3.000,5.000,5.000,5,2.000\n"+
		"blank,5,0.030,0.050,0.050,0,0.000\n", out.String())
}
