package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"boltzlab/fileio"
	"boltzlab/sim"
)

func runRBM(args []string, stdout io.Writer) error {
	fs := newFlagSet("rbm", "train a {0,1} RBM by CD-k and print one CSV row per epoch (row 0 is the untrained machine): epoch,recon_error,log_likelihood,pseudo_log_likelihood,seconds. log_likelihood is exact and left empty when the visible layer is too large to enumerate; seconds is cumulative training time (see -clock)")
	dataArg := fs.String("data", "shapes", `training data: "shapes" (the 3×3 T, L and O), "mnist" (the 60,000 MNIST training digits, 28×28 and binarized at grey level 128, from the GoMNIST module when it is in the module cache, else the 10,000 the program carries; a file named mnist is ./mnist) or a CSV file with one sample per row, values in [0,1], an optional header row`)
	// The flags default to whatever a new trainer starts with, so the
	// command and the RBM scene train alike unless told otherwise.
	def := sim.NewRBMTrainer(sim.NewRBM(1, 1), [][]float64{{0}}, nil)
	hidden := fs.Int("hidden", 4, 1, sim.MaxRBMHidden, "hidden units")
	epochs := fs.Int("epochs", 500, 0, sim.MaxEpochs, "passes over the training data")
	lr := fs.Float64("lr", def.Rate, 0, math.MaxFloat64, "learning rate")
	k := fs.Int("k", def.K, 1, sim.MaxGibbsSteps, "Gibbs steps per update (CD-k)")
	persistent := fs.Bool("persistent", false, "persistent CD: keep the negative chains between updates")
	batch := fs.Int("batch", def.Batch, 1, sim.MaxBatch, "samples per mini-batch")
	momentum := fs.Float64("momentum", def.Momentum, 0, 1, "momentum, in [0,1)")
	decay := fs.Float64("decay", def.WeightDecay, 0, math.MaxFloat64, "weight decay (L2 penalty on the weights)")
	seed := fs.Uint64("seed", 1, "random seed; the same seed prints the same numbers (seconds aside)")
	save := fs.String("save", "", "write the trained RBM to this file as JSON (atomically: a failed save leaves an earlier file as it was); not the -data file")
	clock := fs.String("clock", "wall", `what the seconds column counts: "wall" (elapsed time) or "cpu" (this process's CPU time, steadier on a busy machine; with GOMAXPROCS=1 it is one core's time)`)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *momentum == 1 {
		return badUsage("-momentum must be below 1, got 1")
	}
	if *clock != "wall" && *clock != "cpu" {
		return badUsage(`-clock must be "wall" or "cpu", got %s`, show(*clock))
	}
	now := func() float64 { return float64(time.Now().UnixNano()) / 1e9 }
	if *clock == "cpu" {
		if _, ok := processCPU(); !ok {
			return badUsage("-clock cpu: this platform does not report CPU time")
		}
		now = func() float64 { s, _ := processCPU(); return s }
	}
	// A save that cannot happen, or that would overwrite the training
	// data, is refused before the run starts rather than after it.
	if *save != "" {
		if *dataArg != "shapes" && *dataArg != "mnist" && (fileio.SameFile(*save, *dataArg) || filepath.Clean(*save) == filepath.Clean(*dataArg)) {
			return badUsage("-save %s names the -data file; save the machine elsewhere", show(*save))
		}
		if err := fileio.CheckWritable(*save); err != nil {
			return badUsage("-save: %v", pathError(*save, err))
		}
	}
	var data, heldOut [][]float64
	switch *dataArg {
	case "shapes":
		data = sim.TLOData()
	case "mnist":
		var err error
		if data, heldOut, err = mnistData(progressOut); err != nil {
			return err
		}
	default:
		var err error
		if data, err = readSamples(*dataArg); err != nil {
			return usageError{err}
		}
	}
	if err := sim.CheckRBMSize(len(data[0]), *hidden); err != nil {
		return badUsage("-data %s with -hidden %d: %v", show(*dataArg), *hidden, err)
	}

	// Training and the pseudo-likelihood's random flips draw from separate
	// streams, so measuring a run never changes the run.
	rng := rand.New(rand.NewPCG(*seed, 0))
	evalRng := rand.New(rand.NewPCG(*seed, 1))
	r := sim.NewRBM(len(data[0]), *hidden)
	r.Randomize(0.01, rng)
	tr := sim.NewRBMTrainer(r, data, rng)
	// A batch larger than the data set trains as the whole set does;
	// capping it there keeps the scratch space the size of the data.
	tr.Rate, tr.K, tr.Persistent, tr.Batch = *lr, *k, *persistent, min(*batch, len(data))
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
	prog := newProgress("rbm: epoch", *epochs)
	for e := 1; e <= *epochs; e++ {
		start := now()
		// Step by step, so that divergence is caught at the first update
		// that leaves a number non-finite or past sim.MaxAbsWeight,
		// before any row or file shows it.
		for done := false; !done; {
			done = tr.Step()
			if err := checkTrained(r); err != nil {
				w.Flush()
				return diverged(e, err, *lr, *decay)
			}
		}
		trained += now() - start
		row(e)
		prog.at(e)
	}
	prog.finish()
	if err := w.Flush(); err != nil {
		return err
	}
	if heldOut != nil {
		fmt.Fprintf(progressOut, "rbm: pseudo-log-likelihood of the %d held-out test digits: %.3f\n",
			len(heldOut), r.PseudoLogLikelihood(heldOut, rand.New(rand.NewPCG(*seed, 2))))
	}
	if *save == "" {
		return nil
	}
	js, err := r.MarshalJSON()
	if err != nil {
		return err
	}
	return fileio.WriteAtomic(*save, append(js, '\n'))
}

