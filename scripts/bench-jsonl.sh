#!/usr/bin/env bash
# Whole-process throughput of `extract --jsonl` on the CoNLL-2003 dev text as
# 216 documents (a sentence's tokens joined by spaces, sentences by
# newlines), start-up included, as a new user would measure it: tokens per
# CPU-second (user + system time of the whole process, by /usr/bin/time).
#
# Usage: scripts/bench-jsonl.sh [-n ROUNDS] [-w WORKERS] [-i] BINARY...
#
# Each BINARY is an `extract` built from some commit (go build -o ...
# ./cmd/extract). The binaries run one after the other in each round, so a
# busy spell of the machine falls on all of them; the medians over the rounds
# and each binary's ratio to the first are printed last. With -i, each
# binary runs once under valgrind's cachegrind instead, which counts the
# instructions the whole process executes: a figure that the load of a
# shared machine does not move, though it ignores cache misses (apt-get
# install valgrind).
set -euo pipefail
rounds=5 workers=1 count=
while getopts n:w:i o; do
	case $o in
	n) rounds=$OPTARG ;;
	w) workers=$OPTARG ;;
	i) count=1 ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[[ $# -ge 1 ]] || { sed -n '2,16p' "$0"; exit 2; }
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
dev=${CONLL_DEV:-$root/../shared/data/conll2003/dev.txt}
[[ -r $dev ]] || { echo "no CoNLL dev text at $dev (set CONLL_DEV)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
awk -v prefix=dev '
function flush() {
	if (sent != "") { doc = doc (doc == "" ? "" : "\\n") sent; sent = "" }
	if (doc != "") { n++; printf "{\"id\":\"%s-%d\",\"text\":\"%s\"}\n", prefix, n, doc; doc = "" }
}
/^-DOCSTART-/ { flush(); next }
NF == 0 { if (sent != "") { doc = doc (doc == "" ? "" : "\\n") sent; sent = "" } next }
{ w = $1; gsub(/\\/, "\\\\", w); gsub(/"/, "\\\"", w); sent = sent (sent == "" ? "" : " ") w; ntok++ }
END { flush(); print ntok > "/dev/stderr" }' "$dev" >"$tmp/dev.jsonl" 2>"$tmp/ntok"
ntok=$(cat "$tmp/ntok")
if [[ -n $count ]]; then
	echo "$(wc -l <"$tmp/dev.jsonl") documents, $ntok tokens; instructions, --workers $workers"
	for bin in "$@"; do
		# Valgrind does not decode RDTSCP, which the Go runtime uses when
		# the processor has it. One processor: no thread spins waiting for work.
		GOMAXPROCS=1 GODEBUG=cpu.rdtscp=off valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
			"$bin" --jsonl --workers "$workers" "$tmp/dev.jsonl" 2>"$tmp/err" >/dev/null || { cat "$tmp/err"; exit 1; }
		ins=$(sed -n 's/.*I *refs: *//p' "$tmp/err" | tr -d ,)
		[[ -n ${first:-} ]] || first=$ins
		awk -v i="$ins" -v f="$first" -v n="$ntok" -v b="$bin" \
			'BEGIN { printf "  %-40s %14.0f instructions  %7.0f per token  %.2fx\n", b, i, i / n, f / i }'
	done
	exit 0
fi
echo "$(wc -l <"$tmp/dev.jsonl") documents, $ntok tokens; $rounds rounds, --workers $workers"
for r in $(seq "$rounds"); do
	k=0
	for bin in "$@"; do
		/usr/bin/time -f "%U %S %e" -o "$tmp/time" "$bin" --jsonl --workers "$workers" "$tmp/dev.jsonl" >/dev/null 2>"$tmp/err" ||
			{ cat "$tmp/err"; exit 1; }
		read -r user sys wall <"$tmp/time"
		awk -v n="$ntok" -v u="$user" -v s="$sys" -v w="$wall" -v b="$bin" -v r="$r" \
			'BEGIN { printf "round %d  %-40s %6.2f s CPU  %6.2f s wall  %9.0f tokens/CPU-s\n", r, b, u + s, w, n / (u + s) }'
		echo "$ntok $user $sys" >>"$tmp/cpu.$k"
		k=$((k + 1))
	done
done
echo "medians:"
k=0
for bin in "$@"; do
	med=$(awk '{ print $1 / ($2 + $3) }' "$tmp/cpu.$k" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }')
	[[ $k -eq 0 ]] && first=$med
	awk -v m="$med" -v f="$first" -v b="$bin" 'BEGIN { printf "  %-40s %9.0f tokens/CPU-s  %.2fx\n", b, m, m / f }'
	k=$((k + 1))
done
