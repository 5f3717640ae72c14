#!/usr/bin/env python3
"""Prints the names of countries and their regions in one language, one a
line, from the translations of Debian's iso-codes package (ISO 3166-1
countries, 3166-2 regions, 3166-3 former countries): what
train-entities --places reads (plugins/entities/model/LANGUAGES.md).

    scripts/places-from-iso-codes.py de > places-de.txt

A name given as "Syrien, Arabische Republik" is printed as its part
before the comma too, and only names that start with a capital (a
letter) and have at most four words are kept, as the gazetteer holds.
"""
import gettext
import os
import sys

LOCALE = "/usr/share/locale"
DOMAINS = ("iso_3166-1", "iso_3166-2", "iso_3166-3")


def names(lang):
    seen = set()
    for domain in DOMAINS:
        path = os.path.join(LOCALE, lang, "LC_MESSAGES", domain + ".mo")
        with open(path, "rb") as f:
            catalog = gettext.GNUTranslations(f)._catalog
        for key, value in catalog.items():
            if not key or not isinstance(value, str) or not value:
                continue
            # "Swansea [Abertawe GB-ATA]": the name before its codes.
            value = value.split(" [")[0].split(" (")[0]
            for name in (value, value.split(",")[0]):
                name = " ".join(name.split())
                if (name and name[0].isupper() and len(name.split()) <= 4
                        and name not in seen):
                    seen.add(name)
                    yield name


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: places-from-iso-codes.py LANG")
    try:
        for name in sorted(names(sys.argv[1])):
            print(name)
    except FileNotFoundError as e:
        sys.exit("%s (apt-get install iso-codes)" % e)


if __name__ == "__main__":
    main()
