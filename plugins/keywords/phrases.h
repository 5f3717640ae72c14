/*
 * Key phrases of one document: runs of content words between stopwords
 * and punctuation, counted by their stems so that "sanction", "sanctions"
 * and "Sanctions" are one phrase, with the names the entities plugin
 * found as phrases of their own; scored and chosen without overlap.
 */
#ifndef KEYWORDS_PHRASES_H
#define KEYWORDS_PHRASES_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <lector/plugin.h>

#include "specific.h"
#include "terms.h"

/* Longest phrase, in words: the bound of the max_words option. */
#define PHRASE_MAX 6

/* Distinct written forms kept per phrase, to show the commonest. */
#define PHRASE_FORMS 3

/*
 * At most this many distinct candidates at a time (names aside): past it,
 * those seen least make room (table.c), so that memory stays bounded and
 * time linear on very long texts. The 896 BBC News articles have at most
 * 1,158 each.
 */
#define PHRASE_CANDIDATES (1u << 14)

/*
 * 12 bytes, not 16: a long article of distinct text holds some 40,000
 * candidates a megabyte, three forms each.
 */
struct phrase_form {
	uint32_t at, len;	/* its bytes in the text */
	uint32_t count : 31;
	uint32_t mid : 1;	/* seen away from a sentence's first word */
};

struct phrase {
	int32_t id[PHRASE_MAX];	/* its terms (stems), in order */
	uint8_t n;
	uint8_t bigram;		/* two characters of an unspaced script */
	uint8_t entity;		/* a name the entities plugin found */
	uint8_t alias;		/* another name of an entity: merged into it */
	uint8_t late;		/* said once past the lead: see diversify */
	uint8_t nform;
	uint32_t count;		/* occurrences in the document */
	uint32_t labels;	/* of those, right before a name ("pundit John") */
	uint32_t sentences;	/* sentences it occurs in */
	uint32_t last_sentence;	/* the latest of those */
	uint32_t tok;		/* first token of its first occurrence */
	struct phrase_form form[PHRASE_FORMS];
	int32_t show_id[PHRASE_MAX];	/* an entity: the words it is shown with */
	uint8_t show_n;			/* 0: shown with its own words */
	double score;
};

struct phrase_doc {
	const char *text;
	size_t bytes;
	const lector_token *tok;
	size_t ntok;
	const lector_span *sent;
	size_t nsent;
	const struct terms *terms;
	const int32_t *title;	/* terms of the title */
	size_t ntitle;
	const json_t *entities;	/* the entities result, or NULL */
	size_t max_words;	/* 1 .. PHRASE_MAX */
	int capital_names;	/* a capital marks a name, not every noun (not German) */
	int english;		/* see english.c */
	const struct specific_table *specific;	/* NULL: no word is common */
};

/*
 * Finds, scores and picks up to k phrases, best first, into out (room for
 * k). Returns how many, or a negative LECTOR_ENOMEM.
 */
int phrases_pick(const struct phrase_doc *d, size_t k, struct phrase *out);

/* The form a phrase is shown in: the commonest, mid-sentence on a tie. */
const struct phrase_form *phrase_shown(const struct phrase *p);

#endif
