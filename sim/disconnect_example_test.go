package sim_test

import (
	"fmt"

	"boltzlab/sim"
)

// The annealing landscape's valleys with their barriers, and where a state
// lies on the tree.
func ExampleNet_Disconnectivity() {
	l := sim.AnnealingLandscape()
	d := l.Net.Disconnectivity(l.Patterns)
	for _, v := range d.Valleys[:6] {
		fmt.Printf("%-10s E = %4g  barrier %3g  strict %t\n", v.Match.Label(l.Patterns), v.Energy, v.Barrier, v.Rise > 0)
	}
	fmt.Println(len(d.Valleys), "valleys; every basin has met at E =", d.Nodes[d.Root].Energy)
	// A state one flip away from U lies on a branch whose deepest valley
	// is U: at its energy, the spurious valleys that drain into U's basin
	// over low saddles have already joined it.
	s := append([]int8(nil), l.Patterns[0].Units...)
	s[0] = -s[0]
	x := sim.IndexOf(s)
	node := d.Nodes[d.Locate(x)]
	fmt.Printf("E = %g on the branch from %g up to %g, deepest below: %s\n", d.Energy(x), node.Energy,
		d.Nodes[node.Parent].Energy, d.Valleys[node.Lowest].Match.Label(l.Patterns))
	// Output:
	// U          E = -312  barrier 102  strict true
	// inverse:U  E = -312  barrier 102  strict true
	// P          E = -288  barrier  48  strict true
	// inverse:P  E = -288  barrier  48  strict true
	// spurious   E = -282  barrier  10  strict true
	// spurious   E = -282  barrier  10  strict true
	// 28 valleys; every basin has met at E = -178
	// E = -242 on the branch from -272 up to -240, deepest below: U
}
