/*
 * The words of one document as terms: each word token lowercased, checked
 * against the stopwords and stemmed, and stems interned to small integers
 * so that sentences and phrases compare by number. Shared by the summary
 * and keywords plugins.
 */
#ifndef TEXTKIT_TERMS_H
#define TEXTKIT_TERMS_H

#include <stddef.h>
#include <stdint.h>

#include <lector/plugin.h>

#include "lang.h"

enum {
	TERM_STOP = 1,		/* a stopword, or a one-letter word */
	TERM_NUMBER = 2,	/* a number token */
	TERM_CAPITAL = 4	/* the word starts with a capital letter */
};

struct terms {
	size_t ntok;
	int32_t *id;		/* per token: its term, or -1 (not a content word) */
	uint8_t *flags;		/* per token: TERM_* */
	uint8_t *elided;	/* per token: bytes of an elided article ("l'") */
	size_t nterm;
	uint32_t *count;	/* per term: occurrences in the document */
	uint32_t *first;	/* per term: index of its first token */
	uint32_t *stem_off;	/* per term: its stem in arena */
	char *arena;
	size_t arena_len, arena_cap, term_cap;
	int32_t *slots;		/* hash of stems to terms */
	size_t nslots;
	/*
	 * Scripts written without spaces (Han, Kana, Thai) come as runs, not
	 * words: their character bigrams are terms too, listed per token as
	 * extra[extra_at[i] .. extra_at[i + 1]). NULL when there are none.
	 */
	uint32_t *extra_at;
	int32_t *extra;
};

/*
 * Analyses the tokens of text. Numbers get a term (flagged) so phrases can
 * see them, stopwords do not. Returns LECTOR_OK or LECTOR_ENOMEM; free
 * with terms_free either way.
 */
int terms_build(struct terms *t, const struct lang *l, const char *text,
    const lector_token *tok, size_t ntok);
void terms_free(struct terms *t);

/* The bigram terms of token i (see extra above); *n is their number. */
const int32_t *terms_extra(const struct terms *t, size_t i, size_t *n);

/* The term of a stem, or -1 when the document does not have it. */
int32_t terms_find(const struct terms *t, const char *stem, size_t len);

const char *terms_stem(const struct terms *t, int32_t id);

/*
 * The terms of a short text that is not part of the document (a title):
 * split into words, folded, stemmed; words absent from the document are
 * left out. Returns how many ids were written to out (at most max).
 */
size_t terms_of_text(const struct terms *t, const struct lang *l,
    const char *s, int32_t *out, size_t max);

#endif
