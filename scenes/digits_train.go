package scenes

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"boltzlab/assets/digits"
	"boltzlab/scenes/ui"
	"boltzlab/sim"
)

// Training, scoring and dreaming in the Digits scene, each within its share
// of a frame.

// poll takes the files once they are loaded and sets the scene up.
func (d *digitsScene) poll() {
	if d.ready || d.fault != "" || d.files == nil || !d.files.done.Load() {
		return
	}
	d.files.mu.Lock()
	setBytes, modelBytes, err := d.files.set, d.files.model, d.files.err
	d.files.mu.Unlock()
	var set *digits.Set
	var m digits.Model
	if err == nil {
		set, err = digits.Decode(setBytes)
	}
	if err == nil {
		m, err = digits.DecodeModel(modelBytes)
	}
	if err == nil && (m.Visible != digits.Pixels || m.Hidden != digits.ModelHidden) {
		err = fmt.Errorf("the machine has %s and %s", plural(m.Visible, "visible unit", "visible units"), plural(m.Hidden, "hidden unit", "hidden units"))
	}
	if err != nil {
		d.fault = err.Error()
		return
	}
	d.set = set
	d.pretrained = &sim.RBM{Visible: m.Visible, Hidden: m.Hidden, W: m.W, B: m.B, C: m.C}
	d.trainData = set.TrainVectors(digitsTrainN)
	d.evalTest = set.TestVectors(set.NTest)
	d.orig = make([]float64, digits.Pixels)
	d.canv = make([]float64, digits.Pixels)
	d.free = make([]bool, digits.Pixels)
	d.fillP = make([]float64, digits.Pixels)
	d.fillH = make([]float64, digits.ModelHidden)
	d.chains = sim.NewRBMChains(digitsChains, digits.Pixels)
	d.ready = true
	d.reset()
	if d.pending != nil {
		d.apply(*d.pending)
		d.pending = nil
	}
}

// restartChains starts every dreaming chain from a test digit.
func (d *digitsScene) restartChains() {
	for c, v := range d.chains.V {
		copy(v, d.evalTest[d.dreamRng.IntN(len(d.evalTest))])
		copy(d.chains.P[c], v)
	}
	d.dreamSteps = 0
}

// dreamStep advances every chain by one Gibbs step v → h → v.
func (d *digitsScene) dreamStep() {
	d.chains.Step(d.machine, d.dreamRng)
	d.dreamSteps++
}

// evalChunk measures the next n digits on the snapshot, starting a
// snapshot when the machine has changed since the last one, and adds a
// point to each curve when all are measured. It reports whether the
// measurement goes on.
func (d *digitsScene) evalChunk(n int) bool {
	if !d.evaluating {
		if d.trainer.Updates == d.lastEval {
			return false
		}
		if d.evalM == nil {
			d.evalM = d.machine.Clone()
		}
		copy(d.evalM.W, d.machine.W)
		copy(d.evalM.B, d.machine.B)
		copy(d.evalM.C, d.machine.C)
		d.evalAt, d.evalPos, d.evalSums = d.trainer.Updates, 0, [4]float64{}
		d.evalRng = rand.New(rand.NewPCG(d.seed, 0xd195))
		d.evaluating = true
	}
	set, part := d.evalTrain, 0
	pos := d.evalPos
	if pos >= digitsEvalN {
		set, part, pos = d.evalTest[:digitsEvalN], 1, pos-digitsEvalN
	}
	c := set[pos:min(pos+n, digitsEvalN)]
	k := float64(len(c))
	d.evalSums[part] += k * d.evalM.ReconError(c)
	d.evalSums[2+part] += k * d.evalM.PseudoLogLikelihoodFlips(c, digitsFlips, d.evalRng)
	d.evalPos += len(c)
	if d.evalPos < 2*digitsEvalN {
		return true
	}
	d.evaluating, d.lastEval = false, d.evalAt
	for k := range d.scores {
		d.scores[k] = d.evalSums[k] / digitsEvalN
	}
	if d.errS.Len() >= digitsHistory {
		for _, s := range []*ui.Series{d.errS, d.errT, d.pllS, d.pllT} {
			thinSeries(s)
		}
		d.stride *= 2
	}
	if x, _, ok := d.errS.Last(); ok && float64(d.evalAt)-x < float64(d.stride) {
		return false
	}
	x := float64(d.evalAt)
	// The error's axis starts at zero and grows to hold the largest
	// error the curves have shown.
	if d.errS.Len() == 0 {
		d.errPlot.YMax = 0
	}
	d.errPlot.YMax = math.Max(d.errPlot.YMax, 1.08*math.Max(d.scores[0], d.scores[1]))
	d.errS.Push(x, d.scores[0])
	d.errT.Push(x, d.scores[1])
	d.pllS.Push(x, d.scores[2])
	d.pllT.Push(x, d.scores[3])
	return false
}

// within reports whether one more step fits in budget after n steps that
// began at start, judging the next by their mean; the first always does.
func within(start time.Time, n int, budget time.Duration) bool {
	if n == 0 {
		return true
	}
	t := time.Since(start)
	return t+t/time.Duration(n) <= budget
}
