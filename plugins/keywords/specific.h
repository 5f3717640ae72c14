/*
 * How specific a word is to one article rather than to text in general:
 * an inverse document frequency learnt from news and encyclopaedia text
 * (specific_table.c, written by scripts/train-keywords-specific.py; card
 * SPECIFIC.md), so that "hurricane" outranks "people" at equal counts.
 */
#ifndef KEYWORDS_SPECIFIC_H
#define KEYWORDS_SPECIFIC_H

#include <stddef.h>
#include <stdint.h>

/* One language's table: stems by hash, sorted, and their specificity. */
struct specific_table {
	const char *algorithm;	/* the Snowball stemmer's name */
	uint32_t docs;		/* N, the documents counted */
	uint32_t n;
	const uint32_t *hash;	/* FNV-1a of the stem's bytes, ascending */
	const uint8_t *q;	/* 255 * log(N / df) / log(N) */
};

extern const struct specific_table specific_tables[];
extern const size_t specific_table_count;

/* The table of a Snowball stemmer, or NULL when there is none. */
const struct specific_table *specific_for(const char *algorithm);

/*
 * The specificity of a stem, 0 (in every document) to 1 (never seen, or
 * in one document); 1 without a table, so that a language we have no
 * counts for scores as before.
 */
double specific_of(const struct specific_table *t, const char *stem,
    size_t len);

#endif
