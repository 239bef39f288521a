package sim

import (
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A panic in one worker goroutine reaches the caller of runWorkers, where
// a recover can see it, with the place it came from; the other workers
// finish.
func TestWorkerPanicReachesCaller(t *testing.T) {
	var done atomic.Int64
	var got any
	func() {
		defer func() { got = recover() }()
		runWorkers(4, func() {
			if done.Add(1) == 2 {
				panic(errors.New("worker fault"))
			}
		})
	}()
	require.NotNil(t, got)
	wp, ok := got.(*WorkerPanic)
	require.True(t, ok, "%T", got)
	assert.Equal(t, "worker fault", wp.Error())
	assert.True(t, strings.HasPrefix(wp.PanicSite(), "sim/panics_test.go:"), wp.PanicSite())
	assert.EqualError(t, errors.Unwrap(wp), "worker fault")
	assert.EqualValues(t, 4, done.Load())
}

func TestRunWorkersCapped(t *testing.T) {
	var n atomic.Int64
	runWorkers(MaxWorkers*10, func() { n.Add(1) })
	assert.EqualValues(t, MaxWorkers, n.Load())
}
