// Package digits holds the handwritten digits of the Digits scene and the
// machine trained on them, in two small binary formats, with their
// decoders. The digits are a binarized subset of MNIST made by
// internal/mnistgen from the files the GoMNIST module ships; the desktop
// build embeds both files (see Embedded), the browser build fetches them
// when the scene first opens. Nothing here imports Ebitengine.
//
// The digit set (SetFile) is, in order, all little-endian:
//
//	magic "BLDG", uint16 version (1), uint16 side (28),
//	uint32 training count, uint32 test count, uint8 threshold, 3 zero bytes,
//	one label byte (0–9) per digit, training digits first,
//	then side·side/8 bytes per digit: its pixels row by row, one bit each,
//	the first pixel in the highest bit; a pixel is on when its grey level
//	in the source is at least the threshold.
//
// The machine (ModelFile) is:
//
//	magic "BLRB", uint16 version (1), uint16 zero,
//	uint32 visible, uint32 hidden,
//	then float32s: the hidden×visible weights row by row (one row per
//	hidden unit), the visible biases, the hidden biases.
package digits

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// The files' names, in this folder and on the web site.
const (
	SetFile   = "mnist-subset.bin"
	ModelFile = "rbm-784x100.bin"
)

// The subset's shape: how many digits of each part, their side in pixels,
// and the grey level from which a pixel counts as ink.
const (
	Side      = 28
	Pixels    = Side * Side
	Train     = 10000
	Test      = 2000
	Threshold = 128
	Version   = 1
	rowBytes  = Pixels / 8
	setHeader = 20
)

// Middle reports whether pixel i lies in the central 10×10 square of a
// digit, the part the Digits scene erases at a click.
func Middle(i int) bool {
	x, y := i%Side, i/Side
	return x >= 9 && x < 19 && y >= 9 && y < 19
}

// ModelHidden is the number of hidden units of the shipped machine.
const ModelHidden = 100

// SetSize is the size in bytes of a digit set of train and test digits.
func SetSize(train, test int) int { return setHeader + (train+test)*(1+rowBytes) }

// ModelSize is the size in bytes of a machine file of the given shape.
func ModelSize(visible, hidden int) int { return 16 + 4*(visible*hidden+visible+hidden) }

// Set is a decoded digit set. It keeps the pixels packed, one bit each,
// and unpacks a digit when asked.
type Set struct {
	NTrain, NTest int
	Labels        []uint8 // the training digits' labels, then the test digits'
	Threshold     int
	bits          []byte
}

// Digit writes digit k (the training digits first, then the test digits)
// into dst as Pixels values of 0 or 1, row by row, and returns it; a nil
// dst is allocated. It panics if k is out of range.
func (s *Set) Digit(dst []float64, k int) []float64 {
	if k < 0 || k >= s.NTrain+s.NTest {
		panic(fmt.Sprintf("digits: digit %d of %d", k, s.NTrain+s.NTest))
	}
	if dst == nil {
		dst = make([]float64, Pixels)
	}
	row := s.bits[k*rowBytes : (k+1)*rowBytes]
	for i := range dst[:Pixels] {
		dst[i] = float64(row[i/8] >> (7 - i%8) & 1)
	}
	return dst
}

// TrainVectors returns the first n training digits as vectors.
func (s *Set) TrainVectors(n int) [][]float64 { return s.vectors(0, min(n, s.NTrain)) }

// TestVectors returns the first n test digits as vectors.
func (s *Set) TestVectors(n int) [][]float64 { return s.vectors(s.NTrain, min(n, s.NTest)) }

func (s *Set) vectors(from, n int) [][]float64 {
	flat := make([]float64, n*Pixels)
	out := make([][]float64, n)
	for k := range out {
		out[k] = s.Digit(flat[k*Pixels:(k+1)*Pixels:(k+1)*Pixels], from+k)
	}
	return out
}

