package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/sim"
)

// refused runs args and checks the refusal: status 2, nothing on
// standard output, one line on standard error that contains every one of
// want, and no more than a short line's length. It returns the line. (A
// value that made the command run for ever would show as the test's own
// time-out: no wall-clock limit here, which a busy machine could break.)
func refused(t *testing.T, args []string, want ...string) string {
	t.Helper()
	code, out, errOut := runArgs(args...)
	assert.Equal(t, 2, code, "%.80v: %s", args, errOut)
	assert.Empty(t, out, "%.80v", args)
	assert.Equal(t, 1, strings.Count(errOut, "\n"), "one line for %.80v: %q", args, errOut)
	assert.Less(t, len(errOut), 300, "a short line for %.80v", args)
	for _, w := range want {
		assert.Contains(t, errOut, w, "%.80v", args)
	}
	return errOut
}

var maxInt = strconv.Itoa(math.MaxInt)

// Sizes that used to panic in makeslice or run out of memory are refused
// with the flag, the value and the cap.
func TestHugeSizesRefused(t *testing.T) {
	for _, c := range []struct {
		args []string
		cap  int
	}{
		{[]string{"race", "-runs", maxInt}, sim.MaxRuns},
		{[]string{"rbm", "-batch", maxInt}, sim.MaxBatch},
		{[]string{"race", "-runs", "100000000"}, sim.MaxRuns},
		{[]string{"rbm", "-batch", "100000000"}, sim.MaxBatch},
		{[]string{"learn", "-sample-negative", "-chains", "1e8"}, sim.MaxChains},
		{[]string{"census", "-workers", "10000000"}, sim.MaxWorkers},
		{[]string{"race", "-workers", "10000000"}, sim.MaxWorkers},
		{[]string{"rbm", "-hidden", "5000"}, sim.MaxRBMHidden},
		{[]string{"rbm", "-epochs", maxInt}, sim.MaxEpochs},
		{[]string{"learn", "-epochs", maxInt}, sim.MaxEpochs},
		{[]string{"recall", "-sweeps", maxInt}, sim.MaxSweeps},
	} {
		flagName, value := c.args[len(c.args)-2], c.args[len(c.args)-1]
		if value == "1e8" {
			value = "100000000"
		}
		refused(t, c.args, flagName+" "+value, fmt.Sprintf("cap of %d", c.cap))
	}
}

// Sweeps, samples and k at the largest int used to run silently forever.
func TestEndlessRunsRefused(t *testing.T) {
	for _, c := range []struct {
		args []string
		cap  int
	}{
		{[]string{"dist", "-samples", maxInt}, sim.MaxSamples},
		{[]string{"race", "-sweeps", maxInt}, sim.MaxSweeps},
		{[]string{"rbm", "-k", maxInt}, sim.MaxGibbsSteps},
		{[]string{"learn", "-sweeps", maxInt}, sim.MaxSweeps},
	} {
		refused(t, c.args, c.args[1]+" "+maxInt, fmt.Sprintf("cap of %d", c.cap))
	}
	// Each within its cap, but together beyond any reasonable run.
	refused(t, []string{"race", "-runs", "100000", "-sweeps", "10000000"}, "past the cap of 1000000000")
	refused(t, []string{"learn", "-sample-negative", "-chains", "100000", "-sweeps", "10000000"}, "past the cap of 1000000000")
}

func TestRaceSummaryOfNoRunsRefused(t *testing.T) {
	refused(t, []string{"race", "-runs", "0", "-summary"}, "-summary needs -runs ≥ 1")
	code, out, _ := runArgs("race", "-runs", "0")
	assert.Equal(t, 0, code, "no runs without a summary is an empty table")
	assert.NotContains(t, out, "NaN")
}