// diverged words the error of training that left the finite range in
// epoch e: which number went and which flag to lower. The weight decay
// shrinks every weight by lr·decay of itself each update, so at
// lr·decay ≥ 1 it overshoots zero and the weights swing ever wider; below
// that the learning rate is to blame.
func diverged(e int, err error, lr, decay float64) error {
	if lr*decay >= 1 {
		return badUsage("training diverged in epoch %d (%v): lower -decay or -lr, whose product %s must stay below 1", e, err, fmtFloat(lr*decay))
	}
	return badUsage("training diverged in epoch %d (%v): lower -lr (now %s)", e, err, fmtFloat(lr))
}

// checkTrained reports the first weight or bias of r that is not finite or
// lies past sim.MaxAbsWeight.
func checkTrained(r *sim.RBM) error {
	if err := sim.CheckParams("weight", r.W); err != nil {
		return err
	}
	if err := sim.CheckParams("visible bias", r.B); err != nil {
		return err
	}
	return sim.CheckParams("hidden bias", r.C)
}

// readSamples reads a CSV file of visible vectors, one per row, every value
// in [0, 1]. The file's size is checked before it is read (at most
// sim.MaxDataBytes), a leading byte-order mark is dropped, and a first row
// that does not parse as numbers is taken for a header.
func readSamples(path string) ([][]float64, error) {
	text, err := fileio.ReadLimited(path, sim.MaxDataBytes)
	if err != nil {
		return nil, pathError(path, err)
	}
	data, err := parseSamples(text)
	if err != nil {
		return nil, fmt.Errorf("%s%v", showPath(path), err)
	}
	return data, nil
}

