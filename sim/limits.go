package sim

import (
	"fmt"
	"math"
)

// The caps below bound every size a caller can ask of this package, so that
// no input (a flag, a file, a share code, a slider) can make a program
// allocate without bound, run for days, or overflow a sum into Inf or NaN.
// They are stated once, here; every caller checks its inputs against them
// before it allocates or starts, and refuses a value past a cap with a
// message that names the cap. Each is well above what any scene or
// experiment of the lab uses, so a cap is met only by a mistake or an
// attack.
const (
	// MaxRuns is the most runs of one strategy in a race. A run's result
	// takes about 100 bytes, so four strategies stay within 40 MB; the
	// Annealing scene races 200.
	MaxRuns = 100_000

	// MaxSweeps is the most sweeps of one run, chain or schedule: at
	// about 30 million unit updates a second, a sweep of the 25-unit
	// annealing landscape takes about a microsecond, so the cap is seconds
	// per run. The scenes use hundreds.
	MaxSweeps = 10_000_000

	// MaxTotalSweeps is the most sweeps of one computation over all its
	// runs or chains (a race's strategies × runs × sweeps, a sampled
	// learning run's steps × chains × sweeps): a billion sweeps of a
	// 25-unit network is about fifteen minutes on one core.
	MaxTotalSweeps = 1_000_000_000

	// MaxSamples is the most Gibbs sweeps of one sampled distribution:
	// at MaxExactUnits units, about a minute of sampling.
	MaxSamples = 100_000_000

	// MaxEpochs is the most passes over the training data (or learning
	// steps) of one training run. Each prints a row, so the cap is also
	// ten million lines of output.
	MaxEpochs = 10_000_000

	// MaxChains is the most Gibbs chains of one sampled phase. Every
	// chain holds a state and is swept on every learning step; the
	// Learning scene runs 100.
	MaxChains = 100_000

	// MaxBatch is the most vectors in one RBM mini-batch. The trainer's
	// scratch space grows with Batch × (Visible + Hidden); a batch larger
	// than the data set is no different from the whole set.
	MaxBatch = 100_000

	// MaxGibbsSteps is the most alternating Gibbs steps of one CD-k
	// update (k). The literature uses 1 to a few dozen.
	MaxGibbsSteps = 10_000

	// MaxWorkers is the most goroutines one computation starts. Work is
	// shared by a counter, so more goroutines than cores gain nothing;
	// the cap keeps a typo from starting millions.
	MaxWorkers = 256

	// MaxRBMVisible is the most visible units of an RBM: 256×256 images.
	// The digits scene uses 28×28 = 784.
	MaxRBMVisible = 1 << 16

	// MaxRBMHidden is the most hidden units of an RBM.
	MaxRBMHidden = 4096

	// MaxRBMWeights is the most weights (Visible × Hidden) of an RBM:
	// 4 Mi weights are 32 MB, and training keeps about three copies
	// (weights, momentum, a saved machine). A 784 × 500 digit RBM has
	// 392,000.
	MaxRBMWeights = 1 << 22

	// MaxLearnHidden is the most hidden units of the Learning scene's
	// Boltzmann machine on 3 visible units: the exact phases enumerate
	// 2^(3+hidden) states, and 2^16 states per learning step is where a
	// step stops taking a frame.
	MaxLearnHidden = 13

	// MaxDataBytes is the largest training-data file read: 32 MiB of CSV
	// is about 16 million values written as "0,1,", which become 128 MB of
	// float64 (and twice that once the trainer copies them).
	MaxDataBytes = 32 << 20

	// MaxDataValues is the most numbers in one training set, rows ×
	// width: 16 Mi float64 values are 128 MB.
	MaxDataValues = 1 << 24

	// MaxRowWidth is the most values in one row of a data file; a row is
	// one visible vector, so it is MaxRBMVisible.
	MaxRowWidth = MaxRBMVisible

	// MaxModelBytes is the largest saved machine (JSON) read: an RBM of
	// MaxRBMWeights weights written as JSON numbers of up to 24
	// characters each, with room to spare.
	MaxModelBytes = 128 << 20

	// MaxCapacityUnits is the most units of a network in a capacity
	// experiment. A trial keeps one N×N weight matrix (8 MB at the cap)
	// and builds it in O(P·N²) steps; the Capacity scene uses 100 to 400.
	MaxCapacityUnits = 1024

	// MaxCapacityPatterns is the most patterns stored in one trial of a
	// capacity experiment: a load of 2 at MaxCapacityUnits, far past the
	// breakdown of every rule.
	MaxCapacityPatterns = 2048

	// MaxCapacityPoints is the most loads α of one capacity experiment.
	MaxCapacityPoints = 1000

	// MaxCapacityTrials is the most recall trials of one capacity
	// experiment, over all its rules and loads. A trial of 400 units takes
	// a few milliseconds, so the cap is about an hour on one core.
	MaxCapacityTrials = 1_000_000

	// MaxAbsWeight bounds the magnitude of every weight and bias that
	// enters or leaves a machine. A unit's input sums at most a few
	// thousand terms, so energies stay below 1e10 and no sum can overflow
	// into Inf; and σ(x) is already 1 − 2e−9 at x = 20, so no weight that
	// means anything comes near. Training that crosses it has diverged.
	MaxAbsWeight = 1e6
)

