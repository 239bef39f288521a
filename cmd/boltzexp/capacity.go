package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"boltzlab/sim"
)

func runCapacity(args []string, stdout io.Writer) error {
	fs := newFlagSet("capacity", "measure how many random patterns a Hopfield network of -n units recalls: for every load α = P/N, store P = round(α·N) random patterns, cue one with a fraction -flip of its units flipped, update at zero temperature in random order until nothing changes, and record the final overlap with the cued pattern. Prints rule,alpha,mean_overlap,recall_rate, where recall_rate is the fraction of trials ending with an overlap of at least 0.95")
	n := fs.Int("n", 400, 1, sim.MaxCapacityUnits, "units in the network")
	alphas := fs.String("alphas", "0.02:0.30:0.01", "loads α = P/N: LO:HI:STEP (from LO up to HI, inclusive) or a comma-separated list")
	trials := fs.Int("trials", 20, 1, sim.MaxCapacityTrials, "trials per rule and load, each with its own patterns")
	flip := fs.Float64("flip", 0.05, 0, 0.5, "fraction of the cued pattern's units flipped (round(flip·n) distinct units)")
	seed := fs.Uint64("seed", 1, "random seed; the same seed prints the same rows whatever -workers is")
	rules := fs.String("rule", "all", "storage rule: hebb, storkey, pinv (pseudo-inverse), a comma-separated list of them, or all three")
	workers := fs.Int("workers", 0, 0, sim.MaxWorkers, "goroutines sharing the trials (0: one per core); the output does not depend on it")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	as, err := parseAlphas(*alphas)
	if err != nil {
		return usageError{fmt.Errorf("-alphas: %w", err)}
	}
	var rs []sim.Rule
	if strings.TrimSpace(*rules) == "all" {
		rs = sim.Rules()
	} else {
		for _, name := range strings.Split(*rules, ",") {
			r, err := sim.ParseRule(strings.TrimSpace(name))
			if err != nil {
				return badUsage("-rule: %s is not one of hebb, storkey, pinv, all", show(strings.TrimSpace(name)))
			}
			if slices.Contains(rs, r) {
				return badUsage("-rule lists %s twice", r)
			}
			rs = append(rs, r)
		}
	}
	if err := checkLoads(*n, as, rs); err != nil {
		return usageError{err}
	}
	cfg := sim.CapacityConfig{N: *n, Alphas: as, Rules: rs, Trials: *trials, Flip: *flip, Seed: *seed, Workers: *workers}
	if total := len(rs) * len(as) * *trials; total > sim.MaxCapacityTrials {
		return badUsage("%d rules × %d loads × -trials %d is %d trials, past the cap of %d", len(rs), len(as), *trials, total, sim.MaxCapacityTrials)
	}
	if err := cfg.Validate(); err != nil {
		return usageError{err}
	}
	prog := newProgress("capacity: trial", len(rs)*len(as)**trials)
	pts, err := sim.CapacityProgress(cfg, func(done, _ int) { prog.at(done) })
	if err != nil {
		return err
	}
	prog.finish()
	w := bufio.NewWriter(stdout)
	fmt.Fprintln(w, "rule,alpha,mean_overlap,recall_rate")
	for _, p := range pts {
		fmt.Fprintf(w, "%s,%s,%.4f,%.4f\n", p.Rule, fmtAlpha(p.Alpha), p.MeanOverlap(), p.RecallRate())
	}
	return w.Flush()
}

// checkLoads refuses a load that stores no pattern, more patterns than the
// cap, or more patterns than units for the pseudo-inverse rule, naming the
// first such α.
func checkLoads(n int, as []float64, rs []sim.Rule) error {
	for _, a := range as {
		pf := math.Round(a * float64(n))
		switch {
		case pf < 1:
			return fmt.Errorf("-alphas: α = %s of -n %d units rounds to no pattern", fmtFloat(a), n)
		case pf > sim.MaxCapacityPatterns:
			return fmt.Errorf("-alphas: α = %s of -n %d units is %s patterns, past the cap of %d", fmtFloat(a), n, fmtFloat(pf), sim.MaxCapacityPatterns)
		case int(pf) > n && slices.Contains(rs, sim.PseudoInverseRule):
			return fmt.Errorf("-alphas: α = %s is %d patterns of -n %d units, but the pseudo-inverse rule stores at most N (α ≤ 1)", fmtFloat(a), int(pf), n)
		}
	}
	return nil
}

// parseAlphas reads LO:HI:STEP (LO, LO+STEP, … up to HI, which is included
// when the steps land on it) or a comma-separated list of loads. Every
// load must be a positive finite number, and there may be at most
// sim.MaxCapacityPoints of them.
func parseAlphas(s string) ([]float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("empty, want LO:HI:STEP or a list such as 0.05,0.1")
	}
	if strings.Contains(s, ":") {
		parts := strings.Split(s, ":")
		if len(parts) != 3 {
			return nil, fmt.Errorf("%s is not LO:HI:STEP", show(s))
		}
		var v [3]float64
		for i, name := range []string{"LO", "HI", "STEP"} {
			x, err := parseNumber(parts[i])
			if err != nil {
				return nil, fmt.Errorf("%s: %v", name, err)
			}
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("%s must be a finite number, got %s", name, show(strings.TrimSpace(parts[i])))
			}
			v[i] = x
		}
		lo, hi, step := v[0], v[1], v[2]
		switch {
		case lo <= 0:
			return nil, fmt.Errorf("LO must be a load above 0, got %s", fmtFloat(lo))
		case lo > hi:
			return nil, fmt.Errorf("LO %s is above HI %s", fmtFloat(lo), fmtFloat(hi))
		case step <= 0:
			return nil, fmt.Errorf("STEP must be above 0, got %s", fmtFloat(step))
		}
		// A little slack, so that 0.02:0.30:0.01 ends at 0.30 despite
		// rounding.
		count := math.Floor((hi-lo)/step+1e-9) + 1
		if count > sim.MaxCapacityPoints {
			if math.IsInf(count, 0) {
				return nil, fmt.Errorf("%s is more loads than can be counted, past the cap of %d", show(s), sim.MaxCapacityPoints)
			}
			return nil, fmt.Errorf("%s is %s loads, past the cap of %d", show(s), fmtFloat(count), sim.MaxCapacityPoints)
		}
		as := make([]float64, int(count))
		for k := range as {
			// Rounded to 12 significant digits so that 0.02 + 5·0.01
			// prints as 0.07.
			as[k] = roundSig(lo+float64(k)*step, 12)
		}
		return as, nil
	}
	parts := strings.Split(s, ",")
	if len(parts) > sim.MaxCapacityPoints {
		return nil, fmt.Errorf("%d loads, past the cap of %d", len(parts), sim.MaxCapacityPoints)
	}
	as := make([]float64, 0, len(parts))
	for _, part := range parts {
		x, err := parseNumber(part)
		if err != nil {
			return nil, err
		}
		if !(x > 0) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("a load must be a finite number above 0, got %s", show(strings.TrimSpace(part)))
		}
		as = append(as, x)
	}
	return as, nil
}

// roundSig rounds x to digits significant digits.
func roundSig(x float64, digits int) float64 {
	y, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', digits, 64), 64)
	if err != nil {
		return x
	}
	return y
}

// fmtAlpha prints a load as short as it can be read back exactly.
func fmtAlpha(a float64) string { return strconv.FormatFloat(a, 'f', -1, 64) }
