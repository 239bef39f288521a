// Command mnistgen writes the Digits scene's data, assets/digits/
// mnist-subset.bin: the first 10,000 training digits and the first 2,000
// test digits of MNIST, as the GoMNIST module ships them, one bit per
// pixel (on at a grey level of 128 or more) with their labels. go generate
// runs it from assets/digits:
//
//	go generate ./assets/digits
//
// With -model FILE it instead converts a machine saved as JSON by
// boltzexp rbm -save into the scene's compact machine file,
// assets/digits/rbm-784x100.bin.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"boltzlab/assets/digits"
	"boltzlab/assets/digits/source"
	"boltzlab/fileio"
	"boltzlab/sim"
)

func main() {
	out := flag.String("out", ".", "folder to write into (go generate runs in assets/digits)")
	model := flag.String("model", "", "convert this JSON machine into "+digits.ModelFile+" instead")
	flag.Parse()
	if err := run(*out, *model); err != nil {
		fmt.Fprintln(os.Stderr, "mnistgen:", err)
		os.Exit(1)
	}
}

func run(out, model string) error {
	if model != "" {
		f, err := os.Open(model)
		if err != nil {
			return err
		}
		defer f.Close()
		r, err := sim.ReadRBM(f)
		if err != nil {
			return err
		}
		if r.Visible != digits.Pixels || r.Hidden != digits.ModelHidden {
			return fmt.Errorf("%s has %d visible and %d hidden units, want %d and %d", model, r.Visible, r.Hidden, digits.Pixels, digits.ModelHidden)
		}
		path := filepath.Join(out, digits.ModelFile)
		b := digits.EncodeModel(digits.Model{Visible: r.Visible, Hidden: r.Hidden, W: r.W, B: r.B, C: r.C})
		fmt.Printf("mnistgen: wrote %s, %d bytes\n", path, len(b))
		return fileio.WriteAtomic(path, b)
	}
	b, err := Generate()
	if err != nil {
		return err
	}
	path := filepath.Join(out, digits.SetFile)
	fmt.Printf("mnistgen: wrote %s, %d bytes\n", path, len(b))
	return fileio.WriteAtomic(path, b)
}

// Generate returns the subset in the format digits.Decode reads.
func Generate() ([]byte, error) {
	dir, err := source.SourceDir()
	if err != nil {
		return nil, err
	}
	read := func(images, labels string, n int) ([][]byte, []byte, error) {
		imgs, err := source.ReadImages(filepath.Join(dir, images))
		if err != nil {
			return nil, nil, err
		}
		ls, err := source.ReadLabels(filepath.Join(dir, labels))
		if err != nil {
			return nil, nil, err
		}
		if len(imgs) < n || len(ls) < n {
			return nil, nil, fmt.Errorf("%s holds %d digits, want at least %d", images, len(imgs), n)
		}
		return imgs[:n], ls[:n], nil
	}
	tr, trl, err := read(source.TrainImages, source.TrainLabels, digits.Train)
	if err != nil {
		return nil, err
	}
	te, tel, err := read(source.TestImages, source.TestLabels, digits.Test)
	if err != nil {
		return nil, err
	}
	return digits.Encode(tr, te, trl, tel, digits.Threshold), nil
}
