#!/usr/bin/env bash
# The tagger's figures on every development set, through Extract, as
# docs/BENCHMARKS.md reports them: CoNLL-2003 dev (as is, lower-cased,
# upper-cased and title-cased), GUM dev (with its per-genre table; and
# lower-, upper- and title-cased; and each sentence sent alone), Universal
# NER EWT dev, the repository's genre set (extractor/testdata/genres; as
# whole documents, lower- and upper-cased, and a sentence at a time), its
# Wikipedia articles (extractor/testdata/wikipedia; as is, in each case, and
# a sentence at a time), and the training sets GUM train and CoNLL-2003
# train (as is and lower-cased), which the model has seen.
#
# Usage: scripts/ner-dev.sh [-m MODEL] [-d DATA] [-c FOLDS]
#
#   -m MODEL  a model file (default: the embedded model)
#   -d DATA   the shared data folder (default: ../shared/data)
#   -c FOLDS  also train FOLDS models, each without one fold of the Universal
#             NER documents, and score every document with the model that did
#             not see it (the honest figure for a model trained on that set).
#             Extra arguments after -- go to cmd/train.
set -euo pipefail
cd "$(git -C "$(dirname "$0")" rev-parse --show-toplevel)"
model= data=../shared/data folds=0
while getopts m:d:c: o; do
	case $o in
	m) model=$OPTARG ;;
	d) data=$OPTARG ;;
	c) folds=$OPTARG ;;
	*) exit 2 ;;
	esac
done
shift $((OPTIND - 1))
bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
go build -o "$bin/evaluate" ./cmd/evaluate
go build -o "$bin/train" ./cmd/train
m=()
[[ -n $model ]] && m=(-model "$model")
run() { echo "== $*"; "$bin/evaluate" "${m[@]}" "$@"; echo; }
run "$data/conll2003/dev.txt"
run -case lower "$data/conll2003/dev.txt"
run -case upper "$data/conll2003/dev.txt"
run -case title "$data/conll2003/dev.txt"
run -case lower "$data/gum/dev.docs.jsonl"
run -case upper "$data/gum/dev.docs.jsonl"
run -case title "$data/gum/dev.docs.jsonl"
run "$data/gum/dev.docs.jsonl"
run -sentences "$data/gum/dev.docs.jsonl"
run "$data/uner-ewt/en_ewt-ud-dev.iob2"
run extractor/testdata/genres/dev.docs.jsonl
run extractor/testdata/genres/heldout.docs.jsonl
run -case lower extractor/testdata/genres/dev.docs.jsonl
run -case upper extractor/testdata/genres/dev.docs.jsonl
run -case lower extractor/testdata/genres/heldout.docs.jsonl
run -sentences extractor/testdata/genres/dev.docs.jsonl
run -sentences extractor/testdata/genres/heldout.docs.jsonl
run extractor/testdata/wikipedia/dev.docs.jsonl
run -case lower extractor/testdata/wikipedia/dev.docs.jsonl
run -case upper extractor/testdata/wikipedia/dev.docs.jsonl
run -case title extractor/testdata/wikipedia/dev.docs.jsonl
run -sentences extractor/testdata/wikipedia/dev.docs.jsonl
run "$data/gum/train.docs.jsonl"
run -case lower "$data/gum/train.docs.jsonl"
run "$data/conll2003/train.txt"
run -case lower "$data/conll2003/train.txt"
if ((folds > 1)); then
	models=() pids=()
	for ((k = 0; k < folds; k++)); do
		models+=("$bin/fold$k.model")
		"$bin/train" -data "$data" -holdout "uner:$k/$folds" -q -workers 1 -out "$bin/fold$k.model" "$@" &
		pids+=($!)
	done
	for pid in "${pids[@]}"; do wait "$pid"; done
	echo "== cross-validation on $data/uner-ewt/en_ewt-ud-dev.iob2"
	"$bin/evaluate" -cv-models "$(IFS=,; echo "${models[*]}")" "$data/uner-ewt/en_ewt-ud-dev.iob2"
	echo "== cross-validation on $data/uner-ewt/en_ewt-ud-dev.iob2, each sentence alone"
	"$bin/evaluate" -sentences -cv-models "$(IFS=,; echo "${models[*]}")" "$data/uner-ewt/en_ewt-ud-dev.iob2"
	for c in lower upper; do
		echo "== cross-validation on $data/uner-ewt/en_ewt-ud-dev.iob2, $c-cased"
		"$bin/evaluate" -case "$c" -cv-models "$(IFS=,; echo "${models[*]}")" "$data/uner-ewt/en_ewt-ud-dev.iob2"
	done
fi
