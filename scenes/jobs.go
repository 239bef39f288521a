package scenes

import (
	"context"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
)

// task is a Job that runs a function in its own goroutine beside the
// frames. On the desktop it has other cores; in the browser, where Go has
// one thread, the function must call its pause hook between pieces of work
// (backgroundPause), which sleeps long enough for a frame to be drawn.
type task struct {
	name     string
	cancel   context.CancelFunc
	progress atomic.Uint64 // math.Float64bits of the fraction done
	done     atomic.Bool

	mu     sync.Mutex
	result any
	err    error
}

// Work is a long computation: it checks ctx between pieces of work,
// reports the fraction done, and calls pause (when not nil) as often as it
// can afford.
type Work func(ctx context.Context, progress func(float64), pause func()) (any, error)

// startTask runs work in a new goroutine. A panic in work is caught and
// becomes the task's error, so a bug in a computation cannot take the
// program down.
func startTask(name string, work Work) *task {
	ctx, cancel := context.WithCancel(context.Background())
	t := &task{name: name, cancel: cancel}
	go func() {
		defer t.done.Store(true)
		defer func() {
			if r := recover(); r != nil {
				t.mu.Lock()
				t.err = fmt.Errorf("%s failed: %v", name, r)
				t.mu.Unlock()
			}
		}()
		res, err := work(ctx, func(f float64) { t.progress.Store(math.Float64bits(math.Max(0, math.Min(1, f)))) }, backgroundPause())
		t.mu.Lock()
		t.result, t.err = res, err
		t.mu.Unlock()
		t.progress.Store(math.Float64bits(1))
	}()
	return t
}

func (t *task) Name() string      { return t.name }
func (t *task) Progress() float64 { return math.Float64frombits(t.progress.Load()) }
func (t *task) Done() bool        { return t.done.Load() }
func (t *task) Cancel()           { t.cancel() }

// Result returns what the work returned once it is done, or nils.
func (t *task) Result() (any, error) {
	if !t.Done() {
		return nil, nil
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.result, t.err
}

// shared holds the results that do not depend on the seed or on anything a
// person sets (the annealing landscape's census), computed at most once per
// process however many Managers and scenes ask for them.
var shared struct {
	mu    sync.Mutex
	tasks map[string]*task
}

// sharedTask returns the task computing key, starting it if no task for
// key has run or if the last one was cancelled.
func sharedTask(key string, work Work) *task {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.tasks == nil {
		shared.tasks = map[string]*task{}
	}
	if t, ok := shared.tasks[key]; ok {
		if _, err := t.Result(); !t.Done() || err == nil {
			return t
		}
	}
	t := startTask(key, work)
	shared.tasks[key] = t
	return t
}
