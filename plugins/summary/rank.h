/*
 * Sentence scoring and choice for the summary: what each sentence is
 * worth on its own (centrality, position, title, entities, length) and
 * which set of them says most without repeating itself (MMR).
 */
#ifndef SUMMARY_RANK_H
#define SUMMARY_RANK_H

#include <stddef.h>
#include <stdint.h>

#include <lector/plugin.h>

#include "terms.h"

/* How much each signal counts; see rank.c for why the defaults are what they are. */
struct rank_weights {
	double centrality;	/* LexRank over sentence similarity */
	double frequency;	/* mean document frequency of its words */
	double position;	/* prior by position in the article */
	double title;		/* overlap with the title */
	double entity;		/* mentions of the article's main entities */
	double redundancy;	/* MMR: weight of similarity to chosen ones */
	double duplicate;	/* similarity above which a sentence is a repeat */
};

extern const struct rank_weights rank_defaults;

struct rank_doc {
	size_t n;			/* sentences */
	const lector_span *sent;
	const struct terms *terms;
	const uint8_t *skip;		/* per sentence: nonzero = boilerplate */
	const int32_t *title;		/* terms of the title */
	size_t ntitle;
	const double *entity;		/* per sentence, or NULL */
};

struct rank_pick {
	size_t sentence;
	double score;
};

/*
 * Scores the sentences and picks up to k of them, returned in article
 * order in pick (room for k). *npick is how many were picked (fewer when
 * the article has fewer candidates). Returns LECTOR_OK or LECTOR_ENOMEM.
 */
int rank_pick(const struct rank_doc *d, const struct rank_weights *w,
    size_t k, struct rank_pick *pick, size_t *npick);

/*
 * The scores alone, one per sentence (0 for boilerplate), for tests and
 * for tuning. Returns LECTOR_OK or LECTOR_ENOMEM.
 */
int rank_scores(const struct rank_doc *d, const struct rank_weights *w,
    double *score);

/* The prior of a sentence at index i of n, from the dev data. */
double rank_position_prior(size_t i, size_t n);

#endif
