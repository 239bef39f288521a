package cli

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

var testNames = []string{"recall", "sigmoid", "distribution"}

func TestParseHash(t *testing.T) {
	for _, tc := range []struct {
		hash    string
		want    LinkRequest
		notices int
	}{
		{"", LinkRequest{}, 0},
		{"#", LinkRequest{}, 0},
		{"#scene=sigmoid&seed=7", LinkRequest{Scene: "sigmoid", Seed: 7, HasSeed: true}, 0},
		{"seed=7&scene=sigmoid", LinkRequest{Scene: "sigmoid", Seed: 7, HasSeed: true}, 0},
		{"#Scene=SIGMOID;SEED= 7 ", LinkRequest{Scene: "sigmoid", Seed: 7, HasSeed: true}, 0},
		{"#sigmoid", LinkRequest{Scene: "sigmoid"}, 0},
		{"#&&scene=recall&", LinkRequest{Scene: "recall"}, 0},
		{"#seed=0", LinkRequest{Seed: 0, HasSeed: true}, 0},
		{"#seed=18446744073709551615", LinkRequest{Seed: 1<<64 - 1, HasSeed: true}, 0},
		{"#scene=sigmoid&scene=recall", LinkRequest{Scene: "recall"}, 0},
		{"#scene=distribution&seed=3&code=ab+c%2Fd", LinkRequest{Scene: "distribution", Seed: 3, HasSeed: true, Code: "ab+c/d"}, 0},
		{"#scene=distribution&seed=3&code=1.recall.ab-c_d", LinkRequest{Scene: "distribution", Seed: 3, HasSeed: true, Code: "1.recall.ab-c_d"}, 0},
		{"#code=1.sigmoid.AAAA", LinkRequest{Code: "1.sigmoid.AAAA"}, 0},
		{"#teacher=recall,sigmoid:forget", LinkRequest{Teacher: "recall,sigmoid:forget"}, 0},
		{"#bench=blank", LinkRequest{Blank: true}, 0},
		{"#scene%3Drecall", LinkRequest{}, 1}, // an escaped '=' is part of the key
		{"#sc%65ne=recall", LinkRequest{Scene: "recall"}, 0},

		// Bad parts are skipped with a notice; good parts still apply.
		{"#scene=nope&seed=5", LinkRequest{Seed: 5, HasSeed: true}, 1},
		{"#scene=sigmoid&seed=abc", LinkRequest{Scene: "sigmoid"}, 1},
		{"#seed=-1", LinkRequest{}, 1},
		{"#seed=18446744073709551616", LinkRequest{}, 1},
		{"#seed=1e3", LinkRequest{}, 1},
		{"#seed=", LinkRequest{}, 1},
		{"#scene=", LinkRequest{}, 1},
		{"#colour=red&scene=recall", LinkRequest{Scene: "recall"}, 1},
		{"#nonsense", LinkRequest{}, 1},
		{"#=x", LinkRequest{}, 1},
		{"#scene=%zz&seed=2", LinkRequest{Seed: 2, HasSeed: true}, 1},
		{"#%zz=1", LinkRequest{}, 1},
		{"#bench=other", LinkRequest{}, 1},
		{"#scene=recall&seed=x&scene=bad&what", LinkRequest{Scene: "recall"}, 3},
		{"#scene=" + strings.Repeat("x", 100), LinkRequest{}, 1},
		{"#" + strings.Repeat("a", maxHashLen+1), LinkRequest{}, 1},
		{"#scene=\x00\n&seed=\u202e1", LinkRequest{}, 2},
	} {
		got, notices := ParseHash(tc.hash, testNames)
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
		{"sigmoid", 0, "1.sigmoid.Ab-_9"},
		{"a b+c&d;e#f é", 7, ""},
	} {
		h := FormatHash(tc.scene, tc.seed, tc.code)
		assert.NotContains(t, h, "#")
		assert.NotContains(t, h, " ")
		got, notices := ParseHash("#"+h, append(testNames, tc.scene))
		assert.Empty(t, notices, h)
		assert.Equal(t, LinkRequest{Scene: tc.scene, Seed: tc.seed, HasSeed: true, Code: tc.code}, got, h)
	}
	assert.Equal(t, "scene=recall&seed=42", FormatHash("recall", 42, ""))
	assert.Equal(t, "scene=recall&seed=42&code=1.recall.x", FormatHash("recall", 42, "1.recall.x"))
}

// No input makes the parser panic.
func FuzzParseHash(f *testing.F) {
	for _, s := range []string{"#scene=recall&seed=1", "#%", "#=&=;;", "#code=%E2%82", "#seed=99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ParseHash(s, testNames)
	})
}
