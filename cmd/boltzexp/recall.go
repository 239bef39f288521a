package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"math/rand/v2"

	"boltzlab/sim"
)

func runRecall(args []string, stdout io.Writer) error {
	fs := newFlagSet("recall", "run the Recall scene's network (T and L stored by the Hebbian rule) from a corrupted memory and print one CSV row per sweep: sweep,energy,overlap_T,overlap_L,state")
	T := fs.Float64("T", 0.2, 0, math.Inf(1), "temperature (≥ 0; 0 is deterministic Hopfield recall, inf a fair coin)")
	sweeps := fs.Int("sweeps", 50, 0, sim.MaxSweeps, "number of sweeps (each updates all 9 units once in random order)")
	seed := fs.Uint64("seed", 1, "random seed; the same seed prints the same rows")
	corrupt := fs.Int("corrupt", 2, 0, 9, "number of units of the pattern to flip before starting (0–9)")
	pattern := fs.String("pattern", "T", "memory to start from: T or L")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	patterns := sim.TL()
	start := -1
	for k, p := range patterns {
		if p.Name == *pattern {
			start = k
		}
	}
	if start < 0 {
		return badUsage("-pattern must be T or L, got %s", show(*pattern))
	}

	net := sim.Hebbian(patterns[0].Units, patterns[1].Units)
	rng := rand.New(rand.NewPCG(*seed, 0))
	s := make([]int8, net.N)
	sim.Corrupt(s, patterns[start].Units, *corrupt, rng)
	c := sim.NewChain(net, s, *T, rng)

	w := bufio.NewWriter(stdout)
	fmt.Fprintln(w, "sweep,energy,overlap_T,overlap_L,state")
	row := func(sweep int) {
		st := c.State()
		fmt.Fprintf(w, "%d,%g,%.6f,%.6f,%s\n", sweep, c.Energy(),
			sim.Overlap(st, patterns[0].Units), sim.Overlap(st, patterns[1].Units), sim.String(st))
	}
	row(0)
	prog := newProgress("recall: sweep", *sweeps)
	for k := 1; k <= *sweeps; k++ {
		c.Sweep()
		row(k)
		prog.at(k)
	}
	prog.finish()
	return w.Flush()
}
