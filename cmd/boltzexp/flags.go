package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"

	"boltzlab/fileio"
)

// flagSet is a flag.FlagSet whose numeric flags check their range as they
// are set, so that a value past a cap is refused with one line naming the
// flag, the value (printed short) and the cap.
type flagSet struct {
	*flag.FlagSet
	err error // the first error of one of our flags, already worded
}

// newFlagSet returns a flag set that reports errors instead of exiting and
// prints its help to stderr, with a one-line description on top.
func newFlagSet(name, about string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "boltzexp %s: %s\n\nFlags:\n", name, about)
		fs.PrintDefaults()
	}
	return &flagSet{FlagSet: fs}
}

// keep records the first error of a flag and returns it for the flag
// package, which stops parsing there.
func (f *flagSet) keep(err error) error {
	if f.err == nil {
		f.err = err
	}
	return err
}

// Int defines an int flag that accepts whole numbers from lo to hi. A
// number written with an exponent (1e6) is accepted when it is whole.
func (f *flagSet) Int(name string, def, lo, hi int, usage string) *int {
	v := &intValue{fs: f, name: "-" + name, p: new(int), lo: lo, hi: hi}
	*v.p = def
	f.Var(v, name, usage)
	return v.p
}

// Float defines a float64 flag that accepts numbers from lo to hi (either
// may be infinite, which then is allowed); NaN is always refused.
func (f *flagSet) Float64(name string, def, lo, hi float64, usage string) *float64 {
	v := &floatValue{fs: f, name: "-" + name, p: new(float64), lo: lo, hi: hi}
	*v.p = def
	f.Var(v, name, usage)
	return v.p
}

// Uint64 defines a uint64 flag (a seed).
func (f *flagSet) Uint64(name string, def uint64, usage string) *uint64 {
	v := &uint64Value{fs: f, name: "-" + name, p: new(uint64)}
	*v.p = def
	f.Var(v, name, usage)
	return v.p
}

type intValue struct {
	fs     *flagSet
	name   string
	p      *int
	lo, hi int
}

func (v *intValue) String() string {
	if v == nil || v.p == nil {
		return "0"
	}
	return strconv.Itoa(*v.p)
}

func (v *intValue) Set(s string) error {
	x, err := parseWhole(s)
	if errors.Is(err, errOutOfRange) {
		return v.fs.keep(fmt.Errorf("%s: %v (the cap is %d)", v.name, err, v.hi))
	}
	if err != nil {
		return v.fs.keep(fmt.Errorf("%s: %v", v.name, err))
	}
	if err := checkInt(v.name, x, v.lo, v.hi); err != nil {
		return v.fs.keep(err)
	}
	*v.p = int(x)
	return nil
}

// checkInt words the refusal of x outside [lo, hi] for flag name.
func checkInt(name string, x int64, lo, hi int) error {
	switch {
	case x > int64(hi):
		return fmt.Errorf("%s %d is past the cap of %d", name, x, hi)
	case x < int64(lo):
		return fmt.Errorf("%s must be ≥ %d, got %d", name, lo, x)
	}
	return nil
}

type floatValue struct {
	fs     *flagSet
	name   string
	p      *float64
	lo, hi float64
}

func (v *floatValue) String() string {
	if v == nil || v.p == nil {
		return "0"
	}
	return strconv.FormatFloat(*v.p, 'g', -1, 64)
}

func (v *floatValue) Set(s string) error {
	x, err := parseNumber(s)
	if err != nil {
		return v.fs.keep(fmt.Errorf("%s: %v", v.name, err))
	}
	if err := checkFloat(v.name, x, v.lo, v.hi); err != nil {
		return v.fs.keep(err)
	}
	*v.p = x
	return nil
}

// checkFloat words the refusal of x outside [lo, hi] for flag name.
func checkFloat(name string, x, lo, hi float64) error {
	switch {
	case math.IsNaN(x):
		return fmt.Errorf("%s must be a number, got NaN", name)
	case math.IsInf(x, 0) && !(x >= lo && x <= hi):
		return fmt.Errorf("%s must be a finite number, got %v", name, x)
	case x < lo && math.IsInf(hi, 1):
		return fmt.Errorf("%s must be ≥ %g, got %s", name, lo, fmtFloat(x))
	case x < lo || x > hi:
		if hi == math.MaxFloat64 {
			return fmt.Errorf("%s must be a finite number ≥ %g, got %s", name, lo, fmtFloat(x))
		}
		return fmt.Errorf("%s must be between %g and %g, got %s", name, lo, hi, fmtFloat(x))
	}
	return nil
}

type uint64Value struct {
	fs   *flagSet
	name string
	p    *uint64
}

func (v *uint64Value) String() string {
	if v == nil || v.p == nil {
		return "0"
	}
	return strconv.FormatUint(*v.p, 10)
}