// Encode writes digits (each Pixels grey levels or 0/1 values, row by
// row) and their labels in the SetFile format, a pixel on when its value
// is at least threshold. It panics if a digit has the wrong length.
func Encode(train, test [][]byte, trainLabels, testLabels []byte, threshold int) []byte {
	n := len(train) + len(test)
	out := make([]byte, SetSize(len(train), len(test)))
	copy(out, "BLDG")
	binary.LittleEndian.PutUint16(out[4:], Version)
	binary.LittleEndian.PutUint16(out[6:], Side)
	binary.LittleEndian.PutUint32(out[8:], uint32(len(train)))
	binary.LittleEndian.PutUint32(out[12:], uint32(len(test)))
	out[16] = byte(threshold)
	copy(out[setHeader:], trainLabels)
	copy(out[setHeader+len(train):], testLabels)
	px := out[setHeader+n:]
	for k, d := range append(append([][]byte{}, train...), test...) {
		if len(d) != Pixels {
			panic(fmt.Sprintf("digits: digit %d has %d pixels, want %d", k, len(d), Pixels))
		}
		row := px[k*rowBytes : (k+1)*rowBytes]
		for i, g := range d {
			if int(g) >= threshold {
				row[i/8] |= 0x80 >> (i % 8)
			}
		}
	}
	return out
}

// Decode reads a digit set in the SetFile format, refusing one that is
// malformed or truncated.
func Decode(b []byte) (*Set, error) {
	if len(b) < setHeader || string(b[:4]) != "BLDG" {
		return nil, errors.New("not a digit set")
	}
	if v := binary.LittleEndian.Uint16(b[4:]); v != Version {
		return nil, fmt.Errorf("digit set version %d, want %d", v, Version)
	}
	if s := binary.LittleEndian.Uint16(b[6:]); s != Side {
		return nil, fmt.Errorf("digits of side %d, want %d", s, Side)
	}
	ntr, nte := binary.LittleEndian.Uint32(b[8:]), binary.LittleEndian.Uint32(b[12:])
	if ntr > 1<<20 || nte > 1<<20 || len(b) != SetSize(int(ntr), int(nte)) {
		return nil, fmt.Errorf("digit set of %d bytes does not hold %d and %d digits", len(b), ntr, nte)
	}
	n := int(ntr + nte)
	labels := b[setHeader : setHeader+n]
	for k, l := range labels {
		if l > 9 {
			return nil, fmt.Errorf("digit %d has label %d", k, l)
		}
	}
	return &Set{NTrain: int(ntr), NTest: int(nte), Labels: labels, Threshold: int(b[16]), bits: b[setHeader+n:]}, nil
}

// Model is a machine's parameters as the ModelFile format holds them; its
// fields are those of sim.RBM.
type Model struct {
	Visible, Hidden int
	W, B, C         []float64
}

// EncodeModel writes m in the ModelFile format (each number rounded to
// float32).
func EncodeModel(m Model) []byte {
	out := make([]byte, 16, ModelSize(m.Visible, m.Hidden))
	copy(out, "BLRB")
	binary.LittleEndian.PutUint16(out[4:], Version)
	binary.LittleEndian.PutUint32(out[8:], uint32(m.Visible))
	binary.LittleEndian.PutUint32(out[12:], uint32(m.Hidden))
	for _, xs := range [][]float64{m.W, m.B, m.C} {
		for _, x := range xs {
			out = binary.LittleEndian.AppendUint32(out, math.Float32bits(float32(x)))
		}
	}
	return out
}

// DecodeModel reads a machine in the ModelFile format, refusing one that
// is malformed, truncated or holds a number that is not finite.
func DecodeModel(b []byte) (Model, error) {
	var m Model
	if len(b) < 16 || string(b[:4]) != "BLRB" {
		return m, errors.New("not a machine file")
	}
	if v := binary.LittleEndian.Uint16(b[4:]); v != Version {
		return m, fmt.Errorf("machine file version %d, want %d", v, Version)
	}
	nv, nh := binary.LittleEndian.Uint32(b[8:]), binary.LittleEndian.Uint32(b[12:])
	if nv < 1 || nh < 1 || nv > 1<<16 || nh > 1<<12 || len(b) != ModelSize(int(nv), int(nh)) {
		return m, fmt.Errorf("machine file of %d bytes does not hold %d visible and %d hidden units", len(b), nv, nh)
	}
	m.Visible, m.Hidden = int(nv), int(nh)
	xs := make([]float64, m.Visible*m.Hidden+m.Visible+m.Hidden)
	for i := range xs {
		x := float64(math.Float32frombits(binary.LittleEndian.Uint32(b[16+4*i:])))
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return Model{}, fmt.Errorf("machine file: number %d is %v", i, x)
		}
		xs[i] = x
	}
	nw := m.Visible * m.Hidden
	m.W, m.B, m.C = xs[:nw:nw], xs[nw:nw+m.Visible:nw+m.Visible], xs[nw+m.Visible:]
	return m, nil
}
