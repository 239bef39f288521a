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

// cancelJobs cancels every job s lists: the Manager's last word to a scene
// it drops, so that nothing keeps computing for a scene no one will see.
func cancelJobs(s Scene) {
	if s == nil {
		return
	}
	for _, j := range s.Jobs() {
		j.Cancel()
	}
}

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
// person sets (the annealing landscape's graph), computed at most once per
// process however many Managers and scenes ask for them.
var shared struct {
	mu    sync.Mutex
	tasks map[string]*sharedEntry
}

// sharedEntry is a shared task and how many holders still want it.
type sharedEntry struct {
	t       *task
	holders int
}

// sharedJob is one holder's handle on a shared task. Cancelling it lets go
// of the task, which stops only once every holder has let go: a scene the
// Manager drops does not stop the computation another scene waits for.
type sharedJob struct {
	*task
	entry *sharedEntry
	once  sync.Once
}

// Cancel implements Job.
func (j *sharedJob) Cancel() {
	j.once.Do(func() {
		shared.mu.Lock()
		defer shared.mu.Unlock()
		if j.entry.holders--; j.entry.holders == 0 {
			j.task.Cancel()
		}
	})
}

// sharedTask returns a handle on the task computing key, starting the task
// if none has run, if the last one failed, or if every holder of the one
// under way has let it go (it is stopping).
func sharedTask(key string, work Work) *sharedJob {
	shared.mu.Lock()
	defer shared.mu.Unlock()
	if shared.tasks == nil {
		shared.tasks = map[string]*sharedEntry{}
	}
	e, ok := shared.tasks[key]
	if ok {
		_, err := e.t.Result()
		if (e.t.Done() && err != nil) || (!e.t.Done() && e.holders == 0) {
			ok = false
		}
	}
	if !ok {
		e = &sharedEntry{t: startTask(key, work)}
		shared.tasks[key] = e
	}
	e.holders++
	return &sharedJob{task: e.t, entry: e}
}