func (v *uint64Value) Set(s string) error {
	x, err := strconv.ParseUint(strings.TrimSpace(s), 0, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return v.fs.keep(fmt.Errorf("%s: %s is out of range (at most %d)", v.name, show(s), uint64(math.MaxUint64)))
		}
		return v.fs.keep(fmt.Errorf("%s: %s is not a whole number from 0 to %d", v.name, show(s), uint64(math.MaxUint64)))
	}
	*v.p = x
	return nil
}

// errOutOfRange marks a number too large for its type.
var errOutOfRange = errors.New("out of range")

// parseWhole reads a whole number: decimal, 0x hexadecimal, or a float
// literal with a whole value (1e6). Errors are worded for a message that
// goes on to name the flag.
func parseWhole(s string) (int64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, errors.New("the value is empty, want a whole number")
	}
	x, err := strconv.ParseInt(t, 0, 64)
	if err == nil {
		return x, nil
	}
	if errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Errorf("%s is %w", show(t), errOutOfRange)
	}
	f, ferr := strconv.ParseFloat(t, 64)
	switch {
	case errors.Is(ferr, strconv.ErrRange) || (ferr == nil && math.IsInf(f, 0) && !strings.ContainsAny(t, "nN")):
		return 0, fmt.Errorf("%s is %w", show(t), errOutOfRange)
	case ferr != nil || math.IsNaN(f) || math.IsInf(f, 0):
		return 0, fmt.Errorf("%s is not a whole number", show(t))
	case f != math.Trunc(f):
		return 0, fmt.Errorf("%s is not a whole number", show(t))
	case math.Abs(f) >= 1<<63:
		return 0, fmt.Errorf("%s is %w", show(t), errOutOfRange)
	}
	return int64(f), nil
}

// parseNumber reads a float64, telling a number too large for float64
// (1e400: out of range) from something that is not a number at all. Inf
// and NaN are returned as they are, for the caller's range check.
func parseNumber(s string) (float64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, errors.New("the value is empty, want a number")
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return 0, fmt.Errorf("%s is out of range (no number's magnitude can pass %.3g)", show(t), math.MaxFloat64)
		}
		return 0, fmt.Errorf("%s is not a number", show(t))
	}
	return x, nil
}

// fmtFloat prints a number short: at most a few significant digits
// beyond what tells it apart, and never hundreds of digits.
func fmtFloat(x float64) string {
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if len(s) > 12 {
		s = strconv.FormatFloat(x, 'g', 6, 64)
	}
	return s
}

// maxShown is how many characters of a bad value a message repeats.
const maxShown = 32

// show prints a value from the command line for a message: quoted unless
// it is a plain number or word, and cut short with its length when long,
// so that a huge argument is not echoed whole.
func show(s string) string {
	n := utf8.RuneCountInString(s)
	cut := s
	if n > maxShown {
		r := []rune(s)
		cut = string(r[:maxShown-8])
	}
	plain := cut != ""
	for _, c := range cut {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || strings.ContainsRune("+-._", c)) {
			plain = false
			break
		}
	}
	out := cut
	if !plain {
		out = strconv.Quote(cut)
		if n > maxShown {
			out = out[:len(out)-1] + "…\""
		}
	} else if n > maxShown {
		out += "…"
	}
	if n > maxShown {
		out += fmt.Sprintf(" (%d characters)", n)
	}
	return out
}

// showPath prints a file name for a message as it is, unless it is long
// enough to swamp the line.
func showPath(p string) string {
	if utf8.RuneCountInString(p) <= 200 {
		return p
	}
	return show(p)
}

// pathError words a file error with the name cut short.
func pathError(path string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", showPath(path), pe.Err)
	}
	var tl *fileio.TooLargeError
	if errors.As(err, &tl) {
		tl.Name = showPath(path)
		return tl
	}
	return err
}

// parseFlags parses args into fs; a parse error becomes a usage error of
// one short line, and stray arguments are refused.
func parseFlags(fs *flagSet, args []string) error {
	// The flag package prints its own message and the usage on error; keep
	// only our one-line error by silencing it while parsing.
	usage, out := fs.Usage, fs.Output()
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.SetOutput(out)
	fs.Usage = usage
	if errors.Is(err, flag.ErrHelp) {
		fs.Usage()
		return err
	}
	if fs.err != nil {
		return usageError{fs.err}
	}
	if err != nil {
		return usageError{flagError(err)}
	}
	if fs.NArg() > 0 {
		return badUsage("unexpected argument %s", show(fs.Arg(0)))
	}
	return nil
}

// flagError rewords an error of the flag package so that it does not
// repeat a long argument in full.
func flagError(err error) error {
	msg := err.Error()
	for _, prefix := range []string{"flag provided but not defined: ", "bad flag syntax: ", "flag needs an argument: "} {
		if rest, ok := strings.CutPrefix(msg, prefix); ok {
			return errors.New(prefix + show(rest))
		}
	}
	// Anything else (a bad boolean) is cut to a line of reasonable length.
	if r := []rune(msg); len(r) > 160 {
		msg = string(r[:150]) + "…"
	}
	return errors.New(msg)
}
