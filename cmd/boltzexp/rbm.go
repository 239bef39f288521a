package main

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"time"

	"boltzlab/sim"
)

func runRBM(args []string, stdout io.Writer) error {
	fs := newFlagSet("rbm", "train a {0,1} RBM by CD-k and print one CSV row per epoch (row 0 is the untrained machine): epoch,recon_error,log_likelihood,pseudo_log_likelihood,seconds. log_likelihood is exact and left empty when the visible layer is too large to enumerate; seconds is cumulative training time (see -clock)")
	dataArg := fs.String("data", "shapes", `training data: "shapes" (the 3×3 T, L and O) or a CSV file with one sample per row, values in [0,1], an optional header row`)
	// The flags default to whatever a new trainer starts with, so the
	// command and the RBM scene train alike unless told otherwise.
	def := sim.NewRBMTrainer(sim.NewRBM(1, 1), [][]float64{{0}}, nil)
	hidden := fs.Int("hidden", 4, "hidden units")
	epochs := fs.Int("epochs", 500, "passes over the training data")
	lr := fs.Float64("lr", def.Rate, "learning rate")
	k := fs.Int("k", def.K, "Gibbs steps per update (CD-k)")
	persistent := fs.Bool("persistent", false, "persistent CD: keep the negative chains between updates")
	batch := fs.Int("batch", def.Batch, "samples per mini-batch")
	momentum := fs.Float64("momentum", def.Momentum, "momentum, in [0,1)")
	decay := fs.Float64("decay", def.WeightDecay, "weight decay (L2 penalty on the weights)")
	seed := fs.Uint64("seed", 1, "random seed; the same seed prints the same numbers (seconds aside)")
	save := fs.String("save", "", "write the trained RBM to this file as JSON")
	clock := fs.String("clock", "wall", `what the seconds column counts: "wall" (elapsed time) or "cpu" (this process's CPU time, steadier on a busy machine; with GOMAXPROCS=1 it is one core's time)`)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case *hidden < 1 || *hidden > 4096:
		return badUsage("-hidden must be between 1 and 4096, got %d", *hidden)
	case *epochs < 0:
		return badUsage("-epochs must be ≥ 0, got %d", *epochs)
	case !(*lr >= 0) || math.IsInf(*lr, 0):
		return badUsage("-lr must be a finite number ≥ 0, got %v", *lr)
	case *k < 1:
		return badUsage("-k must be ≥ 1, got %d", *k)
	case *batch < 1:
		return badUsage("-batch must be ≥ 1, got %d", *batch)
	case !(*momentum >= 0 && *momentum < 1):
		return badUsage("-momentum must be in [0, 1), got %v", *momentum)
	case !(*decay >= 0) || math.IsInf(*decay, 0):
		return badUsage("-decay must be a finite number ≥ 0, got %v", *decay)
	case *clock != "wall" && *clock != "cpu":
		return badUsage(`-clock must be "wall" or "cpu", got %q`, *clock)
	}
	now := func() float64 { return float64(time.Now().UnixNano()) / 1e9 }
	if *clock == "cpu" {
		if _, ok := processCPU(); !ok {
			return badUsage("-clock cpu: this platform does not report CPU time")
		}
		now = func() float64 { s, _ := processCPU(); return s }
	}
	var data [][]float64
	if *dataArg == "shapes" {
		data = sim.TLOData()
	} else {
		var err error
		if data, err = readSamples(*dataArg); err != nil {
			return usageError{err}
		}
	}

	// A file that cannot be created should fail the run before it starts,
	// not after it has printed every epoch.
	var saveFile *os.File
	if *save != "" {
		f, err := os.Create(*save)
		if err != nil {
			return err
		}
		saveFile = f
		// Closing twice is harmless; the deferred close only matters
		// when the run fails before the machine is written.
		defer f.Close()
	}

	// Training and the pseudo-likelihood's random flips draw from separate
	// streams, so measuring a run never changes the run.
	rng := rand.New(rand.NewPCG(*seed, 0))
	evalRng := rand.New(rand.NewPCG(*seed, 1))
	r := sim.NewRBM(len(data[0]), *hidden)
	r.Randomize(0.01, rng)
	tr := sim.NewRBMTrainer(r, data, rng)
	tr.Rate, tr.K, tr.Persistent, tr.Batch = *lr, *k, *persistent, *batch
	tr.Momentum, tr.WeightDecay = *momentum, *decay
	exact := r.Visible <= sim.RBMMaxEnumVisible

	w := bufio.NewWriter(stdout)
	fmt.Fprintln(w, "epoch,recon_error,log_likelihood,pseudo_log_likelihood,seconds")
	var trained float64 // seconds
	row := func(epoch int) {
		ll := ""
		if exact {
			ll = fmt.Sprintf("%.6f", r.LogLikelihood(data))
		}
		fmt.Fprintf(w, "%d,%.6f,%s,%.6f,%.6f\n", epoch, tr.ReconError(), ll,
			r.PseudoLogLikelihood(data, evalRng), trained)
	}
	row(0)
	for e := 1; e <= *epochs; e++ {
		start := now()
		tr.Epoch()
		trained += now() - start
		row(e)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if saveFile == nil {
		return nil
	}
	if err := r.WriteJSON(saveFile); err != nil {
		return err
	}
	return saveFile.Close()
}

