// Command boltzexp runs Boltzmann Lab's simulations without a screen and
// prints machine-readable results, so every figure the app draws can be
// reproduced, scripted and benchmarked.
//
// Usage:
//
//	boltzexp COMMAND [flags]
//
// Run "boltzexp -h" for the list of commands and "boltzexp COMMAND -h" for
// the flags of one. Results go to standard output as CSV (or JSON where a
// command offers -json); a bad flag or value prints a one-line error and
// exits with status 2, and a crash (a bug) prints one line and exits with
// status 3. Every size a flag or file can ask for is capped (see the Max…
// constants of package sim), and long runs report progress on standard
// error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"

	"boltzlab/internal/crash"
)

// command is one subcommand: what it is for and how to run it.
type command struct {
	summary string
	run     func(args []string, stdout io.Writer) error
}

// commands lists every subcommand; a new experiment adds one line here and
// a file of its own.
var commands = map[string]command{
	"recall":   {"zero- or finite-temperature recall in the 3×3 T/L network, one CSV row per sweep", runRecall},
	"race":     {"quench against cooling schedules on the annealing landscape, matched runs, one CSV row per run or -summary", runRace},
	"census":   {"every local minimum of the annealing landscape with its energy, basin, barrier and strictness (CSV), or -weights-json", runCensus},
	"dist":     {"exact Boltzmann distribution of a network of up to 20 units, optionally against a Gibbs sample", runDist},
	"rbm":      {"train a {0,1} RBM by CD-k or persistent CD on the T/L/O shapes or a CSV file, one CSV row per epoch", runRBM},
	"capacity": {"recall against load α = P/N of a Hopfield net under the Hebbian, Storkey and pseudo-inverse rules, one CSV row per rule and load", runCapacity},
	"learn":    {"two-phase learning of exclusive or in the Learning scene's Boltzmann machine, KL divergence per step", runLearn},
}

// usageError marks an error that is the caller's fault (a bad flag or
// value): it exits with status 2 rather than 1.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

func badUsage(format string, a ...any) error {
	return usageError{fmt.Errorf(format, a...)}
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes the command line args and returns the process exit status:
// 0 done, 2 refused input, 3 a crash (a panic, reported in one line), 1
// any other failure (such as a full disk).
func run(args []string, stdout, stderr io.Writer) (status int) {
	defer crash.Recover(stderr, "boltzexp", &status)
	progressOut = stderr
	if len(args) == 0 || args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		printUsage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "boltzexp: unknown command %q (try boltzexp -h)\n", args[0])
		return 2
	}
	err := cmd.run(args[1:], stdout)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	}
	fmt.Fprintf(stderr, "boltzexp %s: %v\n", args[0], err)
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "boltzexp runs Boltzmann Lab's simulations headless and prints CSV.")
	fmt.Fprintln(w, "\nUsage: boltzexp COMMAND [flags]   (boltzexp COMMAND -h lists the flags)")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-10s %s\n", name, commands[name].summary)
	}
}
