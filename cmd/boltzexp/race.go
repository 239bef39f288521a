package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"boltzlab/sim"
)

func runRace(args []string, stdout io.Writer) error {
	l := sim.AnnealingLandscape()
	fs := newFlagSet("race", fmt.Sprintf("race temperature schedules on the Annealing scene's landscape (%s, %d×%d units): run k of every strategy starts from the same random state and draws the same random numbers for the same units, so only the temperatures differ. Prints strategy,run,final_energy,label per run, or one summary row per strategy with -summary", l.Name, l.Rows, l.Cols))
	runs := fs.Int("runs", l.Runs, 0, sim.MaxRuns, "runs per strategy")
	seed := fs.Uint64("seed", l.Seed, "random seed; the same seed prints the same rows whatever -workers is")
	names := fs.String("strategies", strings.Join(coolingNames(l.Coolings), ","), "comma-separated strategies from quench, geometric, linear, log")
	t0 := fs.Float64("t0", l.T0, 0, math.Inf(1), "start temperature of the cooling schedules")
	t1 := fs.Float64("t1", l.T1, 0, math.Inf(1), "end temperature of the cooling schedules")
	tq := fs.Float64("tq", l.QuenchT, 0, math.Inf(1), "temperature of the quench (0 is greedy descent)")
	sweeps := fs.Int("sweeps", l.Sweeps, 0, sim.MaxSweeps, "sweeps per run for every strategy; each run then descends to a local minimum at T = 0")
	workers := fs.Int("workers", 0, 0, sim.MaxWorkers, "goroutines sharing the runs (0: one per core); the output does not depend on it")
	summary := fs.Bool("summary", false, "print strategy,runs,success_rate,ci_low,ci_high,mean_final_energy instead, with a 95% Wilson interval")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *summary && *runs == 0 {
		// No runs have no success rate and no mean energy.
		return badUsage("-summary needs -runs ≥ 1")
	}
	l.T0, l.T1, l.QuenchT, l.Sweeps = *t0, *t1, *tq, *sweeps
	var coolings []sim.Cooling
	for _, name := range strings.Split(*names, ",") {
		c, err := sim.ParseCooling(strings.TrimSpace(name))
		if err != nil {
			return badUsage("-strategies: %s is not one of quench, geometric, linear, log", show(strings.TrimSpace(name)))
		}
		if slices.Contains(coolings, c) {
			return badUsage("-strategies lists %s twice", c)
		}
		coolings = append(coolings, c)
	}
	strategies := l.Strategies(coolings...)
	for _, st := range strategies {
		if err := st.Schedule.Validate(); err != nil {
			return badUsage("-strategies %s with -t0 %v -t1 %v: %v", st.Name, *t0, *t1, err)
		}
	}

	if total := len(strategies) * *runs * *sweeps; total > sim.MaxTotalSweeps {
		return badUsage("-runs %d × -sweeps %d × %d strategies is %d sweeps, past the cap of %d", *runs, *sweeps, len(strategies), total, sim.MaxTotalSweeps)
	} else if total > 50_000_000 {
		defer announce("race: %d strategies × %d runs × %d sweeps; this takes a while", len(strategies), *runs, *sweeps)()
	}
	res, err := sim.Race(sim.RaceConfig{Net: l.Net, Patterns: l.Patterns, Strategies: strategies,
		Runs: *runs, Seed: *seed, Workers: *workers})
	if err != nil {
		return badUsage("%v", err)
	}
	w := bufio.NewWriter(stdout)
	if *summary {
		fmt.Fprintln(w, "strategy,runs,success_rate,ci_low,ci_high,mean_final_energy")
		for _, r := range res {
			rate, lo, hi := r.Rate()
			fmt.Fprintf(w, "%s,%d,%.4f,%.4f,%.4f,%.4f\n", r.Strategy.Name, len(r.Runs), rate, lo, hi, r.MeanFinalEnergy())
		}
		return w.Flush()
	}
	fmt.Fprintln(w, "strategy,run,final_energy,label")
	for _, r := range res {
		for k, run := range r.Runs {
			fmt.Fprintf(w, "%s,%d,%g,%s\n", r.Strategy.Name, k, run.FinalEnergy, run.Match.Label(l.Patterns))
		}
	}
	return w.Flush()
}

func coolingNames(cs []sim.Cooling) []string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = c.String()
	}
	return names
}

func runCensus(args []string, stdout io.Writer) error {
	l := sim.AnnealingLandscape()
	fs := newFlagSet("census", fmt.Sprintf("list every local minimum of the Annealing scene's landscape (%s), found by visiting all 2^%d states, lowest first: energy,basin_size,barrier,rise,strict,label,state (basin: the states steepest descent takes there; barrier: how far above the minimum the lowest path to any lower minimum must climb, or for the deepest ones to another minimum as deep; rise: the smallest energy change of a single flip; strict: every single flip raises the energy; state: '+' and '-' row by row)", l.Name, l.Net.N))
	weights := fs.Bool("weights-json", false, "print the landscape's weights, biases and stored patterns as JSON instead")
	workers := fs.Int("workers", 0, 0, sim.MaxWorkers, "goroutines sharing the enumeration (0: one per core); the output does not depend on it")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	w := bufio.NewWriter(stdout)
	if *weights {
		if err := writeLandscapeJSON(w, l); err != nil {
			return err
		}
		return w.Flush()
	}
	fmt.Fprintln(w, "energy,basin_size,barrier,rise,strict,label,state")
	d := l.Net.Disconnectivity(l.Patterns)
	s := make([]int8, l.Net.N)
	for _, m := range sim.Census(l.Net, l.Patterns, *workers) {
		sim.StateOf(s, m.State)
		rise := l.Net.MinFlipRise(s)
		fmt.Fprintf(w, "%g,%d,%g,%g,%t,%s,%s\n", m.Energy, m.Basin, d.Barrier(m.State), rise, rise > 0,
			m.Match.Label(l.Patterns), sim.String(s))
	}
	return w.Flush()
}

// writeLandscapeJSON writes one JSON object with one weight row per line, so
// the 25×25 matrix stays readable without a pretty-printer.
func writeLandscapeJSON(w io.Writer, l sim.Landscape) error {
	type pattern struct {
		Name  string `json:"name"`
		Units []int8 `json:"units"`
	}
	head, err := json.Marshal(struct {
		Name  string `json:"name"`
		Rows  int    `json:"rows"`
		Cols  int    `json:"cols"`
		Units int    `json:"units"`
	}{l.Name, l.Rows, l.Cols, l.Net.N})
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s,\n\"weights\": [\n", head[:len(head)-1])
	n := l.Net.N
	for i := range n {
		row, err := json.Marshal(l.Net.W[i*n : i*n+n])
		if err != nil {
			return err
		}
		sep := ","
		if i == n-1 {
			sep = ""
		}
		fmt.Fprintf(w, "  %s%s\n", row, sep)
	}
	biases, err := json.Marshal(l.Net.B)
	if err != nil {
		return err
	}
	ps := make([]pattern, len(l.Patterns))
	for k, p := range l.Patterns {
		ps[k] = pattern{p.Name, p.Units}
	}
	patterns, err := json.Marshal(ps)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "],\n\"biases\": %s,\n\"patterns\": %s}\n", biases, patterns)
	return err
}
