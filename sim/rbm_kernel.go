package sim

// rbmDot returns Σ a_i b_i. Four partial sums let the additions overlap in
// the pipeline, which the compiler will not arrange on its own because it
// must keep floating-point addition in order.
func rbmDot(a, b []float64) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	for len(a) >= 4 {
		x, y := a[:4:4], b[:4:4]
		s0 += x[0] * y[0]
		s1 += x[1] * y[1]
		s2 += x[2] * y[2]
		s3 += x[3] * y[3]
		a, b = a[4:], b[4:]
	}
	for i, x := range a {
		s0 += x * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// rbmDot4 returns the dot products of a with four vectors of its length,
// reading a once for all four.
func rbmDot4(a, x0, x1, x2, x3 []float64) (s0, s1, s2, s3 float64) {
	n := len(a)
	x0, x1, x2, x3 = x0[:n], x1[:n], x2[:n], x3[:n]
	// Two sums per vector, for even and odd i, halve the chain of
	// dependent additions that would otherwise set the pace.
	var t0, t1, t2, t3 float64
	i := 0
	for ; i+2 <= n; i += 2 {
		w, u := a[i], a[i+1]
		s0 += w * x0[i]
		s1 += w * x1[i]
		s2 += w * x2[i]
		s3 += w * x3[i]
		t0 += u * x0[i+1]
		t1 += u * x1[i+1]
		t2 += u * x2[i+1]
		t3 += u * x3[i+1]
	}
	if i < n {
		w := a[i]
		s0 += w * x0[i]
		s1 += w * x1[i]
		s2 += w * x2[i]
		s3 += w * x3[i]
	}
	return s0 + t0, s1 + t1, s2 + t2, s3 + t3
}

// rbmAxpy4 adds a0·x0 + a1·x1 + a2·x2 + a3·x3 to dst, loading and storing
// each element of dst once for the four products.
func rbmAxpy4(dst []float64, a0 float64, x0 []float64, a1 float64, x1 []float64,
	a2 float64, x2 []float64, a3 float64, x3 []float64) {
	n := len(dst)
	x0, x1, x2, x3 = x0[:n], x1[:n], x2[:n], x3[:n]
	for i := range dst {
		dst[i] += a0*x0[i] + a1*x1[i] + a2*x2[i] + a3*x3[i]
	}
}

// rbmAxpy adds alpha·x to dst.
func rbmAxpy(dst []float64, alpha float64, x []float64) {
	x = x[:len(dst)]
	for len(dst) >= 4 {
		d, y := dst[:4:4], x[:4:4]
		d[0] += alpha * y[0]
		d[1] += alpha * y[1]
		d[2] += alpha * y[2]
		d[3] += alpha * y[3]
		dst, x = dst[4:], x[4:]
	}
	for i := range dst {
		dst[i] += alpha * x[i]
	}
}

// RBMTrainer trains an RBM on a fixed set of visible vectors by contrastive
