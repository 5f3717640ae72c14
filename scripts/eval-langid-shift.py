#!/usr/bin/env python3
"""Accuracy of the langid model on text of another kind than it learnt from,
CLD2 side by side.

    scripts/eval-langid-shift.py [--build DIR] [--model FILE] [--max N]
                                 [--langs a,b,...] [--no-cld2]

The development sets (eval-langid-dev.py) come from the same sources as
the training text, so they flatter the model. This one reads what Debian
installs on this machine and the model never saw:

- messages: the translated messages of the programs' gettext catalogues
  (/usr/share/locale/LANG/LC_MESSAGES/*.mo: coreutils, apt, glib, gtk...),
  those of four words or more, with printf directives, markup and
  keyboard accelerators taken out; and one two-word snippet of each;
- manuals: paragraphs of the translated manual pages
  (/usr/share/man/LANG/), of eight words or more, rendered by man(1),
  without those left in English (half their words in the English page).

None of these packages is a training source (the model card lists those:
LibreOffice help, GNOME user help, game texts; manpages are kept out on
purpose). Languages: by default those where lector lost to CLD2 on held-out
text and their neighbours (--langs to choose). At most --max texts a
language and set, chosen by a checksum of the text, so the same ones from
run to run. Catalogue names (iso_*, xkeyboard-config) are left out: they
are lists of names, not sentences.

Prints, per set, what eval-langid-dev.py prints: per-language means,
lector and CLD2 in the same run, calibration per language, the ten weakest.
"""
import argparse
import collections
import gettext
import glob
import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _load(name, file):
    spec = importlib.util.spec_from_file_location(name, os.path.join(ROOT, "scripts", file))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


eval_langid = _load("eval_langid", "eval-langid.py")
eval_dev = _load("eval_langid_dev", "eval-langid-dev.py")

# The languages of the losses in the held-out sets, and their neighbours.
WEAK = ("nb da nn sv ms id bs hr sr zu xh yo ur fa kk ru ky so cy zh ja sw mi "
        "af tn sn").split()
# Locale folder -> output code; the rest are taken as they are.
LOCALE_CODE = {"zh_CN": "zh", "zh_TW": "zh", "zh_HK": "zh", "zh_Hans": "zh",
               "zh_Hant": "zh", "sr@latin": "sr", "sr@Latn": "sr",
               "nb_NO": "nb", "pt_BR": "pt", "pt_PT": "pt"}
SKIP_DOMAINS = re.compile(r"^(iso_|iso-|xkeyboard-config|xdg-user-dirs)")
DIRECTIVE = re.compile(r"%(\(\w+\))?[-+ #0'I]*(\d+|\*)?(\.(\d+|\*))?(hh|h|ll|l|L|q|j|z|t)?"
                       r"[diouxXeEfFgGaAcspnm%]|%<\w+>|\{[^{}]*\}|\$\{?\w+\}?|<[^<>]*>")
ACCEL = re.compile(r"(?<=\w)[_&~](?=\w)|(?<![\w])[_&~](?=\w)")
LETTER = re.compile(r"[^\W\d_]")


def key(text):
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def pick(texts, most):
    """At most `most` distinct texts, the same ones from run to run."""
    return sorted(set(texts), key=key)[:most]


def clean_message(msg):
    msg = DIRECTIVE.sub(" ", msg)
    msg = ACCEL.sub("", msg)
    return " ".join(msg.split())


def messages(locale):
    """The translated messages of one locale folder."""
    out = []
    for path in sorted(glob.glob("/usr/share/locale/%s/LC_MESSAGES/*.mo" % locale)):
        if SKIP_DOMAINS.match(os.path.basename(path)):
            continue
        try:
            with open(path, "rb") as f:
                catalog = gettext.GNUTranslations(f)._catalog
        except Exception:  # noqa: BLE001 - a catalogue it cannot read is skipped
            continue
        for msgid, msgstr in catalog.items():
            if isinstance(msgid, tuple):
                msgid = msgid[0]
            if not msgid or not msgstr or msgstr == msgid:
                continue	# the header, or not translated
            text = clean_message(msgstr)
            if len(text.split()) >= 4 and len(LETTER.findall(text)) >= 20:
                out.append(text)
    return out


