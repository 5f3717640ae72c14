#!/bin/sh
# Retrains the entities taggers from ../shared/data (see
# plugins/entities/model/MODEL.md and the per-language cards there).
#
#   scripts/train-entities.sh [train-entities options]     English
#   scripts/train-entities.sh LANG [options]               one language
#   scripts/train-entities.sh all [options]                every language
#
# English writes plugins/entities/model/entities.model from CoNLL-2003
# train, WNUT-17 train and the even-numbered half of wikigold (about a
# minute and a half on one core, five models averaged); LANG writes
# entities-LANG.model from the ner/multi sets of that language (one to two
# minutes each). Builds the training tool in $BUILD (default: build/)
# first. The same data and options give the same model, byte for byte.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-"$root/build"}
cmake -S "$root" -B "$build" >/dev/null
make -C "$build" train-entities >/dev/null
cd "$root"
tool="$build/plugins/entities/train-entities"
out=plugins/entities/model

# The sets each language's model learns from (ner/multi/LANG-SOURCE).
sets_of() {
	case $1 in
	de) echo de-conll2003 ;;
	es) echo es-conll2002 ;;
	nl) echo nl-conll2002 ;;
	fr) echo fr-europeana ;;
	pt) echo pt-uner ;;
	da) echo da-uner ;;
	sv) echo sv-uner ;;
	nb) echo nb-norne ;;
	nn) echo nn-norne ;;
	fi) echo fi-turku ;;
	ru) echo ru-factrueval ;;
	*) return 1 ;;
	esac
}

# Training data from related languages as well (--extra): Spanish learns
# from the Portuguese set too, German from the Dutch one, Swedish from the
# Danish and Bokmål ones, which measured better than each alone
# (model/LANGUAGES.md).
extra_of() {
	case $1 in
	de) echo nl-conll2002 ;;
	es) echo pt-uner ;;
	sv) echo da-uner nb-norne ;;
	*) echo "" ;;
	esac
}

# The training set's own names as a gazetteer (train/names.h) measured
# better on every language's dev set but Dutch (nothing gained) and
# French (worse), whose models are kept without them (model/LANGUAGES.md).
names_of() {
	case $1 in
	nl|fr) echo --no-own-names ;;
	*) echo "" ;;
	esac
}

# The language's dictionary of ordinary words (train/gazetteers.h), from
# Debian's word lists: German's is wngerman's /usr/share/dict/ngerman
# (apt-get install wngerman; only training needs it, the model carries
# it). Its table takes the file past 15 MB unless the rows that move a
# score least are dropped: 131,000 rows keep the feature index at half
# the size (model/LANGUAGES.md).
dictionary_of() {
	case $1 in
	de) echo /usr/share/dict/ngerman ;;
	*) echo "" ;;
	esac
}

# The language's own names of countries and their regions ("Kanada",
# "Niedersachsen"), from the translations of Debian's iso-codes
# (apt-get install iso-codes; training only, like the dictionary): with
# them a German adjective made of a name ("kanadischen") finds its name
# (model/LANGUAGES.md). Only German measured better with them.
places_of() {
	case $1 in
	de) echo de ;;
	*) echo "" ;;
	esac
}

# English: CoNLL-2003 news, with other genres to generalise from: the
# tweets and comments of WNUT-17 (its types read as CoNLL's, train/corpus.c)
# and the even half of wikigold, once an epoch (twice measured worse on
# the odd half); seed 11 is the typical one of three (model/MODEL.md).
english="--wikigold-even --extra ../shared/data/ner/wnut17/wnut17train.conll --seed 11"

# Three models of 30 epochs averaged: the other languages' sets are as
# large as English's, and their dev scores peak before 30 epochs.
train_language() {
	lang=$1
	shift
	sets=$(sets_of "$lang") || { echo "no sets for $lang" >&2; exit 2; }
	args=""
	for s in $sets; do
		args="$args --set $s"
	done
	for s in $(extra_of "$lang"); do
		args="$args --extra $s"
	done
	args="$args $(names_of "$lang")"
	dict=$(dictionary_of "$lang")
	if [ -n "$dict" ]; then
		if [ ! -r "$dict" ]; then
			echo "$lang needs $dict (apt-get install wngerman)" >&2
			exit 2
		fi
		args="$args --dictionary $dict --max-rows 131000"
	fi
	places=$(places_of "$lang")
	if [ -n "$places" ]; then
		list=$(mktemp)
		if ! /usr/bin/python3 scripts/places-from-iso-codes.py "$places" \
		    >"$list"; then
			rm -f "$list"
			exit 2
		fi
		args="$args --places $list"
	fi
	echo "== $lang ($sets)"
	rc=0
	# shellcheck disable=SC2086
	"$tool" --data ../shared/data $args --ensemble 3 --epochs 30 \
	    --out "$out/entities-$lang.model" "$@" || rc=$?
	if [ -n "$places" ]; then
		rm -f "$list"
	fi
	return $rc
}

case ${1:-} in
all)
	shift
	"$tool" --data ../shared/data $english \
	    --out "$out/entities.model" "$@"
	for lang in de es nl fr pt da sv nb nn fi ru; do
		train_language "$lang" "$@"
	done
	;;
[a-z][a-z])
	lang=$1
	shift
	train_language "$lang" "$@"
	;;
*)
	# shellcheck disable=SC2086
	exec "$tool" --data ../shared/data $english \
	    --out "$out/entities.model" "$@"
	;;
esac