// Weights whose sums overflow used to print NaN and −Inf with status 0.
func TestDistOverflowRefused(t *testing.T) {
	refused(t, []string{"dist", "-n", "2", "-w", "1e308", "-b", "1e308,1e308"}, "-w: number 1 is 1e+308", "beyond ±1e+06")
	refused(t, []string{"dist", "-n", "2", "-w", "1", "-b", "0,-1e7"}, "-b: number 2 is -1e+07")
	// At the bound every number is finite, even at a tiny temperature.
	code, out, errOut := runArgs("dist", "-n", "3", "-w", "1e6,-1e6,1e6", "-b", "1e6,1e6,-1e6", "-T", "1e-300", "-json")
	require.Equal(t, 0, code, errOut)
	assert.NotContains(t, out, "NaN")
	assert.NotContains(t, out, "Inf")
}

// Training that diverges stops with status 2 and a message naming the
// flag to lower; no NaN row is printed and nothing is saved.
func TestDivergenceStops(t *testing.T) {
	dir := t.TempDir()
	save := filepath.Join(dir, "m.json")
	for _, c := range []struct {
		args []string
		flag string
	}{
		{[]string{"learn", "-lr", "1e308"}, "lower -lr"},
		{[]string{"rbm", "-lr", "10", "-decay", "10", "-save", save}, "lower -decay or -lr"},
		{[]string{"rbm", "-decay", "1e10", "-save", save}, "lower -decay or -lr"},
		{[]string{"rbm", "-lr", "1e300", "-save", save}, "lower -lr"},
	} {
		code, out, errOut := runArgs(c.args...)
		assert.Equal(t, 2, code, "%v: %s", c.args, errOut)
		assert.Contains(t, errOut, "training diverged", "%v", c.args)
		assert.Contains(t, errOut, c.flag, "%v", c.args)
		assert.Equal(t, 1, strings.Count(errOut, "\n"), "%v: %q", c.args, errOut)
		assert.NotContains(t, strings.ToLower(out), "nan", "%v", c.args)
		assert.NotContains(t, strings.ToLower(out), "inf", "%v", c.args)
		_, err := os.Stat(save)
		assert.True(t, os.IsNotExist(err), "%v: no file, not even an empty one", c.args)
	}
	// A good earlier file survives a run that diverges.
	require.NoError(t, os.WriteFile(save, []byte("earlier"), 0o644))
	code, _, _ := runArgs("rbm", "-decay", "1e10", "-save", save)
	assert.Equal(t, 2, code)
	got, _ := os.ReadFile(save)
	assert.Equal(t, "earlier", string(got))
}

func TestSaveIsSafe(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data.csv")
	text := "1,0,1\n0,1,0\n"
	require.NoError(t, os.WriteFile(data, []byte(text), 0o644))

	// -save naming the -data file, however spelled, is refused before
	// anything is trained, and the data stays.
	refused(t, []string{"rbm", "-data", data, "-save", data}, "names the -data file")
	refused(t, []string{"rbm", "-data", data, "-save", filepath.Join(dir, ".", "data.csv")}, "names the -data file")
	link := filepath.Join(dir, "link.csv")
	if os.Symlink(data, link) == nil {
		refused(t, []string{"rbm", "-data", link, "-save", data}, "names the -data file")
	}
	got, _ := os.ReadFile(data)
	assert.Equal(t, text, string(got))

	// A path that cannot be written is refused up front with status 2.
	refused(t, []string{"rbm", "-save", filepath.Join(dir, "missing", "m.json")}, "-save", "no such file or directory")
	refused(t, []string{"rbm", "-save", dir}, "-save", "not a regular file")

	// A save replaces the old file whole, leaving no temporary file.
	save := filepath.Join(dir, "m.json")
	require.NoError(t, os.WriteFile(save, []byte("old"), 0o644))
	code, _, errOut := runArgs("rbm", "-epochs", "3", "-save", save)
	require.Equal(t, 0, code, errOut)
	f, err := os.Open(save)
	require.NoError(t, err)
	defer f.Close()
	_, err = sim.ReadRBM(f)
	require.NoError(t, err)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		assert.NotContains(t, e.Name(), ".tmp-")
	}
}

