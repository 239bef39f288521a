package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"boltzlab/sim"
)

func runDist(args []string, stdout io.Writer) error {
	def := sim.DistributionNet()
	fs := newFlagSet("dist", "print the exact Boltzmann distribution of a small ±1 network, one CSV row per state in state-number order (bit i set = unit i is +1): state,energy,p_exact, and p_sampled when -samples is given")
	n := fs.Int("n", def.N, 1, sim.MaxExactUnits, fmt.Sprintf("number of units (1–%d)", sim.MaxExactUnits))
	weights := fs.String("w", upperTriangle(def), "weights w_ij for i < j, comma-separated in row-major order (w01,w02,…,w12,…); n(n−1)/2 numbers, empty for n = 1")
	biases := fs.String("b", joinFloats(def.B), "biases b_0,…,b_{n−1}, comma-separated")
	T := fs.Float64("T", 1, 0, math.Inf(1), "temperature (≥ 0; 0 puts all mass on the ground states, inf spreads it evenly)")
	samples := fs.Int("samples", 0, 0, sim.MaxSamples, "if > 0, run a Gibbs chain for this many sweeps from a random state, count the state after each and add p_sampled")
	seed := fs.Uint64("seed", 1, "random seed of the Gibbs chain; the same seed prints the same p_sampled")
	asJSON := fs.Bool("json", false, "print one JSON object instead of CSV: the rows plus log_z, mean_energy, entropy and, when sampled, kl = KL(sampled ‖ exact); infinite values are written as null")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	w, err := parseFloats("-w", *weights, *n*(*n-1)/2, fmt.Sprintf("a %d-unit network has %d weights", *n, *n*(*n-1)/2))
	if err != nil {
		return err
	}
	b, err := parseFloats("-b", *biases, *n, fmt.Sprintf("a %d-unit network has %d biases", *n, *n))
	if err != nil {
		return err
	}
	net := sim.NewNet(*n)
	k := 0
	for i := 0; i < *n; i++ {
		for j := i + 1; j < *n; j++ {
			net.SetWeight(i, j, w[k])
			k++
		}
	}
	copy(net.B, b)
	// Every number is within ±MaxAbsWeight, so no energy sum can overflow;
	// this is the same check a file or share code goes through.
	if err := sim.CheckNetParams(net); err != nil {
		return badUsage("%v", err)
	}

	d := net.Exact(*T)
	var sampled []float64
	if *samples > 0 {
		rng := rand.New(rand.NewPCG(*seed, 0))
		s := make([]int8, *n)
		sim.RandomState(s, rng)
		g := sim.NewSampler(net, s, *T, rng)
		// In pieces, to report progress; the counts are the same as
		// one Run of all the sweeps.
		const piece = 1 << 16
		prog := newProgress("dist: sweep", *samples)
		for done := 0; done < *samples; {
			k := min(piece, *samples-done)
			g.Run(k)
			done += k
			prog.at(done)
		}
		prog.finish()
		sampled = g.Empirical(nil)
	}
	if *asJSON {
		return writeDistJSON(stdout, d, sampled, *samples, *seed)
	}
	return writeDistCSV(stdout, d, sampled)
}

// upperTriangle writes a network's weights in the order -w reads them, so
// the flag's default is the scene's network and cannot drift from it.
func upperTriangle(net *sim.Net) string {
	var w []float64
	for i := 0; i < net.N; i++ {
		for j := i + 1; j < net.N; j++ {
			w = append(w, net.Weight(i, j))
		}
	}
	return joinFloats(w)
}

func joinFloats(xs []float64) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.FormatFloat(x, 'g', -1, 64)
	}
	return strings.Join(parts, ",")
}

