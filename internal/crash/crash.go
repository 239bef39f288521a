// Package crash turns a panic in a command into one line on standard error
// and exit status 3, so that a script can tell a crash (a bug) from a
// refused input (status 2). Go's own report of an unrecovered panic is a
// stack trace and status 2, the same status as a bad flag.
package crash

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
)

// Status is the exit status of a crash.
const Status = 3

// Sited is implemented by panic values that know where they were raised,
// such as a panic carried out of a worker goroutine to the goroutine that
// waits for it.
type Sited interface {
	PanicSite() string
}

// Recover, deferred at the top of a command's run function, recovers a
// panic, writes "prog: crashed: CAUSE (at FILE:LINE)" to w and sets
// *status to Status. It must be deferred directly (defer crash.Recover(…)),
// for recover works only in the deferred function itself.
func Recover(w io.Writer, prog string, status *int) {
	p := recover()
	if p == nil {
		return
	}
	fmt.Fprintf(w, "%s: crashed: %s\n", prog, Describe(p, PanicSite(3)))
	*status = Status
}

// exit ends the process; tests replace it.
var exit = osExit

var osExit = os.Exit

// Go runs f on a new goroutine. A panic in f is reported as Recover
// reports it and ends the process with Status, since no other goroutine
// can recover it.
func Go(w io.Writer, prog string, f func()) {
	go func() {
		defer func() {
			if p := recover(); p != nil {
				fmt.Fprintf(w, "%s: crashed: %s\n", prog, Describe(p, PanicSite(3)))
				exit(Status)
			}
		}()
		f()
	}()
}

// Describe returns one line for a recovered panic value p raised at site
// (empty when unknown): the value, with line breaks folded and its length
// bounded, and the place.
func Describe(p any, site string) string {
	if s, ok := p.(Sited); ok && s.PanicSite() != "" {
		site = s.PanicSite()
	}
	msg := strings.Join(strings.Fields(fmt.Sprint(p)), " ")
	if r := []rune(msg); len(r) > 300 {
		msg = string(r[:300]) + "…"
	}
	if site == "" {
		return msg
	}
	return msg + " (at " + site + ")"
}

// PanicSite returns file:line of the function that panicked, found on the
// stack of a deferred function that is recovering: the first frame below
// runtime.gopanic that is not in the runtime. skip is passed to
// runtime.Callers.
func PanicSite(skip int) string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(skip, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	inPanic := false
	for {
		f, more := frames.Next()
		if f.Function == "runtime.gopanic" {
			inPanic = true
		} else if inPanic && !strings.HasPrefix(f.Function, "runtime.") {
			return ShortPath(f.File) + ":" + fmt.Sprint(f.Line)
		}
		if !more {
			return ""
		}
	}
}

// ShortPath keeps the last two elements of a source path (sim/rbm.go), which
// name the file in this module without the machine's directories.
func ShortPath(file string) string {
	parts := strings.Split(file, "/")
	if len(parts) > 2 {
		parts = parts[len(parts)-2:]
	}
	return strings.Join(parts, "/")
}
