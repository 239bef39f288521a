package main

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

var testNames = []string{"recall", "sigmoid", "distribution"}

func TestParseHash(t *testing.T) {
	for _, tc := range []struct {
		hash    string
		want    linkRequest
		notices int
	}{
		{"", linkRequest{}, 0},
		{"#", linkRequest{}, 0},
		{"#scene=sigmoid&seed=7", linkRequest{Scene: "sigmoid", Seed: 7, HasSeed: true}, 0},
		{"seed=7&scene=sigmoid", linkRequest{Scene: "sigmoid", Seed: 7, HasSeed: true}, 0},
		{"#Scene=SIGMOID;SEED= 7 ", linkRequest{Scene: "sigmoid", Seed: 7, HasSeed: true}, 0},
		{"#sigmoid", linkRequest{Scene: "sigmoid"}, 0},
		{"#&&scene=recall&", linkRequest{Scene: "recall"}, 0},
		{"#seed=0", linkRequest{Seed: 0, HasSeed: true}, 0},
		{"#seed=18446744073709551615", linkRequest{Seed: 1<<64 - 1, HasSeed: true}, 0},
		{"#scene=sigmoid&scene=recall", linkRequest{Scene: "recall"}, 0},
		{"#scene=distribution&seed=3&code=ab+c%2Fd", linkRequest{Scene: "distribution", Seed: 3, HasSeed: true, Code: "ab+c/d"}, 0},
		{"#bench=blank", linkRequest{Blank: true}, 0},
		{"#scene%3Drecall", linkRequest{}, 1}, // an escaped '=' is part of the key
		{"#sc%65ne=recall", linkRequest{Scene: "recall"}, 0},

		// Bad parts are skipped with a notice; good parts still apply.
		{"#scene=nope&seed=5", linkRequest{Seed: 5, HasSeed: true}, 1},
		{"#scene=sigmoid&seed=abc", linkRequest{Scene: "sigmoid"}, 1},
		{"#seed=-1", linkRequest{}, 1},
		{"#seed=18446744073709551616", linkRequest{}, 1},
		{"#seed=1e3", linkRequest{}, 1},
		{"#seed=", linkRequest{}, 1},
		{"#scene=", linkRequest{}, 1},
		{"#colour=red&scene=recall", linkRequest{Scene: "recall"}, 1},
		{"#nonsense", linkRequest{}, 1},
		{"#=x", linkRequest{}, 1},
		{"#scene=%zz&seed=2", linkRequest{Seed: 2, HasSeed: true}, 1},
		{"#%zz=1", linkRequest{}, 1},
		{"#bench=other", linkRequest{}, 1},
		{"#scene=recall&seed=x&scene=bad&what", linkRequest{Scene: "recall"}, 3},
		{"#scene=" + strings.Repeat("x", 100), linkRequest{}, 1},
		{"#" + strings.Repeat("a", maxHashLen+1), linkRequest{}, 1},
		{"#scene=\x00\n&seed=\u202e1", linkRequest{}, 2},
	} {
		got, notices := parseHash(tc.hash, testNames)
		assert.Equal(t, tc.want, got, "%q", tc.hash)
		assert.Len(t, notices, tc.notices, "%q: %q", tc.hash, notices)
		for _, n := range notices {
			assert.Less(t, len([]rune(n)), 90, "a notice fits on one line: %q", n)
			assert.NotContains(t, n, "\n")
		}
	}
}

// A hash the app writes reads back as the same request.
func TestFormatHashRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		scene string
		seed  uint64
		code  string
	}{
		{"recall", 1, ""},
		{"distribution", 1<<64 - 1, ""},
		{"sigmoid", 0, "AbC-_+/= &x;y#z é"},
	} {
		h := formatHash(tc.scene, tc.seed, tc.code)
		assert.NotContains(t, h, "#")
		assert.NotContains(t, h, " ")
		got, notices := parseHash("#"+h, testNames)
		assert.Empty(t, notices, h)
		assert.Equal(t, linkRequest{Scene: tc.scene, Seed: tc.seed, HasSeed: true, Code: tc.code}, got, h)
	}
	assert.Equal(t, "scene=recall&seed=42", formatHash("recall", 42, ""))
}

// No input makes the parser panic.
func FuzzParseHash(f *testing.F) {
	for _, s := range []string{"#scene=recall&seed=1", "#%", "#=&=;;", "#code=%E2%82", "#seed=99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parseHash(s, testNames)
	})
}