// parseFloats reads a comma-separated list of exactly want numbers, each
// finite and within ±sim.MaxAbsWeight, the bound that keeps every energy
// sum finite. An empty string is the empty list, which a one-unit
// network's weights need.
func parseFloats(flagName, text string, want int, why string) ([]float64, error) {
	var out []float64
	if strings.TrimSpace(text) != "" {
		fields := strings.Split(text, ",")
		// A list far longer than any network is refused before its
		// numbers are read.
		if len(fields) > max(want, 1)*2+16 {
			return nil, badUsage("%s has %d numbers, %s", flagName, len(fields), why)
		}
		for i, f := range fields {
			x, err := parseNumber(f)
			if err != nil {
				if strings.TrimSpace(f) == "" {
					return nil, badUsage("%s: number %d of %d is empty", flagName, i+1, len(fields))
				}
				return nil, badUsage("%s: number %d: %v", flagName, i+1, err)
			}
			if !(math.Abs(x) <= sim.MaxAbsWeight) {
				return nil, badUsage("%s: number %d is %s, beyond ±%g, the bound that keeps every energy finite", flagName, i+1, fmtFloat(x), sim.MaxAbsWeight)
			}
			out = append(out, x)
		}
	}
	if len(out) != want {
		return nil, badUsage("%s has %d numbers, %s", flagName, len(out), why)
	}
	return out, nil
}

func writeDistCSV(stdout io.Writer, d *sim.Dist, sampled []float64) error {
	w := bufio.NewWriter(stdout)
	w.WriteString("state,energy,p_exact")
	if sampled != nil {
		w.WriteString(",p_sampled")
	}
	w.WriteByte('\n')
	s := make([]int8, d.N)
	// A million rows at N = 20: append into one reused line rather than
	// going through fmt for every number.
	var line []byte
	for idx := range d.P {
		sim.StateOf(s, uint64(idx))
		line = append(line[:0], sim.String(s)...)
		line = append(line, ',')
		line = strconv.AppendFloat(line, d.E[idx], 'g', -1, 64)
		line = append(line, ',')
		line = strconv.AppendFloat(line, d.P[idx], 'g', -1, 64)
		if sampled != nil {
			line = append(line, ',')
			line = strconv.AppendFloat(line, sampled[idx], 'g', -1, 64)
		}
		line = append(line, '\n')
		w.Write(line)
	}
	return w.Flush()
}

type distRow struct {
	State    string   `json:"state"`
	Energy   float64  `json:"energy"`
	PExact   float64  `json:"p_exact"`
	PSampled *float64 `json:"p_sampled,omitempty"`
}

type distOutput struct {
	N          int       `json:"n"`
	T          *float64  `json:"T"`
	LogZ       *float64  `json:"log_z"`
	MeanEnergy float64   `json:"mean_energy"`
	Entropy    float64   `json:"entropy"`
	Samples    int       `json:"samples,omitempty"`
	Seed       *uint64   `json:"seed,omitempty"`
	KL         any       `json:"kl,omitempty"` // left out unless sampled; null when infinite
	Rows       []distRow `json:"rows"`
}

// orNull gives JSON, which has no infinities, a null in their place.
func orNull(x float64) *float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return nil
	}
	return &x
}

func writeDistJSON(stdout io.Writer, d *sim.Dist, sampled []float64, samples int, seed uint64) error {
	out := distOutput{
		N: d.N, T: orNull(d.T), LogZ: orNull(d.LogZ),
		MeanEnergy: d.MeanEnergy, Entropy: d.Entropy,
		Rows: make([]distRow, len(d.P)),
	}
	if sampled != nil {
		out.Samples, out.Seed = samples, &seed
		out.KL = orNull(sim.KL(sampled, d.P))
	}
	s := make([]int8, d.N)
	for idx := range d.P {
		sim.StateOf(s, uint64(idx))
		r := &out.Rows[idx]
		r.State, r.Energy, r.PExact = sim.String(s), d.E[idx], d.P[idx]
		if sampled != nil {
			r.PSampled = &sampled[idx]
		}
	}
	w := bufio.NewWriter(stdout)
	enc := json.NewEncoder(w)
	if err := enc.Encode(out); err != nil {
		return err
	}
	return w.Flush()
}
