#!/bin/sh
# Prepares the extra training text for the langid model from Debian packages.
#
#   scripts/prepare-langid-data.sh [--out DIR] [--data DIR]
#
# Downloads (does not install) the LibreOffice help packages, which hold
# real prose in 30 languages, and the campaigns of the game Battle for
# Wesnoth, whose translated dialogue (gettext catalogues, GPL) is everyday
# language in some 50 languages, the GNOME user help (CC-BY-SA, 40
# languages), and more games and children's software whose translations
# are everyday sentences (FreeCol, FreeDink, FreedroidRPG, GCompris,
# SuperTux, Tux Paint stamps), and the word lists of Spanish, Portuguese,
# Galician and Catalan (/usr/share/dict lists, the Spanish hunspell
# dictionary) and of Norwegian Bokmål and Nynorsk, Danish and Swedish
# (wnorwegian, wdanish, wswedish); unpacks them under DIR and writes:
#   DIR/help.tsv    iso639-3 <TAB> paragraph, one a line
#   DIR/games.tsv   iso639-3 <TAB> line of dialogue or story
#   DIR/pages.tsv   iso639-3 <TAB> paragraph of the GNOME help
#   DIR/stories.tsv iso639-3 <TAB> sentence of the other games and software
#   DIR/lexicons.tsv iso639-3 <TAB> word, the word lists of es, pt, gl, ca
#   DIR/lexicons-nordic.tsv  the same for nb, nn, da, sv (their words of
#                   at most 12 letters)
#   DIR/langs.tsv   iso639-3 <TAB> ISO 639-1 or -3 code <TAB> English name
# (names from Debian's iso-codes), and from the corpora of --data (default
# ../shared/data) the everyday sentences of the UD treebanks and the NER
# sets, split by document (plugins/langid/train/everyday.py):
#   DIR/everyday.tsv, everyday-dev.tsv, everyday-final.tsv
#                   iso639-3 <TAB> sentence; train, dev, final
#   DIR/speakers.tsv  code <TAB> people who speak it (Unicode CLDR,
#                   Debian unicode-cldr-core) The training tool reads these files and
# fetches nothing itself. manpages-* and fortunes-* are kept out on purpose:
# they are for independent evaluation.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
out=${XDG_CACHE_HOME:-$HOME/.cache}/lector/langid
data=$here/../shared/data
while [ $# -gt 0 ]; do
	case $1 in
	--out) out=$2; shift 2 ;;
	--data) data=$2; shift 2 ;;
	*) echo "usage: $0 [--out DIR] [--data DIR]" >&2; exit 2 ;;
	esac
done

# package suffix -> ISO 639-3 label used by the training data
langs="ca:cat cs:ces da:dan de:deu dz:dzo el:ell en-us:eng es:spa et:ekk
eu:eus fi:fin fr:fra gl:glg hi:hin hu:hun id:ind it:ita ja:jpn km:khm
ko:kor nl:nld om:gaz pl:pol pt:por pt-br:por ru:rus sk:slk sl:slv sv:swe
tr:tur vi:vie zh-cn:cmn zh-tw:cmn"

if [ ! -f /usr/share/iso-codes/json/iso_639-3.json ]; then
	echo "prepare-langid-data: installing iso-codes" >&2
	apt-get install -y iso-codes >/dev/null
fi
if ! command -v msgfmt >/dev/null; then
	echo "prepare-langid-data: installing gettext" >&2
	apt-get install -y gettext >/dev/null
fi

# Whether $1 must be (re)made: missing, or older than an extractor, so a
# fixed extractor is not silently skipped on an existing folder.
stale() {
	[ ! -s "$1" ] && return 0
	for py in "$here"/plugins/langid/train/extract-*.py; do
		[ "$py" -nt "$1" ] && return 0
	done
	return 1
}

