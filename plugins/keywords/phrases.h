/*
 * Key phrases of one document: runs of content words between stopwords
 * and punctuation, counted by their stems so that "sanction", "sanctions"
 * and "Sanctions" are one phrase, scored and chosen without overlap.
 */
#ifndef KEYWORDS_PHRASES_H
#define KEYWORDS_PHRASES_H

#include <stddef.h>
#include <stdint.h>

#include <lector/plugin.h>

#include "terms.h"

/* Longest phrase, in words. */
#define PHRASE_MAX 3

struct phrase {
	int32_t id[PHRASE_MAX];	/* its terms (stems), in order */
	size_t n;
	uint32_t count;		/* occurrences in the document */
	uint32_t tok;		/* first token of the occurrence shown */
	int shown_mid;		/* that occurrence is not sentence-initial */
	int bigram;		/* two characters of an unspaced script */
	uint32_t show_at;	/* its bytes in the text */
	uint32_t show_len;
	double score;
};

struct phrase_doc {
	const char *text;
	const lector_token *tok;
	size_t ntok;
	const lector_span *sent;
	size_t nsent;
	const struct terms *terms;
	const int32_t *title;	/* terms of the title */
	size_t ntitle;
};

/*
 * Finds, scores and picks up to k phrases, best first, into out (room for
 * k). Returns how many, or a negative LECTOR_ENOMEM.
 */
int phrases_pick(const struct phrase_doc *d, size_t k, struct phrase *out);

#endif
