package main

import (
	"math"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"boltzlab/sim"
)

// shortLine fails the test unless msg is one line of reasonable length.
func shortLine(t *testing.T, msg string) {
	t.Helper()
	if strings.Contains(msg, "\n") || utf8.RuneCountInString(msg) > 240 {
		t.Fatalf("message is not one short line: %q", msg)
	}
}

// FuzzParseSamples feeds the CSV parser of rbm -data arbitrary files: no
// panic, errors of one short line, and accepted data that is a non-empty
// rectangle of values in [0, 1] within the caps. Seed corpus:
// testdata/fuzz/FuzzParseSamples.
func FuzzParseSamples(f *testing.F) {
	f.Add([]byte("a,b\n1,0\n0,1\n"))
	f.Add([]byte("\xef\xbb\xbf1,0,1\n0,1,0\n"))
	f.Fuzz(func(t *testing.T, text []byte) {
		data, err := parseSamples(text)
		if err != nil {
			shortLine(t, "file"+err.Error())
			return
		}
		if len(data) == 0 {
			t.Fatal("accepted no samples")
		}
		width := len(data[0])
		if width < 1 || width > sim.MaxRowWidth || len(data)*width > sim.MaxDataValues {
			t.Fatalf("accepted %d rows of %d values", len(data), width)
		}
		for _, row := range data {
			if len(row) != width {
				t.Fatalf("ragged rows accepted: %d and %d", len(row), width)
			}
			for _, x := range row {
				if !(x >= 0 && x <= 1) {
					t.Fatalf("accepted value %v", x)
				}
			}
		}
	})
}

// FuzzNumberFlags feeds the parsers behind every numeric flag arbitrary
// text: no panic, errors of one short line however long the text, and
// accepted values that agree with strconv and keep to their bounds. Seed
// corpus: testdata/fuzz/FuzzNumberFlags.
func FuzzNumberFlags(f *testing.F) {
	for _, s := range []string{"12", "-3", "0x10", "1e8", "1.5", "1e400", "NaN", "inf", "", "1,,0", "9223372036854775808"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n, err := parseWhole(s); err != nil {
			shortLine(t, err.Error())
		} else if x, err := strconv.ParseInt(strings.TrimSpace(s), 0, 64); err == nil && x != n {
			t.Fatalf("parseWhole(%q) = %d, strconv says %d", s, n, x)
		}
		if x, err := parseNumber(s); err != nil {
			shortLine(t, err.Error())
		} else if y, _ := strconv.ParseFloat(strings.TrimSpace(s), 64); x != y && !(math.IsNaN(x) && math.IsNaN(y)) {
			t.Fatalf("parseNumber(%q) = %v, strconv says %v", s, x, y)
		}
		fs := newFlagSet("fuzz", "")
		n := fs.Int("n", 0, 1, 100, "")
		v := fs.Float64("v", 0, 0, math.MaxFloat64, "")
		if err := parseFlags(fs, []string{"-n", s}); err != nil {
			shortLine(t, err.Error())
		} else if *n < 1 || *n > 100 {
			t.Fatalf("-n %q accepted as %d", s, *n)
		}
		if err := parseFlags(fs, []string{"-v", s}); err != nil {
			shortLine(t, err.Error())
		} else if !(*v >= 0 && *v <= math.MaxFloat64) {
			t.Fatalf("-v %q accepted as %v", s, *v)
		}
		want := strings.Count(s, ",") + 1
		xs, err := parseFloats("-w", s, want, "fuzz")
		if err != nil {
			shortLine(t, err.Error())
			return
		}
		for _, x := range xs {
			if !(math.Abs(x) <= sim.MaxAbsWeight) {
				t.Fatalf("-w %q accepted %v", s, x)
			}
		}
	})
}