# Downloads a package's .deb into the current folder unless it is there.
fetch() {
	if ! ls "$1"_*.deb >/dev/null 2>&1; then
		echo "prepare-langid-data: downloading $1" >&2
		apt-get download "$1" >/dev/null
	fi
}

mkdir -p "$out/debs" "$out/root"
cd "$out/debs"
for pair in $langs; do
	pkg=libreoffice-help-${pair%%:*}
	fetch "$pkg"
	dpkg-deb -x "${pkg}"_*.deb "$out/root"
done

games="did dm dw ei httt l low nr sof sota sotbe thot trow tsg ttb utbs"
mkdir -p "$out/games"
for g in $games; do
	pkg=wesnoth-1.16-$g
	fetch "$pkg"
	# Only the catalogues: the packages are mostly images and sounds.
	dpkg-deb --fsys-tarfile "${pkg}"_*.deb |
	    tar -x -C "$out/games" --wildcards '*.mo'
done

if stale "$out/games.tsv"; then
	python3 "$here/plugins/langid/train/extract-mo.py" --root "$out/games" \
	    > "$out/games.tsv.tmp"
	mv "$out/games.tsv.tmp" "$out/games.tsv"
fi

fetch gnome-user-docs
mkdir -p "$out/pages"
dpkg-deb -x gnome-user-docs_*.deb "$out/pages"
if stale "$out/pages.tsv"; then
	python3 "$here/plugins/langid/train/extract-pages.py" \
	    --root "$out/pages/usr/share/help" > "$out/pages.tsv.tmp"
	mv "$out/pages.tsv.tmp" "$out/pages.tsv"
fi

# Everyday sentences, which help pages lack: translated games and
# children's software. Package, then the files of it that hold text.
stories="freecol:*/strings/*.properties freedink-data:*.mo
freedroidrpg-data:*.mo gcompris-qt-data:*.qm supertux-data:*/levels/*.po
tuxpaint-stamps-default:*/stamps/*.txt"
mkdir -p "$out/stories"
for pair in $stories; do
	pkg=${pair%%:*}
	fetch "$pkg"
	dpkg-deb --fsys-tarfile "${pkg}"_*.deb |
	    tar -x -C "$out/stories" --wildcards "${pair#*:}"
done
# SuperTux keeps the story of each level set in .po files.
for po in "$out"/stories/usr/share/games/supertux2/levels/*/*.po; do
	levels=$(basename "$(dirname "$po")")
	lang=$(basename "$po" .po)
	mkdir -p "$out/stories/supertux/$lang/LC_MESSAGES"
	msgfmt -o "$out/stories/supertux/$lang/LC_MESSAGES/$levels.mo" "$po"
done
if stale "$out/stories.tsv"; then
	python3 "$here/plugins/langid/train/extract-stories.py" \
	    --root "$out/stories" > "$out/stories.tsv.tmp"
	mv "$out/stories.tsv.tmp" "$out/stories.tsv"
fi
if stale "$out/help.tsv"; then
	python3 "$here/plugins/langid/train/extract-help.py" \
	    --root "$out/root/usr/share/libreoffice/help" --langs "$langs" \
	    > "$out/help.tsv.tmp"
	mv "$out/help.tsv.tmp" "$out/help.tsv"
fi

# Word lists of the close languages es/pt/gl/ca: which of them a word is
# spelt in settles many short sentences their shared words leave open.
# Spanish has no full list of forms in /usr/share/dict, so its hunspell
# dictionary is expanded with unmunch.
if ! command -v unmunch >/dev/null; then
	echo "prepare-langid-data: installing hunspell-tools" >&2
	apt-get install -y hunspell-tools >/dev/null
fi
mkdir -p "$out/words"
for pkg in wspanish wportuguese wbrazilian wgalician-minimos wcatalan \
    hunspell-es; do
	fetch "$pkg"
	dpkg-deb -x "${pkg}"_*.deb "$out/words"