def render(page):
    env = dict(os.environ, MANWIDTH="2000", LANG="C.UTF-8")
    proc = subprocess.run(["man", "-l", "-E", "UTF-8", page], capture_output=True, env=env)
    text = re.sub(r".\x08", "", proc.stdout.decode("utf-8", "replace"))
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]


def words(text):
    return [w.lower() for w in re.findall(r"[^\W\d_]+", text)]


def man_paragraphs(locale, most):
    """Paragraphs of the translated manual pages of one locale folder.
    A translated page keeps some paragraphs in English (options not yet
    translated): a paragraph half of whose words are in the English page
    of the same name is left out."""
    pages = sorted(glob.glob("/usr/share/man/%s/man*/*" % locale), key=key)
    out = []
    for page in pages:
        if len(out) >= 4 * most:
            break
        section = os.path.basename(os.path.dirname(page))
        english = os.path.join("/usr/share/man", section, os.path.basename(page))
        vocab = set()
        if os.path.exists(english):
            for para in render(english):
                vocab.update(words(para))
        for para in render(page):
            w = words(para)
            if len(para.split()) < 8 or sum(len(x) for x in w) < 40:
                continue
            if sum(x in vocab for x in w) * 2 >= len(w):
                continue
            out.append(para)
    return pick(out, most)


def gather(codes, most):
    """{set name: [(code, text)]}, for the locale folders of codes."""
    msgs, mans = collections.defaultdict(list), collections.defaultdict(list)
    for folder in sorted(os.listdir("/usr/share/locale")):
        code = LOCALE_CODE.get(folder, folder)
        if code in codes:
            msgs[code].extend(messages(folder))
    for folder in sorted(os.listdir("/usr/share/man")):
        code = LOCALE_CODE.get(folder, folder)
        if code in codes:
            mans[code].extend(man_paragraphs(folder, most))
    sets = {"messages": [], "manuals": []}
    for code in sorted(msgs):
        sets["messages"].extend((code, t) for t in pick(msgs[code], most))
    for code in sorted(mans):
        sets["manuals"].extend((code, t) for t in pick(mans[code], most))
    return sets


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--model", default=os.path.join(ROOT, "plugins/langid/model/langid.model"))
    ap.add_argument("--max", type=int, default=300)
    ap.add_argument("--min", type=int, default=20,
                    help="languages with fewer texts in a set are left out of it")
    ap.add_argument("--langs", default=",".join(WEAK))
    ap.add_argument("--no-cld2", action="store_true")
    args = ap.parse_args()

    tool = eval_langid.build_tool(args.build)
    known = {code for code, _, _ in eval_dev.model_langs(tool, args.model).values()}
    codes = set(args.langs.split(",")) & known
    sets = gather(codes, args.max)
    tmp = tempfile.mkdtemp()
    harness = None
    if not args.no_cld2:
        harness = eval_langid.build_cld2(tmp)
    runs = [("messages", "messages", lambda t: t),
            ("messages two-word snippets", "messages", eval_dev.snippet),
            ("manual paragraphs", "manuals", lambda t: t)]
    for name, source, texts_of in runs:
        per = collections.Counter(g for g, _ in sets[source])
        items = [(g, texts_of(t)) for g, t in sets[source] if per[g] >= args.min]
        if not items:
            continue
        small = sorted(g for g in per if per[g] < args.min)
        if small:
            print("\n%s: fewer than %d texts, left out: %s" % (name, args.min, ", ".join(
                "%s (%d)" % (g, per[g]) for g in small)))
        texts = [t for _, t in items]
        systems = {"lector": eval_langid.ours(tool, args.model, texts)}
        if harness:
            systems["cld2"] = eval_langid.cld2(harness, texts, "best-effort")
        eval_dev.report(name, items, systems)
    shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
