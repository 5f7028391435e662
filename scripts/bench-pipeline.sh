#!/usr/bin/env bash
# Throughput of the bulk pipeline (pipeline/, on Prism) against
# `extract --jsonl` on the same input: documents per second of wall time,
# start-up included, each tool on all cores (GOMAXPROCS workers), and
# documents per CPU-second (user + system, by GNU time), which a busy machine
# disturbs less.
#
# Usage: scripts/bench-pipeline.sh [-n ROUNDS] [-d DOCS]
#
# Builds both tools, generates DOCS synthetic documents (1% bad) in one JSON
# Lines file with pipeline/gencorpus, then runs the two one after the other
# in each round, so that a busy spell of the machine falls on both; prints
# the medians and the pipeline's ratio to extract. EXTRACT and PIPELINE name
# binaries already built, to skip the builds.
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
extract=${EXTRACT:-$tmp/extract} pipeline=${PIPELINE:-$tmp/pipeline}
[[ -n ${EXTRACT:-} ]] || go build -o "$extract" "$root/cmd/extract"
[[ -n ${PIPELINE:-} ]] || (cd "$root/pipeline" && go build -o "$pipeline" .)
(cd "$root/pipeline" && go run ./gencorpus -docs "$docs" -bad 0.01 -o "$tmp/corpus.jsonl")
# run CMD...: runs a command, its output discarded, and prints its wall and
# CPU (user + system) seconds.
run() {
	/usr/bin/time -f '%e %U %S' -o "$tmp/time" "$@" >/dev/null 2>&1 || [[ $? -eq 1 ]] # extract exits 1 when a line failed
	tail -1 "$tmp/time" | awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' # after "Command exited with non-zero status 1"
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
: >"$tmp/cli" && : >"$tmp/pipe"
for r in $(seq "$rounds"); do
	read -r cw cc < <(run "$extract" --jsonl "$tmp/corpus.jsonl")
	rm -rf "$tmp/out"
	read -r pw pc < <(run "$pipeline" --input "$tmp/corpus.jsonl" --output "$tmp/out/results")
	n=$(cat "$tmp"/out/results-?????-of-?????.jsonl "$tmp"/out/results-dead-letters-?????-of-?????.jsonl | wc -l)
	[[ $n -eq $docs ]] || { echo "round $r: the pipeline wrote $n lines for $docs documents"; exit 1; }
	echo "round $r: extract --jsonl ${cw}s wall ${cc}s CPU, pipeline ${pw}s wall ${pc}s CPU"
	echo "$cw $cc" >>"$tmp/cli" && echo "$pw $pc" >>"$tmp/pipe"
done
cw=$(cut -d' ' -f1 "$tmp/cli" | median) cc=$(cut -d' ' -f2 "$tmp/cli" | median)
pw=$(cut -d' ' -f1 "$tmp/pipe" | median) pc=$(cut -d' ' -f2 "$tmp/pipe" | median)
awk -v r="$rounds" -v n="$docs" -v cw="$cw" -v cc="$cc" -v pw="$pw" -v pc="$pc" 'BEGIN {
	printf "medians over %d rounds of %d documents:\n", r, n
	printf "  wall: extract --jsonl %.0f docs/s, pipeline %.0f docs/s: %.0f%%\n", n / cw, n / pw, 100 * cw / pw
	printf "  CPU:  extract --jsonl %.0f docs per CPU-second, pipeline %.0f: %.0f%%\n", n / cc, n / pc, 100 * cc / pc
}'