done
if [ ! -s "$out/lexicons.tsv" ]; then
	dict=$out/words/usr/share/dict
	hun=$out/words/usr/share/hunspell/es_ES
	{
		{ cat "$dict/spanish"; unmunch "$hun.dic" "$hun.aff" 2>/dev/null; } |
		    grep -v / | sort -u | sed 's/^/spa\t/'
		cat "$dict/portuguese" "$dict/brazilian" | sort -u | sed 's/^/por\t/'
		sed 's/^/glg\t/' "$dict/galician-minimos"
		sed 's/^/cat\t/' "$dict/catalan"
	} > "$out/lexicons.tsv.tmp"
	mv "$out/lexicons.tsv.tmp" "$out/lexicons.tsv"
fi

# The same for the Scandinavian group nb/nn/da/sv, whose short sentences
# share most words. At 10 bits a word their 2 million words would take the
# model past 30 MB: only the words of at most 12 letters are kept (1.2
# million, most of the words of running text; longer ones are compounds,
# whose n-grams say enough). All but the Danish list are in ISO 8859-1.
for pkg in wnorwegian wdanish wswedish; do
	fetch "$pkg"
	dpkg-deb -x "${pkg}"_*.deb "$out/words"
done
if [ ! -s "$out/lexicons-nordic.tsv" ] ||
    [ "$here/scripts/prepare-langid-data.sh" -nt "$out/lexicons-nordic.tsv" ]; then
	python3 - "$out/words/usr/share/dict" > "$out/lexicons-nordic.tsv.tmp" <<'PY'
import sys

def words(path):
    raw = open(path, "rb").read()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("iso-8859-1")
    return sorted({w.lower() for w in text.split("\n")
                   if w.isalpha() and len(w) <= 12})

for code, name in (("nob", "bokmaal"), ("nno", "nynorsk"), ("dan", "danish"),
                   ("swe", "swedish")):
    for w in words(sys.argv[1] + "/" + name):
        print("%s\t%s" % (code, w))
PY
	mv "$out/lexicons-nordic.tsv.tmp" "$out/lexicons-nordic.tsv"
fi

mkdir -p "$out"
python3 "$here/plugins/langid/train/everyday.py" --data "$data" --out "$out"

# How many people speak each language (Unicode CLDR): the prior of the
# languages the model has little text of.
cd "$out/debs"
fetch unicode-cldr-core
mkdir -p "$out/cldr"
dpkg-deb --fsys-tarfile unicode-cldr-core_*.deb |
    tar -x -C "$out/cldr" --wildcards '*/supplemental/supplementalData.xml'
python3 "$here/plugins/langid/train/extract-speakers.py" \
    "$out"/cldr/usr/share/unicode/cldr/common/supplemental/supplementalData.xml \
    > "$out/speakers.tsv.tmp"
mv "$out/speakers.tsv.tmp" "$out/speakers.tsv"

python3 - /usr/share/iso-codes/json/iso_639-3.json > "$out/langs.tsv" <<'PY'
import json, sys
for e in json.load(open(sys.argv[1]))["639-3"]:
    print("%s\t%s\t%s" % (e["alpha_3"], e.get("alpha_2", e["alpha_3"]), e["name"]))
PY
echo "prepare-langid-data: wrote $out/help.tsv ($(wc -l < "$out/help.tsv") lines)," \
    "$out/games.tsv ($(wc -l < "$out/games.tsv") lines)," \
    "$out/pages.tsv ($(wc -l < "$out/pages.tsv") lines)," \
    "$out/stories.tsv ($(wc -l < "$out/stories.tsv") lines)," \
    "$out/everyday.tsv ($(wc -l < "$out/everyday.tsv") lines)," \
    "$out/lexicons.tsv ($(wc -l < "$out/lexicons.tsv") words)," \
    "$out/lexicons-nordic.tsv ($(wc -l < "$out/lexicons-nordic.tsv") words)" \
    "and $out/langs.tsv" >&2
