#!/usr/bin/env bash
# The names two builds of `extract` find differently in unlabeled text that
# no figure is measured on: a fixed sample of the Wikipedia 2015 articles of
# ../shared/data/unlabeled (the first 8,000 characters of six articles drawn
# from each file, 420 in all). There is no gold to score against: the lines
# are for reading, to see what a rule changes on text unlike the dev sets.
#
# Usage: scripts/unlabeled-diff.sh [-d DATA] [-n PER_FILE] OLD_BINARY NEW_BINARY
#
# Each BINARY is an `extract` built from some commit (go build -o ...
# ./cmd/extract). Prints, per article, the name mentions (text and type)
# only OLD found ("<") and only NEW found (">"), then their counts.
set -euo pipefail
data=../shared/data per=6
while getopts d:n: o; do
	case $o in
	d) data=$OPTARG ;;
	n) per=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
(($# == 2)) || { echo "usage: $0 [-d DATA] [-n PER_FILE] OLD_BINARY NEW_BINARY" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$data/unlabeled/wikipedia-en-2015" "$per" >"$tmp/sample.jsonl" <<'EOF'
import glob, json, random, re, sys
random.seed(3)
for f in sorted(glob.glob(sys.argv[1] + "/wiki_*")):
    docs = re.findall(r'<doc id="\d+"[^>]*title="([^"]*)">\n(.*?)</doc>', open(f, encoding="utf-8").read(), re.S)
    for title, text in random.sample(docs, min(int(sys.argv[2]), len(docs))):
        print(json.dumps({"id": title, "text": text[:8000]}))
EOF
mentions() {
	"$1" --jsonl <"$tmp/sample.jsonl" 2>/dev/null | python3 -c '
import json, sys
for line in sys.stdin:
    d = json.loads(line)
    for kind in ("people", "places", "organizations"):
        for e in d.get(kind) or []:
            for m in e["mentions"]:
                if m.get("kind", "MENTION_KIND_PROPER") == "MENTION_KIND_PROPER":
                    print(d["id"], kind, m["text"], sep="\t")'
}
mentions "$1" | sort >"$tmp/old"
mentions "$2" | sort >"$tmp/new"
diff "$tmp/old" "$tmp/new" | grep '^[<>]' || true
echo "articles $(wc -l <"$tmp/sample.jsonl"); only old $(comm -23 "$tmp/old" "$tmp/new" | wc -l); only new $(comm -13 "$tmp/old" "$tmp/new" | wc -l)"
