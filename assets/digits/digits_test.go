package digits_test

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/assets/digits"
	"boltzlab/sim"
)

func load(t *testing.T) (*digits.Set, *sim.RBM) {
	t.Helper()
	setBytes, modelBytes := digits.Embedded()
	require.Len(t, setBytes, digits.SetSize(digits.Train, digits.Test))
	require.Len(t, modelBytes, digits.ModelSize(digits.Pixels, digits.ModelHidden))
	set, err := digits.Decode(setBytes)
	require.NoError(t, err)
	m, err := digits.DecodeModel(modelBytes)
	require.NoError(t, err)
	r := &sim.RBM{Visible: m.Visible, Hidden: m.Hidden, W: m.W, B: m.B, C: m.C}
	require.NoError(t, r.Validate())
	return set, r
}

// The embedded files decode to the stated counts, every digit holds only
// zeros and ones, and every label is a digit; and the decoders refuse
// damaged files.
func TestDecode(t *testing.T) {
	set, r := load(t)
	assert.Equal(t, digits.Train, set.NTrain)
	assert.Equal(t, digits.Test, set.NTest)
	assert.Equal(t, digits.Pixels, r.Visible)
	var counts [10]int
	for k, v := range append(set.TrainVectors(digits.Train), set.TestVectors(digits.Test)...) {
		require.Len(t, v, digits.Pixels)
		for _, x := range v {
			if x != 0 && x != 1 {
				t.Fatalf("digit %d holds %v", k, x)
			}
		}
	}
	for _, l := range set.Labels[:set.NTrain] {
		counts[l]++
	}
	for d, c := range counts {
		assert.Greater(t, c, digits.Train/20, "digit %d appears %d times", d, c)
	}

	setBytes, modelBytes := digits.Embedded()
	for _, bad := range [][]byte{nil, setBytes[:100], append([]byte("XXXX"), setBytes[4:]...), setBytes[:len(setBytes)-1]} {
		_, err := digits.Decode(bad)
		assert.Error(t, err)
	}
	for _, bad := range [][]byte{nil, modelBytes[:20], modelBytes[:len(modelBytes)-4]} {
		_, err := digits.DecodeModel(bad)
		assert.Error(t, err)
	}
	nan := append([]byte{}, modelBytes...)
	copy(nan[16:], []byte{0, 0, 0xc0, 0x7f}) // a float32 NaN
	_, err := digits.DecodeModel(nan)
	assert.Error(t, err)

	// A round trip keeps every digit and label.
	again, err := digits.Decode(digits.Encode(bytesOf(set.TrainVectors(5)), bytesOf(set.TestVectors(3)),
		set.Labels[:5], set.Labels[set.NTrain:set.NTrain+3], 1))
	require.NoError(t, err)
	assert.Equal(t, set.TrainVectors(5), again.TrainVectors(5))
	assert.Equal(t, set.TestVectors(3), again.TestVectors(3))
}

func bytesOf(vs [][]float64) [][]byte {
	out := make([][]byte, len(vs))
	for k, v := range vs {
		out[k] = make([]byte, len(v))
		for i, x := range v {
			out[k][i] = byte(x)
		}
	}
	return out
}

// heldOutPLL is the held-out pseudo-log-likelihood, per digit in nats,
// that one epoch of training on the subset (seed 1, 64 hidden units, PCD,
// ε = 0.05, batches of 20) must beat on the first 500 test digits. An
// untrained machine scores about −543; the run reaches about −132.
const heldOutPLL = -140

// A machine trained for a fixed budget with a fixed seed scores better on
// digits it has never seen than heldOutPLL, and far better than where it
// started.
func TestTrainingBeatsHeldOut(t *testing.T) {
	set, _ := load(t)
	rng := rand.New(rand.NewPCG(1, 0))
	r := sim.NewRBM(digits.Pixels, 64)
	r.Randomize(0.01, rng)
	test := set.TestVectors(500)
	before := r.PseudoLogLikelihood(test, rand.New(rand.NewPCG(1, 1)))
	tr := sim.NewRBMTrainer(r, set.TrainVectors(digits.Train), rng)
	tr.Rate, tr.Batch, tr.Persistent = 0.05, 20, true
	tr.Epoch()
	after := r.PseudoLogLikelihood(test, rand.New(rand.NewPCG(1, 1)))
	t.Logf("held-out pseudo-log-likelihood: %.2f before, %.2f after one epoch", before, after)
	assert.Less(t, before, -400.0)
	assert.Greater(t, after, float64(heldOutPLL))
}

// The shipped machine fills in the erased middle of a test digit better
// than leaving it blank: over the first 200 test digits, with the central
// 10×10 square erased, ten inpainting steps leave a fifth fewer of its
// pixels wrong (rounded at ½) than the blank square had (the run leaves
// about 30% fewer); and the clamped pixels never change.
func TestInpaintingRepairs(t *testing.T) {
	set, r := load(t)
	rng := rand.New(rand.NewPCG(3, 0))
	free := make([]bool, digits.Pixels)
	for i := range free {
		free[i] = digits.Middle(i)
	}
	h, p := make([]float64, r.Hidden), make([]float64, r.Visible)
	v := make([]float64, digits.Pixels)
	var blank, filled int
	for _, d := range set.TestVectors(200) {
		copy(v, d)
		for i, f := range free {
			if f {
				v[i] = 0
				if d[i] == 1 {
					blank++
				}
			}
		}
		for range 10 {
			r.InpaintStep(v, free, h, p, rng)
		}
		for i, f := range free {
			if f && (v[i] >= 0.5) != (d[i] == 1) {
				filled++
			}
			if !f {
				require.Equal(t, d[i], v[i], "a clamped pixel changed")
			}
		}
	}
	t.Logf("wrong pixels in the erased squares of 200 digits: %d blank, %d filled in", blank, filled)
	assert.Less(t, float64(filled), 0.8*float64(blank))
}
