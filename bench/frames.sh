#!/bin/sh
# frames.sh measures the Go time of a frame for every scene: RUNS runs of
# `boltzlab -bench-frames FRAMES` per scene (the scene in its busiest state,
# then the blank game, in one process), and prints one Markdown row per
# scene with the median over the runs of each figure.
#
#   bench/frames.sh                 # 5 runs of 600 frames per scene
#   RUNS=7 FRAMES=300 bench/frames.sh recall sigmoid
set -eu
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
FRAMES=${FRAMES:-600}
SIZE=${SIZE:-1280x800}
SCENES=${*:-recall sigmoid distribution annealing learning rbm digits capacity}
XVFB=""
if [ -z "${DISPLAY:-}" ]; then
	XVFB="xvfb-run -a -s -screen\ 0\ 1920x1080x24"
fi
bin=$(mktemp -d)/boltzlab
go build -o "$bin" ./cmd/boltzlab
echo "$(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores, $(go version | cut -d' ' -f3), $(date -u +%Y-%m-%d), $RUNS runs of $FRAMES frames at $SIZE"
echo
echo "| scene | p50 | p95 | p99 | p95 of the wait for the simulation | heap allocations per frame | blank p50 / p95 |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for s in $SCENES; do
	out=$(mktemp)
	i=0
	while [ "$i" -lt "$RUNS" ]; do
		eval "$XVFB" "$bin" -scene "$s" -size "$SIZE" -bench-frames "$FRAMES" | tail -n 2 >>"$out"
		i=$((i + 1))
	done
	# Median of each column over the runs, for the scene's rows and the
	# blank game's.
	med() { grep "^$1," "$out" | cut -d, -f"$2" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
	printf '| %s | %s ms | %s ms | %s ms | %s ms | %s | %s / %s ms |\n' "$s" \
		"$(med "$s" 3)" "$(med "$s" 4)" "$(med "$s" 5)" "$(med "$s" 7)" "$(med "$s" 6)" "$(med blank 3)" "$(med blank 4)"
	rm -f "$out"
done
