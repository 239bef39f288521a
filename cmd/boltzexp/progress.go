package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// progressOut is where long runs report progress: standard error, or what
// run was given for it.
var progressOut io.Writer = os.Stderr

// Progress timing: quiet for a short run, a line every progressEvery for
// a long one.
const (
	progressAfter = 2 * time.Second
	progressEvery = 10 * time.Second
)

// progress reports how far a long loop has come, on progressOut. A run
// that ends within progressAfter prints nothing.
type progress struct {
	what    string // "rbm: epoch"
	total   int
	start   time.Time
	next    time.Time
	printed bool
	now     func() time.Time
}

func newProgress(what string, total int) *progress {
	start := time.Now()
	return &progress{what: what, total: total, start: start, next: start.Add(progressAfter), now: time.Now}
}

// at reports that done of total steps are finished, if it is time to.
func (p *progress) at(done int) {
	t := p.now()
	if t.Before(p.next) {
		return
	}
	p.next = t.Add(progressEvery)
	p.printed = true
	pct := 100 * float64(done) / float64(max(p.total, 1))
	fmt.Fprintf(progressOut, "boltzexp %s %d of %d (%.0f%%) after %s\n", p.what, done, p.total, pct, p.since(t))
}

// finish says how long the whole run took, if progress was reported.
func (p *progress) finish() {
	if p.printed {
		fmt.Fprintf(progressOut, "boltzexp %s %d of %d done after %s\n", p.what, p.total, p.total, p.since(p.now()))
	}
}

func (p *progress) since(t time.Time) string {
	return t.Sub(p.start).Round(time.Second).String()
}

// announce tells, before a computation that cannot report as it goes, that
// it will take a while.
func announce(format string, a ...any) (done func()) {
	start := time.Now()
	fmt.Fprintf(progressOut, "boltzexp "+format+"\n", a...)
	return func() {
		fmt.Fprintf(progressOut, "boltzexp done after %s\n", time.Since(start).Round(time.Second))
	}
}
