#!/usr/bin/env python3
"""End-to-end test of the summary and keywords plugins through `lectord process`.

Articles in English, French, German, Spanish and Chinese, written for this test.
Run by ctest as: e2e_summary.py --lectord PATH --build BUILD_DIR
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))

ARTICLES = [
    {
        "id": "en-floods",
        "lang": "en",
        "title": "Floods close the river bridge in Millbrook",
        "text": (
            "By Jane Example\n\n"
            "Flood water closed the river bridge in Millbrook on Tuesday after "
            "two days of heavy rain, cutting the town in half.\n\n"
            "The river rose more than two metres overnight, and flood water "
            "reached dozens of homes near the bridge.\n\n"
            "Firefighters pumped water out of cellars along the river bank "
            "while volunteers filled sandbags in the market square.\n\n"
            "The mayor said the bridge would stay closed until engineers had "
            "checked it for damage, which could take a week.\n\n"
            "Click here to sign up for flood alerts from the river authority.\n\n"
            "Shops in the market square reopened in the afternoon, although "
            "several cellars were still flooded.\n\n"
            "Forecasters expect drier weather from Thursday, but warned that "
            "the river bridge could flood again if more rain falls.\n"
        ),
        "must_skip": ["Click here", "Jane Example"],
        "keyword": ("flood water", 2),
        "phrase": "market square",
    },
    {
        "id": "fr-budget",
        "lang": "fr",
        "title": "Le gouvernement présente un budget de rigueur",
        "text": (
            "Le gouvernement a présenté mercredi un budget de rigueur pour "
            "l'année prochaine, avec des économies dans presque tous les "
            "ministères.\n\n"
            "Selon le ministre des finances, le déficit public doit baisser "
            "de moitié en trois ans grâce à ces économies.\n\n"
            "Les syndicats dénoncent un budget injuste et appellent à une "
            "journée de grève le mois prochain.\n\n"
            "Les gouvernements des pays voisins ont pris des mesures "
            "semblables pour réduire leurs déficits.\n\n"
            "Cliquez ici pour recevoir nos lettres d'information chaque matin.\n\n"
            "Le débat sur le budget commencera à l'Assemblée nationale au "
            "début du mois de novembre.\n\n"
            "Plusieurs élus de la majorité demandent déjà au gouvernement de "
            "protéger les écoles et les hôpitaux.\n"
        ),
        "must_skip": ["Cliquez ici"],
        "keyword": ("gouvernement", 3),
    },
    {
        "id": "de-bahn",
        "lang": "de",
        "title": "Neue Bahnstrecke zwischen zwei Städten eröffnet",
        "text": (
            "Nach zehn Jahren Bauzeit ist am Sonntag die neue Bahnstrecke "
            "zwischen den beiden Städten eröffnet worden.\n\n"
            "Die Züge brauchen für die Fahrt nun weniger als eine Stunde, "
            "früher waren es fast zwei Stunden.\n\n"
            "Die Bahnstrecke hat mehr als drei Milliarden Euro gekostet, "
            "deutlich mehr als ursprünglich geplant.\n\n"
            "Pendler begrüßten die kürzere Fahrt, beklagten aber die höheren "
            "Preise für Fahrkarten.\n\n"
            "Alle Rechte vorbehalten, Nachdruck nur mit Genehmigung der Redaktion.\n\n"
            "Der Verkehrsminister sagte bei der Eröffnung, die Bahnstrecke sei "
            "ein Vorbild für weitere Projekte im ganzen Land.\n\n"
            "Umweltverbände hoffen, dass viele Reisende nun das Auto stehen "
            "lassen und mit dem Zug fahren.\n"
        ),
        "must_skip": ["Alle Rechte vorbehalten"],
        "keyword": ("Bahnstrecke", 3),
    },
    {
        "id": "es-museo",
        "lang": "es",
        "title": "El museo de la ciudad abre una nueva sala",
        "text": (
            "El museo de la ciudad abrió el sábado una nueva sala dedicada "
            "a la historia del puerto y de sus pescadores.\n\n"
            "La sala reúne fotografías, redes y barcas antiguas donadas por "
            "familias de pescadores del barrio.\n\n"
            "Según la directora del museo, más de dos mil personas visitaron "
            "la nueva sala durante el primer fin de semana.\n\n"
            "Los museos de otras ciudades de la costa preparan exposiciones "
            "parecidas para el próximo verano.\n\n"
            "Haga clic aquí para comprar entradas con descuento en nuestra web.\n\n"
            "La entrada será gratuita para los vecinos del barrio hasta el "
            "final del mes de junio.\n"
        ),
        "must_skip": ["Haga clic"],
        "keyword": ("museo", 3),
    },
]

# Chinese: no spaces and no stemmer; character bigrams stand in for words.
ZH = {
    "id": "zh-traffic",
    "title": "北京发布新的交通规定",
    "text": ("北京市今天发布了新的交通规定。新规定将于下个月开始实施。"
             "市民对新规定的反应不一。有人认为新规定有助于缓解交通拥堵。"
             "也有人担心新规定会带来不便。\n"),
}

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what, file=sys.stderr)


def run(lectord, only, rows):
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False,
                                     encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
        path = f.name
    try:
        p = subprocess.run([lectord, "process", "--jsonl", "--only", only, path],
                           capture_output=True, text=True, timeout=120)
    finally:
        os.unlink(path)
    check(p.returncode == 0, f"lectord exited {p.returncode}: {p.stderr.strip()}")
    return [json.loads(line) for line in p.stdout.splitlines() if line.strip()]


def check_summary(art, out, want):
    s = out.get("summary")
    check(isinstance(s, dict), f"{art['id']}: no summary")
    if not isinstance(s, dict):
        return
    sents = s["sentences"]
    check(len(sents) == want, f"{art['id']}: {len(sents)} sentences, want {want}")
    text = out["text"]
    prev = -1
    for x in sents:
        check(text[x["start"]:x["end"]] == x["text"],
              f"{art['id']}: offsets {x['start']}..{x['end']} do not give the sentence")
        check(x["start"] > prev, f"{art['id']}: sentences not in article order")
        prev = x["start"]
        for bad in art["must_skip"]:
            check(bad not in x["text"], f"{art['id']}: picked boilerplate {bad!r}")
    check(s["text"] == " ".join(x["text"] for x in sents),
          f"{art['id']}: summary text is not the sentences joined")


def check_keywords(art, out, most):
    kw = out.get("keywords")
    check(isinstance(kw, list) and 0 < len(kw) <= most,
          f"{art['id']}: keywords {kw!r}, want 1..{most}")
    if not isinstance(kw, list):
        return
    seen = set()
    for k in kw:
        t = k["text"]
        check(any(c.isalpha() for c in t), f"{art['id']}: keyword without letters {t!r}")
        check(t.lower() not in seen, f"{art['id']}: keyword listed twice {t!r}")
        seen.add(t.lower())
        check(0 < k["score"] <= 1 and k["count"] >= 1, f"{art['id']}: bad keyword {k!r}")
    return kw


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lectord", required=True)
    ap.add_argument("--build", required=True)
    args = ap.parse_args()
    plugins = os.path.join(args.build, "plugins")
    pipelines = ["summary,keywords"]  # language guessed from stopwords
    if os.path.exists(os.path.join(plugins, "langid.so")):
        # With langid built, the language comes from its result instead.
        pipelines.append("langid,summary,keywords")

    for only in pipelines:
        rows = [{"id": a["id"], "title": a["title"], "text": a["text"]} for a in ARTICLES]
        # The same articles again with per-article overrides.
        rows += [{"id": a["id"] + "-short", "title": a["title"], "text": a["text"],
                  "options": {"summary": {"sentences": 2}, "keywords": {"count": 4}}}
                 for a in ARTICLES]
        outs = {o.get("id"): o for o in run(args.lectord, only, rows)}
        for a in ARTICLES:
            out = outs.get(a["id"])
            check(out is not None, f"{only}: no output for {a['id']}")
            if out is None:
                continue
            check_summary(a, out, 3)
            kw = check_keywords(a, out, 10) or []
            want, count = a["keyword"]
            hit = [k for k in kw if k["text"].lower() == want.lower()]
            check(len(hit) == 1 and hit[0]["count"] >= count,
                  f"{only}: {a['id']}: want keyword {want!r} counted {count}+ "
                  f"(inflections merged), got {[(k['text'], k['count']) for k in kw]}")
            if "phrase" in a:
                check(any(k["text"].lower() == a["phrase"] for k in kw),
                      f"{only}: {a['id']}: want phrase {a['phrase']!r}")
            short = outs.get(a["id"] + "-short")
            check(short is not None, f"{only}: no output for {a['id']}-short")
            if short is not None:
                check_summary(a, short, 2)
                check_keywords(a, short, 4)
                check(len(short.get("keywords", [])) == 4,
                      f"{a['id']}-short: count override not applied")
    outs = run(args.lectord, "summary,keywords", [ZH])
    zh = outs[0] if outs else {}
    sents = zh.get("summary", {}).get("sentences", [])
    check(len(sents) == 3 and all(s["score"] > 0 for s in sents)
          and all(zh["text"][s["start"]:s["end"]] == s["text"] for s in sents),
          f"zh-traffic: summary {sents!r}")
    kw = [(k["text"], k["count"]) for k in zh.get("keywords", [])]
    check(("规定", 5) in kw, f"zh-traffic: want keyword 规定 counted 5, got {kw!r}")

    # A plain text file, as dropped in the inbox: title line, blank line, body.
    a = ARTICLES[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "story.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(a["title"] + "\n\n" + a["text"])
        p = subprocess.run([args.lectord, "process", "--only", "summary,keywords", path],
                           capture_output=True, text=True, timeout=60)
        check(p.returncode == 0, f"story.txt: lectord exited {p.returncode}: {p.stderr}")
        if p.returncode == 0:
            out = json.loads(p.stdout)
            check_summary(a, out, 3)
            check_keywords(a, out, 10)
    # The sample article with names from the entities plugin, when built:
    # names whole, no listed phrase a fragment of another.
    if os.path.exists(os.path.join(plugins, "entities.so")):
        seed = os.path.join(ROOT, "tests", "data", "seed-article.txt")
        p = subprocess.run([args.lectord, "process", "--only",
                            "langid,entities,keywords", seed],
                           capture_output=True, text=True, timeout=60)
        check(p.returncode == 0, f"seed: lectord exited {p.returncode}: {p.stderr}")
        if p.returncode == 0:
            kw = [k["text"] for k in json.loads(p.stdout).get("keywords", [])]
            # "US" and "United States" are one entity, shown by its full
            # name, which the article says twice.
            for name in ("North Korea", "United States"):
                check(name in kw, f"seed: want {name!r} among {kw!r}")
            check("US" not in kw, f"seed: 'US' listed beside its full name: {kw!r}")
            words = [" " + " ".join(re.findall(r"\w+", k.lower())) + " " for k in kw]
            for i, a in enumerate(words):
                for j, b in enumerate(words):
                    check(i == j or a not in b,
                          f"seed: {kw[i]!r} is a fragment of {kw[j]!r}")
    # An English verb ends a phrase: the name, not the name and its verb.
    kim = ("Kim Jong Un met South Korean envoys in Pyongyang\n\n"
           "Kim Jong Un met two South Korean envoys in Pyongyang on Tuesday, "
           "state media reported.\n\nThe envoys carried a letter about the "
           "border talks. Kim Jong Un met them for four hours, the agency "
           "said.\n\nOfficials in Seoul said the border talks could resume "
           "next month. The envoys returned on Wednesday.\n")
    kim_pipelines = ["keywords"]
    if os.path.exists(os.path.join(plugins, "entities.so")):
        kim_pipelines.append("langid,entities,keywords")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "kim.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.write(kim)
        for only in kim_pipelines:
            p = subprocess.run([args.lectord, "process", "--only", only, path],
                               capture_output=True, text=True, timeout=60)
            check(p.returncode == 0, f"kim: lectord exited {p.returncode}: {p.stderr}")
            if p.returncode != 0:
                continue
            kw = [k["text"] for k in json.loads(p.stdout).get("keywords", [])]
            check("Kim Jong Un" in kw, f"kim ({only}): want 'Kim Jong Un' among {kw!r}")
            check(not any(w in ("met", "reported", "carried")
                          for k in kw for w in k.lower().split()),
                  f"kim ({only}): a verb in a key phrase: {kw!r}")
    print(f"e2e summary/keywords: {len(pipelines)} pipelines, "
          f"{len(ARTICLES) + 1} languages")
    if failures:
        print(f"{len(failures)} checks failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