// Data files are bounded before they are parsed.
func TestDataFileBounded(t *testing.T) {
	dir := t.TempDir()
	// 100 MB, sparse: refused by its size alone, without being read.
	big := filepath.Join(dir, "big.csv")
	f, err := os.Create(big)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(100<<20))
	f.Close()
	refused(t, []string{"rbm", "-data", big}, "big.csv is 104.9 MB, more than the limit of 33.6 MB")

	// A device that never ends.
	if _, err := os.Stat("/dev/zero"); err == nil {
		refused(t, []string{"rbm", "-data", "/dev/zero"}, "/dev/zero is more than the limit of 33.6 MB")
	}

	// Two million columns: refused by the row width, before a value is
	// converted or an RBM of 2M × 4096 weights is allocated.
	wide := filepath.Join(dir, "wide.csv")
	require.NoError(t, os.WriteFile(wide, []byte(strings.Repeat("1,", 2_000_000-1)+"1\n"), 0o644))
	refused(t, []string{"rbm", "-data", wide, "-hidden", "4096"}, "wide.csv line 1: 2000000 values, past the cap of 65536 per row")

	// Within the row width, but too many weights.
	mid := filepath.Join(dir, "mid.csv")
	require.NoError(t, os.WriteFile(mid, []byte(strings.Repeat("1,", 60_000-1)+"1\n"), 0o644))
	refused(t, []string{"rbm", "-data", mid, "-hidden", "4096"}, "-hidden 4096", "more than the cap of 4194304")
}

// A byte-order mark no longer turns the first data row into a header.
func TestDataFileWithBOM(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"bom.csv":        "\ufeff1,0,1\n0,1,0\n1,1,0\n",
		"bom-header.csv": "\ufeffa,b,c\n1,0,1\n0,1,0\n1,1,0\n",
		"plain.csv":      "1,0,1\n0,1,0\n1,1,0\n",
	} {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(text), 0o644))
		data, err := readSamples(path)
		require.NoError(t, err, name)
		assert.Equal(t, [][]float64{{1, 0, 1}, {0, 1, 0}, {1, 1, 0}}, data, name)
	}
}

// Messages name what is wrong, and never repeat a huge value in full.
func TestMessages(t *testing.T) {
	refused(t, []string{"dist", "-n", "3", "-w", "1,,0"}, "-w: number 2 of 3 is empty")
	refused(t, []string{"dist", "-n", "2", "-w", "1e400"}, "-w: number 1: 1e400 is out of range")
	refused(t, []string{"recall", "-T", "1e400"}, "-T: 1e400 is out of range")
	refused(t, []string{"race", "-runs", "1e30"}, "-runs: 1e30 is out of range (the cap is 100000)")
	refused(t, []string{"race", "-runs", "1.5"}, "-runs: 1.5 is not a whole number")

	huge := strings.Repeat("7", 120_000)
	line := refused(t, []string{"race", "-runs", huge}, "(120000 characters)")
	assert.Less(t, len(line), 120)
	line = refused(t, []string{"dist", "-w", huge}, "(120000 characters)")
	assert.Less(t, len(line), 200)
	refused(t, []string{"race", "-strategies", strings.Repeat("x", 120_000)}, "(120000 characters)")
	refused(t, []string{"race", "-" + strings.Repeat("x", 120_000)}, "flag provided but not defined", "(120001 characters)")
	refused(t, []string{"recall", "-pattern", strings.Repeat("x", 120_000)}, "(120000 characters)")
	refused(t, []string{"recall", strings.Repeat("x", 120_000)}, "unexpected argument", "(120000 characters)")
	refused(t, []string{"rbm", "-data", "/" + strings.Repeat("x", 120_000)}, "(120001 characters)")
	refused(t, []string{"dist", "-seed", huge}, "(120000 characters)")
	// A number of 300 digits is shown by its first digits.
	refused(t, []string{"dist", "-T", strings.Repeat("9", 400)}, "is out of range")
}
