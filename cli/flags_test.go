package cli

import (
	"errors"
	"flag"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	var sink strings.Builder
	c, err := Parse([]string{"-scene", "recall", "-seed", "9", "-screenshot", "x.png", "-frames", "3", "-size", "390x844"}, &sink)
	require.NoError(t, err)
	assert.Equal(t, Config{Scene: "recall", Seed: 9, Screenshot: "x.png", Frames: 3, W: 390, H: 844}, c)

	c, err = Parse(nil, &sink)
	require.NoError(t, err)
	assert.Equal(t, Config{Scene: "recall", Seed: 1, Frames: 60}, c, "the defaults")
	assert.Equal(t, Defaults(), c, "Defaults agrees with an empty command line")

	c, err = Parse([]string{"-code", " 1.sigmoid.Ab-_9 ", "-scene", "recall"}, &sink)
	require.NoError(t, err)
	assert.Equal(t, "1.sigmoid.Ab-_9", c.Code)
	c, err = Parse([]string{"-load", "boltzlab-recall.json"}, &sink)
	require.NoError(t, err)
	assert.Equal(t, "boltzlab-recall.json", c.Load)

	_, err = Parse([]string{"-h"}, &sink)
	assert.True(t, errors.Is(err, flag.ErrHelp))
	assert.Contains(t, sink.String(), "-size")
	assert.Contains(t, sink.String(), "-bench-frames")
}

// Every refusal is one line that names what was wrong.
func TestParseRefuses(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-frames", "0"}, "-frames"},
		{[]string{"-frames", "-1"}, "-frames"},
		{[]string{"-seed", "abc"}, "seed"},
		{[]string{"-bogus"}, "bogus"},
		{[]string{"stray"}, "stray"},
		{[]string{"-size", "100x100"}, "from 200 to 8192"},
		{[]string{"-size", "99999x800"}, "from 200 to 8192"},
		{[]string{"-size", "wide"}, "WIDTHxHEIGHT"},
		{[]string{"-size", "1280x"}, "WIDTHxHEIGHT"},
		{[]string{"-bench-frames", "-5"}, "-bench-frames"},
		{[]string{"-code", ""}, "-code"},
		{[]string{"-code", "1.recall.a b"}, "-code"},
		{[]string{"-code", strings.Repeat("A", MaxCodeLen+1)}, "-code"},
		{[]string{"-code", "1.recall.a", "-load", "x.json"}, "one of them"},
		{[]string{"-bench-frames", "99999999999"}, "bench-frames"},
		{[]string{"-scene", strings.Repeat("x", 100000) + "=", "-bogus" + strings.Repeat("y", 100000)}, "boltzlab -h"},
	} {
		_, err := Parse(tc.args, &strings.Builder{})
		require.Error(t, err, "%v", tc.args)
		assert.Contains(t, err.Error(), tc.want)
		assert.NotContains(t, err.Error(), "\n")
		assert.Less(t, len(err.Error()), 300, "a long value is not echoed in full")
	}
}

func TestParseSize(t *testing.T) {
	w, h, err := ParseSize("1920X1080")
	require.NoError(t, err)
	assert.Equal(t, [2]int{1920, 1080}, [2]int{w, h})
}

func TestParseSoak(t *testing.T) {
	c, err := Parse([]string{"-soak", "2000", "-scene", "rbm"}, &strings.Builder{})
	require.NoError(t, err)
	assert.Equal(t, 2000, c.Soak)
	for _, args := range [][]string{{"-soak", "-1"}, {"-soak", "2000000"}, {"-soak", "10", "-bench-frames", "10"}} {
		_, err := Parse(args, &strings.Builder{})
		assert.Error(t, err, "%v", args)
	}
}