// parseSamples parses the text of a data file as readSamples describes.
// Its errors start with " line N:" or ":", for the caller to put the
// file's name in front. A row wider than sim.MaxRowWidth, or more than
// sim.MaxDataValues numbers in all, is refused before it is converted.
func parseSamples(text []byte) ([][]float64, error) {
	cr := csv.NewReader(bytes.NewReader(fileio.StripBOM(text)))
	// Row lengths are checked below, with a message that names the sizes.
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	var data [][]float64
	values := 0
	for first := true; ; first = false {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf(" line %d: %v", pe.Line, pe.Err)
			}
			return nil, fmt.Errorf(": %v", err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) > sim.MaxRowWidth {
			return nil, fmt.Errorf(" line %d: %d values, past the cap of %d per row", line, len(rec), sim.MaxRowWidth)
		}
		if len(data) > 0 && len(rec) != len(data[0]) {
			return nil, fmt.Errorf(" line %d: %d values, but earlier rows have %d", line, len(rec), len(data[0]))
		}
		if values += len(rec); values > sim.MaxDataValues {
			return nil, fmt.Errorf(" line %d: more than %d values in all, the cap of a data set", line, sim.MaxDataValues)
		}
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
				values = 0
				continue
			}
			if strings.TrimSpace(rec[bad]) == "" {
				return nil, fmt.Errorf(" line %d: value %d is empty", line, bad+1)
			}
			return nil, fmt.Errorf(" line %d: %s is not a number", line, show(rec[bad]))
		}
		for _, x := range v {
			if !(x >= 0 && x <= 1) {
				return nil, fmt.Errorf(" line %d: value %s is outside [0, 1]", line, fmtFloat(x))
			}
		}
		data = append(data, v)
	}
	if len(data) == 0 {
		return nil, errors.New(": no samples")
	}
	return data, nil
}

func runLearn(args []string, stdout io.Writer) error {
	fs := newFlagSet("learn", "teach the Learning scene's Boltzmann machine exclusive or on 3 visible units by the two-phase rule and print one CSV row per step (row 0 is the untrained machine): epoch,kl, the exact KL(data || model) in nats, the divergence of the data's distribution from the machine's visible one")
	epochs := fs.Int("epochs", sim.LearningSteps, 0, sim.MaxEpochs, "learning steps, each a pass over all four data vectors")
	lr := fs.Float64("lr", sim.LearningRate, 0, math.MaxFloat64, "learning rate ε")
	hidden := fs.Int("hidden", sim.LearningHidden, 0, sim.MaxLearnHidden, "hidden units (0–13; with 0 the KL divergence cannot fall below log 2)")
	samplePos := fs.Bool("sample-positive", false, "estimate the clamped phase with persistent Gibbs chains instead of enumeration")
	sampleNeg := fs.Bool("sample-negative", false, "estimate the free phase with persistent Gibbs chains instead of enumeration")
	chains := fs.Int("chains", 100, 1, sim.MaxChains, "Gibbs chains of a sampled phase")
	sweeps := fs.Int("sweeps", 5, 1, sim.MaxSweeps, "Gibbs sweeps per step and chain in a sampled phase")
	seed := fs.Uint64("seed", 1, "random seed; the same seed prints the same rows")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *samplePos || *sampleNeg {
		// Every step sweeps every chain: the product is the run's cost.
		if total := float64(*epochs) * float64(*chains) * float64(*sweeps); total > sim.MaxTotalSweeps {
			return badUsage("-epochs %d × -chains %d × -sweeps %d is past the cap of %d sweeps in all", *epochs, *chains, *sweeps, sim.MaxTotalSweeps)
		}
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
	prog := newProgress("learn: step", *epochs)
	for e := 1; e <= *epochs; e++ {
		tr.Step()
		// The first step that leaves a weight non-finite or past
		// sim.MaxAbsWeight ends the run before its row is printed.
		err := sim.CheckNetParams(m.Net)
		kl := tr.KL()
		if err == nil && (math.IsNaN(kl) || math.IsInf(kl, 0)) {
			err = fmt.Errorf("the KL divergence is %v", kl)
		}
		if err != nil {
			w.Flush()
			return badUsage("training diverged in step %d (%v): lower -lr (now %s)", e, err, fmtFloat(*lr))
		}
		fmt.Fprintf(w, "%d,%.6f\n", e, kl)
		prog.at(e)
	}
	prog.finish()
	return w.Flush()
}
