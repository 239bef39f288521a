package main

import (
	"fmt"
	"io"

	"boltzlab/assets/digits"
	"boltzlab/assets/digits/source"
)

// mnistSourceDir finds the GoMNIST module's files; tests replace it.
var mnistSourceDir = source.SourceDir

// mnistData returns the training digits of -data mnist and the held-out
// test digits the program carries, saying on w which training set it is:
// all 60,000 from the GoMNIST module when the module cache has it, or
// else the 10,000 of the embedded subset.
func mnistData(w io.Writer) (train, test [][]float64, err error) {
	setBytes, _ := digits.Embedded()
	set, err := digits.Decode(setBytes)
	if err != nil {
		return nil, nil, fmt.Errorf("the embedded digits: %v", err)
	}
	if dir, err := mnistSourceDir(); err == nil {
		full, err := source.LoadFull(dir)
		if err == nil {
			fmt.Fprintf(w, "rbm: -data mnist: all %d training digits from %s\n", len(full), dir)
			return full, set.TestVectors(set.NTest), nil
		}
		fmt.Fprintf(w, "rbm: -data mnist: %v\n", err)
	}
	fmt.Fprintf(w, "rbm: -data mnist: the GoMNIST module is not in the module cache, so the %d training digits this program carries\n", set.NTrain)
	return set.TrainVectors(set.NTrain), set.TestVectors(set.NTest), nil
}
