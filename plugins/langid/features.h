/*
 * Character n-gram features. A word is a run of letters (any script, with
 * its combining marks, composed with their letter where Unicode has a
 * precomposed one: NFD text has the features of NFC text), lowercased and padded with a space on each side;
 * its n-grams of 1 to FEATURES_MAX_ORDER code points are hashed to 64 bits,
 * and so is the whole word when it is longer than those n-grams reach: whole
 * words tell close languages apart (gl "moi", pt "muito"). So is each pair of
 * words with only a space between them: short sentences of close languages
 * share most words but not how they go together (pt "me pediu", gl
 * "pediume").
 * Training and identification share this code, so they see the same
 * features by construction.
 */
#ifndef LANGID_FEATURES_H
#define LANGID_FEATURES_H

#include <stddef.h>
#include <stdint.h>

#include "compose.h"
#include "script.h"

#define FEATURES_MAX_ORDER 4

/* Lowercase for the alphabets that have case; other code points as they are. */
uint32_t features_lower(uint32_t cp);

/*
 * Whole words hash to odd values, n-grams to even ones; of the odd ones,
 * pairs of neighbouring words end in binary 11, single words in 01.
 */
#define FEATURES_IS_WORD(hash) ((hash) & 1)
#define FEATURES_IS_PAIR(hash) (((hash) & 3) == 3)

/* Hash of an n-gram given as code points. */
uint64_t features_hash(const uint32_t *cps, int n);

/* Hash of a whole word (lowercased code points, no padding). */
uint64_t features_word_hash(const uint32_t *cps, int n);

/* Hash of two neighbouring words, given their features_word_hash. */
uint64_t features_pair_hash(uint64_t first, uint64_t second);

/*
 * Word lists of close languages, as Bloom filters over whole-word hashes:
 * whether a word is in the Galician word list tells Galician from
 * Portuguese where the text alone has not seen the word. A word found in
 * some lists gives one feature, features_lexicon_tag(set) with bit i of
 * set for list i, which the model weighs like any other. One feature for
 * the set rather than one a list: most words of these languages are in
 * several lists, and "in the Portuguese list only" says what "in the
 * Portuguese list" and "in the Galician list" counted apart do not.
 * The lists come in groups of close languages (es/pt/gl/ca, nb/nn/da/sv),
 * each group's lists next to each other: the set is taken within a group,
 * so a word in the Danish and the Catalan lists gives two features, "in
 * the Danish list only" of its group and "in the Catalan list only".
 */
#define FEATURES_MAX_LEXICONS 8
#define FEATURES_MAX_LEXICON_GROUPS 2

typedef struct features_lexicon {
	const uint64_t *bits;
	uint64_t n_bits;	/* a multiple of 64, at most UINT32_MAX */
	uint32_t group;		/* < FEATURES_MAX_LEXICON_GROUPS, never lower
				   than the list before's */
} features_lexicon;

typedef struct features_lexicons {
	int n;
	features_lexicon list[FEATURES_MAX_LEXICONS];
} features_lexicons;

void features_lexicon_add(uint64_t *bits, uint64_t n_bits, uint64_t word);
int features_lexicon_has(const features_lexicon *l, uint64_t word);
uint64_t features_lexicon_tag(unsigned set);

/* Walks a text, handing out feature hashes a batch at a time. */
typedef struct features_iter {
	const char *text;
	size_t len, pos;
	compose_state marks;			/* marks read, not composed */
	uint32_t win[FEATURES_MAX_ORDER];	/* the last code points, newest last */
	int nwin;				/* 0 when outside a word */
	uint64_t word_hash;			/* of the word so far */
	uint64_t prev_word;			/* the word before, 0 if none */
	const features_lexicons *lexicons;	/* or NULL */
	uint32_t word_len;
	uint32_t word_latin;			/* Latin letters of the word */
	uint32_t word_letters_now;		/* letters of the word */
	int word_caps;				/* whether one was a capital */
	int token_start;			/* after a space, or at the start */
	uint32_t letters;			/* letters seen so far */
	uint32_t word_letters;			/* of those, in whole-word features */
	uint64_t letter_kinds[2];		/* which letters, one bit a hash */
	script_counts scripts;			/* of those letters */
} features_iter;

void features_begin(features_iter *it, const char *utf8, size_t len);

/* Also hands out the word-list features of lex (kept by the caller). */
void features_use_lexicons(features_iter *it, const features_lexicons *lex);

/* The most hashes the end of a word gives: n-grams, word, pair, sets. */
#define FEATURES_END_WORD (FEATURES_MAX_ORDER + 2 + FEATURES_MAX_LEXICON_GROUPS)

/* The fewest hashes features_next may be asked for at once. */
#define FEATURES_MIN_BATCH (FEATURES_MAX_ORDER + FEATURES_END_WORD)

/*
 * Writes up to cap hashes (cap >= FEATURES_MIN_BATCH) and returns how many;
 * 0 once the text is done.
 */
size_t features_next(features_iter *it, uint64_t *out, size_t cap);

#endif
