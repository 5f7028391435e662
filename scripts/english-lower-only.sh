#!/usr/bin/env bash
# Writes extractor/internal/lexicon/dictionary/english-lower-only.txt: the
# words that an English dictionary lists in lower case only ("ammonia";
# not "china", which it also lists as "China"), without possessives. The
# dictionary is SCOWL's American English list as Debian's wamerican package
# installs it (apt-get install wamerican).
#
# Usage: scripts/english-lower-only.sh [DICTIONARY]
set -euo pipefail
cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
dict=${1:-/usr/share/dict/american-english}
out=extractor/internal/lexicon/dictionary/english-lower-only.txt
{
	echo "# Words that an English dictionary lists in lower case only, one per line, sorted"
	echo "# (SCOWL via Debian wamerican; see PROVENANCE.md). Written by scripts/english-lower-only.sh."
	LC_ALL=C awk '
		/'"'"'/ { next }
		$0 == tolower($0) { lower[$0] = 1; next }
		{ capital[tolower($0)] = 1 }
		END { for (w in lower) if (!(w in capital)) print w }
	' "$dict" | LC_ALL=C sort
} >"$out"
echo "$out: $(($(wc -l <"$out") - 2)) words"
