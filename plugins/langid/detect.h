/*
 * Identification: script first, then character n-grams scored with the
 * model (naive Bayes, sparse), then a softmax over the candidates the
 * script allows, with the temperature calibrated at training time.
 */
#ifndef LANGID_DETECT_H
#define LANGID_DETECT_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"
#include "script.h"

#define DETECT_TOP 4		/* answers reported */
#define DETECT_SOFTMAX 16	/* candidates the probabilities share */

/*
 * Repetition is not evidence: "aaaa..." or one word said a thousand times
 * would otherwise add up to any confidence. Which features were seen is
 * kept in a bitmap (DETECT_SEEN_BITS, one bit a hash), which estimates how
 * many were distinct. When fewer than DETECT_DISTINCT_MIN of the features
 * were, and fewer than DETECT_DISTINCT_ENOUGH in all, the scores count each
 * distinct feature 1 / DETECT_DISTINCT_MIN times at most (detect_weight).
 * Natural text stays above both (a sentence 0.45 or more, a paragraph of
 * 1024 letters 0.4 and 1,400 distinct), so its answers and calibration do
 * not change; long articles pass DETECT_DISTINCT_ENOUGH, where the bitmap
 * would fill up and stop counting.
 */
#define DETECT_SEEN_BITS 8192
#define DETECT_DISTINCT_MIN 0.25f
#define DETECT_DISTINCT_ENOUGH 1000.0f
/*
 * No language at all for text of one or two letters said over and over
 * ("aaaa", "xxxxxxx", "abab") or of one word of three letters or more
 * repeated ("buffalo buffalo buffalo"): no text of any language reads so.
 */
#define DETECT_LETTER_KINDS_MIN 3

/* Evidence gathered from one or more pieces of text. */
typedef struct detect_evidence {
	float *score;		/* n_langs log-likelihoods, up to a constant */
	script_counts scripts;
	uint32_t letters;
	uint32_t ngrams;
	uint64_t seen[DETECT_SEEN_BITS / 64];	/* features seen, by hash */
	uint64_t letter_kinds[2];	/* letters seen, one bit a hash */
	uint64_t one_word;		/* first word (3 letters or more), 0 none */
	int other_words;		/* whether another word was seen too */
	uint32_t words;			/* how many of those words */
	uint32_t word_letters;		/* letters in words of 3 letters or more */
} detect_evidence;

typedef struct detect_result {
	enum script script;	/* the dominant script, SCRIPT_NONE if none */
	uint32_t letters;
	int n;			/* candidates in lang[]; 0 = undetermined */
	uint32_t lang[DETECT_TOP];
	float prob[DETECT_TOP];	/* calibrated probabilities, best first */
} detect_result;

/* Allocates the score array for m; returns 0 or -ENOMEM. */
int detect_evidence_init(detect_evidence *ev, const model *m);
void detect_evidence_reset(detect_evidence *ev, const model *m);
void detect_evidence_free(detect_evidence *ev);

/*
 * The share of the evidence that counts: 1, or less for text that says the
 * same few things over and over.
 */
float detect_weight(const detect_evidence *ev);

/* Adds ev's scores and counts into sum. */
void detect_evidence_add(detect_evidence *sum, const detect_evidence *ev,
    const model *m);

/*
 * Scores text into ev, stopping after max_letters letters (0: no limit):
 * beyond a few hundred letters the answer no longer changes, and long
 * articles are sampled paragraph by paragraph instead. Returns 1 when it
 * stopped before the end of the text.
 */
int detect_scan(const model *m, const char *text, size_t len,
    uint32_t max_letters, detect_evidence *ev);

/*
 * Decides among the languages of the dominant script that allowed admits
 * (allowed: n_langs flags, or NULL for all). Undetermined (n = 0) with
 * fewer than min_letters letters of that script or no candidate.
 */
void detect_decide(const model *m, const detect_evidence *ev,
    const uint8_t *allowed, uint32_t min_letters, detect_result *out);

/*
 * The best candidate only, without probabilities (cheaper); UINT32_MAX when
 * there is none. Same candidates as detect_decide with min_letters 1.
 */
uint32_t detect_best(const model *m, const detect_evidence *ev,
    const uint8_t *allowed);

#endif
