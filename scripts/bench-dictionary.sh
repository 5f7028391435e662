#!/usr/bin/env bash
# Whole-process cost of a dictionary in extractd: for each size, a synthetic
# TSV dictionary (two or three invented words per entry, four types, an id
# and a metadata column) is generated, extractd is started with it, and the
# script reports the time until it serves (wall clock, and the process's
# CPU time: user + system), its RSS once serving, and the CPU time, peak RSS
# (VmHWM) and RSS after a reload through POST /dictionary/reload, next to a
# run without a dictionary. Needs curl and jq.
#
# Usage: scripts/bench-dictionary.sh [SIZE...]     (default: 10000 100000 1000000)
set -euo pipefail
sizes=("$@")
[[ ${#sizes[@]} -gt 0 ]] || sizes=(10000 100000 1000000)
root=$(git -C "$(dirname "$0")" rev-parse --show-toplevel)
tmp=$(mktemp -d)
pid=""
cleanup() {
	[[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
(cd "$root" && go build -o "$tmp/extractd" ./cmd/extractd)

gen() { # gen N FILE
	awk -v n="$1" 'BEGIN {
		split("ka lo mi ra ten vo zu bel dor fin gar hul jes kor lun mar nox pel qua ris sol tam ul vex wen xan yor zel", s, " ")
		split("PRODUCT ORGANIZATION PERSON DRUG", types, " "); split("Pro Holdings  Forte", suffix, " ")
		print "phrase\ttype\tid\tsegment"
		for (i = 0; i < n; i++) {
			w = ""; k = i; do { w = w s[k % 28 + 1]; k = int(k / 28) } while (k > 0)
			v = ""; k = (i * 7919) % 10007; do { v = v s[k % 28 + 1]; k = int(k / 28) } while (k > 0)
			t = i % 4 + 1
			p = toupper(substr(w, 1, 1)) substr(w, 2) " " toupper(substr(v, 1, 1)) substr(v, 2)
			if (suffix[t] != "") p = p " " suffix[t]
			printf "%s\t%s\tE%07d\tseg%d\n", p, types[t], i, i % 97
		}
	}' >"$2"
}

kib() { awk -v f="$1:" '$1 == f { print $2 }' "/proc/$pid/status"; }
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$pid/stat"; } # user + system seconds

printf '%-10s %9s %10s %10s %8s %16s %14s %14s\n' entries file_MiB serving_s cpu_s rss_MiB reload_cpu_s reload_peak_MiB rss_after_MiB
for n in 0 "${sizes[@]}"; do
	args=(--grpc-addr 127.0.0.1:0 --http-addr 127.0.0.1:0 --admin-addr 127.0.0.1:0 --demo=false --log-level info)
	mib=0
	if [[ $n -gt 0 ]]; then
		gen "$n" "$tmp/d.tsv"
		mib=$(awk -v b="$(stat -c %s "$tmp/d.tsv")" 'BEGIN { printf "%.1f", b / 1048576 }')
		args+=(--dictionary "$tmp/d.tsv")
	fi
	: >"$tmp/log"
	start=$(date +%s.%N)
	"$tmp/extractd" "${args[@]}" 2>"$tmp/log" &
	pid=$!
	until grep -q '"msg":"serving"' "$tmp/log"; do
		kill -0 "$pid" 2>/dev/null || { cat "$tmp/log"; exit 1; }
		sleep 0.02
	done
	serving=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }')
	rss=$(kib VmRSS)
	cpu0=$(cpu)
	peak="-" after="-" rcpu="-"
	if [[ $n -gt 0 ]]; then
		admin=$(grep '"msg":"serving"' "$tmp/log" | jq -r .admin)
		curl -sf -X POST "http://$admin/dictionary/reload" >/dev/null
		rcpu=$(awk -v a="$cpu0" -v b="$(cpu)" 'BEGIN { printf "%.2f", b - a }')
		peak=$(awk -v k="$(kib VmHWM)" 'BEGIN { printf "%.0f", k / 1024 }')
		after=$(awk -v k="$(kib VmRSS)" 'BEGIN { printf "%.0f", k / 1024 }')
	fi
	printf '%-10s %9s %10s %10s %8.0f %16s %14s %14s\n' "$n" "$mib" "$serving" "$cpu0" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$rcpu" "$peak" "$after"
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	pid=""
done
