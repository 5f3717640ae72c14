/*
 * Compiles the gazetteer lists into the table the model carries, so the
 * plugin never reads them at run time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../features.h"
#include "gazetteers.h"

/* Splits a phrase on spaces and inserts it; longer phrases are skipped. */
static void
add_phrase(struct gaz_table *t, const char *phrase, unsigned mask)
{
	const char *words[GAZ_MAX_WORDS];
	uint32_t lens[GAZ_MAX_WORDS];
	size_t n = 0;
	const char *p = phrase;

	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		if (n == GAZ_MAX_WORDS)
			return;
		size_t len = strcspn(p, " ");
		words[n] = p;
		lens[n] = (uint32_t)len;
		n++;
		p += len;
	}
	if (n == 0)
		return;
	if (gaz_insert(t->slots, t->nslots, gaz_phrase_hash(words, lens, n),
	    mask) == 0)
		t->entries++;
}

static char *
read_line(FILE *f, char *buf, size_t size)
{
	if (fgets(buf, (int)size, f) == NULL)
		return NULL;
	buf[strcspn(buf, "\r\n")] = 0;
	return buf;
}

static int
read_names(struct gaz_table *t, const char *path, unsigned mask)
{
	char line[1024];
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		return -1;
	}
	while (read_line(f, line, sizeof(line)) != NULL)
		if (strlen(line) > 1)
			add_phrase(t, line, mask);
	fclose(f);
	return 0;
}

/* name altname country admin feature population, with a header row. */
static int
read_cities(struct gaz_table *t, const char *path)
{
	char line[4096];
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		return -1;
	}
	read_line(f, line, sizeof(line));
	while (read_line(f, line, sizeof(line)) != NULL) {
		char *field[6] = { 0 };
		char *p = line;
		for (int i = 0; i < 6 && p != NULL; i++) {
			field[i] = p;
			p = strchr(p, '\t');
			if (p != NULL)
				*p++ = 0;
		}
		if (field[5] == NULL)
			continue;
		unsigned mask = 1u << GAZ_CITY;
		if (atol(field[5]) >= 100000)
			mask |= 1u << GAZ_BIGCITY;
		add_phrase(t, field[0], mask);
	}
	fclose(f);
	return 0;
}

/* Quoted CSV: "Code","Name","Native","Phone","Continent","Capital",... */
static int
read_countries(struct gaz_table *t, const char *path)
{
	char line[4096];
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		return -1;
	}
	read_line(f, line, sizeof(line));
	while (read_line(f, line, sizeof(line)) != NULL) {
		char *field[8] = { 0 };
		char *p = line;
		for (int i = 0; i < 8 && p != NULL && *p == '"'; i++) {
			field[i] = p + 1;
			p = strchr(p + 1, '"');
			if (p == NULL)
				break;
			*p++ = 0;
			p = *p == ',' ? p + 1 : NULL;
		}
		if (field[5] == NULL)
			continue;
		add_phrase(t, field[1], 1u << GAZ_COUNTRY);
		add_phrase(t, field[2], 1u << GAZ_COUNTRY);
		add_phrase(t, field[5], (1u << GAZ_CITY) | (1u << GAZ_BIGCITY));
	}
	fclose(f);
	return 0;
}

int
gaz_table_build(struct gaz_table *t, const char *dir, uint32_t nslots)
{
	char path[4096];
	int rc = 0;

	t->nslots = nslots;
	t->entries = 0;
	t->slots = calloc(t->nslots, sizeof(*t->slots));
	if (t->slots == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/gazetteers/cities.tsv", dir);
	rc |= read_cities(t, path);
	snprintf(path, sizeof(path), "%s/gazetteers/countries.csv", dir);
	rc |= read_countries(t, path);
	snprintf(path, sizeof(path), "%s/gazetteers/human-names.txt", dir);
	rc |= read_names(t, path, 1u << GAZ_NAME);
	snprintf(path, sizeof(path), "%s/gazetteers/first-names-male-en.txt", dir);
	rc |= read_names(t, path, 1u << GAZ_FIRST);
	snprintf(path, sizeof(path), "%s/gazetteers/first-names-female-en.txt", dir);
	rc |= read_names(t, path, 1u << GAZ_FIRST);
	return rc;
}

int
gaz_table_add_places(struct gaz_table *t, const char *path)
{
	uint32_t before = t->entries;

	if (read_names(t, path, 1u << GAZ_COUNTRY) != 0)
		return -1;
	if (t->entries == before) {
		fprintf(stderr, "%s: no names\n", path);
		return -1;
	}
	return 0;
}

/* The class of one dictionary word, keyed by its lower-case form. */
static int
add_dict_word(struct gaz_table *t, const char *word)
{
	struct ner_word w = { word, (uint32_t)strlen(word) };
	struct ner_winfo wi;
	struct ner_sent s = { &w, 1, &wi, 0 };

	if (w.len == 0)
		return 0;
	ner_prepare(&s, NULL);
	unsigned mask = wi.title || wi.upper ? DICT_CAPITAL : DICT_LOWER;
	if (gaz_insert(t->slots, t->nslots, ner_dict_key(wi.lower), mask) != 0)
		return -1;
	t->entries++;
	return 0;
}

int
gaz_table_add_dictionary(struct gaz_table *t, const char *path)
{
	char line[4096];
	FILE *f = fopen(path, "r");
	int rc = 0;

	if (f == NULL) {
		fprintf(stderr, "%s: cannot open\n", path);
		return -1;
	}
	uint32_t before = t->entries;
	while (rc == 0 && read_line(f, line, sizeof(line)) != NULL)
		rc = add_dict_word(t, line);
	fclose(f);
	if (rc != 0 || t->entries == before) {
		fprintf(stderr, "%s: %s\n", path, rc != 0 ?
		    "the gazetteer table is full" : "no words");
		return -1;
	}
	return gaz_insert(t->slots, t->nslots, ner_dict_key(DICT_PRESENT),
	    DICT_CAPITAL);
}