// CheckParams reports the first of xs that is not a finite number within
// ±MaxAbsWeight, naming it by what and its index: nil when all are fine.
// Callers use it on weights and biases read from outside, and after each
// training step to catch divergence before any NaN is drawn or written.
func CheckParams(what string, xs []float64) error {
	for i, x := range xs {
		if !(math.Abs(x) <= MaxAbsWeight) {
			return &ParamError{What: what, Index: i, Value: x}
		}
	}
	return nil
}

// ParamError is a weight or bias that is not finite or lies beyond
// ±MaxAbsWeight.
type ParamError struct {
	What  string  // "weight", "visible bias", …
	Index int     // position in its slice
	Value float64 // the value itself
}

func (e *ParamError) Error() string {
	if math.IsNaN(e.Value) || math.IsInf(e.Value, 0) {
		return fmt.Sprintf("%s %d is %v", e.What, e.Index, e.Value)
	}
	return fmt.Sprintf("%s %d is %.3g, beyond the bound of ±%g", e.What, e.Index, e.Value, MaxAbsWeight)
}

// CheckRBMSize reports whether an RBM of the given layer sizes is within
// MaxRBMVisible, MaxRBMHidden and MaxRBMWeights.
func CheckRBMSize(visible, hidden int) error {
	switch {
	case visible < 1 || hidden < 1:
		return fmt.Errorf("an RBM needs at least one visible and one hidden unit, got %d and %d", visible, hidden)
	case visible > MaxRBMVisible:
		return fmt.Errorf("%d visible units is more than the cap of %d", visible, MaxRBMVisible)
	case hidden > MaxRBMHidden:
		return fmt.Errorf("%d hidden units is more than the cap of %d", hidden, MaxRBMHidden)
	case visible*hidden > MaxRBMWeights:
		return fmt.Errorf("%d visible × %d hidden units is %d weights, more than the cap of %d", visible, hidden, visible*hidden, MaxRBMWeights)
	}
	return nil
}

// CheckRBM reports whether r is within the size caps and every weight and
// bias is finite and within ±MaxAbsWeight (after Validate's shape checks).
func CheckRBM(r *RBM) error {
	if err := CheckRBMSize(r.Visible, r.Hidden); err != nil {
		return err
	}
	if err := r.Validate(); err != nil {
		return err
	}
	if err := CheckParams("weight", r.W); err != nil {
		return err
	}
	if err := CheckParams("visible bias", r.B); err != nil {
		return err
	}
	return CheckParams("hidden bias", r.C)
}

// CheckNetParams reports whether every weight and bias of net is finite
// and within ±MaxAbsWeight, which keeps every energy sum of a network of
// up to MaxEnumUnits units below 1e9 in magnitude.
func CheckNetParams(net *Net) error {
	if err := CheckParams("weight", net.W); err != nil {
		return err
	}
	return CheckParams("bias", net.B)
}
