#!/usr/bin/env bash
# Throughput of the bulk pipeline (pipeline/, on Prism) against
# `extract --jsonl` on the same input: documents per second of wall time,
# start-up included, each tool on all cores (GOMAXPROCS workers).
#
# Usage: scripts/bench-pipeline.sh [-n ROUNDS] [-d DOCS]
#
# Builds both tools, generates DOCS synthetic documents (1% bad) in one JSON
# Lines file with pipeline/gencorpus, then runs the two one after the other
# in each round, so that a busy spell of the machine falls on both; prints
# the medians and the pipeline's ratio to extract.
set -euo pipefail
rounds=3 docs=50000
while getopts n:d: o; do
	case $o in
	n) rounds=$OPTARG ;;
	d) docs=$OPTARG ;;
	*) exit 2 ;;
	esac
done
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/extract" "$root/cmd/extract"
(cd "$root/pipeline" && go build -o "$tmp/pipeline" . && go run ./gencorpus -docs "$docs" -bad 0.01 -o "$tmp/corpus.jsonl")
secs() { # wall seconds of a command, its output discarded
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>&1 || [[ $? -eq 1 ]] # extract exits 1 when a line failed
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", b - a }'
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
: >"$tmp/cli" && : >"$tmp/pipe"
for r in $(seq "$rounds"); do
	c=$(secs "$tmp/extract" --jsonl "$tmp/corpus.jsonl")
	rm -rf "$tmp/out"
	p=$(secs "$tmp/pipeline" --input "$tmp/corpus.jsonl" --output "$tmp/out/results")
	n=$(cat "$tmp"/out/results-*-of-*.jsonl "$tmp"/out/results-dead-letters-*-of-*.jsonl | wc -l)
	[[ $n -eq $docs ]] || { echo "round $r: the pipeline wrote $n lines for $docs documents"; exit 1; }
	echo "round $r: extract --jsonl $c s ($(awk -v n="$docs" -v s="$c" 'BEGIN { printf "%.0f", n / s }') docs/s), pipeline $p s ($(awk -v n="$docs" -v s="$p" 'BEGIN { printf "%.0f", n / s }') docs/s)"
	echo "$c" >>"$tmp/cli" && echo "$p" >>"$tmp/pipe"
done
c=$(median <"$tmp/cli") p=$(median <"$tmp/pipe")
awk -v r="$rounds" -v n="$docs" -v c="$c" -v p="$p" 'BEGIN {
	printf "median over %d rounds, %d documents: extract --jsonl %.0f docs/s, pipeline %.0f docs/s: %.0f%%\n", r, n, n / c, n / p, 100 * c / p
}'
