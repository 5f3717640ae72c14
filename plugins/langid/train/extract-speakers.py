#!/usr/bin/env python3
"""How many people speak each language, from Unicode CLDR.

    extract-speakers.py SUPPLEMENTAL_DATA_XML > speakers.tsv

Writes "code <TAB> speakers" lines: for each language, the sum over the
territories of CLDR's supplementalData.xml of the territory's population
times the share that speaks the language (`languagePopulation`), codes as
CLDR gives them (ISO 639-1 where one exists, as the model answers) with
the script or region dropped (`pa_Arab` counts for `pa`). The langid
trainer turns it into a prior for languages it has little text of.
"""
import collections
import sys
import xml.etree.ElementTree as ET


def speakers(path):
    total = collections.Counter()
    for territory in ET.parse(path).getroot().iter("territory"):
        people = float(territory.get("population") or 0)
        for lp in territory.iter("languagePopulation"):
            code = lp.get("type").split("_")[0]
            total[code] += people * float(lp.get("populationPercent") or 0) / 100
    return total


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: extract-speakers.py SUPPLEMENTAL_DATA_XML")
    for code, n in sorted(speakers(sys.argv[1]).items()):
        print("%s\t%.0f" % (code, n))


if __name__ == "__main__":
    main()