// readSamples reads a CSV file of visible vectors, one per row, every value
// in [0, 1]. A first row that does not parse as numbers is taken for a
// header.
func readSamples(path string) ([][]float64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	// Row lengths are checked below, with a message that names the sizes.
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	var data [][]float64
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", path, err)
		}
		line, _ := cr.FieldPos(0)
		v := make([]float64, len(rec))
		bad := -1
		for i, field := range rec {
			x, err := strconv.ParseFloat(strings.TrimSpace(field), 64)
			if err != nil {
				bad = i
				break
			}
			v[i] = x
		}
		if bad >= 0 {
			if first {
				continue
			}
			return nil, fmt.Errorf("%s line %d: %q is not a number", path, line, rec[bad])
		}
		for _, x := range v {
			if !(x >= 0 && x <= 1) {
				return nil, fmt.Errorf("%s line %d: value %v is outside [0, 1]", path, line, x)
			}
		}
		if len(data) > 0 && len(v) != len(data[0]) {
			return nil, fmt.Errorf("%s line %d: %d values, but earlier rows have %d", path, line, len(v), len(data[0]))
		}
		data = append(data, v)
	}
	if len(data) == 0 {
		return nil, fmt.Errorf("%s: no samples", path)
	}
	return data, nil
}

func runLearn(args []string, stdout io.Writer) error {
	fs := newFlagSet("learn", "teach the Learning scene's Boltzmann machine exclusive or on 3 visible units by the two-phase rule and print one CSV row per step (row 0 is the untrained machine): epoch,kl, the exact KL divergence in nats from the data to the machine's visible distribution")
	epochs := fs.Int("epochs", sim.LearningSteps, "learning steps, each a pass over all four data vectors")
	lr := fs.Float64("lr", sim.LearningRate, "learning rate ε")
	hidden := fs.Int("hidden", sim.LearningHidden, "hidden units (0–13; with 0 the KL divergence cannot fall below log 2)")
	samplePos := fs.Bool("sample-positive", false, "estimate the clamped phase with persistent Gibbs chains instead of enumeration")
	sampleNeg := fs.Bool("sample-negative", false, "estimate the free phase with persistent Gibbs chains instead of enumeration")
	chains := fs.Int("chains", 100, "Gibbs chains of a sampled phase")
	sweeps := fs.Int("sweeps", 5, "Gibbs sweeps per step and chain in a sampled phase")
	seed := fs.Uint64("seed", 1, "random seed; the same seed prints the same rows")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	switch {
	case *epochs < 0:
		return badUsage("-epochs must be ≥ 0, got %d", *epochs)
	case !(*lr >= 0) || math.IsInf(*lr, 0):
		return badUsage("-lr must be a finite number ≥ 0, got %v", *lr)
	case *hidden < 0 || *hidden > 13:
		return badUsage("-hidden must be between 0 and 13, got %d", *hidden)
	case *chains < 1:
		return badUsage("-chains must be ≥ 1, got %d", *chains)
	case *sweeps < 1:
		return badUsage("-sweeps must be ≥ 1, got %d", *sweeps)
	}
	rng := rand.New(rand.NewPCG(*seed, 0))
	m := sim.NewBM(3, *hidden)
	m.Randomize(sim.LearningInitStd, rng)
	tr := sim.NewBMTrainer(m, sim.LearningData(), rng)
	tr.Rate = *lr
	tr.SamplePositive, tr.SampleNegative = *samplePos, *sampleNeg
	tr.Chains, tr.Sweeps = *chains, *sweeps

	w := bufio.NewWriter(stdout)
	fmt.Fprintln(w, "epoch,kl")
	fmt.Fprintf(w, "0,%.6f\n", tr.KL())
	for e := 1; e <= *epochs; e++ {
		tr.Step()
		fmt.Fprintf(w, "%d,%.6f\n", e, tr.KL())
	}
	return w.Flush()
}
