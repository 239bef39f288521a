package sim

import (
	"fmt"
	"sync"

	"boltzlab/internal/crash"
)

// WorkerPanic is the value with which a computation that shares its work
// among goroutines (Census, Race) panics when one of its workers panicked.
// A panic on another goroutine cannot be recovered by the caller and would
// end the program with Go's own report; carried over, it reaches the
// caller's recover like any other panic, with the place it came from.
type WorkerPanic struct {
	Value any    // what the worker panicked with
	Site  string // file:line where the worker panicked, if known
}

func (p *WorkerPanic) Error() string { return fmt.Sprint(p.Value) }

// PanicSite returns the place where the worker panicked.
func (p *WorkerPanic) PanicSite() string { return p.Site }

// Unwrap returns the worker's panic value when it is an error.
func (p *WorkerPanic) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}

// workerPanics keeps the first panic of a group of worker goroutines.
type workerPanics struct {
	once sync.Once
	p    *WorkerPanic
}

// guard returns work wrapped so that a panic in it is kept instead of
// ending the program.
func (w *workerPanics) guard(work func()) func() {
	return func() {
		defer func() {
			if v := recover(); v != nil {
				site := panicSite()
				w.once.Do(func() { w.p = &WorkerPanic{Value: v, Site: site} })
			}
		}()
		work()
	}
}

// repanic panics on the calling goroutine with the first kept panic, if
// any. Call it after every worker has returned.
func (w *workerPanics) repanic() {
	if w.p != nil {
		panic(w.p)
	}
}

// panicSite returns file:line of the function that panicked, read from the
// stack of the deferred function that recovered it.
func panicSite() string { return crash.PanicSite(4) }
