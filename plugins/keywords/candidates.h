/*
 * What the parts of phrase extraction share: the candidate table
 * (table.c), the marks put on tokens, and names as units (names.c).
 * Private to the keywords plugin.
 */
#ifndef KEYWORDS_CANDIDATES_H
#define KEYWORDS_CANDIDATES_H

#include <stddef.h>
#include <stdint.h>

#include "phrases.h"

/* Per token marks, besides the terms' own flags. */
enum {
	TOKEN_INITIAL = 1,	/* the first word of its sentence */
	TOKEN_BARRED = 2,	/* in a date, an amount, an address: no topic */
	TOKEN_BREAK = 4,	/* an English verb or adverb: ends a phrase */
	TOKEN_MODIFIER = 8,	/* an English adjective: no phrase ends on it */
	TOKEN_LABEL = 16	/* in a run of words right before a name */
};

/*
 * Grows with the distinct candidates, up to PHRASE_CANDIDATES: a long
 * article that repeats itself needs few; past it, those seen least are
 * dropped. nomem is set when growing failed; the candidates taken until
 * then stay valid.
 */
struct table {
	struct phrase *p;
	size_t n, cap;
	int32_t *slot;
	size_t nslots;
	int nomem;
};

/* An empty table, or LECTOR_ENOMEM. Free with table_free. */
int table_init(struct table *t);
void table_free(struct table *t);

/* An occurrence: its first token and its bytes in the text. */
struct where {
	uint32_t tok;
	uint32_t sentence;
	uint32_t at, len;
	int mid;		/* not the sentence's first word */
	int bigram;		/* characters of an ideograph run */
};

/*
 * The slot of a key: the index of its phrase in t->p, or -1 where it
 * would go.
 */
int32_t *table_find(struct table *t, const int32_t *id, size_t n);

/* The phrase of a key, or NULL. */
struct phrase *table_lookup(struct table *t, const int32_t *id, size_t n);

/*
 * Counts one occurrence of an n-gram. Once the table is full (see
 * PHRASE_CANDIDATES), the n-grams seen least are dropped to make room,
 * names (entity, alias) never; returns NULL when out of memory. The
 * phrases move when the table grows or drops some: a pointer into the
 * table is good until the next table_add.
 */
struct phrase *table_add(struct table *t, const char *text,
    const int32_t *id, size_t n, const struct where *w);

/*
 * Names as units: for each token in a name mention (tok, sorted), the
 * first token of that mention and the token after it; n of them. Only
 * those tokens, not every token: 8 bytes a token on a long article.
 * tok shares the allocation of first. first is NULL without entities.
 */
struct names {
	uint32_t *first;
	uint32_t *end;
	uint32_t *tok;
	size_t n;
};


/*
 * Marks the tokens of dates, times, amounts and addresses TOKEN_BARRED in
 * mark, and fills nm (allocated here, freed by the caller) with the
 * extent of each name mention. Returns LECTOR_OK or LECTOR_ENOMEM.
 */
int names_mark(const struct phrase_doc *d, uint8_t *mark, struct names *nm);

/*
 * Makes each name one candidate of t, with its aliases merged into it;
 * a mention on a token marked TOKEN_BARRED is left out.
 */
void names_merge(const struct phrase_doc *d, struct table *t,
    const uint8_t *mark, const struct names *nm);

/* A news agency's credit is in the first sentences of a story. */
#define CREDIT_SENTENCES 3

/*
 * Marks the words of a news agency's credit ("LOS ANGELES (AP) —")
 * TOKEN_BARRED: the agency is no topic of the story.
 */
void credits_mark(const struct phrase_doc *d, uint8_t *mark);

/* Whether token k is in a name mention. */
int names_has(const struct names *nm, size_t k);

/* Whether an n-gram from token i to token j cuts a name. */
int names_cut(const struct names *nm, size_t i, size_t j);

/* Whether token j starts a name after the start i of an n-gram. */
int names_after_start(const struct names *nm, size_t i, size_t j);

/* Whether an English stem says nothing alone ("new", "like", "get"). */
int english_light(const char *stem);

/*
 * Whether the English words s[0 .. len) end on a past participle, so
 * that they are a piece of a clause ("records showed"), not a term.
 */
int english_clause_end(const char *s, size_t len);

/*
 * Word lists learnt from tagged English news (english_breaks.c, written
 * by scripts/train-keywords-breaks.py; see BREAKS.md): lower-case, sorted.
 */
extern const char *const english_breaks[];
extern const size_t english_break_count;
extern const char *const english_modifiers[];
extern const size_t english_modifier_count;

/*
 * Whether the word s[0 .. len), in any case, is nearly always a verb or
 * an adverb ("met", "also"): it ends a phrase ("Kim Jong Un | met").
 */
int english_break(const char *s, size_t len);

/*
 * Whether the English word s[0 .. len), a capital then lower case, with
 * or without its full stop, is a title written before a name ("Mr.",
 * "Sen."): it ends a phrase and is none ("Former Rep. | Heather Wilson").
 */
int english_title(const char *s, size_t len);

/*
 * Whether the word s[0 .. len) is nearly always an adjective or a gerund
 * ("nuclear", "second"): a phrase does not end on it.
 */
int english_modifier(const char *s, size_t len);

#endif
