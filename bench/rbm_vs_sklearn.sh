#!/bin/sh
# rbm_vs_sklearn.sh: RBM training speed of `boltzexp rbm` against
# scikit-learn's BernoulliRBM, side by side on the same data and settings.
#
# Both train by persistent CD-1 with learning rate 0.06, mini-batches of
# 10, 20 epochs, no momentum and no weight decay, weights drawn from
# N(0, 0.01²), on one thread each, three seeds per size:
#
#   64×64    scikit-learn's 8×8 digits (1797 images), binarized as
#            pixel/16 > 0.5; 64 hidden units.
#   784×256  the same digits enlarged to 28×28 by bilinear interpolation
#            (scipy.ndimage.zoom, order 1) and binarized at 0.5: an
#            MNIST-shaped set of 1797 images; 256 hidden units.
#
# Samples per second is 1797 × 20 over the training time: BernoulliRBM.fit
# for scikit-learn, the seconds column of boltzexp (training only, the
# per-epoch scores are not timed). The time is each process's CPU time
# (time.process_time, boltzexp -clock cpu): with one thread each that is
# samples per second of one core, and it stays put when other work shares
# the machine, where wall time can swing by a factor of three. Set
# RBM_BENCH_CLOCK=wall to time by the wall clock instead. The
# pseudo-likelihood is each side's own stochastic estimate
# (BernoulliRBM.score_samples, boltzexp's pseudo_log_likelihood column) on
# the training set after the last epoch.
# Each row gives medians over the seeds; the ratio is of the medians,
# measured in this run with the two programs alternating.
#
# Python is a reference here only; nothing in the project needs it.
# Usage: bench/rbm_vs_sklearn.sh [seeds...]   (default: 1 2 3)
set -eu

cd "$(dirname "$0")/.."
seeds=${*:-1 2 3}
clock=${RBM_BENCH_CLOCK:-cpu}

# Debian's own interpreter, which python3-sklearn installs into (a python3
# earlier on PATH may be another one).
py=/usr/bin/python3
if ! "$py" -c 'import sklearn, scipy' 2>/dev/null; then
	sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	$sudo apt-get update -qq
	$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-sklearn >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
trap 'exit 1' INT TERM

"$py" - "$work" <<'PY'
import sys
import numpy as np
from scipy.ndimage import zoom
from sklearn.datasets import load_digits

out = sys.argv[1]
x = load_digits().data / 16.0
np.savetxt(out + "/digits64.csv", (x > 0.5).astype(np.uint8), fmt="%d", delimiter=",")
big = np.stack([zoom(im.reshape(8, 8), 3.5, order=1) for im in x]).reshape(len(x), -1)
assert big.shape[1] == 784
np.savetxt(out + "/digits784.csv", (big > 0.5).astype(np.uint8), fmt="%d", delimiter=",")
PY

cat >"$work/sk.py" <<'PY'
import sys, time
import numpy as np
from sklearn.neural_network import BernoulliRBM

path, hidden, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
clock = time.process_time if sys.argv[4] == "cpu" else time.perf_counter
x = np.loadtxt(path, delimiter=",")
rbm = BernoulliRBM(n_components=hidden, learning_rate=0.06, batch_size=10,
                   n_iter=20, random_state=seed, verbose=0)
start = clock()
rbm.fit(x)
seconds = clock() - start
print(f"{len(x) * 20 / seconds:.1f} {rbm.score_samples(x).mean():.4f}")
PY

go build -o "$work/boltzexp" ./cmd/boltzexp

# sk and go print "samples/s pseudo-likelihood" for one run.
sk() {
	env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 \
		"$py" "$work/sk.py" "$1" "$2" "$3" "$clock"
}
gorun() {
	n=$(($(wc -l <"$1") * 20))
	GOMAXPROCS=1 "$work/boltzexp" rbm -data "$1" -hidden "$2" -seed "$3" -persistent \
		-lr 0.06 -batch 10 -epochs 20 -momentum 0 -decay 0 -k 1 -clock "$clock" |
		awk -F, -v n="$n" 'END { printf "%.1f %.4f\n", n / $5, $4 }'
}
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "samples per second of $clock time, median of seeds $seeds"
printf '%-8s %14s %14s %7s %10s %10s\n' size sklearn_samp/s boltzexp_samp/s ratio sklearn_pl boltzexp_pl
for size in "64x64 digits64.csv 64" "784x256 digits784.csv 256"; do
	set -- $size
	: >"$work/sk.txt"
	: >"$work/go.txt"
	for s in $seeds; do
		sk "$work/$2" "$3" "$s" >>"$work/sk.txt"
		gorun "$work/$2" "$3" "$s" >>"$work/go.txt"
	done
	sks=$(cut -d' ' -f1 "$work/sk.txt" | median)
	gos=$(cut -d' ' -f1 "$work/go.txt" | median)
	skp=$(cut -d' ' -f2 "$work/sk.txt" | median)
	gop=$(cut -d' ' -f2 "$work/go.txt" | median)
	printf '%-8s %14.0f %14.0f %6.2fx %10.2f %10.2f\n' "$1" "$sks" "$gos" "$(echo "$gos $sks" | awk '{ print $1 / $2 }')" "$skp" "$gop"
	if [ -n "${RBM_BENCH_VERBOSE:-}" ]; then
		paste -d' ' "$work/sk.txt" "$work/go.txt" | sed 's/^/    runs: /'
	fi
done
