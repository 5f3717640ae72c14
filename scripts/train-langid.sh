#!/bin/sh
# Trains the langid model: plugins/langid/model/langid.model.
#
#   scripts/train-langid.sh [--build DIR] [--data DIR] [--extra DIR] [-o MODEL]
#
# Run scripts/prepare-langid-data.sh first (same --extra/--out folder); it
# downloads the Debian packages whose text the model learns besides the
# UDHR. Takes two to three minutes on one core. The UDHR paragraphs numbered
# 0, 10, 20... of each translation are held out for scripts/eval-langid.py.
# Naive Bayes first, then a discriminative correction (an averaged
# perceptron) learned on text the first model did not see. The UDHR's
# Latin-script Central Kurdish (ckb-Latn) is left out: it is the Kurmanji
# (kmr) translation, paragraph for paragraph, under another code.
# Two groups of word lists, es/pt/gl/ca and nb/nn/da/sv, 10 bits a word.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
build=$here/build
data=$here/../shared/data
extra=${XDG_CACHE_HOME:-$HOME/.cache}/lector/langid
out=$here/plugins/langid/model/langid.model
while [ $# -gt 0 ]; do
	case $1 in
	--build) build=$2; shift 2 ;;
	--data) data=$2; shift 2 ;;
	--extra) extra=$2; shift 2 ;;
	-o) out=$2; shift 2 ;;
	*) echo "usage: $0 [--build DIR] [--data DIR] [--extra DIR] [-o MODEL]" >&2; exit 2 ;;
	esac
done
for f in help.tsv games.tsv pages.tsv stories.tsv everyday.tsv lexicons.tsv \
    lexicons-nordic.tsv langs.tsv speakers.tsv; do
	if [ ! -s "$extra/$f" ]; then
		echo "train-langid: $extra/$f missing; run scripts/prepare-langid-data.sh --out $extra" >&2
		exit 1
	fi
done

cmake --build "$build" --target langid-train >/dev/null
"$build/plugins/langid/langid-train" train \
    --udhr "$data/langid/udhr.tsv" --skip-udhr ckb-Latn \
    --extra "$extra/help.tsv" --extra "$extra/games.tsv" \
    --extra "$extra/pages.tsv" --extra "$extra/stories.tsv" \
    --clean-extra "$extra/everyday.tsv" \
    --names "$extra/langs.tsv" --speakers "$extra/speakers.tsv" \
    --lexicons "$extra/lexicons.tsv" --lexicons "$extra/lexicons-nordic.tsv" \
    --heldout-every 10 --postings 24 --prior 6 --cap 2.5 --word-cap 6 \
    --unseen -15 --min-pairs 4 --lone-min 1.75 --epochs 4 --rate 0.03 --margin 1 --limit 5 \
    --tune-pieces 8000 --min-delta 0.01 \
    -o "$out"
ls -l "$out"
